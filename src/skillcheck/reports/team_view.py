"""The team dashboard's table as data: its columns, sorting and filters (no Textual).

The dashboard (`ui.screens.team`) lays these out; what a column shows and how it sorts
is decided here, once, so it is tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from skillcheck.reports.position_fit import FitRange
from skillcheck.reports.team import (
    CandidateRow,
    active_text,
    answers_text,
    fit_text,
    role_ids,
    role_names,
)

#: What the status filter cycles through, in order.
STATUS_FILTERS = ("all", "finished", "in progress")
Sortable = float | str | datetime


@dataclass(frozen=True)
class Column:
    """One column of the dashboard: its heading, its cell and the value it sorts by."""

    key: str
    label: str
    cell: Callable[[CandidateRow], str]
    value: Callable[[CandidateRow], Sortable | None]
    """What the column sorts by; None sorts last whichever way the column is sorted."""
    numeric: bool = False
    """Right-aligned, and sorted highest first when first chosen."""


def _fit_column(key: str, label: str, fit: Callable[[CandidateRow], FitRange | None]) -> Column:
    def value(row: CandidateRow) -> float | None:
        found = fit(row)
        return None if found is None else found.fit

    return Column(key, label, lambda row: fit_text(fit(row)), value, numeric=True)


def _role_fit(role: str) -> Callable[[CandidateRow], FitRange | None]:
    return lambda row: row.fits.get(role)


def team_columns(rows: list[CandidateRow], position: str | None = None) -> list[Column]:
    """id, status, answers, a fit per role (and the position), top gaps, last active."""
    names = role_names(rows)
    columns = [
        Column("id", "candidate", lambda row: row.short_id, lambda row: row.candidate_id),
        Column("status", "status", lambda row: row.status, lambda row: row.status),
        Column(
            "answers",
            "answers",
            answers_text,
            lambda row: None if row.answered is None else float(row.answered),
            numeric=True,
        ),
    ]
    for role in role_ids(rows):
        label = names.get(role, role)
        columns.append(_fit_column(role, label, _role_fit(role)))
    if position is not None:
        columns.append(_fit_column("position", position, lambda row: row.position))
    columns += [
        Column("gaps", "top gaps", gaps_cell, lambda row: ", ".join(row.top_gaps) or None),
        Column("active", "last active", active_text, lambda row: row.updated),
    ]
    return columns


def gaps_cell(row: CandidateRow) -> str:
    """The top gaps, or for a broken file its problem (the file's name is in the status)."""
    if row.short_problem is not None:
        return row.short_problem
    return ", ".join(row.top_gaps)


def sort_rows(rows: list[CandidateRow], column: Column, descending: bool) -> list[CandidateRow]:
    """`rows` sorted by `column`; rows without a value last, in their order."""
    present = [row for row in rows if column.value(row) is not None]
    missing = [row for row in rows if column.value(row) is None]
    present.sort(key=lambda row: column.value(row), reverse=descending)  # type: ignore[arg-type,return-value]
    return present + missing


def matches(row: CandidateRow, status: str, text: str) -> bool:
    """Is `row` shown under the status filter and the text filter (id, key or a gap)?"""
    if status == "finished" and row.status != "finished":
        return False
    if status == "in progress" and row.status not in ("in progress", "not started"):
        return False
    needle = text.strip().lower()
    if not needle:
        return True
    haystack = [row.candidate_id, row.fingerprint or "", *row.top_gaps, *row.top_gap_names]
    return any(needle in item.lower() for item in haystack)


def visible_rows(
    rows: list[CandidateRow],
    *,
    status: str = "all",
    text: str = "",
    column: Column | None = None,
    descending: bool = False,
) -> list[CandidateRow]:
    """The rows the dashboard shows: filtered, then sorted (unsorted: as collected)."""
    shown = [row for row in rows if matches(row, status, text)]
    return shown if column is None else sort_rows(shown, column, descending)
