"""Per-bank lookups that scoring needs on every call, built once per Bank object.

Scoring runs after every answer in the TUI, so everything that depends only on the bank
(which questions bear on which skill, each item's likelihood curves, role weights) is
computed once and kept, keyed by the bank's identity (a Bank is frozen, so it cannot
change under the cache).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from skillcheck.domain.item_model import (
    DIFFICULTY_LOCATION,
    RATING_INFORMATION,
    Curve,
    item_curves,
    item_information,
)
from skillcheck.domain.models import Bank, Difficulty, Question, RoleId, SkillId

#: Difficulty assumed for a choice item the author left untagged.
DEFAULT_DIFFICULTY: Difficulty = "medium"


@dataclass(frozen=True)
class ChoiceItem:
    """A knowledge item as the item model sees it."""

    question: Question
    answer: str
    right: Curve
    wrong: Curve
    information: float


@dataclass
class SkillItems:
    """The questions bearing on one skill, and how much they can tell in all."""

    ratings: list[str] = field(default_factory=list)
    choices: list[ChoiceItem] = field(default_factory=list)
    available_information: float = 0.0


@dataclass(frozen=True)
class BankIndex:
    skills: dict[SkillId, SkillItems]
    #: Role id -> skill id -> (importance, required level), in the bank's skill order.
    role_needs: dict[RoleId, dict[SkillId, tuple[int, int]]]
    choice_ids: list[str]
    preference_ids: list[str]


def _choice_item(question: Question) -> ChoiceItem | None:
    if question.answer is None:
        return None
    location = DIFFICULTY_LOCATION[question.difficulty or DEFAULT_DIFFICULTY]
    # A guess among n options is right one time in n: the item's floor.
    guessing = 1.0 / max(2, len(question.options))
    right, wrong = item_curves(location, guessing)
    return ChoiceItem(question, question.answer, right, wrong, item_information(guessing))


def build_bank_index(bank: Bank) -> BankIndex:
    """Index `bank` for scoring (use `bank_index`, which caches)."""
    skills = {s.id: SkillItems() for s in bank.skills}
    choice_ids: list[str] = []
    preference_ids: list[str] = []
    for question in bank.questions:
        if question.kind == "preference":
            preference_ids.append(question.id)
            continue
        item = _choice_item(question) if question.kind == "choice" else None
        if question.kind == "choice":
            choice_ids.append(question.id)
        for skill_id in question.skill_ids:
            items = skills.setdefault(skill_id, SkillItems())
            if question.kind == "rating":
                items.ratings.append(question.id)
                items.available_information += RATING_INFORMATION
            elif item is not None:
                items.choices.append(item)
                items.available_information += item.information
    order = {s.id: i for i, s in enumerate(bank.skills)}
    role_needs: dict[RoleId, dict[SkillId, tuple[int, int]]] = {}
    for role in bank.roles:
        weighted = sorted(role.weights, key=lambda s: order.get(s, len(order)))
        role_needs[role.id] = {s: (role.weights[s], role.required.get(s, 0)) for s in weighted}
    return BankIndex(skills, role_needs, choice_ids, preference_ids)


_CACHE: dict[int, tuple[Bank, BankIndex]] = {}
_CACHE_SIZE = 8


def bank_index(bank: Bank) -> BankIndex:
    """The cached index of `bank` (built on first use)."""
    # Keyed by id() but the entry keeps the bank alive, so the id cannot be reused
    # by another object while the entry exists.
    entry = _CACHE.get(id(bank))
    if entry is not None and entry[0] is bank:
        return entry[1]
    index = build_bank_index(bank)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[id(bank)] = (bank, index)
    return index
