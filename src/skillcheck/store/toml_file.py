"""Reading TOML files, and the one way their problems are worded.

Every reader of a TOML file (the bank, answers, results, the autosave) parses with
tomli and words what is wrong here, so the same mistake reads the same everywhere:

- a syntax error: `file:line: not valid TOML at column C (message).`, the line and
  column taken from tomli's exception, not from its message (a document nested too
  deeply or a number too long: `file: cannot be read (...)`);
- a validation finding: `file:line: message.` (`finding_line`), where a pydantic error
  is put in words by `field_problem`: `"name" is missing`, `"fit" should be a valid
  number, not "high"` (`validation_problem`: the first error of a whole document, its
  place a TOML key path);
- a file that cannot be read: `file: cannot be read (Permission denied).` (`read_problem`).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import tomli
import tomli_w
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from skillcheck.errors import UserError

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")

#: What parsing TOML can raise: tomli's TOMLDecodeError (a ValueError) for a syntax error;
#: a plain ValueError for an integer too long for Python; RecursionError for arrays or
#: inline tables nested too deeply.
TOML_ERRORS = (ValueError, RecursionError)


def place(name: str, line: int | None = None) -> str:
    """Where something is: `name:line`, or just `name` when the line is unknown."""
    return f"{name}:{line}" if line else name


def finding_line(name: str, line: int | None, message: str) -> str:
    """One validation finding as it is shown: `name:line: message.`"""
    return f"{place(name, line)}: {message}."


def syntax_message(exc: ValueError | RecursionError) -> str:
    """A TOML error (one of `TOML_ERRORS`) without its place.

    `not valid TOML at column 8 (Invalid value)` (the line goes into the place), or
    `cannot be read (arrays or tables nested too deeply)`.
    """
    if isinstance(exc, tomli.TOMLDecodeError):
        column = f" at column {exc.colno}" if exc.colno else ""
        return f"not valid TOML{column} ({exc.msg})"
    # Valid TOML, perhaps, but more than this reader can take.
    if isinstance(exc, RecursionError):
        return "cannot be read (arrays or tables nested too deeply)"
    if "digits" in str(exc):
        return "cannot be read (a number has too many digits)"
    return f"cannot be read ({exc})"


def syntax_problem(name: str, exc: ValueError | RecursionError) -> str:
    """A TOML error in `name`: `name:3: not valid TOML at column 8 (Invalid value).`"""
    line = exc.lineno if isinstance(exc, tomli.TOMLDecodeError) else None
    return finding_line(name, line, syntax_message(exc))


def parse_toml(text: str, name: str) -> dict[str, Any]:
    """Parse TOML `text` read from `name`; UserError (`syntax_problem`) if it is not TOML."""
    try:
        return tomli.loads(text)
    except TOML_ERRORS as exc:
        raise UserError(syntax_problem(name, exc)) from None


def read_toml_file(path: Path, what: str) -> dict[str, Any]:
    """Parse a user's TOML file, raising UserError with one sentence naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"{path}: no such file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: {read_problem(exc, what)}.") from None
    return parse_toml(text, str(path))


def read_problem(exc: OSError | UnicodeDecodeError, what: str) -> str:
    """Why a file could not be read, without its place: `is a directory, not {what}`,
    `cannot be read (Permission denied)`."""
    if isinstance(exc, IsADirectoryError):
        return f"is a directory, not {what}"
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return f"cannot be read ({reason})"


def field_problem(error: ErrorDetails, field_name: str) -> str:
    """A pydantic error in words, after `field_name` (how the caller names its location).

    `"name" is missing`, `"kind" is not a known field`, `"fit" should be a valid number,
    not "high"`: pydantic's own sentence, lower-cased, with the offending value when short.
    """
    kind = error["type"]
    if kind == "missing":
        return f"{field_name} is missing"
    if kind == "extra_forbidden":
        return f"{field_name} is not a known field"
    if kind == "value_error":  # a model's own rule: its words, not pydantic's prefix
        return f"{field_name}: {error.get('ctx', {}).get('error', error['msg'])}"
    if kind in ("model_type", "dict_type"):  # not "a valid dictionary or instance of Option"
        return f"{field_name} should be a table" + _not(error.get("input"))
    if kind == "too_short":  # not "Dictionary should have at least 1 item after validation"
        least = error.get("ctx", {}).get("min_length", 1)
        return f"{field_name} should have at least {least} {'entry' if least == 1 else 'entries'}"
    message = error["msg"]
    if message.startswith("Input should be"):
        message = "should be" + message.removeprefix("Input should be")
    else:
        message = message[:1].lower() + message[1:]
    return f"{field_name} {message}" + _not(error.get("input"))


def validation_problem(exc: ValidationError) -> str:
    """The first validation error of a TOML document, its place a key path:
    `roles.ai-engineer.fit is missing`.

    An `answers` table (results files, the autosave) holds a whole number or text, and
    pydantic puts the branch it tried ("int") in the place: the answer is named with
    both things it may be instead.
    """
    error = exc.errors()[0]
    loc = tuple(error["loc"])
    if not loc:  # a rule across the whole document: its own words, no place
        return str(error.get("ctx", {}).get("error", error["msg"]))
    if loc[0] == "answers" and len(loc) == 3:
        return f"{toml_key_path(loc[:2])} should be a whole number or text" + _not(
            error.get("input")
        )
    return field_problem(error, toml_key_path(loc))


def _not(value: object) -> str:
    shown = short_value(value)
    return f", not {shown}" if shown else ""


def toml_key_path(loc: tuple[str | int, ...]) -> str:
    """A pydantic location as a TOML reader sees it: gaps[2].cost, roles.ai-engineer.fit.

    A key that is not bare is quoted as TOML writes it, so a dot or a line break in a key
    from the file cannot blur the path or break the message's line. () is "the file".
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
            continue
        key = part if _BARE_KEY.fullmatch(part) else toml_value(part)
        text += f".{key}" if text else key
    return text or "the file"


def short_value(value: object) -> str | None:
    """A scalar as TOML would write it, or None for tables, lists and long text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str) and len(value) <= 40:
        return toml_value(value)
    return None


def toml_value(value: object) -> str:
    """A value as it is written in TOML, for messages: 3, "a", true."""
    if isinstance(value, str | int | float | bool):
        return tomli_w.dumps({"v": value})[4:].strip()
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return repr(value)
