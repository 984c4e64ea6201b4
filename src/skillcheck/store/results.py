"""Results files: `Results` as TOML, written atomically and read back with clear errors.

Layout (TOML has no null, so None fields are left out and restored on load):

    schema_version = 1
    answered = 40
    total = 44
    [bank]                version, sha256
    [answers]             question id = value
    [roles.<id>]          name, fit, interest, strengths, gaps
    [skills.<id>]         name, level, self_rated, tested, evidence, calibration
    [[gaps]]              role, skill, name, required, level, importance, cost
    [[recommendations]]   kind, id, name, covers, roles, reason
    [[careers]]           id, name, fit, from_roles
    [[review]]            question, skill, chosen, answer, correct, explanation
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from skillcheck.domain.models import Bank
from skillcheck.domain.results import SCHEMA_VERSION, Results
from skillcheck.errors import UserError
from skillcheck.store.atomic import write_atomic
from skillcheck.store.user_file import read_toml_input, shown

#: Decimals kept in the file: percentages to a tenth, levels to a hundredth.
PERCENT_DECIMALS = 1
LEVEL_DECIMALS = 2
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]{1,60}")

_HEADER = (
    "# skillcheck results. Show them again with: skillcheck show {name}\n"
    "# Re-score the answers below with: skillcheck score {name}\n\n"
)


def results_to_toml(results: Results, name: str = "RESULTS.toml") -> str:
    """The results file's text; `name` is only used in the header's example commands."""
    document = results.model_dump(mode="json", exclude_none=True)
    for role in document["roles"].values():
        _round(role, ("fit", "interest"), PERCENT_DECIMALS)
    for skill in document["skills"].values():
        _round(skill, ("level", "self_rated", "tested", "evidence"), LEVEL_DECIMALS)
    for gap in document["gaps"]:
        _round(gap, ("level", "cost"), LEVEL_DECIMALS)
    for career in document["careers"]:
        _round(career, ("fit",), PERCENT_DECIMALS)
    return _HEADER.format(name=name) + tomli_w.dumps(document)


def _round(table: dict[str, Any], keys: tuple[str, ...], decimals: int) -> None:
    for key in keys:
        if isinstance(table.get(key), float):
            table[key] = round(table[key], decimals)


def write_results(path: Path, results: Results) -> None:
    """Write `results` to `path` atomically (UserError naming the path if it cannot)."""
    write_atomic(path, results_to_toml(results, name=path.name))


def load_results(path: Path) -> Results:
    """Read a results file, raising UserError (one sentence naming the file) if it is unusable."""
    document = read_toml_input(path, "a results file")
    if "schema_version" not in document:
        raise UserError(f"{path}: not a skillcheck results file (it has no schema_version).")
    version = document["schema_version"]
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise UserError(
            f"{path}: results schema_version {shown(version)} is not supported; "
            f"this skillcheck reads version {SCHEMA_VERSION}."
        )
    _restore_none(document)
    try:
        return Results.model_validate(document)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = _toml_place(tuple(error["loc"]))
        what = "is missing" if error["type"] == "missing" else error["msg"].lower()
        raise UserError(f"{path}: not a complete results file ({where} {what}).") from None


def _restore_none(document: dict[str, Any]) -> None:
    """Put back the None fields that TOML cannot hold."""
    for table_name, keys in (("skills", ("self_rated", "tested")), ("roles", ("interest",))):
        tables = document.get(table_name)
        if not isinstance(tables, dict):
            continue
        for table in tables.values():
            if isinstance(table, dict):
                for key in keys:
                    table.setdefault(key, None)


def _toml_place(loc: tuple[str | int, ...]) -> str:
    """A pydantic location as the TOML reader sees it: gaps[2].cost, roles.ai-engineer.fit."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
            continue
        # A key from the file is quoted unless bare, so a newline in it stays on the line.
        key = part if _BARE_KEY.fullmatch(part) else shown(part)
        text += f".{key}" if text else key
    return text


def check_bank_matches(results: Results, bank: Bank) -> str | None:
    """A sentence saying the results were made with another bank, or None when it is this one."""
    made, now = results.bank, bank.info
    if made.sha256 == now.sha256:
        return None
    return (
        f"these results were made with question bank {made.version} ({made.sha256[:8]}), "
        f"not the one in use ({now.version}, {now.sha256[:8]}), so re-scoring their answers "
        "may give other numbers"
    )
