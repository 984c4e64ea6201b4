"""Reading a user's TOML file (answers, results, autosave) with one-sentence errors."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from skillcheck.errors import UserError
from skillcheck.store.bank_locate import toml_error_position


def read_toml_file(path: Path, what: str) -> dict[str, Any]:
    """Parse a user's TOML file, raising UserError with one sentence naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not {what}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UserError(f"{path}: cannot be read ({reason}).") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line, column = toml_error_position(str(exc))
        place = f"{path}:{line}" if line else str(path)
        at_column = f" at column {column}" if column else ""
        raise UserError(f"{place}: not valid TOML{at_column} ({message}).") from None


def toml_value(value: object) -> str:
    """A value as it is written in TOML, for messages: 3, "a", true."""
    if isinstance(value, str | int | float | bool):
        return tomli_w.dumps({"v": value})[4:].strip()
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return repr(value)
