"""A candidate's fit to a position profile (`--position position.toml`), for the team report.

A position is one more `Needs` mapping (skill -> importance 1..3, required level 0..4),
so its fit is measured like a role's: the candidate's saved answers are scored again
with the same posterior (`domain.scoring.Measurement`), giving the fit and its 80 %
interval. Nothing here depends on how a position is made (`skillcheck hire`): only
`_load_position_needs` reads the file, so the full reader (`store.position`) can stand
in for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from skillcheck.domain.bank_index import Needs, bank_index
from skillcheck.domain.models import Answers, AnswerValue, Bank
from skillcheck.domain.results import Results
from skillcheck.domain.scoring import Measurement, fit_functional, valid_answers


@dataclass(frozen=True)
class FitRange:
    """A fit 0..100 and its 80 % interval (None when the results file has none)."""

    fit: float
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class PositionNeeds:
    """What the report needs of a position: its name and its needs."""

    name: str
    needs: Needs


def load_position(path: Path, bank: Bank) -> PositionNeeds:
    """The position profile at `path`, checked against `bank` (UserError naming the file)."""
    name, needs = _load_position_needs(path, bank)
    return PositionNeeds(name, needs)


def _load_position_needs(path: Path, bank: Bank) -> tuple[str, Needs]:
    """The name and the needs of a position profile (`skillcheck hire` writes one).

    `store.position.load_position` reads it: every problem is one `file:line` sentence.
    """
    from skillcheck.store.position import load_position

    position = load_position(path, bank)
    return position.name, position.as_needs()


def position_fit(bank: Bank, results: Results, needs: Needs) -> FitRange:
    """The fit of the candidate's saved answers to `needs`, with its 80 % interval.

    Only the answers to the questions the candidate was asked count, as in scoring.
    """
    values = valid_answers_of(bank, results)
    measurement = Measurement(bank, values)
    functional = fit_functional(measurement.skill_ids, needs)
    estimate = measurement.posterior.sums(functional[None, :, :])[0]
    return FitRange(
        round(estimate.mean, 1),
        round(max(0.0, estimate.low), 1),
        round(min(100.0, estimate.high), 1),
    )


def valid_answers_of(bank: Bank, results: Results) -> dict[str, AnswerValue]:
    """The saved answers this bank can score, limited to the questions asked."""
    values = valid_answers(bank_index(bank), Answers(values=dict(results.answers)))
    if results.asked is None:
        return values
    asked = set(results.asked)
    return {qid: value for qid, value in values.items() if qid in asked}
