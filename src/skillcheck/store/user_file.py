"""Files a user names: what every reader checks first, and how their values are quoted.

A named pipe without a writer makes a read wait forever and a device may never end,
so no reader opens one; a document nested deeper than the TOML reader can follow is
named, not a crash. Values and keys from a file are quoted as TOML writes them and cut
short, so a message about them stays one readable line.
"""

from __future__ import annotations

import stat
from datetime import date, time
from pathlib import Path
from typing import Any

from skillcheck.errors import UserError
from skillcheck.store.toml_file import read_toml_file, toml_value

#: Longest value or key shown in a message; longer ones end in "...".
MAX_SHOWN = 60


def special_file_kind(path: Path) -> str | None:
    """How to name what `path` is (or links to) when no reader may open it.

    "a pipe", "a socket" or "a device"; None for a file, a directory, or a path that
    cannot be looked at (the read that follows names why).
    """
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return None
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return None


def read_toml_input(path: Path, what: str) -> dict[str, Any]:
    """`read_toml_file` for a file a user names (`what`: "an answers file").

    Raises UserError, one sentence naming the file, also for a pipe or a device and
    for arrays or tables nested deeper than the reader follows.
    """
    kind = special_file_kind(path)
    if kind is not None:
        raise UserError(f"{path}: is {kind}, not {what}.")
    try:
        return read_toml_file(path, what)
    except RecursionError:
        raise UserError(f"{path}: cannot be read (arrays or tables nested too deeply).") from None


def shown(value: object) -> str:
    """`value` as TOML writes it ("a", 3, 1979-05-27), cut to MAX_SHOWN characters."""
    text = value.isoformat() if isinstance(value, date | time) else toml_value(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 3] + "..."
