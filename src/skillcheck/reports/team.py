"""`skillcheck report DIR`: every served candidate's results in one table (and TOML).

Reads the folders `skillcheck serve` keeps (`store.served`) and the results files in
them; it needs no SSH library.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from skillcheck.errors import UserError
from skillcheck.store.atomic import write_atomic
from skillcheck.store.paths import autosave_path
from skillcheck.store.results import load_results
from skillcheck.store.served import SHORT_ID_LENGTH, candidates_root, results_path

TOP_GAPS = 3


@dataclass
class CandidateRow:
    """One candidate folder, summarised."""

    candidate_id: str
    status: str
    """finished (results written), in progress (an autosave only), not started, or broken."""
    updated: datetime | None = None
    answered: int | None = None
    total: int | None = None
    fit: dict[str, float] = field(default_factory=dict)
    """Role id -> fit 0..100, from the results file."""
    role_names: dict[str, str] = field(default_factory=dict)
    top_gaps: list[str] = field(default_factory=list)
    """Skill ids of the costliest gaps, worst first."""
    top_gap_names: list[str] = field(default_factory=list)
    problem: str | None = None
    """For a broken results file: the one sentence naming it."""

    @property
    def short_id(self) -> str:
        return self.candidate_id[:SHORT_ID_LENGTH]

    @property
    def fingerprint(self) -> str | None:
        """The key's `SHA256:...` fingerprint: the folder name is the same hash in hex."""
        try:
            digest = bytes.fromhex(self.candidate_id)
        except ValueError:
            return None
        if len(digest) != 32:
            return None
        return "SHA256:" + base64.b64encode(digest).decode().rstrip("=")


def collect_team(data_dir: Path) -> list[CandidateRow]:
    """A row per folder under `DIR/candidates/`, newest activity first."""
    if not data_dir.is_dir():
        raise UserError(f"{data_dir}: no such folder.")
    root = candidates_root(data_dir)
    if not root.is_dir():
        return []
    rows = [_summarise(folder) for folder in root.iterdir() if folder.is_dir()]
    oldest = datetime.min.replace(tzinfo=UTC)
    rows.sort(key=lambda row: (row.updated or oldest, row.candidate_id), reverse=True)
    return rows


def _summarise(folder: Path) -> CandidateRow:
    results_file = results_path(folder)
    autosave = folder / autosave_path().name
    updated = _latest_change(results_file, autosave)
    if not results_file.exists():
        status = "in progress" if autosave.exists() else "not started"
        return CandidateRow(folder.name, status, updated)
    try:
        results = load_results(results_file)
    except UserError as exc:
        return CandidateRow(folder.name, "broken", updated, problem=str(exc))
    gaps: dict[str, str] = {}  # skill id -> name, costliest (for any role) first
    for gap in sorted(results.gaps, key=lambda gap: -gap.cost):
        gaps.setdefault(gap.skill, gap.name)
    return CandidateRow(
        folder.name,
        "finished",
        updated,
        answered=results.answered,
        total=results.total,
        fit={role_id: role.fit for role_id, role in sorted(results.roles.items())},
        role_names={role_id: role.name for role_id, role in results.roles.items()},
        top_gaps=list(gaps)[:TOP_GAPS],
        top_gap_names=list(gaps.values())[:TOP_GAPS],
    )


def _latest_change(*paths: Path) -> datetime | None:
    times = []
    for path in paths:
        try:
            times.append(path.stat().st_mtime)
        except OSError:
            continue
    return datetime.fromtimestamp(int(max(times)), UTC) if times else None


def role_ids(rows: list[CandidateRow]) -> list[str]:
    return sorted({role for row in rows for role in row.fit})


def team_table(rows: list[CandidateRow]) -> Table:
    roles = role_ids(rows)
    names = {role: name for row in rows for role, name in row.role_names.items()}
    # Fits 80 columns with two roles; when each was last active is in the TOML.
    table = Table(title="skillcheck candidates: fit per role, 0-100%")
    table.add_column("candidate", style="bold", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("answers", justify="right", no_wrap=True)
    # Names, ids and folder names come from the files: cells are Text, never markup,
    # so a name like "[/x]" is shown as it is rather than stopping the report.
    for role in roles:
        # "AI Engineer" over two lines keeps the table inside 80 columns.
        table.add_column(Text(names.get(role, role).replace(" ", "\n")), justify="right")
    table.add_column("top gaps", ratio=1, min_width=12)
    for row in rows:
        answered = str(row.answered) if row.answered is not None else ""
        fits = [f"{row.fit[role]:.0f}%" if role in row.fit else "" for role in roles]
        status = Text(row.status, style="red" if row.status == "broken" else "")
        table.add_row(Text(row.short_id), status, answered, *fits, Text(", ".join(row.top_gaps)))
    return table


def team_to_toml(rows: list[CandidateRow]) -> str:
    candidates: list[dict[str, Any]] = []
    for row in rows:
        entry: dict[str, Any] = {"id": row.candidate_id, "status": row.status}
        if row.fingerprint is not None:
            entry["key"] = row.fingerprint
        if row.updated is not None:
            entry["updated"] = row.updated
        if row.answered is not None and row.total is not None:
            entry["answered"] = row.answered
            entry["total"] = row.total
        if row.status == "finished":
            entry["top_gaps"] = row.top_gaps
            entry["top_gap_names"] = row.top_gap_names
            entry["fit"] = {role: round(fit, 1) for role, fit in row.fit.items()}
        if row.problem is not None:
            entry["problem"] = row.problem
        candidates.append(entry)
    header = "# skillcheck team report: one [[candidates]] table per candidate key.\n\n"
    return header + tomli_w.dumps({"candidates": candidates})


def print_team_report(data_dir: Path, output: Path | None, console: Console) -> int:
    """Print the table (and write TOML to `output`); the exit code."""
    rows = collect_team(data_dir)
    if not rows:
        console.print(f"No candidates yet under {escape(str(candidates_root(data_dir)))}.")
    else:
        console.print(team_table(rows))
        for row in rows:
            if row.problem is not None:
                console.print(
                    f"[red]{escape(row.short_id)}[/red]: {escape(row.problem)}",
                    highlight=False,
                    soft_wrap=True,
                )
    if output is not None:
        write_atomic(output, team_to_toml(rows))
        console.print(f"Wrote {escape(str(output))}.")
    return 0
