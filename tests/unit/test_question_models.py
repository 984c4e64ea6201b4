"""Questions are a union on `kind`: each kind checks its own rules, and all read alike."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from skillcheck.domain.questions import (
    QUESTION_RULE,
    ChoiceQuestion,
    PreferenceQuestion,
    RatingQuestion,
    parse_question,
)

BASE = {"id": "q", "prompt": "p", "source": "s"}
RATING = {
    **BASE,
    "kind": "rating",
    "skill": "nlp",
    "options": [{"key": str(n), "text": f"level {n}"} for n in range(5)],
}
CHOICE = {
    **BASE,
    "kind": "choice",
    "skill": "nlp",
    "answer": "b",
    "explanation": "because",
    "difficulty": "hard",
    "options": [{"key": "a", "text": "one"}, {"key": "b", "text": "two"}],
}
PREFERENCE = {
    **BASE,
    "kind": "preference",
    "options": [
        {"key": "a", "text": "products", "lean": "ai-engineer"},
        {"key": "b", "text": "models", "lean": "ml-engineer"},
    ],
}


@pytest.mark.parametrize(
    ("data", "model"),
    [(RATING, RatingQuestion), (CHOICE, ChoiceQuestion), (PREFERENCE, PreferenceQuestion)],
)
def test_kind_picks_the_model(data: dict[str, Any], model: type) -> None:
    assert type(parse_question(data)) is model


def test_every_kind_reads_the_same_attributes() -> None:
    rating, choice, preference = (parse_question(d) for d in (RATING, CHOICE, PREFERENCE))
    assert (rating.answer, rating.difficulty, rating.explanation) == (None, None, None)
    assert (preference.answer, preference.difficulty) == (None, None)
    assert (choice.answer, choice.difficulty, choice.explanation) == ("b", "hard", "because")
    assert rating.skill_ids == ["nlp"]
    assert preference.skill_ids == []
    assert choice.option("b") is not None
    assert preference.option("z") is None


def _errors(data: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        parse_question(data)
    return [(tuple(e["loc"]), e["msg"]) for e in caught.value.errors()]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {**CHOICE, "answer": "e"},
            [(("choice", "answer"), 'answer "e" is not one of its option keys a, b')],
        ),
        (
            {**CHOICE, "options": [{"key": "a", "text": "x"}, {"key": "a", "text": "y"}]},
            [(("choice", "options"), 'option key "a" is used 2 times')],
        ),
        (
            {
                **CHOICE,
                "options": [{"key": "a", "text": "x"}, {"key": "b", "text": "y", "lean": "r"}],
            },
            [(("choice", "options", 1, "lean"), "only preference options lean")],
        ),
        ({**CHOICE, "skill": None}, [(("choice", "skill"), 'a choice needs a "skill"')]),
        (
            {**RATING, "options": RATING["options"][:2]},
            [
                (
                    ("rating", "options"),
                    'a rating needs exactly five options keyed "0".."4" in order, not 0, 1',
                )
            ],
        ),
        (
            {**PREFERENCE, "options": [{"key": "a", "text": "x", "lean": "r"}]},
            [(("preference", "options"), "a preference needs at least two options")],
        ),
    ],
)
def test_each_kind_checks_its_own_rules(
    data: dict[str, Any], expected: list[tuple[tuple[str | int, ...], str]]
) -> None:
    assert _errors(data) == expected


def test_rule_errors_carry_their_own_type() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_question({**CHOICE, "answer": "e"})
    assert [e["type"] for e in caught.value.errors()] == [QUESTION_RULE]
