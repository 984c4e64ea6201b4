"""Which questions an assessment asks, and in what order. Deterministic for a given bank.

Skills come in order of how much the two roles together lean on them, so the questions
that matter most for fit are asked first. Within a skill: the self-rating, then the
knowledge items from easy to hard. Preference items are spread through the list, so
the interest lean is measured even by a candidate who stops early.
"""

from __future__ import annotations

from skillcheck.domain.models import Bank, Question, SkillId

#: Aim of the quick assessment, in questions (it stays within 25..35 on the real bank).
QUICK_TARGET = 30
#: Preference items the quick assessment keeps (enough to tell a lean).
QUICK_PREFERENCES = 4

_DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}
# For a single knowledge item per skill, a medium one tells most about most candidates.
_QUICK_DIFFICULTY_ORDER = {"medium": 0, "easy": 1, "hard": 2}


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


def quick_questions(bank: Bank) -> list[str]:
    """About 30 questions that tell most: every skill once, the heaviest twice, a few preferences.

    Each skill gets its self-rating (or, lacking one, its most informative knowledge
    item); the remaining budget goes to one knowledge item for the most weighted skills.
    """
    grouped = _by_skill(bank)
    order = skills_by_weight(bank)
    preferences = [q.id for q in bank.questions if q.kind == "preference"][:QUICK_PREFERENCES]
    # Each skill's knowledge items, most informative first.
    informative = {
        skill: sorted(
            grouped[skill][1],
            key=lambda q: _QUICK_DIFFICULTY_ORDER.get(q.difficulty or "medium", 0),
        )
        for skill in order
    }
    picked = {skill: grouped[skill][0][:1] or informative[skill][:1] for skill in order}
    budget = QUICK_TARGET - len(preferences) - sum(len(qs) for qs in picked.values())
    for skill in order:
        if budget <= 0:
            break
        # A skill without a rating already spent its one slot on its best knowledge item.
        if grouped[skill][0] and informative[skill]:
            picked[skill].append(informative[skill][0])
            budget -= 1
    blocks = [[q.id for q in picked[s]] for s in order if picked[s]]
    return _interleave(blocks, preferences) if blocks else preferences
