"""Scoring: from a bank and a candidate's answers to levels, role fits and advice, each
with how sure it is.

The model is written up for candidates in docs/scoring.md. In short: `measurement` turns
the answers into a posterior over every skill's level (knowledge answers weigh most, a
self-rating only nudges its own skill, and skills inform each other through a general
level); a role's fit is the expected importance-weighted share of its required levels the
candidate has, with an 80 % interval; the headline names the closer role only when the
80 % interval of the difference excludes zero.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from skillcheck.domain.bank_index import BankIndex, Needs, SkillItems, bank_index
from skillcheck.domain.item_model import (
    GRID,
    RATING_CURVES,
    RATING_INFORMATION,
    Vector,
    outcome_curve,
)
from skillcheck.domain.measurement import Z80, Array, Estimate, Posterior, SkillEvidence
from skillcheck.domain.model_base import RoleId, SkillId
from skillcheck.domain.models import Answers, AnswerValue, Bank
from skillcheck.domain.recommend import career_fits, recommend_credentials
from skillcheck.domain.results import (
    POSITION_ROLE_ID,
    Calibration,
    Gap,
    Headline,
    PositionResult,
    Results,
    ReviewItem,
    RoleResult,
    SkillResult,
)

if TYPE_CHECKING:  # position.py imports this module; it needs Position only for types
    from skillcheck.domain.position import Position

#: Self-rating and tested level this far apart (in levels) or more: over/under-confident.
CALIBRATION_MARGIN = 1.5
#: How many strengths a role lists.
STRENGTHS_SHOWN = 5
#: A skill this close to the required level (in expected levels) is not reported as a gap.
GAP_TOLERANCE = 0.25
#: How many skills the headline names as telling the roles apart.
TELL_APART_SHOWN = 3


def valid_answers(index: BankIndex, answers: Answers) -> dict[str, AnswerValue]:
    """The answers that name a question of the bank and are valid for it (others are ignored)."""
    valid = index.valid_values
    return {
        qid: value for qid, value in answers.values.items() if qid in valid and value in valid[qid]
    }


def calibration(self_rated: float | None, tested: float | None) -> Calibration:
    """Compare the self-rating with the level the knowledge items show on their own."""
    if self_rated is None or tested is None:
        return "unknown"
    if self_rated - tested >= CALIBRATION_MARGIN:
        return "over"
    if tested - self_rated >= CALIBRATION_MARGIN:
        return "under"
    return "consistent"


def skill_evidence(items: SkillItems, values: dict[str, AnswerValue]) -> SkillEvidence:
    """The log-likelihood over abilities of one skill's answers (skips add nothing)."""
    item_log = np.zeros_like(GRID)
    for item in items.choices:
        chosen = values.get(item.question.id)
        if chosen is not None:
            item_log += np.log(outcome_curve(item.right if chosen == item.answer else item.wrong))
    rating_log = np.zeros_like(GRID)
    for qid in items.ratings:
        rated = values.get(qid)
        if isinstance(rated, int):
            rating_log += np.log(RATING_CURVES[rated])
    return SkillEvidence(item_log, rating_log)


@lru_cache(maxsize=16)
def coverage(required: int) -> Vector:
    """The share (0..1) of a required level each ability on the grid reaches (read-only)."""
    result: Vector = (
        np.ones_like(GRID) if required <= 0 else np.clip(GRID, 0.0, float(required)) / required
    )
    result.setflags(write=False)
    return result


def fit_functional(skill_order: list[SkillId], needs: Needs) -> Array:
    """(skills, grid): each skill's contribution (in fit points) to the role's fit."""
    total = sum(importance for importance, _ in needs.values())
    rows = []
    for skill in skill_order:
        importance, required = needs.get(skill, (0, 0))
        rows.append(100.0 * importance / total * coverage(required) if total else 0 * GRID)
    return np.stack(rows)


def skill_contribution(level: float, importance: int, required: int) -> float:
    """What one skill at a known level adds to a role: importance x the share reached."""
    if required <= 0:
        return float(importance)
    return importance * min(max(level, 0.0), required) / required


def role_fit(levels: dict[SkillId, float], needs: Needs) -> float:
    """0..100: the fit of a profile whose levels are known exactly (personas, careers)."""
    total = sum(importance for importance, _ in needs.values())
    if total <= 0:
        return 0.0
    reached = sum(
        skill_contribution(levels.get(skill, 0.0), importance, required)
        for skill, (importance, required) in needs.items()
    )
    return round(100.0 * reached / total, 1)


def interest_estimate(leaning: float, answered: int) -> Estimate:
    """The share (0..100) of preference answers leaning one way, with its 80 % interval.

    A Beta(1 + leaning, 1 + others) posterior, summarised by its mean and a normal
    interval: with eight answers the interval is about +-20 points.
    """
    alpha, beta = 1.0 + leaning, 1.0 + answered - leaning
    mean = alpha / (alpha + beta)
    sd = math.sqrt(alpha * beta / ((alpha + beta) ** 2 * (alpha + beta + 1.0)))
    low, high = max(0.0, mean - Z80 * sd), min(1.0, mean + Z80 * sd)
    return Estimate(100.0 * mean, 100.0 * sd, 100.0 * low, 100.0 * high)


def role_interest(
    bank: Bank, index: BankIndex, values: dict[str, AnswerValue]
) -> dict[RoleId, Estimate]:
    """Each role's share (0..100) of the preference answers; a neutral answer splits evenly.

    Empty when no preference question was answered.
    """
    roles = [r.id for r in bank.roles]
    leans = dict.fromkeys(roles, 0.0)
    answered = 0
    for question in index.preferences:
        key = values.get(question.id)
        option = question.option(key) if isinstance(key, str) else None
        if option is None:
            continue
        answered += 1
        if option.lean in leans:
            leans[option.lean] += 1.0
        else:
            for role in roles:
                leans[role] += 1.0 / len(roles)
    if not answered:
        return {}
    return {role: interest_estimate(lean, answered) for role, lean in leans.items()}


def review_items(index: BankIndex, values: dict[str, AnswerValue]) -> list[ReviewItem]:
    """Every answered knowledge question, in bank order, with the right answer explained."""
    review = []
    for item in index.choices:
        chosen = values.get(item.question.id)
        if not isinstance(chosen, str):
            continue
        review.append(
            ReviewItem(
                question=item.question.id,
                skill=item.skill,
                chosen=chosen,
                answer=item.answer,
                correct=chosen == item.answer,
                explanation=item.question.explanation or "",
            )
        )
    return review


def _evidence_share(items: SkillItems, values: dict[str, AnswerValue]) -> float:
    answered = RATING_INFORMATION * sum(isinstance(values.get(q), int) for q in items.ratings)
    answered += sum(c.information for c in items.choices if c.question.id in values)
    if not items.available_information:
        return 0.0
    return min(1.0, answered / items.available_information)


class Measurement:
    """Everything scoring derives from one posterior, shared by score() and next_question()."""

    def __init__(self, bank: Bank, values: dict[str, AnswerValue]) -> None:
        self.bank = bank
        self.index = bank_index(bank)
        self.values = values
        self.skill_ids = [s.id for s in bank.skills]
        self.posterior = Posterior(
            [skill_evidence(self.index.skills[s], values) for s in self.skill_ids]
        )
        self.functionals = {
            role.id: fit_functional(self.skill_ids, self.index.role_needs[role.id])
            for role in bank.roles
        }

    def fits(self) -> dict[RoleId, Estimate]:
        roles = list(self.functionals)
        if not roles:
            return {}
        estimates = self.posterior.sums(np.stack([self.functionals[r] for r in roles]))
        return dict(zip(roles, estimates, strict=True))

    def difference(self, first: RoleId, second: RoleId) -> Estimate:
        """The fit difference with its 80 % interval (the headline's decision)."""
        functional = self.functionals[first] - self.functionals[second]
        return self.posterior.sums(functional[None, :, :])[0]

    def tell_apart(self, first: RoleId, second: RoleId) -> list[SkillId]:
        """The skills adding most to the uncertainty of the fit difference."""
        spread = self.posterior.spread_by_skill(self.functionals[first] - self.functionals[second])
        ranked = sorted(range(len(self.skill_ids)), key=lambda i: -spread[i])
        return [self.skill_ids[i] for i in ranked[:TELL_APART_SHOWN] if spread[i] > 0]


def _gaps(
    bank: Bank, role_id: RoleId, needs: Needs, marginals: Array, skills: dict[SkillId, SkillResult]
) -> list[Gap]:
    """The role's skills expected below the required level, costliest first.

    The shortfall is the expected distance below the required level under the posterior,
    so an unverified skill (wide posterior) shows the shortfall its uncertainty implies.
    """
    order = {s.id: i for i, s in enumerate(bank.skills)}
    total = sum(importance for importance, _ in needs.values()) or 1
    gaps = []
    for skill, (importance, required) in needs.items():
        if required <= 0 or skill not in order:
            continue
        reached = float(marginals[order[skill]] @ np.clip(GRID, 0.0, float(required)))
        shortfall = required - reached
        # A wide posterior can fall short in expectation while its mean is past the
        # requirement: that skill is unverified, not a gap.
        if shortfall <= GAP_TOLERANCE or skills[skill].level >= required:
            continue
        gaps.append(
            Gap(
                role=role_id,
                skill=skill,
                name=bank.skill_by_id[skill].name,
                required=required,
                level=skills[skill].level,
                importance=importance,
                cost=round(100.0 * importance * shortfall / (required * total), 2),
                verified=bool(skills[skill].verified),
            )
        )
    gaps.sort(key=lambda g: (-g.cost, -g.importance))
    return gaps


def _strengths(needs: Needs, skills: dict[SkillId, SkillResult], gaps: list[Gap]) -> list[SkillId]:
    """Verified skills adding most to the fit, best first (a gap is never a strength)."""
    gap_skills = {g.skill for g in gaps}
    contributions = [
        (skill_contribution(skills[skill].level, importance, required), skill)
        for skill, (importance, required) in needs.items()
        if skill in skills
        and skill not in gap_skills
        and skills[skill].verified
        and skills[skill].level > 0.0
    ]
    contributions.sort(key=lambda pair: -pair[0])
    return [skill for _, skill in contributions[:STRENGTHS_SHOWN]]


def _headline(
    measurement: Measurement, fits: dict[RoleId, Estimate], interest: dict[RoleId, Estimate]
) -> Headline | None:
    ranked = sorted(fits, key=lambda r: -fits[r].mean)
    if len(ranked) < 2:
        return None
    first, second = ranked[0], ranked[1]
    difference = measurement.difference(first, second)
    decided = difference.low > 0.0
    leaning = None
    if interest:
        top = max(interest, key=lambda r: interest[r].mean)
        # With two roles, "leans to X" means X's share is above an even split for sure.
        if interest[top].low > 100.0 / len(interest):
            leaning = top
    return Headline(
        closest=first if decided else None,
        difference=round(difference.mean, 1),
        difference_low=round(difference.low, 1),
        difference_high=round(difference.high, 1),
        roles=[first, second],
        tell_apart=[] if decided else measurement.tell_apart(first, second),
        leaning=leaning,
    )


def _position_result(
    measurement: Measurement,
    position: Position,
    marginals: Array,
    skills: dict[SkillId, SkillResult],
) -> PositionResult:
    """The fit to a position: one more role fit on the same posterior (same interval)."""
    needs = {s: n for s, n in position.as_needs().items() if s in skills}
    functional = fit_functional(measurement.skill_ids, needs)
    fit = measurement.posterior.sums(functional[None, :, :])[0]
    gaps = _gaps(measurement.bank, POSITION_ROLE_ID, needs, marginals, skills)
    return PositionResult(
        name=position.name,
        roles=list(position.roles),
        fit=round(fit.mean, 1),
        fit_low=round(max(0.0, fit.low), 1),
        fit_high=round(min(100.0, fit.high), 1),
        strengths=_strengths(needs, skills, gaps),
        gaps=gaps,
    )


def score(
    bank: Bank,
    answers: Answers,
    asked: Sequence[str] | None = None,
    position: Position | None = None,
) -> Results:
    """Score `answers` against `bank`: levels, fits and interest with their intervals,
    the headline, gaps, advice, careers and the review; with a `position`, also the fit
    to it (`Results.position`), measured like a role's.

    `asked` is the ordered ids of the questions the candidate was asked (a session's
    questions), by default every question of the bank; the results record it, so every
    view says "answered N of M" with the same M. Only answers to asked questions count,
    and ids the bank does not hold are left out.
    """
    index = bank_index(bank)
    if asked is None:
        asked_ids = [question.id for question in bank.questions]
    else:
        asked_ids = [qid for qid in dict.fromkeys(asked) if qid in bank.question_by_id]
    asked_set = set(asked_ids)
    values = {
        qid: value for qid, value in valid_answers(index, answers).items() if qid in asked_set
    }
    measurement = Measurement(bank, values)
    posterior = measurement.posterior
    estimates = posterior.levels()
    tested = posterior.tested_levels()
    skills: dict[SkillId, SkillResult] = {}
    for i, skill in enumerate(bank.skills):
        items = index.skills[skill.id]
        ratings = [v for q in items.ratings if isinstance(v := values.get(q), int)]
        verified = any(c.question.id in values for c in items.choices)
        self_rated = sum(ratings) / len(ratings) if ratings else None
        tested_level = float(tested[i]) if verified else None
        estimate = estimates[i]
        skills[skill.id] = SkillResult(
            name=skill.name,
            level=round(estimate.mean, 3),
            level_low=round(estimate.low, 2),
            level_high=round(estimate.high, 2),
            verified=verified,
            self_rated=None if self_rated is None else round(self_rated, 3),
            tested=None if tested_level is None else round(tested_level, 3),
            evidence=round(_evidence_share(items, values), 3),
            calibration=calibration(self_rated, tested_level),
        )

    fits = measurement.fits()
    interest = role_interest(bank, index, values)
    marginals = posterior.marginals()
    roles: dict[RoleId, RoleResult] = {}
    all_gaps: list[Gap] = []
    for role in bank.roles:
        needs = index.role_needs[role.id]
        gaps = _gaps(bank, role.id, needs, marginals, skills)
        all_gaps.extend(gaps)
        fit = fits[role.id]
        lean = interest.get(role.id)
        roles[role.id] = RoleResult(
            name=role.name,
            fit=round(fit.mean, 1),
            fit_low=round(max(0.0, fit.low), 1),
            fit_high=round(min(100.0, fit.high), 1),
            interest=None if lean is None else round(lean.mean, 1),
            interest_low=None if lean is None else round(lean.low, 1),
            interest_high=None if lean is None else round(lean.high, 1),
            strengths=_strengths(needs, skills, gaps),
            gaps=[g.skill for g in gaps],
        )
    headline = _headline(measurement, fits, interest)
    levels = {skill_id: result.level for skill_id, result in skills.items()}
    return Results(
        bank=bank.info,
        asked=asked_ids,
        answers=values,
        answered=len(values),
        total=len(asked_ids),
        roles=roles,
        skills=skills,
        gaps=all_gaps,
        recommendations=recommend_credentials(bank, all_gaps, roles, headline),
        careers=career_fits(index.careers, levels, {r: roles[r].fit for r in roles}),
        review=review_items(index, values),
        headline=headline,
        position=None
        if position is None
        else _position_result(measurement, position, marginals, skills),
    )
