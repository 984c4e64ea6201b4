"""`skillcheck report DIR`: every served candidate's results in one table, TOML or CSV.

Reads the folders `skillcheck serve` keeps (`store.served`) and the results files in
them; it needs no SSH library. The dashboard (`ui.team`) shows the same rows.
"""

from __future__ import annotations

import base64
import csv
import io
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tomli_w
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from skillcheck.domain.models import Bank
from skillcheck.domain.results import Results
from skillcheck.errors import UserError
from skillcheck.reports.position_fit import FitRange, PositionNeeds, position_fit
from skillcheck.store.atomic import write_atomic
from skillcheck.store.paths import autosave_path
from skillcheck.store.results import load_results
from skillcheck.store.served import SHORT_ID_LENGTH, candidates_root, results_path

TOP_GAPS = 3
#: What `--format` takes.
FORMATS = ("text", "toml", "csv")


@dataclass
class CandidateRow:
    """One candidate folder, summarised."""

    candidate_id: str
    status: str
    """finished (results written), in progress (an autosave only), not started, or broken."""
    updated: datetime | None = None
    answered: int | None = None
    total: int | None = None
    fits: dict[str, FitRange] = field(default_factory=dict)
    """Role id -> fit 0..100 (with its 80 % interval from schema 3), from the results file."""
    role_names: dict[str, str] = field(default_factory=dict)
    top_gaps: list[str] = field(default_factory=list)
    """Skill ids of the costliest gaps, worst first."""
    top_gap_names: list[str] = field(default_factory=list)
    problem: str | None = None
    """For a broken results file: the one sentence naming it."""
    folder: Path | None = field(default=None, repr=False)
    """The candidate's folder (its results file and autosave are in it)."""
    results: Results | None = field(default=None, repr=False)
    """The results read, to show them in full (finished candidates only)."""
    position: FitRange | None = None
    """The fit to the `--position` profile, from the saved answers scored again."""

    @property
    def fit(self) -> dict[str, float]:
        """Role id -> fit 0..100."""
        return {role: fit.fit for role, fit in self.fits.items()}

    @property
    def short_problem(self) -> str | None:
        """The problem with the candidate's folder left out of the file's name."""
        if self.problem is None or self.folder is None:
            return self.problem
        return self.problem.replace(f"{self.folder}{os.sep}", "")

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


@dataclass(frozen=True)
class Ranking:
    """A position to rank candidates by, and the bank that scores their answers again."""

    position: PositionNeeds
    bank: Bank


def collect_team(data_dir: Path, ranking: Ranking | None = None) -> list[CandidateRow]:
    """A row per folder under `DIR/candidates/`: newest activity first, or with a
    `ranking`, best fit to the position first (those without results last)."""
    try:
        is_folder = data_dir.is_dir()
    except OSError as exc:  # a name too long for the file system, say
        raise UserError(f"{data_dir}: cannot be used ({exc.strerror or exc}).") from None
    if not is_folder:
        raise UserError(f"{data_dir}: no such folder.")
    root = candidates_root(data_dir)
    if not root.is_dir():
        return []
    rows = [_summarise(folder) for folder in root.iterdir() if folder.is_dir()]
    oldest = datetime.min.replace(tzinfo=UTC)
    rows.sort(key=lambda row: (row.updated or oldest, row.candidate_id), reverse=True)
    if ranking is not None:
        for row in rows:
            if row.results is not None:
                row.position = position_fit(ranking.bank, row.results, ranking.position.needs)
        rows.sort(key=lambda row: -1.0 if row.position is None else -row.position.fit)
    return rows


def _summarise(folder: Path) -> CandidateRow:
    results_file = results_path(folder)
    autosave = folder / autosave_path().name
    updated = _latest_change(results_file, autosave)
    if not results_file.exists():
        status = "in progress" if autosave.exists() else "not started"
        return CandidateRow(folder.name, status, updated, folder=folder)
    try:
        results = load_results(results_file)
    except UserError as exc:
        problem = " ".join(str(exc).split())
        return CandidateRow(folder.name, "broken", updated, problem=problem, folder=folder)
    gaps: dict[str, str] = {}  # skill id -> name, costliest (for any role) first
    for gap in sorted(results.gaps, key=lambda gap: -gap.cost):
        gaps.setdefault(gap.skill, gap.name)
    return CandidateRow(
        folder.name,
        "finished",
        updated,
        answered=results.answered,
        total=results.total,
        fits={
            role_id: FitRange(role.fit, role.fit_low, role.fit_high)
            for role_id, role in sorted(results.roles.items())
        },
        role_names={role_id: role.name for role_id, role in results.roles.items()},
        top_gaps=list(gaps)[:TOP_GAPS],
        top_gap_names=list(gaps.values())[:TOP_GAPS],
        folder=folder,
        results=results,
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
    return sorted({role for row in rows for role in row.fits})


def role_names(rows: list[CandidateRow]) -> dict[str, str]:
    return {role: name for row in rows for role, name in row.role_names.items()}


def fit_text(fit: FitRange | None, *, interval: bool = True) -> str:
    """`72 (60-81)`, or `72` when the file has no interval; "" for no fit."""
    if fit is None:
        return ""
    if not interval or fit.low is None or fit.high is None:
        return f"{fit.fit:.0f}"
    return f"{fit.fit:.0f} ({fit.low:.0f}-{fit.high:.0f})"


def answers_text(row: CandidateRow) -> str:
    if row.answered is None:
        return ""
    return f"{row.answered}/{row.total}" if row.total is not None else str(row.answered)


def active_text(row: CandidateRow) -> str:
    """When the candidate last saved an answer or their results, in UTC to the minute."""
    return row.updated.strftime("%Y-%m-%d %H:%M") if row.updated is not None else ""


def team_table(rows: list[CandidateRow], position: str | None = None) -> Table:
    roles = role_ids(rows)
    names = role_names(rows)
    # Fits 80 columns with two roles; when each was last active is in the TOML.
    title = "skillcheck candidates: fit per role, 0-100%"
    if position is not None:
        title += f", ranked by fit to {position}"
    table = Table(title=Text(title))
    table.add_column("candidate", style="bold", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("answers", justify="right", no_wrap=True)
    # Names, ids and folder names come from the files: cells are Text, never markup,
    # so a name like "[/x]" is shown as it is rather than stopping the report.
    for role in roles:
        # "AI Engineer" over two lines keeps the table inside 80 columns.
        table.add_column(Text(names.get(role, role).replace(" ", "\n")), justify="right")
    if position is not None:
        table.add_column("position", justify="right")
    table.add_column("top gaps", ratio=1, min_width=12)
    for row in rows:
        answered = str(row.answered) if row.answered is not None else ""
        fits = [f"{row.fit[role]:.0f}%" if role in row.fit else "" for role in roles]
        if position is not None:
            fits.append(f"{row.position.fit:.0f}%" if row.position is not None else "")
        status = Text(row.status, style="red" if row.status == "broken" else "")
        table.add_row(Text(row.short_id), status, answered, *fits, Text(", ".join(row.top_gaps)))
    return table


def team_to_toml(rows: list[CandidateRow], position: str | None = None) -> str:
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
            entry["fit"] = {role: round(fit.fit, 1) for role, fit in row.fits.items()}
            intervals = {
                role: [fit.low, fit.high]
                for role, fit in row.fits.items()
                if fit.low is not None and fit.high is not None
            }
            if intervals:
                entry["fit_interval"] = intervals
        if row.position is not None:
            entry["position_fit"] = row.position.fit
            entry["position_fit_interval"] = [row.position.low, row.position.high]
        if row.problem is not None:
            entry["problem"] = row.problem
        candidates.append(entry)
    header = "# skillcheck team report: one [[candidates]] table per candidate key.\n\n"
    document: dict[str, Any] = {"candidates": candidates}
    if position is not None:
        document = {"position": position, **document}
    return header + tomli_w.dumps(document)


def team_to_csv(rows: list[CandidateRow], position: str | None = None) -> str:
    """One row per candidate under a header row; fits and intervals as plain numbers."""
    roles = role_ids(rows)
    header = ["id", "key", "status", "answered", "total"]
    for role in roles:
        header += [f"{role} fit", f"{role} fit low", f"{role} fit high"]
    if position is not None:
        header += ["position fit", "position fit low", "position fit high"]
    header += ["top gaps", "last active", "problem"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        cells: list[object] = [
            row.candidate_id,
            row.fingerprint or "",
            row.status,
            "" if row.answered is None else row.answered,
            "" if row.total is None else row.total,
        ]
        fits = [row.fits.get(role) for role in roles]
        if position is not None:
            fits.append(row.position)
        for fit in fits:
            cells += ["", "", ""] if fit is None else [fit.fit, _blank(fit.low), _blank(fit.high)]
        updated = row.updated.isoformat() if row.updated is not None else ""
        cells += ["; ".join(row.top_gaps), updated, row.problem or ""]
        writer.writerow(cells)
    return out.getvalue()


def _blank(value: float | None) -> object:
    return "" if value is None else value


def team_to_text(rows: list[CandidateRow], data_dir: Path, position: str | None = None) -> str:
    """The table and the problem of each broken file, as plain text 80 columns wide."""
    console = Console(file=io.StringIO(), width=80, color_system=None, force_terminal=False)
    print_team(rows, data_dir, console, position)
    output = console.file
    assert isinstance(output, io.StringIO)
    return output.getvalue()


def print_team(
    rows: list[CandidateRow], data_dir: Path, console: Console, position: str | None = None
) -> None:
    """The table, then each broken file's problem, on `console`."""
    if not rows:
        console.print(f"No candidates yet under {escape(str(candidates_root(data_dir)))}.")
        return
    console.print(team_table(rows, position))
    for row in rows:
        if row.problem is not None:
            console.print(
                f"[red]{escape(row.short_id)}[/red]: {escape(row.problem)}",
                highlight=False,
                soft_wrap=True,
            )


def format_team(
    rows: list[CandidateRow], data_dir: Path, kind: str, position: str | None = None
) -> str:
    """The rows as `kind`: "text", "toml" or "csv"."""
    if kind == "toml":
        return team_to_toml(rows, position)
    if kind == "csv":
        return team_to_csv(rows, position)
    return team_to_text(rows, data_dir, position)


def format_for(output: Path | None, chosen: str | None) -> str:
    """--format, else what the -o file's suffix says (.csv, .txt), else TOML for a file."""
    if chosen is not None:
        return chosen
    suffix = output.suffix.lower() if output is not None else ""
    return {".csv": "csv", ".txt": "text"}.get(suffix, "toml" if output is not None else "text")


def print_team_report(
    data_dir: Path,
    output: Path | None,
    console: Console,
    *,
    kind: str | None = None,
    ranking: Ranking | None = None,
) -> int:
    """The report: printed as text (or `kind`), written to `output` when given; exit code.

    `-o FILE` alone keeps its old meaning: the table is printed and the file written
    (TOML unless its suffix says .csv or .txt).
    """
    rows = collect_team(data_dir, ranking)
    position = ranking.position.name if ranking is not None else None
    chosen = format_for(output, kind)
    if output is None:
        if chosen == "text":
            print_team(rows, data_dir, console, position)
        else:
            console.file.write(format_team(rows, data_dir, chosen, position))
        return 0
    if kind is None:
        print_team(rows, data_dir, console, position)
    write_atomic(output, format_team(rows, data_dir, chosen, position))
    console.print(f"Wrote {escape(str(output))}.")
    return 0
