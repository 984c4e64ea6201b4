"""Position profiles (`position.toml`): written by `skillcheck hire`, editable by hand,
read back with every problem named at its line.

    name = "AI Engineer for this project"
    roles = ["ai-engineer"]             the base role(s): two when either would do

    [needs.programming]                 one table per skill the position weighs
    importance = 3                      1 useful, 2 important, 3 central
    required = 3                        the level (0..4) where it stops being a gap
    reason = "as the AI Engineer role"  one line: why, against the base role model
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli
import tomli_w
from pydantic import ValidationError

from skillcheck.domain.models import Bank
from skillcheck.domain.position import Position
from skillcheck.errors import UserError
from skillcheck.store.atomic import write_atomic
from skillcheck.store.toml_file import (
    TOML_ERRORS,
    field_problem,
    finding_line,
    syntax_problem,
    toml_key_path,
)
from skillcheck.store.toml_scan import TomlLayout, scan
from skillcheck.store.user_file import shown, special_file_kind

_HEADER = (
    "# skillcheck position profile, made by `skillcheck hire`; edit it freely and check it\n"
    "# with: skillcheck validate {name}\n"
    "# Score a candidate against it: skillcheck score ANSWERS.toml --position {name}\n"
    "# importance: 1 useful, 2 important, 3 central; required: the level 0..4 where a skill\n"
    "# stops being a gap; reason: why it differs from the base role model.\n\n"
)


def position_to_toml(position: Position, name: str = "position.toml") -> str:
    """The position file's text; `name` is only used in the header's example commands."""
    return _HEADER.format(name=name) + tomli_w.dumps(position.model_dump(mode="json"))


def write_position(path: Path, position: Position) -> None:
    """Write `position` to `path` atomically (UserError naming the path if it cannot)."""
    write_atomic(path, position_to_toml(position, name=path.name))


def load_position(path: Path, bank: Bank) -> Position:
    """Read the position profile at `path`, checked against `bank`.

    Raises UserError with the first problem as one `file:line: message.` sentence
    (`position_problems` lists them all).
    """
    position, problems = check_position(path, bank)
    if position is None:
        more = f" ({len(problems) - 1} more in this file)" if len(problems) > 1 else ""
        raise UserError(problems[0].removesuffix(".") + more + ".")
    return position


def check_position(path: Path, bank: Bank) -> tuple[Position | None, list[str]]:
    """The position at `path` and no problems, or None and every problem found, each
    `file:line: message.` (what `skillcheck validate position.toml` prints)."""
    name = str(path)
    kind = special_file_kind(path)
    if kind is not None:
        return None, [f"{name}: is {kind}, not a position profile."]
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [f"{name}: no such file."]
    except IsADirectoryError:
        return None, [f"{name}: is a directory, not a position profile."]
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return None, [f"{name}: cannot be read ({reason})."]
    try:
        document = tomli.loads(text)
    except TOML_ERRORS as exc:
        return None, [syntax_problem(name, exc)]
    lines = _Lines(scan(text))
    problems: list[str] = []
    position: Position | None = None
    try:
        position = Position.model_validate(document)
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(
                finding_line(name, lines.line(loc), field_problem(error, toml_key_path(loc)))
            )
    problems += _bank_problems(name, document, lines, bank)
    return (None, problems) if problems else (position, [])


def _bank_problems(name: str, document: dict[str, Any], lines: _Lines, bank: Bank) -> list[str]:
    """Role and skill ids the bank does not have (checked even when fields are broken)."""
    problems = []
    roles = document.get("roles")
    for number, role in enumerate(roles if isinstance(roles, list) else [], start=1):
        if isinstance(role, str) and role not in bank.role_by_id:
            known = ", ".join(r.id for r in bank.roles)
            problems.append(
                finding_line(
                    name,
                    lines.line(("roles",)),
                    f"roles[{number}] {shown(role)} is not a role of bank {bank.info.version} "
                    f"({known})",
                )
            )
    needs = document.get("needs")
    for skill in needs if isinstance(needs, dict) else {}:
        if skill not in bank.skill_by_id:
            problems.append(
                finding_line(
                    name,
                    lines.line(("needs", skill)),
                    f"needs.{toml_key_path((skill,))} names no skill of bank {bank.info.version}",
                )
            )
    return problems


class _Lines:
    """Where a key of the position file is written (1-based), from its statements."""

    def __init__(self, layout: TomlLayout) -> None:
        self.statements = layout.statements

    def line(self, loc: tuple[str | int, ...]) -> int | None:
        keys = tuple(str(part) for part in loc if isinstance(part, str))
        best: int | None = None
        table: tuple[str, ...] = ()
        for statement in self.statements:
            if statement.kind != "key":
                table = statement.parts
                if keys[: len(table)] == table and table:
                    best = statement.line
                continue
            full = table + statement.parts
            if full == keys[: len(full)]:
                return statement.line + 1
        if best is None and keys:
            # A missing key of a table: the table's header; a missing top-level key: none.
            return None
        return None if best is None else best + 1
