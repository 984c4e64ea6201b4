"""What scoring produces: the model behind the results screen, the report and the TOML file."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from skillcheck.domain.models import AnswerValue, BankInfo, CredentialKind, RoleId, SkillId

#: 2 records the questions asked (`asked`); 1 did not, and is still read.
SCHEMA_VERSION = 2
READABLE_SCHEMA_VERSIONS = (1, 2)

Calibration = Literal["over", "under", "consistent", "unknown"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SkillResult(_Frozen):
    name: str
    level: float = Field(description="Best estimate of the skill level, 0..4.")
    self_rated: float | None = Field(
        description="Mean of the candidate's self-ratings for this skill, or None if none given."
    )
    tested: float | None = Field(
        description="Level implied by the knowledge questions alone, or None if none answered."
    )
    evidence: float = Field(
        description="0..1: how much answered evidence backs `level` (0 = nothing answered)."
    )
    calibration: Calibration = Field(
        description="over/under: self-rating above/below the tested level by the documented "
        "margin; unknown: not enough of both to compare."
    )


class RoleResult(_Frozen):
    name: str
    fit: float = Field(description="0..100: weighted coverage of the role's required levels.")
    interest: float | None = Field(
        description="0..100: share of preference answers leaning to this role (None: none given)."
    )
    strengths: list[SkillId] = Field(description="Skills adding most to the fit, best first.")
    gaps: list[SkillId] = Field(description="Skills below the required level, costliest first.")


class Gap(_Frozen):
    role: RoleId
    skill: SkillId
    name: str
    required: int
    level: float
    importance: int
    cost: float = Field(description="importance x deficit: what closing it adds to the fit.")


class Recommendation(_Frozen):
    kind: CredentialKind
    id: str
    name: str
    covers: list[SkillId] = Field(description="The candidate's gaps this credential closes.")
    roles: list[RoleId]
    reason: str


class CareerFit(_Frozen):
    id: str
    name: str
    fit: float = Field(description="0..100")
    from_roles: list[RoleId]


class ReviewItem(_Frozen):
    """One answered knowledge question, for the review after the assessment."""

    question: str
    skill: SkillId
    chosen: str
    answer: str
    correct: bool
    explanation: str


class Results(_Frozen):
    schema_version: int = SCHEMA_VERSION
    bank: BankInfo
    asked: list[str] | None = Field(
        default=None,
        description="The ids of the questions the candidate was asked, in order. None only "
        "in a schema-1 file, which did not record them.",
    )
    answers: dict[str, AnswerValue]
    answered: int = Field(description="How many of the asked questions were answered.")
    total: int = Field(
        description="How many questions were asked (the M of 'answered N of M'): len(asked), "
        "or in a schema-1 file every question of the bank it was scored with."
    )
    roles: dict[RoleId, RoleResult] = Field(min_length=1)
    skills: dict[SkillId, SkillResult]
    gaps: list[Gap]
    recommendations: list[Recommendation]
    careers: list[CareerFit]
    review: list[ReviewItem]

    @model_validator(mode="after")
    def _asked_is_recorded(self) -> Results:
        if self.asked is None:
            if self.schema_version >= 2:
                raise ValueError("asked is missing")
        elif self.total != len(self.asked):
            raise ValueError(f"total is {self.total}, but asked lists {len(self.asked)} questions")
        return self

    @property
    def knowledge_right(self) -> int:
        """How many answered knowledge questions were right (the review's tally)."""
        return sum(1 for item in self.review if item.correct)
