"""`skillcheck report DIR`: the team's rows (`reports.team`) as a table, TOML or CSV."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import tomli_w
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from skillcheck.reports.team import CandidateRow, Ranking, collect_team, role_ids, role_names
from skillcheck.store.atomic import write_atomic
from skillcheck.store.served import candidates_root

#: What `--format` takes.
FORMATS = ("text", "toml", "csv")


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
