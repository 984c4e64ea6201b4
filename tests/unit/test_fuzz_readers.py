"""Every reader of outside input, fed whatever hypothesis makes, keeps its promise.

Through `main(argv)`: exit code 0, or 2 with nothing on stdout and exactly one line on
stderr naming the file, never a traceback. In the app (the autosave): a session to
resume or a notice, and nothing lost: an unusable file is moved aside byte for byte.

Each property runs QUICK examples in the quick loop and THOROUGH ones under `slow`.
"""

from __future__ import annotations

import contextlib
import copy
import io
import shutil
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import asyncssh
import pytest
from fuzz_inputs import file_bytes, keys, toml_text, values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillcheck import cli
from skillcheck.domain.models import Bank
from skillcheck.domain.questions import answer_problem
from skillcheck.errors import UserError
from skillcheck.ssh.identity import load_authorized_keys
from skillcheck.store import paths
from skillcheck.store.autosave import load_session, save_session, session_to_toml
from skillcheck.store.bank import load_bank, validate_bank_dir

DATA = Path(__file__).parents[1] / "data"
GOOD_BANK = DATA / "banks" / "good"
GOOD_ANSWERS = DATA / "answers" / "good.toml"

QUICK = 30
THOROUGH = 200
EXAMPLES = [QUICK, pytest.param(THOROUGH, marks=pytest.mark.slow)]


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,  # each run explores afresh; a failure prints its example
    )


@pytest.fixture(autouse=True)
def isolated(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLCHECK_BANK", str(GOOD_BANK))


@pytest.fixture(scope="module")
def good_bank() -> Bank:
    return load_bank(GOOD_BANK)


def run_main(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def assert_one_line_naming(err: str, prefix: str, path: Path) -> None:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith(f"{prefix}{path}"), err
    assert "Traceback" not in err


def good_text(path: Path) -> tuple[str, dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    return text, tomllib.loads(text)


# --- answers ------------------------------------------------------------------------------

ANSWERS_TEXT, ANSWERS_DOCUMENT = good_text(GOOD_ANSWERS)
#: Answers tables of real and made-up ids with any value.
answer_tables = st.dictionaries(
    st.sampled_from(["programming-rate", "programming-q1", "pref-focus", "math-stats-rate"]) | keys,
    values,
    max_size=6,
).map(lambda table: toml_text({"answers": table}).encode())


@pytest.mark.parametrize("examples", EXAMPLES)
def test_score_of_any_answers_file_exits_0_or_names_the_file(tmp_path: Path, examples: int) -> None:
    path = tmp_path / "answers.toml"

    @fuzz(examples)
    @given(data=file_bytes(ANSWERS_TEXT, ANSWERS_DOCUMENT) | answer_tables)
    def check(data: bytes) -> None:
        path.write_bytes(data)
        code, out, err = run_main("score", str(path))
        if code == 0:
            assert err == ""
            assert "How well you fit each role" in out
        else:
            assert (code, out) == (2, "")
            assert_one_line_naming(err, "skillcheck: ", path)

    check()


# --- results ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good_results(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    path = tmp_path_factory.mktemp("results") / "results.toml"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SKILLCHECK_BANK", str(GOOD_BANK))
        assert run_main("score", str(GOOD_ANSWERS), "-o", str(path))[0] == 0
    return good_text(path)


@pytest.mark.parametrize("examples", EXAMPLES)
def test_show_of_any_results_file_shows_it_or_names_the_file(
    tmp_path: Path, good_results: tuple[str, dict[str, Any]], examples: int
) -> None:
    # Where `skillcheck serve` keeps a candidate's results, so the team report reads it too.
    path = tmp_path / "candidates" / ("c" * 64) / "results.toml"
    path.parent.mkdir(parents=True)

    @fuzz(examples)
    @given(data=file_bytes(*good_results))
    def check(data: bytes) -> None:
        path.write_bytes(data)
        code, out, err = run_main("show", str(path))
        if code == 0:
            assert "How well you fit each role" in out
            # At most a warning that another bank made them.
            assert err == "" or err.count("\n") == 1, err
            assert err == "" or err.startswith(f"skillcheck: warning: {path}")
        else:
            assert (code, out) == (2, "")
            assert_one_line_naming(err, "skillcheck: ", path)
        # The team report lists the candidate, a broken file named in its row.
        code, out, err = run_main("report", str(tmp_path))
        assert (code, err) == (0, "")
        assert "cccccccccc" in out

    check()


def test_the_team_report_shows_a_problem_with_brackets_as_text(
    tmp_path: Path, good_results: tuple[str, dict[str, Any]]
) -> None:
    path = tmp_path / "candidates" / ("c" * 64) / "results.toml"
    path.parent.mkdir(parents=True)
    document = copy.deepcopy(good_results[1])  # the fixture is shared by the module
    document["roles"]["[/x]"] = {"name": "a role with markup in its id"}
    path.write_text(toml_text(document), encoding="utf-8")
    code, out, err = run_main("report", str(tmp_path))
    assert (code, err) == (0, "")
    assert f'{path}: not a complete results file (roles."[/x]".fit is missing).' in out


def test_the_team_report_shows_names_with_brackets_as_text(
    tmp_path: Path, good_results: tuple[str, dict[str, Any]]
) -> None:
    # A role name, a gap's skill id and a folder name as Rich would read markup.
    path = tmp_path / "candidates" / ("c" * 64) / "results.toml"
    path.parent.mkdir(parents=True)
    (tmp_path / "candidates" / "[red]x").mkdir()
    document = copy.deepcopy(good_results[1])
    document["roles"]["ai-engineer"]["name"] = "[/x]"
    for gap in document["gaps"]:
        gap["skill"] = "[/y]"
    path.write_text(toml_text(document), encoding="utf-8")
    output = tmp_path / "[/w].toml"
    code, out, err = run_main("report", str(tmp_path), "-o", str(output))
    assert (code, err) == (0, "")
    assert "[/x]" in out
    assert "[/y]" in out
    assert "[red]x" in out
    assert f"Wrote {output}." in out
    assert tomllib.loads(output.read_text(encoding="utf-8"))["candidates"]


# --- the autosave -------------------------------------------------------------------------


def autosave_text(bank: Bank) -> str:
    from skillcheck.domain.session import Session

    session = Session.start("quick", ["programming-rate", "programming-q1", "pref-focus"])
    session.answer(bank, 3)
    session.advance(bank)
    session.answer(bank, "c")
    session.advance(bank)
    return session_to_toml(session)


def files_in(folder: Path) -> Iterator[tuple[str, bytes]]:
    for path in folder.iterdir():
        yield path.name, path.read_bytes()


@pytest.mark.parametrize("examples", EXAMPLES)
def test_any_autosave_is_resumed_or_set_aside_and_nothing_is_lost(
    data_dir: Path, good_bank: Bank, examples: int
) -> None:
    text = autosave_text(good_bank)
    saved = paths.autosave_path()

    @fuzz(examples)
    @given(data=file_bytes(text, tomllib.loads(text)))
    def check(data: bytes) -> None:
        shutil.rmtree(data_dir, ignore_errors=True)
        data_dir.mkdir()
        saved.write_bytes(data)
        loaded = load_session(good_bank)
        kept = dict(files_in(data_dir))
        # Nothing lost: the bytes are still there, under the name or moved aside.
        assert data in kept.values()
        if loaded.session is not None:
            assert kept == {"session.toml": data}
            session = loaded.session
            assert 0 <= session.position < session.total
            for qid, value in session.answers.items():
                assert answer_problem(good_bank.question_by_id[qid], value) is None
            save_session(session)
            assert load_session(good_bank).session == session
        elif loaded.message is not None:
            assert "session.toml" not in kept
            assert len(kept) == 1
            (moved,) = kept
            assert moved in loaded.message
        else:  # nothing worth resuming (complete, or nothing answered): left as it was
            assert kept == {"session.toml": data}

    check()


# --- authorized keys ----------------------------------------------------------------------

_KEYS = [asyncssh.generate_private_key("ssh-ed25519") for _ in range(2)]
GOOD_KEY_LINES = [key.export_public_key().decode().strip() for key in _KEYS]
key_lines = st.one_of(
    st.sampled_from(GOOD_KEY_LINES),
    st.sampled_from(GOOD_KEY_LINES).map(lambda line: f'command="ssh-rsa x",no-pty {line}'),
    st.builds(
        "{} {}".format,
        st.sampled_from(["ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "sk-x"]),
        st.text(max_size=60),
    ),
    st.just("# a comment"),
    st.text(max_size=80),
).map(str.encode) | st.binary(max_size=80)
key_files = st.lists(key_lines, max_size=6).map(b"\n".join) | st.binary(max_size=400)


@pytest.mark.parametrize("examples", EXAMPLES)
def test_any_authorized_keys_file_gives_keys_or_names_the_file_and_line(
    tmp_path: Path, examples: int
) -> None:
    path = tmp_path / "keys.pub"

    @fuzz(examples)
    @given(data=key_files)
    def check(data: bytes) -> None:
        path.write_bytes(data)
        try:
            blobs = load_authorized_keys(path)
        except UserError as exc:
            assert_one_line_naming(f"{exc}\n", "", path)
            return
        assert blobs
        assert blobs <= {bytes(key.public_data) for key in _KEYS}

    check()


def test_serve_with_a_broken_keys_file_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "keys.pub"
    path.write_bytes(b"\xef\xbb\xbfssh-ed25519 \xff\xfe\n")
    argv = ["serve", "--data", str(tmp_path / "d"), "--authorized-keys", str(path)]
    code, out, err = run_main(*argv)
    assert (code, out) == (2, "")
    assert err == f"skillcheck: {path}:1: not UTF-8 text.\n"


# --- the bank folder ----------------------------------------------------------------------

QUESTIONS_TEXT, QUESTIONS_DOCUMENT = good_text(GOOD_BANK / "questions.toml")


def has_control(text: str) -> bool:
    """`text` holds a C0 control character or DEL: a line break, an escape..."""
    return any(ord(char) < 0x20 or char == "\x7f" for char in text)


def not_nested_deeply(data: bytes) -> bool:
    return data.count(b"[") + data.count(b"{") < 200


@pytest.mark.parametrize("examples", EXAMPLES)
def test_any_bank_file_gives_a_bank_or_problems_one_line_each(
    tmp_path: Path, examples: int
) -> None:
    folder = tmp_path / "bank"
    shutil.copytree(GOOD_BANK, folder)
    extra = folder / "questions.toml"

    @fuzz(examples)
    @given(data=file_bytes(QUESTIONS_TEXT, QUESTIONS_DOCUMENT).filter(not_nested_deeply))
    def check(data: bytes) -> None:
        extra.write_bytes(data)
        bank, problems = validate_bank_dir(folder)
        assert (bank is None) == bool(problems)
        assert [problem for problem in problems if has_control(problem)] == []
        code, out, err = run_main("--bank", str(folder), "score", str(GOOD_ANSWERS))
        if bank is None:
            assert (code, out) == (2, "")
            assert err.count("\n") == 1
            assert f"the question bank in {folder} has" in err
        else:
            assert code in (0, 2)  # the answers may not fit the changed bank

    check()


_NESTED = "[[questions]]\nid = " + "[" * 3000 + "]" * 3000 + "\n"


def test_a_bank_file_nested_too_deeply_is_a_problem_not_a_crash(good_bank_dir: Path) -> None:
    (good_bank_dir / "deep.toml").write_text(_NESTED, encoding="utf-8")
    _, problems = validate_bank_dir(good_bank_dir)
    assert "deep.toml: cannot be read (arrays or tables nested too deeply)." in problems


#: A skill whose id and one unknown key hold a line break (a question without "kind" would
#: be reported as only that, and never name the key).
_NEWLINE_KEYS = """[[skills]]
id = "two\\nlines"
name = "Two lines"
description = "A skill whose id and a key hold a line break."
source = "Key skills for AI engineers"
"a\\nb" = 0
"""


def test_validate_lists_a_key_holding_a_newline_on_one_line(good_bank_dir: Path) -> None:
    (good_bank_dir / "extra.toml").write_text(_NEWLINE_KEYS, encoding="utf-8")
    _, problems = validate_bank_dir(good_bank_dir)
    # Quoted as TOML writes them: the line break is the two characters \n.
    assert 'extra.toml:6: skill "two\\nlines": "a\\nb" is not a known field.' in problems
    assert [problem for problem in problems if "\n" in problem] == []


def test_a_bank_file_named_with_a_control_character_is_named_escaped(
    good_bank_dir: Path,
) -> None:
    (good_bank_dir / "odd\x1b[31m.toml").write_text("[[skills]\n", encoding="utf-8")
    _, problems = validate_bank_dir(good_bank_dir)
    assert any(problem.startswith("odd\\x1b[31m.toml:1: not valid TOML") for problem in problems)
    assert [problem for problem in problems if has_control(problem)] == []


@pytest.mark.parametrize(("kind", "word"), [("pipe", "a pipe"), ("device", "a device")])
def test_a_pipe_in_the_bank_folder_is_a_problem_not_a_wait(
    good_bank_dir: Path, kind: str, word: str
) -> None:
    from odd_paths import make_odd

    # Were it opened, a writer would come after 2 s and the pipe read as an empty file.
    make_odd(good_bank_dir / "odd.toml", kind)
    _, problems = validate_bank_dir(good_bank_dir)
    assert f"odd.toml: is {word}, not a bank file." in problems


def test_a_folder_named_like_a_bank_file_is_one_problem(good_bank_dir: Path) -> None:
    (good_bank_dir / "folder.toml").mkdir()
    _, problems = validate_bank_dir(good_bank_dir)
    assert "folder.toml: is a directory, not a bank file." in problems
