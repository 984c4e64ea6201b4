"""The bank's cross-checks: rules no single item's schema can express.

A question's own rules (a rating's five levels, a choice's key among its options...)
are the pydantic models' (`domain.questions`); these need the whole bank: unique ids, ids
that name something, sources the bank declares, enough questions per skill.

Each rule returns `Finding`s (item, key path, message); `store.bank` turns them into
`file:line: message` lines. Items that failed their schema are left out of the rules,
but their ids still count as known, so one typo does not cascade into many problems.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from skillcheck.domain.credential_rules import credential_problems
from skillcheck.domain.models import Career, Credential, Role, Skill
from skillcheck.domain.questions import HiringQuestion, Question

#: A path into an item, as pydantic reports it: field names and list positions.
KeyPath = tuple[str | int, ...]

#: Fewer questions than this (of any kind) and a skill cannot be scored at all.
MIN_QUESTIONS_PER_SKILL = 3
WEIGHTS = range(1, 4)


@dataclass(frozen=True)
class SourceItem:
    """One table from a bank file, before and after validation."""

    kind: str  # "skills", "roles", "credentials", "careers", "questions" or "hiring"
    file: str  # the name of the file it is written in, for grouping and messages
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
    hiring: list[tuple[SourceItem, HiringQuestion]] = field(default_factory=list)

    def all(self) -> Iterator[tuple[SourceItem, Skill | Role | Credential | Career | Question]]:
        yield from self.skills
        yield from self.roles
        yield from self.credentials
        yield from self.careers
        yield from self.questions
        yield from self.hiring


def check_rules(
    raw_items: list[SourceItem],
    valid: ValidItems,
    place: Callable[[SourceItem], str],
    sources: Collection[str] | None,
) -> list[Finding]:
    """Every cross-item problem in the bank.

    `place(item)` names where an item is written; `sources` are the headings the bank
    declares (`[bank] sources`), or None when it declares none (already a problem).
    """
    skill_ids = {i.item_id for i in raw_items if i.kind == "skills"}
    role_ids = {i.item_id for i in raw_items if i.kind == "roles"}
    credentials = {c.id: c for _, c in valid.credentials}
    findings = list(_duplicate_ids(raw_items, place))
    if sources is not None:
        findings += _unknown_sources(valid, set(sources))
    for item, role in valid.roles:
        findings += _role_problems(item, role, skill_ids)
    for item, credential in valid.credentials:
        if not credential.covers:
            findings.append(Finding(item, ("covers",), "covers no skill"))
        findings += _unknown(item, "covers", credential.covers, skill_ids, "skill")
        findings += _unknown(item, "roles", credential.roles, role_ids, "role")
        findings += [
            Finding(item, key, message)
            for key, message in credential_problems(credential, credentials)
        ]
    for item, career in valid.careers:
        findings += _unknown(item, "from", career.from_, role_ids, "role")
        findings += _unknown(item, "skills", career.skills, skill_ids, "skill")
    for item, question in valid.questions:
        findings += _question_problems(item, question, skill_ids, role_ids)
    for item, hiring in valid.hiring:
        findings += _hiring_problems(item, hiring, skill_ids, role_ids)
    findings += _skill_coverage(valid)
    return findings


def _hiring_problems(
    item: SourceItem, question: HiringQuestion, skill_ids: set[object], role_ids: set[object]
) -> Iterator[Finding]:
    """A hiring option may lean to a role and move skills: each must exist."""
    yield from _question_problems(item, question, skill_ids, role_ids)
    for position, option in enumerate(question.options):
        for key, skills in (
            ("adjust", list(option.adjust)),
            ("require", list(option.require)),
            ("central", option.central),
        ):
            for skill in skills:
                if skill not in skill_ids:
                    yield Finding(
                        item,
                        ("options", position, key),
                        f'option {position + 1} "{key}" names unknown skill id "{skill}"',
                    )


def _unknown_sources(valid: ValidItems, sources: set[str]) -> Iterator[Finding]:
    for item, model in valid.all():
        if model.source not in sources:
            yield Finding(
                item, ("source",), f'source "{model.source}" is not one of the [bank] sources'
            )


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
    # Importance 1..3 and required 0..4 are the Need model's own field constraints.
    for skill_id in role.needs:
        if skill_id not in skill_ids:
            yield Finding(item, ("needs", skill_id), f'needs name unknown skill id "{skill_id}"')


def _question_problems(
    item: SourceItem, question: Question, skill_ids: set[object], role_ids: set[object]
) -> Iterator[Finding]:
    if question.skill is not None and question.skill not in skill_ids:
        yield Finding(item, ("skill",), f'"skill" names unknown skill id "{question.skill}"')
    yield from _unknown(item, "skills", question.skills, skill_ids, "skill")
    for position, option in enumerate(question.options):
        if option.lean is not None and option.lean not in role_ids:
            yield Finding(
                item, ("options", position, "lean"), f'lean names unknown role id "{option.lean}"'
            )


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
