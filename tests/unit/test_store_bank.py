"""Reading and validating a bank: the bundled one, a small good one and broken copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skillcheck.domain.bank_quality import MAX_KEY_LENGTH_RATIO, MAX_RULE_SHARE
from skillcheck.store import paths
from skillcheck.store.bank import (
    BankCheck,
    BankError,
    check_bank_dir,
    load_bank,
    validate_bank_dir,
)

DATA = Path(__file__).parent.parent / "data"
GOOD_BANK = DATA / "banks" / "good"
BROKEN = DATA / "banks"


def broken_bank(case: str, target: Path) -> Path:
    """The good test bank with the case's files laid over it (added or replaced)."""
    shutil.copytree(GOOD_BANK, target)
    for path in (BROKEN / case).iterdir():
        shutil.copy(path, target / path.name)
    return target


def test_bundled_bank_has_no_problems() -> None:
    """It loads: nothing in it makes the bank unusable (quality findings aside)."""
    check = check_bank_dir(paths.bundled_bank_dir())
    assert check.problems == []
    assert check.bank is not None


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
    assert len(bank.questions) == 19
    assert bank.document == "AI Engineer Vs. ML Engineer: Differentiating Between Roles"
    assert "Key skills for ML engineers" in bank.sources
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
        ("malformed-toml", "extra.toml:3: not valid TOML at column 8 (Invalid value)."),
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
            "(expected bank, skills, roles, credentials, careers, questions, hiring).",
        ),
        ("missing-field", 'extra.toml:2: skill "nameless": "name" is missing.'),
        (
            "unknown-source",
            'extra.toml:6: career "astronaut": source "Key skills for astronauts" '
            "is not one of the [bank] sources.",
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
        ("kind-missing", 'extra.toml:2: question "programming-q9": "kind" is missing.'),
        (
            "option-not-a-table",
            'extra.toml:10: question "programming-q9": option 2 should be a table, not "Two".',
        ),
        (
            "lean-on-a-choice",
            'extra.toml:16: question "programming-q9": only preference options lean.',
        ),
        (
            "answer-on-a-rating",
            'extra.toml:7: question "programming-rate2": only choice questions take "answer".',
        ),
        (
            "choice-without-explanation",
            'extra.toml:2: question "programming-q9": a choice needs a "difficulty".',
        ),
        # `[[questions]]` inside strings, a comment and an array is not a header.
        (
            "header-inside-a-string",
            'extra.toml:32: question "quantum-q2": "skill" names unknown skill id "quantum".',
        ),
        (
            "sources-missing",
            'bank.toml:2: [bank] needs sources = ["...", ...], the headings of the document '
            'that items name in "source".',
        ),
        (
            "source-listed-twice",
            'bank.toml:2: [bank] sources lists "Jobs and prospects" more than once.',
        ),
        (
            "document-missing",
            'bank.toml:2: [bank] needs document = "..." (what the bank is drawn from).',
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


# --- quality: answer cues and thin skills -------------------------------------------


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            "cue-longest",
            "extra.toml: picking the longest option finds the key in 3 of 8 knowledge "
            "questions (38 %, more than 35 %).",
        ),
        (
            "cue-second-longest",
            "extra.toml: picking the second-longest option finds the key in 3 of 8 knowledge "
            "questions (38 %, more than 35 %).",
        ),
        (
            "cue-shortest",
            "extra.toml: picking the shortest option finds the key in 3 of 8 knowledge "
            "questions (38 %, more than 35 %).",
        ),
        (
            "cue-letter",
            'extra.toml: answering "a" every time finds the key in 3 of 8 knowledge '
            "questions (38 %, more than 35 %).",
        ),
        (
            "cue-over-the-whole-bank",
            "{bank}: over the whole bank, picking the longest option finds the key in 7 of 19 "
            "knowledge questions (37 %, more than 35 %).",
        ),
        (
            "key-too-long",
            'extra.toml:8: question "math-stats-q9": the key "b" has 13 characters, 1.30x '
            "the longest distractor's 10 (at most 1.25x).",
        ),
        (
            "few-knowledge-questions",
            'extra.toml:3: skill "nlp": has 3 knowledge question(s) (1 easy, 1 medium, 1 hard); '
            "a skill needs at least 8, with at least 2 easy, 3 medium and 2 hard.",
        ),
        (
            "no-hard-questions",
            'extra.toml:3: skill "nlp": has 8 knowledge question(s) (3 easy, 5 medium, 0 hard); '
            "a skill needs at least 8, with at least 2 easy, 3 medium and 2 hard.",
        ),
    ],
)
def test_a_bank_with_a_quality_finding_loads_but_does_not_validate(
    case: str, expected: str, tmp_path: Path
) -> None:
    folder = broken_bank(case, tmp_path / case)
    bank, findings = validate_bank_dir(folder)
    assert bank is None
    assert findings == [expected.format(bank=folder)]
    check = check_bank_dir(folder)
    assert check.problems == []
    assert check.findings == findings
    assert check_bank_dir(folder, quality=False) == BankCheck(check.bank)
    assert load_bank(folder) == check.bank


def test_the_thresholds_are_the_documented_ones() -> None:
    assert MAX_RULE_SHARE == 0.35
    assert MAX_KEY_LENGTH_RATIO == 1.25


def test_a_bank_drawn_from_another_document(good_bank_dir: Path) -> None:
    """--bank works for any document: the sources are the bank's, not the article's."""
    article = load_bank(good_bank_dir).sources
    chapters = {heading: f"Chapter {n}" for n, heading in enumerate(article, start=1)}
    for path in good_bank_dir.glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        for heading, chapter in chapters.items():
            text = text.replace(f'"{heading}"', f'"{chapter}"')
        path.write_text(text.replace("Differentiating Between Roles", "A field guide"))
    bank, problems = validate_bank_dir(good_bank_dir)
    assert problems == []
    assert bank is not None
    assert bank.sources == [f"Chapter {n}" for n in range(1, len(article) + 1)]
    assert {q.source for q in bank.questions} <= set(bank.sources)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # tomli's message alone says "at end of document"; the line comes from the exception.
        ('a = """abc', "extra.toml:1: not valid TOML at column 11 (Unterminated string)."),
        ("n = " + "9" * 5000, "extra.toml: cannot be read (a number has too many digits)."),
        (
            "t = " + "{ a = " * 2000,
            "extra.toml: cannot be read (arrays or tables nested too deeply).",
        ),
    ],
)
def test_a_file_tomli_cannot_read_is_one_problem(
    good_bank_dir: Path, text: str, expected: str
) -> None:
    (good_bank_dir / "extra.toml").write_text(text, encoding="utf-8")
    assert validate_bank_dir(good_bank_dir) == (None, [expected])
