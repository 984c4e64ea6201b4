"""Plain mode (`--plain`, `TERM=dumb`): the assessment as lines, driven line by line.

In-process through io.StringIO, and as a real process fed through a pipe; read top to
bottom the way a screen reader reads it.
"""

from __future__ import annotations

import io
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from skillcheck import cli
from skillcheck.domain.session import Session, SessionState
from skillcheck.options import TuiOptions
from skillcheck.plain import run_plain
from skillcheck.reports.results import report_text
from skillcheck.store import autosave, paths
from skillcheck.store.bank import load_bank
from skillcheck.store.results import load_results

DATA = Path(__file__).parent.parent / "data"
GOOD_BANK = DATA / "banks" / "good"
#: What a screen reader would read out as noise: escapes, box drawing, blocks, marks.
NOISE = re.compile(r"[\x1b\u2500-\u259f\u2713\u2717\u00b7]")
FIT_SENTENCE = re.compile(r"^  (AI|ML) Engineer: fit \d+, likely \d+ to \d+\.$", re.MULTILINE)


def plain(*lines: str, **options: object) -> tuple[int, str]:
    """Run plain mode on the good test bank with `lines` as its input; (exit code, output)."""
    stdin = io.StringIO("".join(f"{line}\n" for line in lines))
    stdout = io.StringIO()
    settings = {"bank_dir": GOOD_BANK, **options}
    code = run_plain(TuiOptions(**settings), stdin=stdin, stdout=stdout)  # type: ignore[arg-type]
    return code, stdout.getvalue()


def saved_document() -> dict[str, object]:
    return tomllib.loads(paths.autosave_path().read_text(encoding="utf-8"))


def saved_session() -> Session:
    loaded = autosave.load_session(load_bank(GOOD_BANK))
    assert loaded.session is not None, "nothing saved to resume"
    return loaded.session


def test_a_quick_run_through_a_pipe_reaches_the_results(data_dir: Path) -> None:
    code, out = plain("1", *["1"] * 40)
    assert code == 0
    assert "Start: 1 quick, 2 full, q quit: 1\n" in out
    assert "Question 1 of " in out
    assert "How well you fit each role" in out
    assert len(FIT_SENTENCE.findall(out)) == 2, out
    assert out.rstrip().endswith("End of the results. Start skillcheck again for a new assessment.")
    # The run is over: the autosave holds it completed, so nothing is offered to resume.
    assert autosave.load_session(load_bank(GOOD_BANK)).session is None
    document = paths.autosave_path().read_text(encoding="utf-8")
    assert f'state = "{SessionState.COMPLETED.value}"' in document


def test_each_question_is_printed_once_with_its_parts(data_dir: Path) -> None:
    _, out = plain("1", "2", "q")
    first = out.split("Question 1 of ")[1].split("Question 2 of ")[0]
    lines = first.splitlines()
    # `Question 1 of N`, the kind and skill, the prompt, the numbered options, the answer line.
    assert re.fullmatch(r"\d+", lines[0])
    assert lines[1].split(":")[0] in {"Knowledge check", "Rate yourself", "What you prefer"}
    options = [line for line in lines if re.match(r"\d\. ", line)]
    assert [line[0] for line in options] == [str(n) for n in range(1, len(options) + 1)]
    assert lines[-2] == f"Answer 1-{len(options)}, b back, s skip, q quit: 2"


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("x", "That is not an answer: type a number from 1 to {n}, or b, s or q."),
        ("hello there", "That is not an answer: type a number from 1 to {n}, or b, s or q."),
        ("-1", "That is not an answer: type a number from 1 to {n}, or b, s or q."),
        ("", "Nothing was typed: type a number from 1 to {n}."),
        ("   ", "Nothing was typed: type a number from 1 to {n}."),
        ("9", "There is no option 9: the options are 1 to {n}."),
        ("0", "There is no option 0: the options are 1 to {n}."),
    ],
)
def test_a_wrong_input_gets_one_sentence_and_the_answer_line_again(
    data_dir: Path, typed: str, sentence: str
) -> None:
    code, out = plain("1", typed, "q")
    assert code == 0
    count = int(re.search(r"Answer 1-(\d+),", out)[1])  # type: ignore[index]
    answer_line = f"Answer 1-{count}, b back, s skip, q quit: "
    after = out.split(f"{answer_line}{typed.strip()}\n", 1)[1]
    assert after.splitlines()[:2] == [sentence.format(n=count), f"{answer_line}q"]
    assert out.count("Question 1 of ") == 1  # the question itself is not printed again


def test_back_shows_the_earlier_answer_and_the_first_question_says_so(data_dir: Path) -> None:
    _, out = plain("1", "b", "2", "b", "q")
    assert out.count("Question 1 of ") == 2
    assert "(your answer: 2)\n" in out
    assert "This is the first question.\n" in out  # `b` on question 1, no question printed
    assert saved_session().position == 0


def test_skip_leaves_the_question_unanswered_and_back_says_it_was_skipped(data_dir: Path) -> None:
    _, out = plain("1", "s", "b", "q")
    assert "(you skipped this one)\n" in out
    saved = saved_document()
    assert saved["answers"] == {} and saved["position"] == 0


@pytest.mark.parametrize("ending", ["q", None], ids=["q", "end of input"])
def test_quitting_saves_every_answer(data_dir: Path, ending: str | None) -> None:
    lines = ["1", "1", "2"] + ([ending] if ending else [])
    code, out = plain(*lines)
    assert code == 0
    assert "Saved: 2 of " in out
    session = saved_session()
    assert len(session.answers) == 2
    assert session.resume_position() == 2


def test_resume_is_offered_and_goes_on_at_the_first_unanswered(data_dir: Path) -> None:
    plain("1", "1", "2", "q")
    _, out = plain("r", "q")
    assert "r, Resume your quick session: 2 of " in out
    assert "Start: 1 quick, 2 full, r resume, q quit: r\n" in out
    assert "Resuming your quick session at question 3." in out
    assert "Question 3 of " in out and "Question 1 of " not in out


def test_mode_resumes_the_same_mode_and_fresh_backs_it_up(data_dir: Path) -> None:
    plain("1", "1", "q")
    _, out = plain("q", mode="quick")
    assert "Start:" not in out
    assert "Resuming your quick session at question 2." in out
    _, out = plain("q", fresh=True)
    assert "r resume" not in out
    assert len(list(data_dir.glob("session.backup-*.toml"))) == 1


def test_a_new_run_over_a_saved_one_backs_it_up(data_dir: Path) -> None:
    plain("1", "1", "q")
    plain("2", "q")
    assert len(list(data_dir.glob("session.backup-*.toml"))) == 1
    assert saved_document()["mode"] == "full"


def test_a_bad_start_choice_gets_one_sentence(data_dir: Path) -> None:
    _, out = plain("7", "", "q")
    assert out.count("Please type 1 or 2, then Enter.\n") == 2
    assert out.rstrip().endswith("Goodbye.")


def test_output_writes_the_results_file(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "results.toml"
    code, out = plain("2", *["1"] * 30, output=target)
    assert code == 0
    assert f"The results are also written to {target}." in out
    assert load_results(target).answered > 0


def test_an_unwritable_output_is_one_sentence_and_the_results_still_show(
    data_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    code, out = plain("2", *["1"] * 30, output=tmp_path / "a-file" / "r.toml")
    assert code == 0
    assert "The results are shown below only." in out
    assert "How well you fit each role" in out


def test_a_screen_reader_reads_it_top_to_bottom(data_dir: Path) -> None:
    """Line by line, as one reads: no escape, glyph or box; each question announced by its
    number before its options; every figure of the results in a sentence."""
    _, out = plain("1", *["2"] * 40)
    assert NOISE.findall(out) == []
    lines = out.splitlines()
    starts = [i for i, line in enumerate(lines) if line.startswith("Question ")]
    assert starts, out
    for start in starts:
        block = lines[start : start + 12]
        answer_at = next(i for i, line in enumerate(block) if line.startswith("Answer 1-"))
        options = [line for line in block[:answer_at] if re.match(r"\d\. ", line)]
        assert len(options) == int(block[answer_at].split("-")[1].split(",")[0])
    results = out.split("Your results follow.")[1]
    assert len(FIT_SENTENCE.findall(results)) == 2
    levels = re.findall(r"^  .+: (level [\d.]+ of 4|not answered)", results, re.MULTILINE)
    assert len(levels) == 2  # the good bank's two skills, each as words


def test_a_non_utf8_output_gets_an_ascii_report(data_dir: Path) -> None:
    raw = io.BytesIO()
    stdout = io.TextIOWrapper(raw, encoding="ascii", errors="strict", write_through=True)
    stdin = io.StringIO("1\n" + "1\n" * 40)
    code = run_plain(TuiOptions(bank_dir=GOOD_BANK), stdin=stdin, stdout=stdout)
    assert code == 0
    text = raw.getvalue().decode("ascii")  # raises if a byte is not ASCII
    assert "How well you fit each role" in text


def test_colour_only_when_asked(data_dir: Path) -> None:
    stdout = io.StringIO()
    stdin = io.StringIO("1\n" + "1\n" * 40)
    run_plain(TuiOptions(bank_dir=GOOD_BANK), color="256", stdin=stdin, stdout=stdout)
    assert "\x1b[1mQuestion 1 of" in stdout.getvalue()
    _, out = plain("1", *["1"] * 40)
    assert "\x1b" not in out


def test_a_broken_bank_is_one_line_and_exit_2(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = plain("1", bank_dir=tmp_path / "nowhere")
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("skillcheck: ") and err.count("\n") == 1


def test_a_crash_is_logged_and_told_in_one_line(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def explode(*_: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr("skillcheck.domain.session.Session.advance", explode)
    code, _ = plain("1", "1")
    err = capsys.readouterr().err
    assert code == 70
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(paths.crash_log_path()) in err
    assert "RuntimeError: kaboom" in paths.crash_log_path().read_text(encoding="utf-8")
    assert len(saved_session().answers) == 1  # the answer given before the crash is kept


# --- the command line picks it ---------------------------------------------------------------


def _stub_plain(monkeypatch: pytest.MonkeyPatch) -> list[tuple[TuiOptions, object]]:
    seen: list[tuple[TuiOptions, object]] = []

    def run(options: TuiOptions, *, color: str | None = None) -> int:
        seen.append((options, color))
        return 0

    def run_tui(options: TuiOptions) -> int:
        raise AssertionError("the TUI was started")

    monkeypatch.setitem(sys.modules, "skillcheck.plain", SimpleNamespace(run_plain=run))
    monkeypatch.setitem(sys.modules, "skillcheck.ui.app", SimpleNamespace(run_tui=run_tui))
    monkeypatch.delenv("SKILLCHECK_COLOR", raising=False)
    return seen


@pytest.mark.parametrize(
    ("argv", "term", "color"),
    [
        (["--plain"], "xterm-256color", None),
        ([], "dumb", None),
        (["--mode", "full"], "DUMB", None),
        (["--plain", "--color", "16"], "xterm", "16"),
    ],
)
def test_plain_mode_is_chosen_by_flag_or_dumb_terminal(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], term: str, color: str | None
) -> None:
    seen = _stub_plain(monkeypatch)
    monkeypatch.setenv("TERM", term)
    assert cli.main(argv) == 0
    ((options, given),) = seen
    assert given == color
    assert options.mode == ("full" if "full" in argv else None)


def test_the_tui_is_still_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _stub_plain(monkeypatch)
    started: list[TuiOptions] = []
    monkeypatch.setitem(
        sys.modules, "skillcheck.ui.app", SimpleNamespace(run_tui=lambda o: started.append(o) or 0)
    )
    monkeypatch.setenv("TERM", "xterm-256color")
    assert cli.main([]) == 0
    assert seen == [] and len(started) == 1


# --- a real process -----------------------------------------------------------------------

RUN_AND_LIST_MODULES = """
import sys
from skillcheck.cli import main
code = main(sys.argv[1:])
print("MODULES", " ".join(sorted(sys.modules)), file=sys.stderr)
raise SystemExit(code)
"""


def test_a_process_fed_through_a_pipe_never_loads_textual(data_dir: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "SKILLCHECK_DATA_DIR": str(data_dir),
        "SKILLCHECK_BANK": str(GOOD_BANK),
        "TERM": "dumb",
        "LANG": "C.UTF-8",
    }
    result = subprocess.run(
        [sys.executable, "-c", RUN_AND_LIST_MODULES, "--mode", "quick"],
        input="1\n" * 40,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "How well you fit each role" in result.stdout
    assert NOISE.findall(result.stdout) == []
    modules = result.stderr.split("MODULES ", 1)[1].split()
    assert "skillcheck.plain" in modules
    ui = [m for m in modules if m == "textual" or m.startswith(("textual.", "skillcheck.ui"))]
    assert ui == []


def test_python_m_skillcheck_plain_quits_on_end_of_input(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "skillcheck", "--plain", "--bank", str(GOOD_BANK)],
        input="1\n2\n",
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "SKILLCHECK_DATA_DIR": str(data_dir), "TERM": "xterm"},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Saved: 1 of " in result.stdout
    assert "\x1b" not in result.stdout


# --- the spoken report ------------------------------------------------------------------------


def test_the_spoken_report_words_every_bar(data_dir: Path) -> None:
    bank = load_bank(GOOD_BANK)
    from skillcheck.domain.scoring import score

    session = Session.begin(bank, "full")
    results = score(bank, session.to_answers(), session.question_ids)
    drawn = report_text(results, bank)
    spoken = report_text(results, bank, spoken=True)
    assert "█" in drawn or "░" in drawn
    assert NOISE.findall(spoken) == []
    assert len(FIT_SENTENCE.findall(spoken)) == 2


def test_a_finished_run_is_kept_in_the_history(data_dir: Path) -> None:
    code, output = plain("1", *["1"] * 40)
    assert code == 0
    kept = sorted(paths.history_dir().glob("*.toml"))
    assert len(kept) == 1
    assert f"kept in your history ({kept[0].name})" in output
    assert tomllib.loads(kept[0].read_text(encoding="utf-8"))["answered"] > 0


def test_the_welcome_says_about_how_long_each_mode_takes(data_dir: Path) -> None:
    from skillcheck.domain.adaptive import QUICK_CAP
    from skillcheck.domain.selection import full_questions
    from skillcheck.domain.welcome_text import duration

    _, out = plain("q")
    full = len(full_questions(load_bank(GOOD_BANK)))
    quick = min(QUICK_CAP, full)
    assert (
        f"1, Quick: up to {quick} questions, {duration(quick)}, each picked from your answers.\n"
        in out
    )
    assert f"2, Full: {full} questions, {duration(full)}, every skill in depth.\n" in out
    assert (duration(1), duration(40)) == ("about 1 min", "about 10 min")  # 15 s a question
