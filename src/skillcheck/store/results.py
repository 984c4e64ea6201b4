"""Results files: `Results` as TOML, written atomically and read back with clear errors.

Layout (TOML has no null, so None fields are left out and restored on load):

    schema_version = 4
    asked = ["programming-rate", ...]   the questions asked, in order (not in schema 1)
    answered = 40
    total = 44                          len(asked); in schema 1, the bank's question count
    [bank]                version, sha256
    [answers]             question id = value
    [roles.<id>]          name, fit, fit_low, fit_high, interest, interest_low,
                          interest_high, strengths, gaps
    [skills.<id>]         name, level, level_low, level_high, verified, self_rated, tested,
                          evidence, calibration
    [headline]            closest, difference, difference_low, difference_high, roles,
                          tell_apart, leaning (not before schema 3)
    [[gaps]]              role, skill, name, required, level, importance, cost, verified
    [[recommendations]]   kind, id, name, covers, roles, reason
    [[careers]]           id, name, fit, from_roles
    [[review]]            question, skill, chosen, answer, correct, explanation
    [position]            name, roles, fit, fit_low, fit_high, strengths (schema 4, only
                          when scored against a position profile)
    [[position.gaps]]     as [[gaps]], with role = "position"
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from skillcheck.domain.models import Bank
from skillcheck.domain.results import READABLE_SCHEMA_VERSIONS, Results
from skillcheck.errors import UserError
from skillcheck.store.atomic import write_atomic
from skillcheck.store.toml_file import validation_problem
from skillcheck.store.user_file import read_toml_input, shown

#: Decimals kept in the file: as many as scoring keeps (percentages to a tenth, levels to
#: a thousandth), so a results file shown again reads exactly as the screen did; rounding
#: 2.949 to 2.95 here would show as 3.0 where the screen said 2.9.
PERCENT_DECIMALS = 1
LEVEL_DECIMALS = 3

_HEADER = (
    "# skillcheck results. Show them again with: skillcheck show {name}\n"
    "# Re-score the answers below with: skillcheck score {name}\n\n"
)


def results_to_toml(results: Results, name: str = "RESULTS.toml") -> str:
    """The results file's text; `name` is only used in the header's example commands."""
    document = results.model_dump(mode="json", exclude_none=True)
    for role in document["roles"].values():
        _round(
            role,
            ("fit", "fit_low", "fit_high", "interest", "interest_low", "interest_high"),
            PERCENT_DECIMALS,
        )
    for skill in document["skills"].values():
        _round(
            skill,
            ("level", "level_low", "level_high", "self_rated", "tested", "evidence"),
            LEVEL_DECIMALS,
        )
    if "headline" in document:
        _round(
            document["headline"],
            ("difference", "difference_low", "difference_high"),
            PERCENT_DECIMALS,
        )
    for gap in document["gaps"]:
        _round(gap, ("level", "cost"), LEVEL_DECIMALS)
    for career in document["careers"]:
        _round(career, ("fit",), PERCENT_DECIMALS)
    if "position" in document:
        _round(document["position"], ("fit", "fit_low", "fit_high"), PERCENT_DECIMALS)
        for gap in document["position"]["gaps"]:
            _round(gap, ("level", "cost"), LEVEL_DECIMALS)
    return _HEADER.format(name=name) + tomli_w.dumps(document)


def _round(table: dict[str, Any], keys: tuple[str, ...], decimals: int) -> None:
    for key in keys:
        if isinstance(table.get(key), float):
            table[key] = round(table[key], decimals)


def write_results(path: Path, results: Results) -> None:
    """Write `results` to `path` atomically (UserError naming the path if it cannot)."""
    write_atomic(path, results_to_toml(results, name=path.name))


def load_results(path: Path) -> Results:
    """Read a results file, raising UserError (one sentence naming the file) if it is unusable.

    Schema 1 (before the questions asked were recorded) is still read: its `total`
    then stands for the questions asked.
    """
    document = read_toml_input(path, "a results file")
    if "schema_version" not in document:
        raise UserError(f"{path}: not a skillcheck results file (it has no schema_version).")
    version = document["schema_version"]
    if type(version) is not int or version not in READABLE_SCHEMA_VERSIONS:
        *first, last = (str(v) for v in READABLE_SCHEMA_VERSIONS)
        readable = f"{', '.join(first)} and {last}" if first else last
        raise UserError(
            f"{path}: results schema_version {shown(version)} is not supported; "
            f"this skillcheck reads versions {readable}."
        )
    _restore_none(document)
    try:
        return Results.model_validate(document)
    except ValidationError as exc:
        problem = validation_problem(exc)
        raise UserError(f"{path}: not a complete results file ({problem}).") from None


def load_asked(path: Path, bank: Bank) -> list[str] | None:
    """The questions an answers file says were asked, or None when it does not say.

    A results file records them (`asked`, schema 2), so scoring it again says "answered
    N of M" with the M of the session; a plain answers file has no `asked` and is
    scored as if every question of the bank was asked. Each id must be a question of
    `bank`, and every answered question must be among them.
    """
    document = read_toml_input(path, "an answers file")
    if "asked" not in document:
        return None
    asked = document["asked"]
    if not isinstance(asked, list) or not all(isinstance(qid, str) for qid in asked):
        raise UserError(f"{path}: asked must be a list of question ids.")
    for number, qid in enumerate(asked, start=1):
        if qid not in bank.question_by_id:
            raise UserError(
                f"{path}: asked[{number}] {shown(qid)}: no question has this id in bank "
                f"{bank.info.version}."
            )
    answers = document.get("answers")
    listed = set(asked)
    for qid in answers if isinstance(answers, dict) else ():
        if qid not in listed:
            raise UserError(f"{path}: [answers] {shown(qid)} is answered but not listed in asked.")
    return list(asked)


def _restore_none(document: dict[str, Any]) -> None:
    """Put back the None fields that TOML cannot hold."""
    headline = document.get("headline")
    if isinstance(headline, dict):
        headline.setdefault("closest", None)
    for table_name, keys in (("skills", ("self_rated", "tested")), ("roles", ("interest",))):
        tables = document.get(table_name)
        if not isinstance(tables, dict):
            continue
        for table in tables.values():
            if isinstance(table, dict):
                for key in keys:
                    table.setdefault(key, None)


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
