"""Scoring properties: monotone, skip-neutral, sensible for clear-cut candidates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from skillcheck.domain.adaptive import next_question
from skillcheck.domain.model_base import MAX_LEVEL
from skillcheck.domain.models import Answers, AnswerValue, Bank
from skillcheck.domain.questions import Question
from skillcheck.domain.recommend import DEGREE_BELOW_FIT
from skillcheck.domain.results import Results
from skillcheck.domain.scoring import CALIBRATION_MARGIN, score

if TYPE_CHECKING:
    from conftest import BankCase

PROPERTY = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


# --- candidates ---------------------------------------------------------------------


def wrong_key(question: Question) -> str:
    return next(k for k in question.option_keys if k != question.answer)


def answers_for(
    bank: Bank, rating: dict[str, int], right: dict[str, bool], only: set[str] | None = None
) -> Answers:
    """Rate each skill in `rating` and answer its choice items right or wrong per `right`."""
    values: dict[str, AnswerValue] = {}
    for q in bank.questions:
        if (only is not None and q.id not in only) or q.skill not in rating:
            continue
        if q.kind == "rating":
            values[q.id] = rating[q.skill]
        elif q.kind == "choice" and q.skill in right:
            values[q.id] = q.answer if right[q.skill] and q.answer else wrong_key(q)
    return Answers(values=values)


def expert(bank: Bank, only: set[str] | None = None) -> Answers:
    skills = [s.id for s in bank.skills]
    return answers_for(bank, dict.fromkeys(skills, MAX_LEVEL), dict.fromkeys(skills, True), only)


def leaning(bank: Bank) -> tuple[list[str], list[str], list[str]]:
    """(skills AI Engineer weighs more, skills ML Engineer weighs more, the rest)."""
    ai, ml = bank.role_by_id["ai-engineer"].weights, bank.role_by_id["ml-engineer"].weights
    skills = [s.id for s in bank.skills]
    return (
        [s for s in skills if ai.get(s, 0) > ml.get(s, 0)],
        [s for s in skills if ml.get(s, 0) > ai.get(s, 0)],
        [s for s in skills if ai.get(s, 0) == ml.get(s, 0)],
    )


def strong_in(bank: Bank, strong: list[str], weak: list[str], middling: list[str]) -> Answers:
    rating = {**dict.fromkeys(strong, 4), **dict.fromkeys(weak, 0), **dict.fromkeys(middling, 2)}
    right = {**dict.fromkeys(strong, True), **dict.fromkeys(weak, False)}
    return answers_for(bank, rating, right)


def fits(results: Results) -> dict[str, float]:
    return {role: r.fit for role, r in results.roles.items()}


@st.composite
def random_answers(draw: st.DrawFn, bank: Bank) -> dict[str, AnswerValue]:
    """Any subset of the bank's questions, each with any valid answer."""
    values: dict[str, AnswerValue] = {}
    for q in bank.questions:
        if not draw(st.booleans()):
            continue
        if q.kind == "rating":
            values[q.id] = draw(st.integers(0, MAX_LEVEL))
        else:
            values[q.id] = draw(st.sampled_from(q.option_keys))
    return values


def raisable(bank: Bank, values: dict[str, AnswerValue]) -> list[str]:
    """Answered questions that can be raised: a rating below 4, a wrong choice."""
    out = []
    for qid, value in values.items():
        q = bank.question_by_id[qid]
        if (q.kind == "rating" and isinstance(value, int) and value < MAX_LEVEL) or (
            q.kind == "choice" and value != q.answer
        ):
            out.append(qid)
    return out


# --- monotone -----------------------------------------------------------------------


@PROPERTY
@given(data=st.data())
def test_raising_one_answer_never_lowers_any_fit(
    property_bank_case: BankCase, data: st.DataObject
) -> None:
    any_bank = property_bank_case.bank
    values = data.draw(random_answers(any_bank))
    candidates = raisable(any_bank, values)
    assume(candidates)
    qid = data.draw(st.sampled_from(candidates))
    question = any_bank.question_by_id[qid]
    raised = dict(values)
    if question.kind == "rating":
        current = values[qid]
        assert isinstance(current, int)
        raised[qid] = data.draw(st.integers(current + 1, MAX_LEVEL))
    else:
        assert question.answer is not None
        raised[qid] = question.answer

    before = score(any_bank, Answers(values=values))
    after = score(any_bank, Answers(values=raised))
    for role, fit in fits(before).items():
        assert fits(after)[role] >= fit, (qid, role)
    for skill, result in before.skills.items():
        assert after.skills[skill].level >= result.level, (qid, skill)
    before_careers = {c.id: c.fit for c in before.careers}
    for career in after.careers:
        assert career.fit >= before_careers[career.id]


def test_a_right_answer_moves_the_level_up_and_a_wrong_one_down(small_bank: Bank) -> None:
    rated = {"nlp-rate": 2}
    alone = score(small_bank, Answers(values=rated)).skills["nlp"].level
    right = score(small_bank, Answers(values={**rated, "nlp-q3": "b"})).skills["nlp"].level
    wrong = score(small_bank, Answers(values={**rated, "nlp-q3": "a"})).skills["nlp"].level
    assert wrong < alone < right


# --- clear-cut candidates -----------------------------------------------------------


def test_ai_strong_candidate_fits_ai_better_and_ml_strong_fits_ml_better(any_bank: Bank) -> None:
    ai_skills, ml_skills, common = leaning(any_bank)
    assert ai_skills and ml_skills
    ai_strong = fits(score(any_bank, strong_in(any_bank, ai_skills, ml_skills, common)))
    ml_strong = fits(score(any_bank, strong_in(any_bank, ml_skills, ai_skills, common)))
    assert ai_strong["ai-engineer"] > ai_strong["ml-engineer"]
    assert ml_strong["ml-engineer"] > ml_strong["ai-engineer"]


def test_a_blank_candidate_is_placed_nowhere(any_bank: Bank) -> None:
    """Nothing answered: every skill unverified, every fit wide open, no role named."""
    results = score(any_bank, Answers())
    assert all(not s.verified and s.evidence == 0 for s in results.skills.values())
    assert all(r.fit_high - r.fit_low > 50 for r in results.roles.values())
    assert results.headline is not None and results.headline.closest is None
    assert results.answered == 0 and results.review == []
    assert all(not results.roles[r].strengths for r in results.roles)


def test_all_expert_fits_both_roles_without_advice(any_bank: Bank) -> None:
    results = score(any_bank, expert(any_bank))
    assert all(fit > 90 for fit in fits(results).values())
    assert results.gaps == []
    assert results.recommendations == []
    assert all(r.strengths for r in results.roles.values())
    assert all(s.evidence == 1 for s in results.skills.values())


def test_quick_expert_also_fits_both_roles_and_gets_no_degree(any_bank: Bank) -> None:
    every = expert(any_bank).values
    asked: list[str] = []
    while qid := next_question(any_bank, {q: every[q] for q in asked if q in every}, asked):
        asked.append(qid)
    results = score(any_bank, Answers(values={q: every[q] for q in asked if q in every}))
    assert all(fit > 80 for fit in fits(results).values())
    assert not any(r.kind == "degree" for r in results.recommendations)


def test_weak_foundations_far_from_the_role_bring_a_bachelors_degree_last(
    small_bank: Bank,
) -> None:
    skills = [s.id for s in small_bank.skills]
    results = score(
        small_bank, answers_for(small_bank, dict.fromkeys(skills, 0), dict.fromkeys(skills, False))
    )
    assert all(r.fit < DEGREE_BELOW_FIT for r in results.roles.values())
    kinds = [r.kind for r in results.recommendations]
    assert kinds[-1] == "degree" and kinds.count("degree") == 1
    degree = results.recommendations[-1]
    assert degree.id == "deg-bsc-cs"
    assert {"programming", "math-stats"} <= set(degree.covers)
    assert all(r.reason for r in results.recommendations)


def test_weak_foundations_near_the_role_bring_no_degree(small_bank: Bank) -> None:
    skills = [s.id for s in small_bank.skills]
    rating = {**dict.fromkeys(skills, 4), "programming": 0, "math-stats": 0}
    right = {**dict.fromkeys(skills, True), "programming": False, "math-stats": False}
    results = score(small_bank, answers_for(small_bank, rating, right))
    assert all(r.fit >= DEGREE_BELOW_FIT for r in results.roles.values())
    assert results.recommendations
    assert not any(r.kind == "degree" for r in results.recommendations)


def test_a_narrow_gap_gets_a_certification_for_the_closer_role(small_bank: Bank) -> None:
    skills = [s.id for s in small_bank.skills]
    rating = {**dict.fromkeys(skills, 4), "mlops": 0}
    right = {**dict.fromkeys(skills, True), "mlops": False}
    prefer_ai = {"pref-work": "a", "pref-goal": "a", "pref-data": "b"}
    answers = Answers(values={**answers_for(small_bank, rating, right).values, **prefer_ai})
    results = score(small_bank, answers)
    assert results.headline is not None
    assert "ai-engineer" in (results.headline.closest, results.headline.leaning)
    # The ML role's mlops gap is not the target; the AI role's smaller one is.
    assert [(r.kind, r.id) for r in results.recommendations] == [("certification", "cert-ops")]
    assert results.recommendations[0].roles == ["ai-engineer"]


# --- skipping -----------------------------------------------------------------------


def without_question(bank: Bank, qid: str) -> Bank:
    return Bank(
        info=bank.info,
        as_of=bank.as_of,
        skills=bank.skills,
        roles=bank.roles,
        credentials=bank.credentials,
        careers=bank.careers,
        questions=[q for q in bank.questions if q.id != qid],
    )


def test_skipping_is_neither_right_nor_wrong(small_bank: Bank) -> None:
    base = {"mlops-rate": 3, "mlops-q1": "c"}
    skipped = score(small_bank, Answers(values=base)).skills["mlops"]
    right = score(small_bank, Answers(values={**base, "mlops-q2": "a"})).skills["mlops"]
    wrong = score(small_bank, Answers(values={**base, "mlops-q2": "d"})).skills["mlops"]
    assert wrong.level < skipped.level < right.level
    assert skipped.evidence < right.evidence == wrong.evidence


@PROPERTY
@given(data=st.data())
def test_an_unanswered_question_lowers_evidence_not_level(
    property_bank_case: BankCase, data: st.DataObject
) -> None:
    """Skipping a question scores the same level as if the bank lacked it, on less evidence."""
    any_bank = property_bank_case.bank
    values = data.draw(random_answers(any_bank))
    unanswered = [q.id for q in any_bank.questions if q.id not in values and q.skill]
    assume(unanswered)
    qid = data.draw(st.sampled_from(unanswered))
    skill = any_bank.question_by_id[qid].skill
    assert skill is not None
    with_skip = score(any_bank, Answers(values=values)).skills[skill]
    absent = score(without_question(any_bank, qid), Answers(values=values)).skills[skill]
    assert with_skip.level == absent.level
    assert with_skip.tested == absent.tested
    if absent.evidence > 0:
        assert with_skip.evidence < absent.evidence
    else:
        assert with_skip.evidence == 0


# --- calibration ------------------------------------------------------------------


def test_calibration_flags_over_and_under_confidence(small_bank: Bank) -> None:
    rating = {"nlp": 4, "big-data": 0, "mlops": 3, "programming": 2}
    right = {"nlp": False, "big-data": True, "mlops": True}
    skills = score(small_bank, answers_for(small_bank, rating, right)).skills
    assert skills["nlp"].calibration == "over"
    assert skills["big-data"].calibration == "under"
    assert skills["mlops"].calibration == "consistent"
    assert skills["programming"].calibration == "unknown"  # rated, not tested
    assert skills["deep-learning"].calibration == "unknown"  # neither
    for name in ("nlp", "big-data"):
        result = skills[name]
        assert result.self_rated is not None and result.tested is not None
        assert abs(result.self_rated - result.tested) >= CALIBRATION_MARGIN


# --- determinism, interest, advice shape --------------------------------------------


@PROPERTY
@given(data=st.data())
def test_score_is_deterministic(property_bank_case: BankCase, data: st.DataObject) -> None:
    any_bank = property_bank_case.bank
    answers = Answers(values=data.draw(random_answers(any_bank)))
    first = score(any_bank, answers)
    fresh_bank = Bank.model_validate(any_bank.model_dump(by_alias=True))
    assert score(any_bank, answers) == first
    assert score(fresh_bank, answers).model_dump() == first.model_dump()


def test_interest_is_reported_beside_fit_not_in_it(small_bank: Bank) -> None:
    base = expert(small_bank).values
    ai = score(small_bank, Answers(values={**base, "pref-work": "a", "pref-goal": "a"}))
    ml = score(small_bank, Answers(values={**base, "pref-work": "b", "pref-data": "a"}))
    split = score(small_bank, Answers(values={**base, "pref-work": "a", "pref-data": "c"}))
    # A Beta(1 + leaning, 1 + other) posterior: two of two answers make a share of 3/4.
    assert ai.roles["ai-engineer"].interest == 75 and ai.roles["ml-engineer"].interest == 25
    assert ml.roles["ml-engineer"].interest == 75
    assert split.roles["ai-engineer"].interest == 62.5
    for result in (ai, ml, split):
        for role in result.roles.values():
            assert role.interest_low is not None and role.interest_high is not None
            assert role.interest_low <= (role.interest or 0) <= role.interest_high
    assert score(small_bank, Answers(values=base)).roles["ai-engineer"].interest is None
    assert fits(ai) == fits(ml) == fits(split)


@PROPERTY
@given(data=st.data())
def test_advice_covers_only_real_gaps_and_careers_are_ranked(
    property_bank_case: BankCase, data: st.DataObject
) -> None:
    any_bank = property_bank_case.bank
    results = score(any_bank, Answers(values=data.draw(random_answers(any_bank))))
    gap_roles: dict[str, set[str]] = {}
    for gap in results.gaps:
        assert gap.level < gap.required
        gap_roles.setdefault(gap.skill, set()).add(gap.role)
    if not results.gaps:
        assert results.recommendations == []
    for rec in results.recommendations:
        assert rec.covers and set(rec.covers) <= set(gap_roles)
        assert set(rec.covers) <= set(any_bank.credential_by_id[rec.id].covers)
        assert set(rec.roles) <= set().union(*(gap_roles[s] for s in rec.covers))
        assert any_bank.credential_by_id[rec.id].active
    assert sum(r.kind == "degree" for r in results.recommendations) <= 1
    career_fits = [c.fit for c in results.careers]
    assert career_fits == sorted(career_fits, reverse=True)
    for role_id, role in results.roles.items():
        costs = [g.cost for g in results.gaps if g.role == role_id]
        assert costs == sorted(costs, reverse=True)
        assert role.gaps == [g.skill for g in results.gaps if g.role == role_id]
        assert not set(role.strengths) & set(role.gaps)


def test_review_lists_every_answered_knowledge_question(small_bank: Bank) -> None:
    values: dict[str, AnswerValue] = {"nlp-q1": "c", "nlp-q2": "b", "nlp-rate": 3, "pref-work": "a"}
    review = score(small_bank, Answers(values=values)).review
    assert [(r.question, r.chosen, r.answer, r.correct) for r in review] == [
        ("nlp-q1", "c", "c", True),
        ("nlp-q2", "b", "a", False),
    ]
    assert all(r.skill == "nlp" and r.explanation for r in review)


def test_knowledge_right_counts_the_right_answers_in_the_review(real_bank: Bank) -> None:
    choices = [q for q in real_bank.questions if q.kind == "choice"][:4]
    wrong_key = next(o.key for o in choices[0].options if o.key != choices[0].answer)
    values: dict[str, AnswerValue] = {q.id: q.answer or "" for q in choices[1:]}
    values[choices[0].id] = wrong_key
    results = score(real_bank, Answers(values=values))
    assert len(results.review) == 4
    assert results.knowledge_right == 3
