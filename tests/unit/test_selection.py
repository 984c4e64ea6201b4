"""Which questions the quick and the full assessment ask, and in what order."""

from __future__ import annotations

from collections import Counter

from skillcheck.domain.models import Bank
from skillcheck.domain.selection import full_questions, skills_by_weight


def home_skill(bank: Bank, qid: str) -> str | None:
    """The skill a rating or knowledge item is filed under (None for a preference)."""
    question = bank.question_by_id[qid]
    if question.kind == "preference" or not question.skill_ids:
        return None
    return question.skill_ids[0]


def test_full_asks_every_question_once(any_bank: Bank) -> None:
    full = full_questions(any_bank)
    assert Counter(full) == Counter(q.id for q in any_bank.questions)


def test_full_orders_skills_by_weight_then_rating_then_easy_to_hard(any_bank: Bank) -> None:
    full = full_questions(any_bank)
    skills = [home_skill(any_bank, qid) for qid in full]
    first_seen = list(dict.fromkeys(s for s in skills if s is not None))
    assert first_seen == skills_by_weight(any_bank)
    rank = {"easy": 0, "medium": 1, "hard": 2}
    for skill in first_seen:
        asked = [any_bank.question_by_id[q] for q in full if home_skill(any_bank, q) == skill]
        kinds = [q.kind for q in asked]
        assert kinds == sorted(kinds, key=lambda k: k != "rating")
        difficulties = [rank[q.difficulty or "medium"] for q in asked if q.kind == "choice"]
        assert difficulties == sorted(difficulties)


def test_skills_by_weight_puts_heaviest_first(any_bank: Bank) -> None:
    def combined(skill: str) -> int:
        return sum(r.weights.get(skill, 0) for r in any_bank.roles)

    weights = [combined(s) for s in skills_by_weight(any_bank)]
    assert weights == sorted(weights, reverse=True)


def test_selection_is_deterministic(any_bank: Bank) -> None:
    copy = Bank.model_validate(any_bank.model_dump(by_alias=True))
    assert full_questions(any_bank) == full_questions(copy)
