"""The bank's questions: self-ratings, knowledge choices, preferences and hiring questions.

Pure pydantic, like `domain.models`. A `Question` is one of four models chosen by its
`kind`, each checking its own rules; the rules that need the whole bank are in
`domain.bank_rules` and `domain.bank_quality`.
"""

from __future__ import annotations

from collections import Counter
from typing import Annotated, Literal, TypeAlias

from pydantic import (
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from skillcheck.domain.model_base import (
    MAX_LEVEL,
    RATING_KEYS,
    Difficulty,
    Frozen,
    RoleId,
    SkillId,
)


class Option(Frozen):
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


class _QuestionBase(Frozen):
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
