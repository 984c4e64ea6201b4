"""Results files: round trip, re-scoring gives the same numbers, bad files fail clearly."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from skillcheck.domain.models import Answers, Bank, BankInfo
from skillcheck.domain.results import Results
from skillcheck.domain.scoring import score
from skillcheck.errors import UserError
from skillcheck.store.answers import load_answers
from skillcheck.store.bank import load_bank
from skillcheck.store.results import (
    check_bank_matches,
    load_asked,
    load_results,
    results_to_toml,
    write_results,
)

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def good_bank() -> Bank:
    return load_bank(DATA / "banks" / "good")


@pytest.fixture(scope="module")
def results(good_bank: Bank) -> Results:
    return score(good_bank, load_answers(DATA / "answers" / "good.toml", good_bank))


def test_layout_follows_the_documented_tables(results: Results, good_bank: Bank) -> None:
    document = tomllib.loads(results_to_toml(results))
    assert document["schema_version"] == 4
    assert document["asked"] == [q.id for q in good_bank.questions]
    assert document["total"] == len(document["asked"])
    assert set(document["bank"]) == {"version", "sha256"}
    assert document["answers"]["programming-rate"] == 3
    assert set(document["roles"]) == {"ai-engineer", "ml-engineer"}
    role = document["roles"]["ai-engineer"]
    assert {"fit", "fit_low", "fit_high", "interest", "strengths", "gaps"} <= set(role)
    skill = document["skills"]["programming"]
    assert {"level", "level_low", "level_high", "verified", "evidence", "calibration"} <= set(skill)
    assert {"difference", "difference_low", "difference_high", "roles"} <= set(document["headline"])
    for table in ("gaps", "recommendations", "careers", "review"):
        assert isinstance(document[table], list)


def test_numbers_are_rounded(results: Results) -> None:
    document = tomllib.loads(results_to_toml(results))
    for skill in document["skills"].values():
        assert skill["level"] == round(skill["level"], 3)
    for role in document["roles"].values():
        for key in ("fit", "fit_low", "fit_high"):
            assert role[key] == round(role[key], 1)


def test_none_fields_are_left_out_and_restored(good_bank: Bank, tmp_path: Path) -> None:
    # Only a preference answered: no self-rating, nothing tested.
    sparse = score(good_bank, Answers(values={"pref-focus": "a"}))
    text = results_to_toml(sparse)
    assert "self_rated" not in text
    assert "tested" not in text
    path = tmp_path / "results.toml"
    write_results(path, sparse)
    loaded = load_results(path)
    assert loaded.skills["programming"].self_rated is None
    assert loaded.skills["programming"].tested is None
    # Without any preference answer, interest is None too.
    no_interest = score(good_bank, Answers(values={"programming-rate": 2}))
    write_results(path, no_interest)
    assert load_results(path).roles["ai-engineer"].interest is None


def test_round_trip_is_stable(results: Results, tmp_path: Path) -> None:
    path = tmp_path / "results.toml"
    write_results(path, results)
    loaded = load_results(path)
    assert loaded.answers == results.answers
    assert loaded.bank == results.bank
    assert loaded == results  # nothing lost: shown again, it reads as it did on screen
    assert results_to_toml(loaded) == results_to_toml(results)
    assert [f.name for f in tmp_path.iterdir()] == ["results.toml"]


def test_rescoring_loaded_answers_gives_the_same_numbers(
    good_bank: Bank, results: Results, tmp_path: Path
) -> None:
    path = tmp_path / "results.toml"
    write_results(path, results)
    loaded = load_results(path)
    rescored = score(good_bank, Answers(values=loaded.answers), loaded.asked)
    assert results_to_toml(rescored) == results_to_toml(loaded)
    for role_id, role in loaded.roles.items():
        assert round(rescored.roles[role_id].fit, 1) == role.fit


def test_write_to_an_unwritable_place(results: Results, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(UserError, match="cannot write here"):
        write_results(blocker / "results.toml", results)


def test_bank_match(good_bank: Bank, results: Results) -> None:
    assert check_bank_matches(results, good_bank) is None
    other = good_bank.model_copy(update={"info": BankInfo(version="test-2", sha256="f" * 64)})
    warning = check_bank_matches(results, other)
    assert warning is not None
    assert "test-1" in warning
    assert "test-2" in warning


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("answers-not-results", ": not a skillcheck results file (it has no schema_version)."),
        (
            "future-version",
            ": results schema_version 99 is not supported; "
            "this skillcheck reads versions 1, 2, 3 and 4.",
        ),
        ("version-as-text", ': results schema_version "one" is not supported'),
        ("malformed", ":2: not valid TOML at column 12 (Invalid value)."),
        ("missing-fit", ": not a complete results file (roles.ai-engineer.fit is missing)."),
        ("no-asked", ": not a complete results file (asked is missing)."),
        (
            "total-not-asked",
            ": not a complete results file (total is 7, but asked lists 2 questions).",
        ),
        ("no-roles", ": not a complete results file (roles should have at least 1 entry)."),
    ],
)
def test_bad_results_files(case: str, expected: str) -> None:
    path = DATA / "results" / f"{case}.toml"
    with pytest.raises(UserError) as caught:
        load_results(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert expected in message
    assert "\n" not in message


def test_missing_results_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"results\.toml: no such file\.$"):
        load_results(tmp_path / "results.toml")


def test_a_schema_1_file_still_loads(good_bank: Bank) -> None:
    # A real file written before the questions asked were recorded.
    old = load_results(DATA / "results" / "good-schema-1.toml")
    assert old.schema_version == 1
    assert old.asked is None
    assert (old.answered, old.total) == (6, 7)
    # It has no intervals (they came with schema 3): views show none rather than 0..100.
    assert all(r.fit_low is None and r.fit_high is None for r in old.roles.values())
    assert old.headline is None
    # Its answers still score: every question of the bank counts as asked.
    rescored = score(good_bank, Answers(values=old.answers))
    assert rescored.answered == old.answered
    assert rescored.total == len(good_bank.questions)


def test_asked_comes_from_a_results_file_not_from_an_answers_file(
    good_bank: Bank, results: Results, tmp_path: Path
) -> None:
    path = tmp_path / "results.toml"
    write_results(path, score(good_bank, Answers(), ["programming-rate", "math-stats-rate"]))
    assert load_asked(path, good_bank) == ["programming-rate", "math-stats-rate"]
    assert load_asked(DATA / "answers" / "good.toml", good_bank) is None
    assert load_asked(DATA / "results" / "good-schema-1.toml", good_bank) is None
