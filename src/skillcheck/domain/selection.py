"""The full assessment's questions in order, and the preferences a short one asks.

Skills come in order of how much the two roles together lean on them, so the questions
that matter most for fit are asked first. Within a skill: the self-rating, then the
knowledge items from easy to hard. Preference items are spread through the list, so
the interest lean is measured even by a candidate who stops early. (The quick
assessment picks its questions as it goes: `domain.adaptive`.) Deterministic.
"""

from __future__ import annotations

from skillcheck.domain.model_base import SkillId
from skillcheck.domain.models import Bank
from skillcheck.domain.questions import Question

_DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}


def skills_by_weight(bank: Bank) -> list[SkillId]:
    """Skill ids by the roles' combined weight, heaviest first (bank order among equals)."""
    weight = {s.id: sum(r.weights.get(s.id, 0) for r in bank.roles) for s in bank.skills}
    return sorted(weight, key=lambda s: -weight[s])


def _home_skill(question: Question) -> SkillId | None:
    return question.skill_ids[0] if question.skill_ids else None


def _by_skill(bank: Bank) -> dict[SkillId, tuple[list[Question], list[Question]]]:
    """Skill id -> (its rating questions, its choice questions easy to hard)."""
    grouped: dict[SkillId, tuple[list[Question], list[Question]]] = {
        s.id: ([], []) for s in bank.skills
    }
    for question in bank.questions:
        home = _home_skill(question)
        if question.kind == "preference" or home not in grouped:
            continue
        ratings, choices = grouped[home]
        (ratings if question.kind == "rating" else choices).append(question)
    for _, choices in grouped.values():
        choices.sort(key=lambda q: _DIFFICULTY_ORDER.get(q.difficulty or "medium", 1))
    return grouped


def _interleave(blocks: list[list[str]], preferences: list[str]) -> list[str]:
    """Concatenate the skill blocks with the preference items spread evenly between them."""
    after: dict[int, list[str]] = {}
    for k, preference in enumerate(preferences):
        # Preference k goes after the block (k+1)/(P+1) of the way through the run.
        block = max(0, (k + 1) * len(blocks) // (len(preferences) + 1) - 1)
        after.setdefault(block, []).append(preference)
    ordered: list[str] = []
    for i, block_ids in enumerate(blocks):
        ordered.extend(block_ids)
        ordered.extend(after.get(i, []))
    return ordered


def one_preference_per_source(bank: Bank) -> list[str]:
    """The first preference question drawn from each source (each difference), in bank order.

    So a short assessment still asks about every difference the bank's preferences
    cover, not just the ones that happen to come first in the file.
    """
    chosen: dict[str, str] = {}
    for question in bank.questions:
        if question.kind == "preference":
            chosen.setdefault(question.source, question.id)
    return list(chosen.values())


def full_questions(bank: Bank) -> list[str]:
    """Every question of the bank exactly once, in assessment order."""
    grouped = _by_skill(bank)
    blocks = [
        [q.id for q in grouped[s][0]] + [q.id for q in grouped[s][1]]
        for s in skills_by_weight(bank)
    ]
    preferences = [q.id for q in bank.questions if q.kind == "preference"]
    # A valid bank files every rating and choice under one of its skills, so each
    # question is in exactly one block.
    return _interleave(blocks, preferences) if blocks else list(preferences)
