"""Answers files: good ones load, bad ones fail with one sentence naming file and entry."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w

from skillcheck.domain.models import Answers, Bank
from skillcheck.errors import UserError
from skillcheck.store.answers import answers_template, load_answers
from skillcheck.store.bank import load_bank

DATA = Path(__file__).parent.parent / "data"
ANSWERS = DATA / "answers"


@pytest.fixture(scope="module")
def good_bank() -> Bank:
    return load_bank(DATA / "banks" / "good")


def test_good_answers_load(good_bank: Bank) -> None:
    answers = load_answers(ANSWERS / "good.toml", good_bank)
    assert answers.values["programming-rate"] == 3
    assert answers.values["pref-focus"] == "b"
    assert len(answers.values) == 6


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("unknown-id", '[answers] "quantum-q1": no question has this id in bank test-1.'),
        (
            "out-of-range",
            '[answers] "programming-rate" = 7: a rating takes a whole number 0..4.',
        ),
        (
            "not-an-option",
            '[answers] "programming-q1" = "z": takes one of the option keys a, b, c, d.',
        ),
        ("wrong-type", '[answers] "programming-q1" = 2: takes one of the option keys a, b, c, d.'),
        (
            "rating-as-text",
            '[answers] "programming-rate" = "three": a rating takes a whole number 0..4.',
        ),
        ("boolean", '[answers] "math-stats-rate" = true: a rating takes a whole number 0..4.'),
        ("fraction", '[answers] "math-stats-rate" = 2.5: a rating takes a whole number 0..4.'),
        ("malformed", ":3: not valid TOML at column 20 (Invalid value)."),
        ("no-table", ": no [answers] table;"),
        ("answers-not-a-table", ": no [answers] table;"),
    ],
)
def test_bad_answers_name_the_file_and_entry(good_bank: Bank, case: str, expected: str) -> None:
    path = ANSWERS / f"{case}.toml"
    with pytest.raises(UserError) as caught:
        load_answers(path, good_bank)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message
    assert message.endswith(".")


def test_every_bad_entry_is_counted(good_bank: Bank, tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text('[answers]\n"a" = 1\n"b" = 2\n"programming-rate" = 9\n')
    with pytest.raises(UserError, match=r'"a": no question .* \(2 more like it in this file\)\.$'):
        load_answers(path, good_bank)


def test_missing_file(good_bank: Bank, tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"answers\.toml: no such file\.$"):
        load_answers(tmp_path / "answers.toml", good_bank)


def test_directory_instead_of_file(good_bank: Bank, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is a directory"):
        load_answers(tmp_path, good_bank)


def test_answers_round_trip_through_toml(good_bank: Bank, tmp_path: Path) -> None:
    answers = Answers(values={"programming-rate": 4, "programming-q1": "c", "pref-focus": "a"})
    path = tmp_path / "answers.toml"
    path.write_text(tomli_w.dumps({"answers": answers.values}))
    assert load_answers(path, good_bank) == answers


def test_template_lists_every_question_and_loads_empty(good_bank: Bank, tmp_path: Path) -> None:
    text = answers_template(good_bank)
    for question in good_bank.questions:
        assert f'# "{question.id}" = ' in text
    path = tmp_path / "answers.toml"
    path.write_text(text)
    assert load_answers(path, good_bank).values == {}
    # Uncommenting the example lines gives a complete, valid answers file.
    path.write_text(text.replace('# "', '"'))
    assert len(load_answers(path, good_bank).values) == len(good_bank.questions)


def test_readme_example_is_a_valid_answers_file(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text()
    example = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    path = tmp_path / "answers.toml"
    path.write_text(example)
    answers = load_answers(path, load_bank())
    assert answers.values["programming-rate"] == 3
