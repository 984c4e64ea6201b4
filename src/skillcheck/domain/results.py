"""What scoring produces: the model behind the results screen, the report and the TOML file."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from skillcheck.domain.model_base import RoleId, SkillId
from skillcheck.domain.models import AnswerValue, BankInfo, CredentialKind

#: 4 adds the fit to a position profile (`position`, only when scored against one);
#: 3 adds intervals (level_low/high, fit_low/high, interest_low/high), verified skills
#: and the headline's decision; 2 records the questions asked (`asked`); 1 did neither.
#: All four are read.
SCHEMA_VERSION = 4
READABLE_SCHEMA_VERSIONS = (1, 2, 3, 4)
#: The `role` of a position's own gaps (`PositionResult.gaps`).
POSITION_ROLE_ID = "position"

Calibration = Literal["over", "under", "consistent", "unknown"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SkillResult(_Frozen):
    name: str
    level: float = Field(description="Best estimate of the skill level, 0..4.")
    level_low: float | None = Field(
        default=None, description="80 % interval of the level: low end (None before schema 3)."
    )
    level_high: float | None = Field(
        default=None, description="80 % interval of the level: high end (None before schema 3)."
    )
    verified: bool | None = Field(
        default=None,
        description="True when at least one knowledge question of the skill was answered; "
        "an unverified level rests on the self-rating and the other skills only "
        "(None before schema 3).",
    )
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
    fit_low: float | None = Field(
        default=None, description="80 % interval of the fit: low end (None before schema 3)."
    )
    fit_high: float | None = Field(
        default=None, description="80 % interval of the fit: high end (None before schema 3)."
    )
    interest: float | None = Field(
        description="0..100: share of preference answers leaning to this role (None: none given)."
    )
    interest_low: float | None = Field(default=None, description="80 % interval of interest.")
    interest_high: float | None = Field(default=None, description="80 % interval of interest.")
    strengths: list[SkillId] = Field(description="Skills adding most to the fit, best first.")
    gaps: list[SkillId] = Field(description="Skills below the required level, costliest first.")


class Gap(_Frozen):
    role: RoleId
    skill: SkillId
    name: str
    required: int
    level: float
    importance: int
    cost: float = Field(
        description="Fit points (of this role) that closing the gap would add: importance "
        "x expected shortfall below the required level, as a share of the role's total."
    )
    verified: bool = True


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


class Headline(_Frozen):
    """Which role the candidate is closer to, and how sure that is."""

    closest: RoleId | None = Field(
        default=None,
        description="The closer role when the 80 % interval of the fit difference excludes "
        "zero; None when both fit about equally.",
    )
    difference: float = Field(description="Fit of the first role minus the second.")
    difference_low: float = Field(description="80 % interval of the difference: low end.")
    difference_high: float = Field(description="80 % interval of the difference: high end.")
    roles: list[RoleId] = Field(description="The two roles compared (first minus second).")
    tell_apart: list[SkillId] = Field(
        description="When undecided: the skills whose answers would most change the "
        "difference (the roles weigh them differently and they are least tested)."
    )
    leaning: RoleId | None = Field(
        default=None,
        description="The role the preferences lean to when their 80 % interval excludes "
        "an even split; None otherwise.",
    )


class PositionResult(_Frozen):
    """The candidate's fit to a position profile (`skillcheck score --position`)."""

    name: str = Field(description="The position's name.")
    roles: list[RoleId] = Field(description="The position's base role(s).")
    fit: float = Field(description="0..100: weighted coverage of the position's required levels.")
    fit_low: float = Field(description="80 % interval of the fit: low end.")
    fit_high: float = Field(description="80 % interval of the fit: high end.")
    strengths: list[SkillId] = Field(description="Skills adding most to the fit, best first.")
    gaps: list[Gap] = Field(
        description='The position\'s gaps, costliest first (their role is "position").'
    )


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
    headline: Headline | None = None
    position: PositionResult | None = Field(
        default=None, description="The fit to a position profile, when scored against one."
    )

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
