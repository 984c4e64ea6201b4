"""The bank's data model: skills, roles, credentials, careers, the bank itself and answers.

Pure pydantic: no file I/O, no Textual. `store.bank` reads the TOML files and builds a
`Bank`; everything downstream works on these immutable objects. The questions are in
`domain.questions`; what all these models share (ids, levels) in `domain.model_base`.
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from skillcheck.domain.model_base import MAX_LEVEL, Frozen, RoleId, SkillId
from skillcheck.domain.questions import HiringQuestion, Question

CredentialKind = Literal["certification", "degree", "practice"]
DegreeLevel = Literal["bachelor", "master", "phd"]
#: How far along a credential sits: beginners are pointed at the first two first.
CredentialLevel = Literal[
    "foundational",
    "associate",
    "professional",
    "specialty",
    "graduate-programme",
    "degree",
    "practice",
]
CredentialStatus = Literal["active", "retired"]


class Skill(Frozen):
    id: SkillId
    name: str
    description: str
    source: str = Field(description="The article section heading the skill comes from.")
    foundational: bool = Field(
        default=False,
        description="A groundwork skill (maths, programming...) best closed by a degree, "
        "not a short certificate.",
    )


class Need(Frozen):
    """What a role asks of one skill, and why (traced to the article)."""

    importance: int = Field(
        ge=1, le=3, description="How much a shortfall costs: 1 useful, 2 important, 3 central."
    )
    required: int = Field(
        ge=0, le=MAX_LEVEL, description="The level (0..4) at which the skill stops being a gap."
    )
    source: str = Field(description="The article section this need follows.")
    why: str = Field(description="One line: the reason for this importance and level.")


class Role(Frozen):
    id: RoleId
    name: str
    summary: str
    source: str
    needs: dict[SkillId, Need] = Field(
        description="Skill id -> importance and required level, each with its reason."
    )

    @property
    def weights(self) -> dict[SkillId, int]:
        """Skill id -> importance (1 useful, 2 important, 3 central)."""
        return {skill: need.importance for skill, need in self.needs.items()}

    @property
    def required(self) -> dict[SkillId, int]:
        """Skill id -> the level (0..4) the role expects."""
        return {skill: need.required for skill, need in self.needs.items()}


class Credential(Frozen):
    """A certification, a degree programme or a practical route (internship, pet project...)."""

    id: str
    name: str
    kind: CredentialKind
    level: CredentialLevel = Field(
        description="foundational, associate, professional, specialty, graduate-programme, "
        "degree or practice: how much a candidate needs before starting it."
    )
    degree: DegreeLevel | None = Field(default=None, description="Degrees only.")
    provider: str | None = Field(default=None, description="Certifications only.")
    status: CredentialStatus = "active"
    retired_on: date | None = Field(
        default=None, description="The day it could last be earned (retired ones)."
    )
    successor: str | None = Field(
        default=None, description="The credential id that replaced a retired one."
    )
    covers: list[SkillId]
    roles: list[RoleId] = Field(description="The roles the article lists this credential for.")
    description: str = ""
    source: str

    @property
    def active(self) -> bool:
        return self.status == "active"


class Career(Frozen):
    id: str
    name: str
    from_: list[RoleId] = Field(alias="from", description="Roles that lead to this career.")
    skills: list[SkillId]
    description: str = ""
    source: str


class BankInfo(Frozen):
    """Identifies the bank a result was scored with."""

    version: str
    sha256: str


class Bank(Frozen):
    """The union of every TOML file in a bank directory."""

    info: BankInfo
    as_of: date | None = Field(
        default=None, description="The day the bank's facts (credential status...) were checked."
    )
    skills: list[Skill]
    roles: list[Role]
    credentials: list[Credential]
    careers: list[Career]
    questions: list[Question]
    hiring: list[HiringQuestion] = Field(
        default_factory=list,
        description="The questions `skillcheck hire` asks the person hiring; never scored.",
    )
    document: str = Field(default="", description="What the bank is drawn from (its title).")
    sources: list[str] = Field(
        default_factory=list,
        description="The document's section headings; every item's `source` names one.",
    )

    model_config = ConfigDict(frozen=True, extra="forbid", ignored_types=(cached_property,))

    @cached_property
    def skill_by_id(self) -> dict[SkillId, Skill]:
        return {s.id: s for s in self.skills}

    @cached_property
    def role_by_id(self) -> dict[RoleId, Role]:
        return {r.id: r for r in self.roles}

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def credential_by_id(self) -> dict[str, Credential]:
        return {c.id: c for c in self.credentials}

    def hiring_view(self) -> Bank:
        """This bank with its hiring questions as its questions: what the `hire` flow's
        session and question screen walk through (the same screen as the assessment)."""
        return Bank(
            info=self.info,
            as_of=self.as_of,
            skills=self.skills,
            roles=self.roles,
            credentials=self.credentials,
            careers=self.careers,
            questions=list(self.hiring),
            hiring=self.hiring,
            document=self.document,
            sources=self.sources,
        )

    def questions_for(self, skill_id: SkillId) -> list[Question]:
        return [q for q in self.questions if skill_id in q.skill_ids]


AnswerValue = int | str


class Answers(Frozen):
    """A candidate's answers: question id -> value.

    A rating's value is an integer level 0..4; a choice's or a preference's is an
    option key. Questions absent from the mapping are unanswered (skipped).
    """

    values: dict[str, AnswerValue] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _no_bools(self) -> Answers:
        # TOML `true` would otherwise pass as the integer 1.
        for qid, value in self.values.items():
            if isinstance(value, bool):
                raise ValueError(f"{qid}: a boolean is not an answer")
        return self
