"""Reading and validating a bank: the bundled one, a small good one and broken copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skillcheck.store import paths
from skillcheck.store.bank import BankError, load_bank, validate_bank_dir

DATA = Path(__file__).parent.parent / "data"
GOOD_BANK = DATA / "banks" / "good"
BROKEN = DATA / "banks"


def broken_bank(case: str, target: Path) -> Path:
    """The good test bank with the case's files laid over it (added or replaced)."""
    shutil.copytree(GOOD_BANK, target)
    for path in (BROKEN / case).iterdir():
        shutil.copy(path, target / path.name)
    return target


def test_bundled_bank_validates_clean() -> None:
    bank, problems = validate_bank_dir(paths.bundled_bank_dir())
    assert problems == []
    assert bank is not None
    assert {r.id for r in bank.roles} == {"ai-engineer", "ml-engineer"}


def test_good_bank_loads_every_file() -> None:
    bank = load_bank(GOOD_BANK)
    assert bank.info.version == "test-1"
    assert len(bank.info.sha256) == 64
    assert [s.id for s in bank.skills] == ["programming", "math-stats"]
    assert len(bank.questions) == 7
    assert bank.question_by_id["pref-focus"].options[2].lean is None


def test_sha256_follows_the_content(good_bank_dir: Path) -> None:
    before = load_bank(good_bank_dir).info.sha256
    assert load_bank(good_bank_dir).info.sha256 == before
    path = good_bank_dir / "questions.toml"
    path.write_text(path.read_text().replace("How well do you", "How well can you"))
    assert load_bank(good_bank_dir).info.sha256 != before


def test_load_bank_defaults_to_skillcheck_bank(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLCHECK_BANK", str(GOOD_BANK))
    assert load_bank().info.version == "test-1"


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("malformed-toml", "extra.toml:3: not valid TOML at column 8: Invalid value."),
        (
            "duplicate-id",
            'questions.toml:24: question "programming-q1": duplicate id, '
            "first defined at extra.toml:2.",
        ),
        (
            "unknown-skill-id",
            'extra.toml:4: question "quantum-q1": "skill" names unknown skill id "quantum".',
        ),
        (
            "unknown-role-id",
            'extra.toml:8: credential "wizard-cert": "roles" names unknown role id "data-wizard".',
        ),
        (
            "unknown-lean",
            'extra.toml:13: question "pref-team": lean names unknown role id "data-engineer".',
        ),
        (
            "answer-not-option",
            'extra.toml:7: question "programming-q9": answer "e" is not one of its option keys '
            "a, b.",
        ),
        (
            "choice-without-explanation",
            'extra.toml:2: question "programming-q9": a choice needs an "explanation".',
        ),
        (
            "too-few-questions",
            'extra.toml:2: skill "nlp": has 1 question(s); a skill needs at least 3.',
        ),
        ("too-few-questions", 'extra.toml:2: skill "nlp": has no rating question.'),
        ("credential-covers-nothing", 'extra.toml:6: credential "empty-cert": covers no skill.'),
        ("missing-version", 'bank.toml: no file has a [bank] table with version = "...".'),
        (
            "bad-rating-options",
            'extra.toml:7: question "programming-rate2": a rating needs exactly five options '
            'keyed "0".."4" in order, not 1, 2.',
        ),
        (
            "preference-two-neutral",
            'extra.toml:6: question "pref-team": options b, c have no lean; '
            "a preference allows one neutral option.",
        ),
        (
            "role-missing-required",
            'extra.toml:7: role "data-engineer": "needs" entry "math-stats", '
            '"required" is missing.',
        ),
        (
            "weight-out-of-range",
            'extra.toml:6: role "data-engineer": "needs" entry "programming", "importance" '
            "should be less than or equal to 3, not 5.",
        ),
        (
            "required-out-of-range",
            'extra.toml:6: role "data-engineer": "needs" entry "programming", "required" '
            "should be less than or equal to 4, not 7.",
        ),
        (
            "unknown-top-level-key",
            'extra.toml:2: unknown top-level key "question" '
            "(expected bank, skills, roles, credentials, careers, questions).",
        ),
        ("missing-field", 'extra.toml:2: skill "nameless": "name" is missing.'),
        (
            "unknown-source",
            'extra.toml:6: career "astronaut": source "Key skills for astronauts" '
            "is not a section heading of the article.",
        ),
        (
            "unknown-option-field",
            'extra.toml:13: question "pref-team": option 2, "leen" is not a known field.',
        ),
        (
            "wrong-kind",
            'extra.toml:3: question "programming-q9": "kind" should be '
            "'rating', 'choice' or 'preference', not \"quiz\".",
        ),
    ],
)
def test_broken_bank_reports_file_line_and_problem(
    case: str, expected: str, tmp_path: Path
) -> None:
    bank, problems = validate_bank_dir(broken_bank(case, tmp_path / case))
    assert bank is None
    assert expected in problems


def test_every_problem_is_reported_not_just_the_first(tmp_path: Path) -> None:
    _, problems = validate_bank_dir(broken_bank("many-problems", tmp_path / "bank"))
    assert problems == [
        'extra.toml:6: credential "empty-cert": covers no skill.',
        'extra.toml:7: credential "empty-cert": "roles" names unknown role id "data-wizard".',
        'extra.toml:13: career "astronaut": "from" names unknown role id "space-engineer".',
        'extra.toml:14: career "astronaut": "skills" names unknown skill id "rocketry".',
    ]


def test_load_bank_raises_with_every_problem(tmp_path: Path) -> None:
    folder = broken_bank("many-problems", tmp_path / "bank")
    with pytest.raises(BankError) as caught:
        load_bank(folder)
    assert len(caught.value.problems) == 4
    message = str(caught.value)
    assert "\n" not in message
    assert "extra.toml:6" in message
    assert "skillcheck validate" in message
    assert "4 problem(s)" in message


def test_missing_directory(tmp_path: Path) -> None:
    bank, problems = validate_bank_dir(tmp_path / "nowhere")
    assert bank is None
    assert problems == [f"{tmp_path / 'nowhere'}: the bank directory does not exist."]


def test_empty_directory(tmp_path: Path) -> None:
    assert validate_bank_dir(tmp_path) == (
        None,
        [f"{tmp_path}: the bank directory holds no *.toml files."],
    )


def test_file_that_is_not_utf8(good_bank_dir: Path) -> None:
    (good_bank_dir / "latin1.toml").write_bytes(b"# caf\xe9\n")
    _, problems = validate_bank_dir(good_bank_dir)
    assert len(problems) == 1
    assert problems[0].startswith("latin1.toml: cannot be read")


def test_bank_table_twice(good_bank_dir: Path) -> None:
    (good_bank_dir / "zz.toml").write_text('[bank]\nversion = "2"\n')
    _, problems = validate_bank_dir(good_bank_dir)
    assert problems == ["zz.toml:1: [bank] is also in bank.toml; keep one."]


def test_a_bank_without_roles_skills_or_questions_says_so(tmp_path: Path) -> None:
    (tmp_path / "bank.toml").write_text('[bank]\nversion = "empty-1"\n', encoding="utf-8")
    bank, problems = validate_bank_dir(tmp_path)
    assert bank is None
    for kind in ("skills", "roles", "questions"):
        assert f"{tmp_path}: the bank defines no {kind}." in problems
