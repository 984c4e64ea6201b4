"""The bank's data model: skills, roles, credentials, careers and questions.

Pure pydantic: no file I/O, no Textual. `store.bank` reads the TOML files and
builds a `Bank`; everything downstream works on these immutable objects. A `Question`
is one of three models chosen by its `kind`, each checking its own rules; the rules
that need the whole bank are in `domain.bank_rules` and `domain.bank_quality`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cached_property
from typing import Annotated, Literal, TypeAlias

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

RoleId = str
SkillId = str

#: Levels run 0..4; each rating question has one option per level.
MAX_LEVEL = 4
LEVELS = range(MAX_LEVEL + 1)
#: A rating's option keys, in order: one per level.
RATING_KEYS = [str(level) for level in LEVELS]

Difficulty = Literal["easy", "medium", "hard"]
QuestionKind = Literal["rating", "choice", "preference", "hiring"]
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


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class Skill(_Frozen):
    id: SkillId
    name: str
    description: str
    source: str = Field(description="The article section heading the skill comes from.")
    foundational: bool = Field(
        default=False,
        description="A groundwork skill (maths, programming...) best closed by a degree, "
        "not a short certificate.",
    )


class Need(_Frozen):
    """What a role asks of one skill, and why (traced to the article)."""

    importance: int = Field(
        ge=1, le=3, description="How much a shortfall costs: 1 useful, 2 important, 3 central."
    )
    required: int = Field(
        ge=0, le=MAX_LEVEL, description="The level (0..4) at which the skill stops being a gap."
    )
    source: str = Field(description="The article section this need follows.")
    why: str = Field(description="One line: the reason for this importance and level.")


class Role(_Frozen):
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


class Credential(_Frozen):
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


class Career(_Frozen):
    id: str
    name: str
    from_: list[RoleId] = Field(alias="from", description="Roles that lead to this career.")
    skills: list[SkillId]
    description: str = ""
    source: str


class Option(_Frozen):
    key: str
    text: str
    lean: RoleId | None = Field(
        default=None,
        description="Preference questions: the role this option leans to (None: neither).",
    )


#: The pydantic error type of a question's own rules (`ValidationError.errors()[i]["type"]`);
#: its message is a whole phrase ('a choice needs at least two options'), not a field's.
QUESTION_RULE = "question_rule"


def _rule_errors(errors: list[tuple[tuple[str | int, ...], str, object]]) -> None:
    """Raise one ValidationError carrying every (location, message, input) found.

    A validator that raises ValidationError keeps each error's own location (prefixed
    with the field's), so a problem with option 3's `lean` points at that line.
    """
    if errors:
        raise ValidationError.from_exception_data(
            "Question",
            [
                InitErrorDetails(
                    type=PydanticCustomError(QUESTION_RULE, message), loc=loc, input=value
                )
                for loc, message, value in errors
            ],
        )


def _option_key_problems(options: list[Option]) -> list[tuple[tuple[str | int, ...], str, object]]:
    counts = Counter(o.key for o in options)
    return [
        ((), f'option key "{key}" is used {count} times', key)
        for key, count in counts.items()
        if count > 1
    ]


class _QuestionBase(_Frozen):
    """What every kind of question has; the kinds below add their own fields and rules."""

    id: str
    skill: SkillId | None = None
    skills: list[SkillId] = Field(default_factory=list)
    prompt: str
    options: list[Option]
    source: str

    @property
    def skill_ids(self) -> list[SkillId]:
        """Every skill the question bears on (`skill` first, then `skills`)."""
        ids = [self.skill] if self.skill else []
        return ids + [s for s in self.skills if s not in ids]

    def option(self, key: str) -> Option | None:
        return next((o for o in self.options if o.key == key), None)

    @property
    def option_keys(self) -> list[str]:
        return [o.key for o in self.options]


class _Unkeyed:
    """Ratings and preferences have no key: these read as None, as on any question."""

    @property
    def answer(self) -> None:
        return None

    @property
    def explanation(self) -> None:
        return None

    @property
    def difficulty(self) -> None:
        return None


def _no_leans(options: list[Option]) -> list[tuple[tuple[str | int, ...], str, object]]:
    return [
        ((position, "lean"), "only preference options lean", option.lean)
        for position, option in enumerate(options)
        if option.lean is not None
    ]


class RatingQuestion(_Unkeyed, _QuestionBase):
    """A self-rating: one option per level, keyed "0".."4" in order."""

    kind: Literal["rating"] = "rating"
    skill: SkillId

    @field_validator("options")
    @classmethod
    def _five_levels(cls, options: list[Option]) -> list[Option]:
        problems = _no_leans(options)
        keys = [o.key for o in options]
        if keys != RATING_KEYS:
            shown = ", ".join(keys) or "none"
            message = f'a rating needs exactly five options keyed "0".."4" in order, not {shown}'
            problems.append(((), message, keys))
        _rule_errors(problems)
        return options


class ChoiceQuestion(_QuestionBase):
    """A knowledge question: one option is the key."""

    kind: Literal["choice"] = "choice"
    answer: str = Field(description="The key: the right option's key.")
    explanation: str = Field(description="Why the key is right, shown in the review.")
    difficulty: Difficulty

    @field_validator("options")
    @classmethod
    def _options(cls, options: list[Option]) -> list[Option]:
        problems = _no_leans(options) + _option_key_problems(options)
        if len(options) < 2:
            problems.append(((), "a choice needs at least two options", len(options)))
        _rule_errors(problems)
        return options

    @field_validator("answer")
    @classmethod
    def _answer_is_an_option(cls, answer: str, info: ValidationInfo) -> str:
        options: list[Option] | None = info.data.get("options")
        keys = [o.key for o in options or []]
        if options is not None and answer not in keys:
            message = f'answer "{answer}" is not one of its option keys {", ".join(keys)}'
            _rule_errors([((), message, answer)])
        return answer

    @field_validator("explanation")
    @classmethod
    def _explained(cls, explanation: str) -> str:
        if not explanation.strip():
            _rule_errors([((), 'a choice needs an "explanation"', explanation)])
        return explanation

    @model_validator(mode="after")
    def _has_a_skill(self) -> ChoiceQuestion:
        if not self.skill_ids:
            _rule_errors([(("skill",), 'a choice needs a "skill"', None)])
        return self


class PreferenceQuestion(_Unkeyed, _QuestionBase):
    """Which work a candidate prefers: options lean to roles, at most one is neutral."""

    kind: Literal["preference"] = "preference"

    @field_validator("options")
    @classmethod
    def _leaning_options(cls, options: list[Option]) -> list[Option]:
        problems = _option_key_problems(options)
        if len(options) < 2:
            problems.append(((), "a preference needs at least two options", len(options)))
        else:
            neutral = [o.key for o in options if o.lean is None]
            if len(neutral) > 1:
                message = (
                    f"options {', '.join(neutral)} have no lean; "
                    "a preference allows one neutral option"
                )
                problems.append(((), message, neutral))
            if len({o.lean for o in options if o.lean is not None}) < 2:
                problems.append(((), "a preference needs options leaning to two roles", None))
        _rule_errors(problems)
        return options


class HiringOption(Option):
    """An answer to a hiring question, and how it moves the position profile."""

    adjust: dict[SkillId, int] = Field(
        default_factory=dict,
        description="Skill id -> change of importance (-2..+2): +1 matters more for this hire.",
    )
    require: dict[SkillId, int] = Field(
        default_factory=dict,
        description="Skill id -> change of the required level (-2..+2).",
    )
    central: list[SkillId] = Field(
        default_factory=list, description="Skills this answer makes central (importance 3)."
    )
    reason: str = Field(
        description="One line: what this answer says about the work, and so why the "
        "profile moves (shown on the hiring result and kept in the position file)."
    )

    @field_validator("adjust", "require")
    @classmethod
    def _small_steps(cls, changes: dict[SkillId, int]) -> dict[SkillId, int]:
        for skill, delta in changes.items():
            if not -2 <= delta <= 2 or delta == 0:
                raise ValueError(f'"{skill}" moves by {delta}; a step is -2, -1, 1 or 2')
        return changes


class HiringQuestion(_Unkeyed, _QuestionBase):
    """A question for the person hiring (`[[hiring]]` in the bank, asked by `skillcheck
    hire`): about the work, the project and the team; each option moves the position."""

    kind: Literal["hiring"] = "hiring"
    options: list[HiringOption]  # type: ignore[assignment]

    @field_validator("options")
    @classmethod
    def _options(cls, options: list[HiringOption]) -> list[HiringOption]:
        problems = _option_key_problems(list(options))
        if len(options) < 2:
            problems.append(((), "a hiring question needs at least two options", len(options)))
        _rule_errors(problems)
        return options

    def option(self, key: str) -> HiringOption | None:
        return next((o for o in self.options if o.key == key), None)


#: Any question; `kind` says which. Every kind reads `answer`, `explanation` and
#: `difficulty` (None unless it is a choice), `skill_ids` and `option(key)`.
#: A hiring question is a `Question` too (the `hire` flow asks it on the same screen), but
#: the bank keeps it apart (`Bank.hiring`), and `[[questions]]` takes the other three.
Question: TypeAlias = Annotated[
    RatingQuestion | ChoiceQuestion | PreferenceQuestion | HiringQuestion,
    Field(discriminator="kind"),
]
BankQuestion: TypeAlias = Annotated[
    RatingQuestion | ChoiceQuestion | PreferenceQuestion, Field(discriminator="kind")
]
QUESTION_TYPES: dict[str, type[RatingQuestion | ChoiceQuestion | PreferenceQuestion]] = {
    "rating": RatingQuestion,
    "choice": ChoiceQuestion,
    "preference": PreferenceQuestion,
}
_QUESTION_ADAPTER: TypeAdapter[BankQuestion] = TypeAdapter(BankQuestion)


def parse_question(data: object) -> Question:
    """The question `data` (a TOML table) describes, of the kind its `kind` names.

    Raises pydantic's ValidationError; a problem inside a kind is located under that
    kind's name first (("choice", "answer")), as pydantic reports tagged unions.
    """
    return _QUESTION_ADAPTER.validate_python(data)


def parse_hiring(data: object) -> HiringQuestion:
    """The hiring question `data` (a `[[hiring]]` table) describes (pydantic's
    ValidationError if it is not one)."""
    if isinstance(data, dict) and "kind" not in data:
        data = {**data, "kind": "hiring"}
    return HiringQuestion.model_validate(data)


class BankInfo(_Frozen):
    """Identifies the bank a result was scored with."""

    version: str
    sha256: str


class Bank(_Frozen):
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


class Answers(_Frozen):
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


def answer_problem(question: Question, value: object) -> str | None:
    """Why `value` is not a valid answer to `question`, or None when it is."""
    if question.kind == "rating":
        # bool is an int subclass: TOML `true` must not pass as the level 1.
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_LEVEL:
            return f"a rating takes a whole number 0..{MAX_LEVEL}, not {value!r}"
        return None
    if not isinstance(value, str) or question.option(value) is None:
        return f"takes one of the option keys {', '.join(question.option_keys)}, not {value!r}"
    return None
