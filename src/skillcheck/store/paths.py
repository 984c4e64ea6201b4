"""Where skillcheck keeps its own files: the data folder and the question bank.

The data folder holds the autosave, its backups, the kept results (`history/`) and the
crash log. Tests point it at a
temporary folder through SKILLCHECK_DATA_DIR (the `data_dir` fixture). Paths a user
names (answers, results, `--output`) and the SSH server's `--data` folder are not here.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "skillcheck"


def data_dir() -> Path:
    """Where autosaves, backups and crash logs live: SKILLCHECK_DATA_DIR or the platform's."""
    override = os.environ.get("SKILLCHECK_DATA_DIR")
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def bundled_bank_dir() -> Path:
    """The question bank shipped with skillcheck.

    A wheel carries it inside the package (`skillcheck/questions`); a source
    checkout or an editable install reads the repository's top-level `questions/`.
    """
    package = Path(__file__).resolve().parent.parent
    inside = package / "questions"
    if inside.is_dir():
        return inside
    return package.parent.parent / "questions"


def bank_dir(explicit: Path | None = None) -> Path:
    """The bank to use: an explicit --bank, then SKILLCHECK_BANK, then the bundled one."""
    if explicit is not None:
        return explicit
    override = os.environ.get("SKILLCHECK_BANK")
    if override:
        return Path(override).expanduser()
    return bundled_bank_dir()


def autosave_path(hire: bool = False) -> Path:
    """The assessment's autosave, or with `hire` the `skillcheck hire` flow's own."""
    return data_dir() / ("hire-session.toml" if hire else "session.toml")


def history_dir() -> Path:
    """Every finished assessment's results, one file per run, named by time."""
    return data_dir() / "history"


def crash_log_path() -> Path:
    return data_dir() / "crash.log"
