"""The bank as scoring sees it: which questions bear on which skill, each item's place
in the item model, the roles' and careers' targets and the answers each question takes.

`bank_index(bank)` keeps the last few indexes: the adaptive quick mode consults the bank
at every step (25 times a run), and building the index takes about a millisecond.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from skillcheck.domain.item_model import (
    DIFFICULTY_LOCATION,
    RATING_INFORMATION,
    ItemOutcome,
    item_information,
)
from skillcheck.domain.model_base import LEVELS, Difficulty, RoleId, SkillId
from skillcheck.domain.models import AnswerValue, Bank, Career
from skillcheck.domain.questions import Question

T = TypeVar("T")

#: Difficulty assumed for a choice item the author left untagged.
DEFAULT_DIFFICULTY: Difficulty = "medium"
#: A career path asks at least this level of each of its skills (proficient).
CAREER_MIN_TARGET = 3

#: Skill id -> (importance, required level).
Needs = dict[SkillId, tuple[int, int]]


@dataclass(frozen=True)
class ChoiceItem:
    """A knowledge item as the item model sees it."""

    question: Question
    #: The skill the item is filed under (its first), for the review.
    skill: SkillId
    answer: str
    right: ItemOutcome
    wrong: ItemOutcome
    information: float


@dataclass
class SkillItems:
    """The questions bearing on one skill, and how much they can tell in all."""

    ratings: list[str] = field(default_factory=list)
    choices: list[ChoiceItem] = field(default_factory=list)
    available_information: float = 0.0


@dataclass(frozen=True)
class CareerNeeds:
    """A career's skills with the weight and target level each is measured against."""

    career: Career
    #: (skill, weight, target level)
    skills: list[tuple[SkillId, int, int]]


@dataclass(frozen=True)
class BankIndex:
    skills: dict[SkillId, SkillItems]
    #: Role id -> its needs, in the bank's skill order.
    role_needs: dict[RoleId, Needs]
    careers: list[CareerNeeds]
    #: Question id -> the answers it takes (bools never reach here: Answers rejects them).
    valid_values: dict[str, frozenset[AnswerValue]]
    choices: list[ChoiceItem]
    preferences: list[Question]


def _choice_item(question: Question) -> ChoiceItem | None:
    if question.answer is None:
        return None
    location = DIFFICULTY_LOCATION[question.difficulty or DEFAULT_DIFFICULTY]
    # A guess among n options is right one time in n: the item's floor.
    guessing = 1.0 / max(2, len(question.options))
    skill_ids = question.skill_ids
    return ChoiceItem(
        question,
        skill_ids[0] if skill_ids else "",
        question.answer,
        (location, guessing, True),
        (location, guessing, False),
        item_information(guessing),
    )


def career_needs(career: Career, role_needs: dict[RoleId, Needs]) -> CareerNeeds:
    """Weigh a career's skills by the roles it grows from.

    Each skill takes the highest importance and requirement among those roles (weight 1
    when none weighs it), with the target at least proficient: a career path is a
    specialisation.
    """
    skills = []
    for skill in dict.fromkeys(career.skills):
        rated = [role_needs[r][skill] for r in career.from_ if skill in role_needs.get(r, {})]
        weight = max((importance for importance, _ in rated), default=1)
        target = max([CAREER_MIN_TARGET] + [required for _, required in rated])
        skills.append((skill, weight, min(target, max(LEVELS))))
    return CareerNeeds(career, skills)


def build_bank_index(bank: Bank) -> BankIndex:
    """Index `bank` for scoring."""
    skills = {s.id: SkillItems() for s in bank.skills}
    valid_values: dict[str, frozenset[AnswerValue]] = {}
    choices: list[ChoiceItem] = []
    preferences: list[Question] = []
    for question in bank.questions:
        if question.kind == "rating":
            valid_values[question.id] = frozenset(LEVELS)
        else:
            valid_values[question.id] = frozenset(question.option_keys)
        if question.kind == "preference":
            preferences.append(question)
            continue
        item = _choice_item(question) if question.kind == "choice" else None
        if item is not None:
            choices.append(item)
        for skill_id in question.skill_ids:
            items = skills.setdefault(skill_id, SkillItems())
            if question.kind == "rating":
                items.ratings.append(question.id)
                items.available_information += RATING_INFORMATION
            elif item is not None:
                items.choices.append(item)
                items.available_information += item.information
    order = {s.id: i for i, s in enumerate(bank.skills)}
    role_needs: dict[RoleId, Needs] = {}
    for role in bank.roles:
        weighted = sorted(role.weights, key=lambda s: order.get(s, len(order)))
        role_needs[role.id] = {s: (role.weights[s], role.required.get(s, 0)) for s in weighted}
    careers = [career_needs(c, role_needs) for c in bank.careers]
    return BankIndex(skills, role_needs, careers, valid_values, choices, preferences)


#: How many banks `per_bank` keeps a value for (a run uses one; tests use a few).
PER_BANK_KEPT = 4


def per_bank(build: Callable[[Bank], T]) -> Callable[[Bank], T]:
    """`build(bank)`, computed on first use for each bank and kept for the next calls.

    A served session is forked from the zygote, which loaded the bank and used it in
    its warm-up, so what is kept there is never computed again by any session.
    """
    # Keyed by id() but the entry holds the bank, so the id cannot be reused while kept.
    kept: dict[int, tuple[Bank, T]] = {}

    @functools.wraps(build)
    def cached(bank: Bank) -> T:
        entry = kept.get(id(bank))
        if entry is not None and entry[0] is bank:
            return entry[1]
        value = build(bank)
        if len(kept) >= PER_BANK_KEPT:
            kept.pop(next(iter(kept)))
        kept[id(bank)] = (bank, value)
        return value

    return cached


@per_bank
def bank_index(bank: Bank) -> BankIndex:
    """The index of `bank`, built on first use and kept for the next steps of a run."""
    return build_bank_index(bank)
