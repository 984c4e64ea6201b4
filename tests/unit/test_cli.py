"""The command line through `main(argv)`: exit codes, one-line errors, never a traceback."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from skillcheck import cli
from skillcheck.options import TuiOptions
from skillcheck.store import paths
from skillcheck.store.bank import load_bank
from skillcheck.store.paths import bundled_bank_dir

DATA = Path(__file__).parent.parent / "data"
GOOD_BANK = DATA / "banks" / "good"
GOOD_ANSWERS = DATA / "answers" / "good.toml"


@pytest.fixture(autouse=True)
def isolated(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A private data folder and the small test bank (via SKILLCHECK_BANK) for every test."""
    monkeypatch.setenv("SKILLCHECK_BANK", str(GOOD_BANK))
    monkeypatch.delenv("SKILLCHECK_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("skillcheck ")


def test_help_shows_commands_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "examples:" in out
    for command in ("score", "show", "validate", "template"):
        assert command in out
    assert "SKILLCHECK_BANK" in out


def test_score_prints_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", str(GOOD_ANSWERS))
    assert code == 0
    assert err == ""
    assert out.startswith("Your results · ")
    assert "you answered 6 of 19" in out
    assert "How well you fit each role" in out
    assert "Certifications and degrees to close your gaps" in out
    assert all(len(line) <= 80 for line in out.splitlines())
    assert "\x1b[" not in out  # not a terminal: no escape codes


def test_score_with_bank_flag(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    copy = tmp_path / "bank"
    shutil.copytree(GOOD_BANK, copy)
    code, out, _ = run(capsys, "score", "--bank", str(copy), str(GOOD_ANSWERS))
    assert code == 0
    assert "How well you fit each role" in out


def test_score_writes_results(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "results.toml"
    code, out, _ = run(capsys, "score", str(GOOD_ANSWERS), "-o", str(target))
    assert code == 0
    assert out == f"Results written to {target}: you answered 6 of 19.\n"
    document = tomllib.loads(target.read_text())
    assert document["schema_version"] == 4
    assert document["answers"]["programming-rate"] == 3
    assert len(document["asked"]) == document["total"] == 19


def test_show_reads_results_back(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "results.toml"
    run(capsys, "score", str(GOOD_ANSWERS), "-o", str(target))
    _, report, _ = run(capsys, "score", str(GOOD_ANSWERS))
    code, out, err = run(capsys, "show", str(target))
    assert code == 0
    assert err == ""
    assert out == report


def test_show_warns_about_another_bank(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "results.toml"
    run(capsys, "score", str(GOOD_ANSWERS), "-o", str(target))
    changed = tmp_path / "bank"
    shutil.copytree(GOOD_BANK, changed)
    bank_toml = changed / "bank.toml"
    bank_toml.write_text(bank_toml.read_text().replace('"test-1"', '"test-2"'))
    code, out, err = run(capsys, "--bank", str(changed), "show", str(target))
    assert code == 0
    assert "How well you fit each role" in out
    assert err.count("\n") == 1
    assert "warning" in err
    assert "test-1" in err
    assert "test-2" in err


def test_show_with_a_broken_bank_names_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "results.toml"
    run(capsys, "score", str(GOOD_ANSWERS), "-o", str(target))
    empty = tmp_path / "no-bank"
    empty.mkdir()
    code, out, err = run(capsys, "--bank", str(empty), "show", str(target))
    assert code == 0
    assert "How well you fit each role" in out
    assert "Python Institute" not in out  # the provider is the bank's, and it is broken
    assert err.count("\n") == 1
    assert err.startswith("skillcheck: warning: the results are shown as saved")
    assert f"{empty}: the bank directory holds no *.toml files" in err


@pytest.mark.parametrize(
    "case", ["unknown-id", "out-of-range", "not-an-option", "boolean", "malformed", "no-table"]
)
def test_bad_answers_exit_2_with_one_line_and_write_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, case: str
) -> None:
    answers = DATA / "answers" / f"{case}.toml"
    target = tmp_path / "results.toml"
    code, out, err = run(capsys, "score", str(answers), "-o", str(target))
    assert code == 2
    assert out == ""
    assert err.startswith(f"skillcheck: {answers}")
    assert err.count("\n") == 1
    assert not target.exists()
    assert {p.name for p in tmp_path.iterdir()} <= {"data"}


def test_missing_answers_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "score", str(tmp_path / "nope.toml"))
    assert code == 2
    assert err == f"skillcheck: {tmp_path / 'nope.toml'}: no such file.\n"


def test_unwritable_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    target = blocker / "results.toml"
    code, out, err = run(capsys, "score", str(GOOD_ANSWERS), "-o", str(target))
    assert code == 2
    assert out == ""
    assert err.startswith(f"skillcheck: {target}: cannot write here")
    assert err.count("\n") == 1


def test_bad_results_file(capsys: pytest.CaptureFixture[str]) -> None:
    path = DATA / "results" / "future-version.toml"
    code, out, err = run(capsys, "show", str(path))
    assert code == 2
    assert out == ""
    assert err.startswith(f"skillcheck: {path}: results schema_version 99")
    assert err.count("\n") == 1


def test_validate_clean_bank(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(GOOD_BANK))
    assert code == 0
    assert out == (
        f"{GOOD_BANK}: bank test-1 is valid: 2 skills, 2 roles, 19 questions "
        "(2 rating, 16 choice, 1 preference), 0 hiring questions, 2 credentials, 1 careers.\n"
    )


def test_validate_counts_the_hiring_questions(capsys: pytest.CaptureFixture[str]) -> None:
    bank = load_bank(bundled_bank_dir())
    code, out, _ = run(capsys, "validate", str(bundled_bank_dir()))
    assert code == 0
    assert bank.hiring  # questions/hiring.toml
    assert f"), {len(bank.hiring)} hiring questions, " in out


def test_validate_defaults_to_the_bank_in_use(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert out.startswith(f"{GOOD_BANK}: bank test-1 is valid")


def test_validate_broken_bank(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "bank"
    shutil.copytree(GOOD_BANK, broken)
    shutil.copy(DATA / "banks" / "many-problems" / "extra.toml", broken)
    code, out, err = run(capsys, "validate", str(broken))
    assert code == 1
    assert out.splitlines() == [
        'extra.toml:6: credential "empty-cert": covers no skill.',
        'extra.toml:7: credential "empty-cert": "roles" names unknown role id "data-wizard".',
        'extra.toml:13: career "astronaut": "from" names unknown role id "space-engineer".',
        'extra.toml:14: career "astronaut": "skills" names unknown skill id "rocketry".',
    ]
    assert err == f"{broken}: 4 problem(s).\n"


def test_score_with_a_broken_bank(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "--bank", str(tmp_path), "score", str(GOOD_ANSWERS))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "skillcheck validate" in err


def test_template_round_trips_through_score(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "answers.toml"
    code, out, _ = run(capsys, "template", "-o", str(target))
    assert code == 0
    assert str(target) in out
    code, out, _ = run(capsys, "score", str(target))
    assert code == 0
    assert "you answered 0 of 19" in out
    # It never overwrites an answers file.
    code, _, err = run(capsys, "template", "-o", str(target))
    assert code == 2
    assert "already exists" in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "score")
    assert code == 2
    assert "ANSWERS.toml" in err


def test_bad_color_env(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLCHECK_COLOR", "rainbow")
    code, _, err = run(capsys)
    assert code == 2
    assert err == "skillcheck: SKILLCHECK_COLOR=rainbow is not one of auto, 16, 256, truecolor.\n"


def test_tui_gets_the_options(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    seen: list[TuiOptions] = []

    def run_tui(options: TuiOptions) -> int:
        seen.append(options)
        return 0

    # A stand-in for the UI module: the CLI's part is only to build the options.
    monkeypatch.setitem(sys.modules, "skillcheck.ui.app", SimpleNamespace(run_tui=run_tui))
    monkeypatch.setenv("SKILLCHECK_COLOR", "256")
    monkeypatch.setenv("SKILLCHECK_SERVED", "1")
    monkeypatch.setenv("TERM", "xterm-256color")  # TERM=dumb (as on some CI) means plain mode
    code, _, _ = run(capsys, "--fresh", "--mode", "quick", "--output", str(tmp_path / "r.toml"))
    assert code == 0
    (options,) = seen
    assert options.bank_dir == GOOD_BANK
    assert options.output == tmp_path / "r.toml"
    assert options.fresh is True
    assert options.color == "256"
    assert options.served is True
    assert options.mode == "quick"


def test_unexpected_error_is_logged_not_shown(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr("skillcheck.store.answers.load_answers", explode)
    code, out, err = run(capsys, "score", str(GOOD_ANSWERS))
    assert code == 70
    assert out == ""
    assert err.count("\n") == 1
    assert str(paths.crash_log_path()) in err
    assert "RuntimeError: kaboom" in paths.crash_log_path().read_text()


def test_score_of_a_results_file_keeps_the_questions_asked(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A results file records the questions asked; scoring it again keeps them as M.
    from skillcheck.domain.models import Answers
    from skillcheck.domain.scoring import score
    from skillcheck.store.bank import load_bank
    from skillcheck.store.results import write_results

    bank = load_bank(GOOD_BANK)
    asked = ["programming-rate", "programming-q1", "math-stats-rate"]
    saved = tmp_path / "results.toml"
    write_results(saved, score(bank, Answers(values={"programming-rate": 2}), asked))
    code, out, _ = run(capsys, "score", str(saved))
    assert code == 0
    assert "you answered 1 of 3" in out
    again = tmp_path / "again.toml"
    code, out, _ = run(capsys, "score", str(saved), "-o", str(again))
    assert out == f"Results written to {again}: you answered 1 of 3.\n"
    assert tomllib.loads(again.read_text())["asked"] == asked


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        (
            '["programming-rate", "nope"]',
            'asked[2] "nope": no question has this id in bank test-1.',
        ),
        (
            '["math-stats-rate"]',
            '[answers] "programming-rate" is answered but not listed in asked.',
        ),
        ('"programming-rate"', "asked must be a list of question ids."),
        (  # an id from the file is quoted as TOML writes it, and cut short
            '["programming-rate", "a\\"b\\n' + "x" * 80 + '"]',
            'asked[2] "a\\"b\\n' + "x" * 50 + "...: no question has this id in bank test-1.",
        ),
    ],
)
def test_a_bad_asked_list_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, asked: str, message: str
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text(f'asked = {asked}\n[answers]\n"programming-rate" = 2\n')
    code, out, err = run(capsys, "score", str(answers))
    assert code == 2
    assert out == ""
    assert err == f"skillcheck: {answers}: {message}\n"


def test_show_reads_a_schema_1_file(capsys: pytest.CaptureFixture[str]) -> None:
    # Made by skillcheck before it recorded the questions asked: M is the old total.
    code, out, err = run(capsys, "show", str(DATA / "results" / "good-schema-1.toml"))
    assert code == 0
    # The good test bank has grown since: show says so, and still shows the old file.
    assert "these results were made with question bank test-1" in err
    assert out.startswith("Your results · equal fit for both roles · you answered 6 of 7\n")


def test_help_lists_serve_and_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "serve" in out and "report" in out
    code, out, _ = run(capsys, "serve", "--help")
    assert code == 0
    assert "--idle-timeout TIME" in out
    assert "(default 15m)" in out


def test_serve_rejects_a_bad_limit_before_loading_ssh(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "serve", "--data", "d", "--open", "--child-memory", "lots")
    assert code == 2
    assert "'lots' is not a size like 512M or 1G" in err


def loaded_after(argv: list[str], tmp_path: Path) -> list[str]:
    """Which of textual and asyncssh `main(argv)` loads, in a fresh interpreter."""
    probe = (
        "import sys, contextlib, io\n"
        "from skillcheck.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main({argv!r})\n"
        "print(code, sorted(m for m in ('textual', 'asyncssh') if m in sys.modules))\n"
    )
    env = {"SKILLCHECK_BANK": str(GOOD_BANK), "SKILLCHECK_DATA_DIR": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, env=env
    )
    return result.stdout.strip().split(maxsplit=1)


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["serve", "--help"],
        ["score", str(GOOD_ANSWERS)],
        ["show", str(DATA / "results" / "good-schema-1.toml")],
    ],
)
def test_commands_load_neither_textual_nor_asyncssh(argv: list[str], tmp_path: Path) -> None:
    assert loaded_after(argv, tmp_path) == ["0", "[]"]


def test_report_does_not_load_asyncssh(tmp_path: Path) -> None:
    served = tmp_path / "served"
    (served / "candidates" / ("a" * 64)).mkdir(parents=True)
    shutil.copy(
        DATA / "results" / "good-schema-1.toml", served / "candidates" / ("a" * 64) / "results.toml"
    )
    assert loaded_after(["report", str(served)], tmp_path) == ["0", "[]"]


def test_validate_warns_about_a_retired_credential_with_no_successor(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    stale = tmp_path / "bank"
    shutil.copytree(GOOD_BANK, stale)
    shutil.copy(DATA / "banks" / "stale-credential" / "extra.toml", stale)
    with (stale / "bank.toml").open("a", encoding="utf-8") as bank_file:
        bank_file.write("as_of = 2026-11-30\n")
    code, out, err = run(capsys, "validate", str(stale))
    # A warning, not a problem: the bank still validates and loads.
    assert code == 0
    assert "is valid" in out
    assert err == (
        f'{stale}: warning: credential "old-cert" was retired on 2020-01-01 and names no '
        "successor, so it is never recommended; add its successor or drop it.\n"
    )


def test_the_kept_parser_carries_nothing_from_one_parse_to_the_next() -> None:
    from skillcheck.cli import build_parser

    parser = build_parser()
    assert build_parser() is parser  # built once: a served session uses the zygote's
    first = parser.parse_args(["--mode", "quick", "--fresh"])
    second = parser.parse_args([])
    assert (first.mode, first.fresh) == ("quick", True)
    assert (second.mode, second.fresh) == (None, False)
