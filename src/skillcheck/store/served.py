"""The folder `skillcheck serve --data DIR` keeps: one folder per candidate key.

    DIR/candidates/<id>/session.toml    the autosave
    DIR/candidates/<id>/results.toml    written when the candidate finishes
    DIR/position.toml                   with `serve --position`: the profile every
                                        session is scored against, copied at start

`<id>` is the hex SHA-256 of the candidate's public key. The SSH server writes these
folders and `skillcheck report` reads them; this layout needs no SSH library.
"""

from __future__ import annotations

from pathlib import Path

#: Hex digits of the id shown in log lines and the team report.
SHORT_ID_LENGTH = 10


def candidates_root(data_dir: Path) -> Path:
    return data_dir / "candidates"


def results_path(folder: Path) -> Path:
    return folder / "results.toml"


def served_position_path(data_dir: Path) -> Path:
    """The copy of `serve --position`'s profile that every session reads."""
    return data_dir / "position.toml"
