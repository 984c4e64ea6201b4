"""The team's candidates as rows: one per folder `skillcheck serve` keeps.

Reads the folders (`store.served`) and the results files in them; it needs no SSH
library. `reports.team_formats` writes the rows out for `skillcheck report DIR` (a
table, TOML or CSV); the dashboard (`ui.team`, laid out by `reports.team_view`) shows
the same rows.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from skillcheck.domain.models import Bank
from skillcheck.domain.results import Results
from skillcheck.errors import UserError
from skillcheck.reports.position_fit import FitRange, PositionNeeds, position_fit
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
