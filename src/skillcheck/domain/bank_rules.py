"""The bank's cross-checks: rules no single item's schema can express.

Each rule returns `Finding`s (item, key path, message); `store.bank` turns them into
`file:line: message` lines. Items that failed their schema are left out of the rules,
but their ids still count as known, so one typo does not cascade into many problems.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from skillcheck.domain.models import (
    LEVELS,
    MAX_LEVEL,
    Career,
    Credential,
    Question,
    Role,
    Skill,
)
from skillcheck.store.bank_locate import KeyPath

#: The article's section headings: every item's `source` names one (docs/CONTRACT.md).
ARTICLE_SECTIONS = frozenset(
    [
        "AI engineer: Scope of work and responsibilities",
        "Key skills for AI engineers",
        "Education and certifications for AI engineers",
        "Jobs and prospects",
        "ML engineer: Scope of work and responsibilities",
        "Key skills for ML engineers",
        "Education and certifications for ML engineers",
        "Career growth and specialization opportunities for ML experts",
        "Similarities and overlapping skills",
        "Core differences: Scope of work and project focus",
        "Core differences: Skill set",
        "Core differences: Tools and technologies",
        "Core differences: Approach to problem-solving",
        "Core differences: Application areas",
        "Core differences: Depth of data science involvement",
        "Core differences: End goals",
        "Core differences: Interdisciplinary collaboration",
    ]
)
MIN_QUESTIONS_PER_SKILL = 3
WEIGHTS = range(1, 4)
RATING_KEYS = [str(level) for level in LEVELS]


@dataclass(frozen=True)
class SourceItem:
    """One table from a bank file, before and after validation."""

    kind: str  # "skills", "roles", "credentials", "careers" or "questions"
    file: str
    position: int  # index in that file's array of this kind
    raw: dict[str, Any]

    @property
    def item_id(self) -> object:
        return self.raw.get("id")


@dataclass(frozen=True)
class Finding:
    item: SourceItem
    key: KeyPath
    message: str


@dataclass
class ValidItems:
    """The items that passed their schema, each with where it came from."""

    skills: list[tuple[SourceItem, Skill]] = field(default_factory=list)
    roles: list[tuple[SourceItem, Role]] = field(default_factory=list)
    credentials: list[tuple[SourceItem, Credential]] = field(default_factory=list)
    careers: list[tuple[SourceItem, Career]] = field(default_factory=list)
    questions: list[tuple[SourceItem, Question]] = field(default_factory=list)

    def all(self) -> Iterator[tuple[SourceItem, Skill | Role | Credential | Career | Question]]:
        yield from self.skills
        yield from self.roles
        yield from self.credentials
        yield from self.careers
        yield from self.questions


def check_rules(
    raw_items: list[SourceItem], valid: ValidItems, place: Callable[[SourceItem], str]
) -> list[Finding]:
    """Every cross-item problem in the bank; `place(item)` names where an item is written."""
    skill_ids = {i.item_id for i in raw_items if i.kind == "skills"}
    role_ids = {i.item_id for i in raw_items if i.kind == "roles"}
    findings = list(_duplicate_ids(raw_items, place))
    for item, model in valid.all():
        if model.source not in ARTICLE_SECTIONS:
            findings.append(
                Finding(
                    item,
                    ("source",),
                    f'source "{model.source}" is not a section heading of the article',
                )
            )
    for item, role in valid.roles:
        findings += _role_problems(item, role, skill_ids)
    for item, credential in valid.credentials:
        if not credential.covers:
            findings.append(Finding(item, ("covers",), "covers no skill"))
        findings += _unknown(item, "covers", credential.covers, skill_ids, "skill")
        findings += _unknown(item, "roles", credential.roles, role_ids, "role")
    for item, career in valid.careers:
        findings += _unknown(item, "from", career.from_, role_ids, "role")
        findings += _unknown(item, "skills", career.skills, skill_ids, "skill")
    for item, question in valid.questions:
        findings += _question_problems(item, question, skill_ids, role_ids)
    findings += _skill_coverage(valid)
    return findings


def _duplicate_ids(
    items: list[SourceItem], place: Callable[[SourceItem], str]
) -> Iterator[Finding]:
    first_seen: dict[tuple[str, object], SourceItem] = {}
    for item in items:
        if not isinstance(item.item_id, str):
            continue
        first = first_seen.setdefault((item.kind, item.item_id), item)
        if first is not item:
            yield Finding(item, ("id",), f"duplicate id, first defined at {place(first)}")


def _unknown(
    item: SourceItem, key: str, ids: Iterable[str], known: set[object], what: str
) -> Iterator[Finding]:
    for position, some_id in enumerate(ids):
        if some_id not in known:
            yield Finding(item, (key, position), f'"{key}" names unknown {what} id "{some_id}"')


def _role_problems(item: SourceItem, role: Role, skill_ids: set[object]) -> Iterator[Finding]:
    for skill_id, weight in role.weights.items():
        if skill_id not in skill_ids:
            yield Finding(
                item, ("weights", skill_id), f'weights name unknown skill id "{skill_id}"'
            )
        if weight not in WEIGHTS:
            yield Finding(
                item, ("weights", skill_id), f'weight of "{skill_id}" is {weight}, not 1..3'
            )
        if skill_id not in role.required:
            yield Finding(
                item, ("weights", skill_id), f'weighted skill "{skill_id}" has no required level'
            )
    for skill_id, level in role.required.items():
        if skill_id not in skill_ids:
            yield Finding(
                item, ("required", skill_id), f'required names unknown skill id "{skill_id}"'
            )
        elif skill_id not in role.weights:
            yield Finding(
                item, ("required", skill_id), f'required skill "{skill_id}" has no weight'
            )
        if level not in LEVELS:
            yield Finding(
                item,
                ("required", skill_id),
                f'required level of "{skill_id}" is {level}, not 0..{MAX_LEVEL}',
            )


def _question_problems(
    item: SourceItem, question: Question, skill_ids: set[object], role_ids: set[object]
) -> Iterator[Finding]:
    if question.skill is not None and question.skill not in skill_ids:
        yield Finding(item, ("skill",), f'"skill" names unknown skill id "{question.skill}"')
    yield from _unknown(item, "skills", question.skills, skill_ids, "skill")
    keys = question.option_keys
    for key, count in Counter(keys).items():
        if count > 1:
            yield Finding(item, ("options",), f'option key "{key}" is used {count} times')
    for position, option in enumerate(question.options):
        if option.lean is None:
            continue
        if question.kind != "preference":
            yield Finding(item, ("options", position, "lean"), "only preference options lean")
        elif option.lean not in role_ids:
            yield Finding(
                item, ("options", position, "lean"), f'lean names unknown role id "{option.lean}"'
            )
    if question.kind != "choice":
        for name in ("answer", "explanation", "difficulty"):
            if getattr(question, name) is not None:
                yield Finding(item, (name,), f'only choice questions take "{name}"')
    if question.kind == "rating":
        yield from _rating_problems(item, question)
    elif question.kind == "choice":
        yield from _choice_problems(item, question)
    else:
        yield from _preference_problems(item, question)


def _rating_problems(item: SourceItem, question: Question) -> Iterator[Finding]:
    if question.skill is None:
        yield Finding(item, ("skill",), 'a rating needs a "skill"')
    if question.option_keys != RATING_KEYS:
        shown = ", ".join(question.option_keys) or "none"
        yield Finding(
            item,
            ("options",),
            f'a rating needs exactly five options keyed "0".."4" in order, not {shown}',
        )


def _choice_problems(item: SourceItem, question: Question) -> Iterator[Finding]:
    if not question.skill_ids:
        yield Finding(item, ("skill",), 'a choice needs a "skill"')
    if len(question.options) < 2:
        yield Finding(item, ("options",), "a choice needs at least two options")
    if question.answer is None:
        yield Finding(item, ("answer",), 'a choice needs an "answer"')
    elif question.option(question.answer) is None:
        yield Finding(
            item,
            ("answer",),
            f'answer "{question.answer}" is not one of its option keys '
            f"{', '.join(question.option_keys)}",
        )
    if not question.explanation:
        yield Finding(item, ("explanation",), 'a choice needs an "explanation"')
    if question.difficulty is None:
        yield Finding(item, ("difficulty",), 'a choice needs a "difficulty" (easy, medium, hard)')


def _preference_problems(item: SourceItem, question: Question) -> Iterator[Finding]:
    if len(question.options) < 2:
        yield Finding(item, ("options",), "a preference needs at least two options")
        return
    neutral = [o.key for o in question.options if o.lean is None]
    if len(neutral) > 1:
        yield Finding(
            item,
            ("options",),
            f"options {', '.join(neutral)} have no lean; a preference allows one neutral option",
        )
    if len({o.lean for o in question.options if o.lean is not None}) < 2:
        yield Finding(item, ("options",), "a preference needs options leaning to two roles")


def _skill_coverage(valid: ValidItems) -> Iterator[Finding]:
    count: Counter[str] = Counter()
    rated: set[str] = set()
    tested: set[str] = set()
    for _, question in valid.questions:
        count.update(question.skill_ids)
        if question.kind == "rating" and question.skill:
            rated.add(question.skill)
        elif question.kind == "choice":
            tested.update(question.skill_ids)
    for item, skill in valid.skills:
        if count[skill.id] < MIN_QUESTIONS_PER_SKILL:
            yield Finding(
                item,
                ("id",),
                f"has {count[skill.id]} question(s); a skill needs at least "
                f"{MIN_QUESTIONS_PER_SKILL}",
            )
        if skill.id not in rated:
            yield Finding(item, ("id",), "has no rating question")
        if skill.id not in tested:
            yield Finding(item, ("id",), "has no choice question")
