"""Scoring: from a bank and a candidate's answers to per-skill levels, role fit and advice.

The model is written up for candidates in docs/scoring.md. In short: each skill's level
is the posterior mean of an ability grid, with the self-rating as a wide prior and the
knowledge items as a logistic (1PL with a guessing floor) likelihood; role fit is the
importance-weighted coverage of the role's required levels.
"""

from __future__ import annotations

from collections.abc import Sequence

from skillcheck.domain.bank_index import BankIndex, Needs, SkillItems, build_bank_index
from skillcheck.domain.item_model import RATING_INFORMATION, ItemOutcome, posterior_level
from skillcheck.domain.models import Answers, AnswerValue, Bank, RoleId, SkillId
from skillcheck.domain.recommend import career_fits, recommend_credentials, role_gaps
from skillcheck.domain.results import (
    Calibration,
    Gap,
    Results,
    ReviewItem,
    RoleResult,
    SkillResult,
)

#: Self-rating and tested level this far apart (in levels) or more: over/under-confident.
CALIBRATION_MARGIN = 1.5
#: How many strengths a role lists.
STRENGTHS_SHOWN = 5


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


def skill_level(items: SkillItems, values: dict[str, AnswerValue], name: str) -> SkillResult:
    """Estimate one skill from its rating and knowledge answers.

    Unanswered questions contribute nothing to the level (a skip is never a wrong
    answer); they only leave `evidence` lower. With no answer at all the level is 0:
    nothing has been demonstrated.
    """
    ratings = [v for qid in items.ratings if isinstance(v := values.get(qid), int)]
    outcomes: list[ItemOutcome] = []
    answered_information = RATING_INFORMATION * len(ratings)
    for item in items.choices:
        chosen = values.get(item.question.id)
        if chosen is None:
            continue
        outcomes.append(item.right if chosen == item.answer else item.wrong)
        answered_information += item.information

    self_rated = sum(ratings) / len(ratings) if ratings else None
    tested = posterior_level(None, outcomes) if outcomes else None
    # Nothing answered, nothing demonstrated (a flat prior's mean would say 2).
    level = posterior_level(self_rated, outcomes) if ratings or outcomes else 0.0
    evidence = (
        answered_information / items.available_information if items.available_information else 0.0
    )
    return SkillResult(
        name=name,
        level=round(level, 3),
        self_rated=None if self_rated is None else round(self_rated, 3),
        tested=None if tested is None else round(tested, 3),
        evidence=round(min(1.0, evidence), 3),
        calibration=calibration(self_rated, tested),
    )


def skill_contribution(level: float, importance: int, required: int) -> float:
    """What one skill adds to a role: importance x the share of the required level reached."""
    if required <= 0:
        return float(importance)
    return importance * min(level, required) / required


def role_fit(levels: dict[SkillId, float], needs: Needs) -> float:
    """0..100: the importance-weighted share of the role's required levels the candidate has."""
    total = sum(importance for importance, _ in needs.values())
    if total <= 0:
        return 0.0
    reached = sum(
        skill_contribution(levels.get(skill, 0.0), importance, required)
        for skill, (importance, required) in needs.items()
    )
    return round(100.0 * reached / total, 1)


def role_interest(
    bank: Bank, index: BankIndex, values: dict[str, AnswerValue]
) -> dict[RoleId, float]:
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
    return {role: round(100.0 * lean / answered, 1) for role, lean in leans.items()}


def role_strengths(levels: dict[SkillId, float], needs: Needs, gaps: list[Gap]) -> list[SkillId]:
    """The skills adding most to the fit, best first (a gap is never also a strength)."""
    gap_skills = {g.skill for g in gaps}
    contributions = [
        (skill_contribution(levels.get(skill, 0.0), importance, required), skill)
        for skill, (importance, required) in needs.items()
        if skill not in gap_skills and levels.get(skill, 0.0) > 0.0
    ]
    # Stable sort keeps the bank's skill order among equal contributions.
    contributions.sort(key=lambda pair: -pair[0])
    return [skill for _, skill in contributions[:STRENGTHS_SHOWN]]


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


def score(bank: Bank, answers: Answers, asked: Sequence[str] | None = None) -> Results:
    """Score `answers` against `bank`: levels, role fit and interest, gaps, advice, review.

    `asked` is the ordered ids of the questions the candidate was asked (a session's
    questions), by default every question of the bank; the results record it, so every
    view says "answered N of M" with the same M. Only answers to asked questions count,
    and ids the bank does not hold are left out.
    """
    index = build_bank_index(bank)
    if asked is None:
        asked_ids = [question.id for question in bank.questions]
    else:
        asked_ids = [qid for qid in dict.fromkeys(asked) if qid in bank.question_by_id]
    asked_set = set(asked_ids)
    values = {
        qid: value for qid, value in valid_answers(index, answers).items() if qid in asked_set
    }
    skills = {
        skill.id: skill_level(index.skills[skill.id], values, skill.name) for skill in bank.skills
    }
    levels = {skill_id: result.level for skill_id, result in skills.items()}
    interest = role_interest(bank, index, values)

    roles: dict[RoleId, RoleResult] = {}
    all_gaps: list[Gap] = []
    for role in bank.roles:
        needs = index.role_needs[role.id]
        gaps = role_gaps(bank, role.id, needs, levels)
        all_gaps.extend(gaps)
        roles[role.id] = RoleResult(
            name=role.name,
            fit=role_fit(levels, needs),
            interest=interest.get(role.id),
            strengths=role_strengths(levels, needs, gaps),
            gaps=[g.skill for g in gaps],
        )

    return Results(
        bank=bank.info,
        asked=asked_ids,
        answers=values,
        answered=len(values),
        total=len(asked_ids),
        roles=roles,
        skills=skills,
        gaps=all_gaps,
        recommendations=recommend_credentials(bank, all_gaps),
        careers=career_fits(index.careers, levels, {r: roles[r].fit for r in roles}),
        review=review_items(index, values),
    )
