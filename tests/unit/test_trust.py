"""What a score claims must survive gaming, and must say how sure it is (on the real bank).

Each test plays one strategy through the public `score` and checks the claim the results
make about it. The figures for whole simulated populations live in benchmarks/validity.py.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillcheck.domain.models import Answers, AnswerValue, Bank
from skillcheck.domain.results import Results
from skillcheck.domain.scoring import score
from skillcheck.store.bank import load_bank
from skillcheck.store.paths import bundled_bank_dir

BANK = load_bank(bundled_bank_dir())
RATINGS = [q for q in BANK.questions if q.kind == "rating"]
CHOICES = [q for q in BANK.questions if q.kind == "choice"]


def rated(level: int) -> dict[str, AnswerValue]:
    return {q.id: level for q in RATINGS}


def at_random(seed: int) -> dict[str, AnswerValue]:
    rng = random.Random(seed)
    return {q.id: rng.choice(q.option_keys) for q in CHOICES}


def fits(values: dict[str, AnswerValue]) -> dict[str, float]:
    return {role: r.fit for role, r in score(BANK, Answers(values=values)).roles.items()}


def test_a_rating_alone_proves_nothing() -> None:
    results = score(BANK, Answers(values=rated(4)))
    assert all(r.fit <= 60 for r in results.roles.values())
    assert not any(s.verified for s in results.skills.values())
    assert not any(results.roles[r].strengths for r in results.roles)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_high_rating_does_not_rescue_random_answers(seed: int) -> None:
    high, middle = fits(rated(4) | at_random(seed)), fits(rated(2) | at_random(seed))
    assert all(high[role] <= middle[role] + 5 for role in high)


def test_knowledge_without_confidence_still_fits() -> None:
    right = {q.id: q.answer or "" for q in CHOICES}
    assert all(fit >= 80 for fit in fits(rated(0) | right).values())


@pytest.mark.parametrize("skill", [q.skill for q in RATINGS])
def test_rating_zero_never_scores_above_skipping_the_rating(skill: str | None) -> None:
    rating = next(q for q in RATINGS if q.skill == skill)
    zero, skipped = fits({rating.id: 0}), fits({})
    assert all(zero[role] <= skipped[role] for role in zero)


@st.composite
def answer_sets(draw: st.DrawFn) -> dict[str, AnswerValue]:
    values: dict[str, AnswerValue] = {}
    picked = draw(st.lists(st.integers(0, len(BANK.questions) - 1), max_size=60, unique=True))
    for question in (BANK.questions[i] for i in picked):
        if question.kind == "rating":
            values[question.id] = draw(st.integers(0, 4))
        else:
            values[question.id] = draw(st.sampled_from(question.option_keys))
    return values


def _check_intervals(results: Results) -> None:
    for role in results.roles.values():
        assert 0 <= role.fit_low <= role.fit <= role.fit_high <= 100
        if role.interest is not None:
            assert role.interest_low is not None and role.interest_high is not None
            assert role.interest_low <= role.interest <= role.interest_high
    for skill in results.skills.values():
        assert 0 <= skill.level_low <= skill.level <= skill.level_high <= 4


def _check_headline(results: Results) -> None:
    headline = results.headline
    assert headline is not None
    first, second = headline.roles
    assert results.roles[first].fit >= results.roles[second].fit
    assert headline.difference_low <= headline.difference <= headline.difference_high
    if headline.closest is not None:
        # Named only when the 80 % interval of the difference excludes zero.
        assert headline.closest == first and headline.difference_low > 0
        assert headline.tell_apart == []
    else:
        assert headline.difference_low <= 0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=answer_sets())
def test_every_number_carries_an_interval_around_it_and_the_headline_follows_it(
    values: dict[str, AnswerValue],
) -> None:
    results = score(BANK, Answers(values=values))
    _check_intervals(results)
    _check_headline(results)


def test_an_undecided_headline_names_what_would_tell_the_roles_apart() -> None:
    results = score(BANK, Answers(values=rated(2)))
    headline = results.headline
    assert headline is not None and headline.closest is None
    assert headline.tell_apart
    assert all(not results.skills[s].verified for s in headline.tell_apart)


def test_a_clear_ai_profile_is_named_with_confidence(real_bank: Bank) -> None:
    ai, ml = real_bank.role_by_id["ai-engineer"].needs, real_bank.role_by_id["ml-engineer"].needs
    ai_side = {s for s in ai if ai[s].importance > ml[s].importance}
    values: dict[str, AnswerValue] = {}
    for question in CHOICES:
        strong = question.skill in ai_side or question.skill == "programming"
        wrong = next(k for k in question.option_keys if k != question.answer)
        values[question.id] = (question.answer or "") if strong else wrong
    headline = score(BANK, Answers(values=values)).headline
    assert headline is not None and headline.closest == "ai-engineer"
