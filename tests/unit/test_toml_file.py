"""One TOML reader and one wording of its problems, for every file skillcheck reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from skillcheck.errors import UserError
from skillcheck.store.toml_file import (
    field_problem,
    finding_line,
    parse_toml,
    read_toml_file,
    toml_key_path,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = = 1\n", "f.toml:1: not valid TOML at column 5 (Invalid value)."),
        # tomli's message says only "at end of document"; the line is the exception's.
        ("a = 1\nb = [1,", "f.toml:2: not valid TOML at column 8 (Invalid value)."),
        ("n = " + "9" * 5000, "f.toml: cannot be read (a number has too many digits)."),
        ("t = " + "[" * 2000, "f.toml: cannot be read (arrays or tables nested too deeply)."),
        ("t = " + "{ a = " * 2000, "f.toml: cannot be read (arrays or tables nested too deeply)."),
    ],
)
def test_a_toml_problem_is_one_line_naming_the_place(text: str, expected: str) -> None:
    with pytest.raises(UserError) as caught:
        parse_toml(text, "f.toml")
    assert str(caught.value) == expected


def test_read_toml_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "answers.toml"
    path.write_text("[answers\n", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        read_toml_file(path, "an answers file")
    assert str(caught.value).startswith(f"{path}:1: not valid TOML at column 9 (")


class _Fit(BaseModel):
    fit: float
    gaps: list[int]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"gaps": []}, "fit is missing"),
        (
            {"fit": "high", "gaps": []},
            'fit should be a valid number, unable to parse string as a number, not "high"',
        ),
        (
            {"fit": 1, "gaps": [1, "x"]},
            'gaps[2] should be a valid integer, unable to parse string as an integer, not "x"',
        ),
    ],
)
def test_a_validation_problem_is_worded_once(data: dict[str, object], expected: str) -> None:
    with pytest.raises(ValidationError) as caught:
        _Fit.model_validate(data)
    error = caught.value.errors()[0]
    assert field_problem(error, toml_key_path(tuple(error["loc"]))) == expected


def test_key_paths_quote_keys_that_are_not_bare() -> None:
    assert toml_key_path(("roles", "ai-engineer", "fit")) == "roles.ai-engineer.fit"
    assert toml_key_path(("roles", "a.b\nc", "fit")) == 'roles."a.b\\nc".fit'
    assert toml_key_path(()) == "the file"


def test_a_finding_line() -> None:
    assert finding_line("bank.toml", 3, "a problem") == "bank.toml:3: a problem."
    assert finding_line("bank.toml", None, "a problem") == "bank.toml: a problem."
