"""--bank, --data and --output given any path: a name of any characters, holding anything.

The promise through `main(argv)`: exit 0 having done the work (an output written
through a symlink to where it points), or exit 2 (1 for `validate`) with exactly one
line on stderr naming the path, never a traceback and never a replaced pipe or device.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import tempfile
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from odd_paths import ODD_KINDS, make_odd, modes_stop_reads

from skillcheck import cli
from skillcheck.domain.results import SCHEMA_VERSION
from skillcheck.errors import UserError

DATA = Path(__file__).parents[1] / "data"
GOOD_BANK = DATA / "banks" / "good"
GOOD_ANSWERS = DATA / "answers" / "good.toml"

#: What may be at a path, beyond ODD_KINDS: a file, a link to one, a path under a file.
KINDS = [
    *(kind for kind in ODD_KINDS if kind != "unreadable" or modes_stop_reads()),
    "file",
    "link-to-file",
    "under-a-file",
]
#: File names of any character a file system takes (not "/" nor NUL).
names = st.text(
    st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]),
    min_size=1,
    max_size=30,
).filter(lambda name: name not in (".", ".."))


def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )


def run_main(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(list(argv))
    return code, out.getvalue(), err.getvalue()


def shown(path: Path) -> str:
    """`path` as a message shows it: control characters escaped."""
    return str(UserError(str(path)))


def put(path: Path, kind: str) -> Path:
    """Put a `kind` at `path` (KINDS); the path to hand the command."""
    if kind == "file":
        path.write_text("old\n", encoding="utf-8")
    elif kind == "link-to-file":
        (path.parent / "target.toml").write_text("old\n", encoding="utf-8")
        os.symlink("target.toml", path)
    elif kind == "under-a-file":
        path.write_text("old\n", encoding="utf-8")
        return path / "inside.toml"
    else:
        make_odd(path, kind)
    return path


@dataclass(frozen=True)
class Command:
    """A command taking the fuzzed path, and what it must do with it."""

    argv: Callable[[Path, Path], list[str]]  # (the path, a scratch folder) -> argv
    check: Callable[[Path, int, str, str], None]  # (the path, code, out, err)


def untouched(path: Path) -> bool:
    """Nothing was written at `path` (or, through a link, where it points)."""
    try:
        return not path.is_file() or path.read_text(encoding="utf-8") == "old\n"
    except OSError:  # e.g. a name longer than the file system takes
        return True


def one_line(err: str) -> None:
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert "Traceback" not in err


def bank_refused(path: Path, code: int, out: str, err: str) -> None:
    assert (code, out) == (2, "")
    one_line(err)
    assert err.startswith(f"skillcheck: the question bank in {shown(path)} has 1 problem(s)")


def validate_refused(path: Path, code: int, out: str, err: str) -> None:
    assert code == 1
    one_line(err)
    assert err == f"{shown(path)}: 1 problem(s).\n"
    assert out.count("\n") == 1


def written_or_refused(
    prefix: str, *refusals: str, prints_first: bool = False
) -> Callable[[Path, int, str, str], None]:
    """Exit 0 with the file written, or 2 naming it; `prints_first`: stdout may have text."""

    def check(path: Path, code: int, out: str, err: str) -> None:
        if code == 0:
            assert err == ""
            written = Path(os.path.realpath(path))  # through a symlink to its target
            assert written.is_file()
            assert written.read_text(encoding="utf-8") != "old\n"
            return
        assert code == 2
        assert prints_first or out == ""
        one_line(err)
        assert err.startswith(f"{prefix}{shown(path)}: ")
        assert any(refusal in err for refusal in refusals), err
        assert untouched(path)

    return check


def served_or_refused(path: Path, code: int, out: str, err: str) -> None:
    assert (code, out) == (2, "")  # the bank is missing on purpose: the server never starts
    one_line(err)
    if not err.startswith("skillcheck: the question bank"):
        # The folder is named as given, or (through a symlink) where it points.
        named = {shown(path), shown(Path(os.path.realpath(path)))}
        assert any(err.startswith(f"skillcheck: {name}: cannot ") for name in named), err


def reported_or_refused(path: Path, code: int, out: str, err: str) -> None:
    if code == 0:
        assert err == ""
        assert out.startswith("No candidates yet")
        return
    assert (code, out) == (2, "")
    one_line(err)
    assert err.startswith(f"skillcheck: {shown(path)}: ")


COMMANDS = {
    "--bank for score": Command(
        lambda path, _: ["--bank", str(path), "score", str(GOOD_ANSWERS)], bank_refused
    ),
    "validate": Command(lambda path, _: ["validate", str(path)], validate_refused),
    "score -o": Command(
        lambda path, _: ["score", str(GOOD_ANSWERS), "-o", str(path)],
        written_or_refused("skillcheck: ", "cannot write here"),
    ),
    "template -o": Command(
        lambda path, _: ["template", "-o", str(path)],
        written_or_refused("skillcheck: ", "cannot write here", "already exists"),
    ),
    "report -o": Command(
        lambda path, scratch: ["report", str(scratch), "-o", str(path)],
        # The table is printed before it is written.
        written_or_refused("skillcheck: ", "cannot write here", prints_first=True),
    ),
    "report DIR": Command(lambda path, _: ["report", str(path)], reported_or_refused),
    "serve --data": Command(
        lambda path, scratch: ["serve", "--data", str(path), "--open", "--bank", str(scratch)],
        served_or_refused,
    ),
}


@pytest.fixture(autouse=True)
def isolated(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLCHECK_BANK", str(GOOD_BANK))


@pytest.mark.parametrize(
    "examples", [25, pytest.param(120, marks=pytest.mark.slow)], ids=["quick", "thorough"]
)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_any_path_is_used_or_named_in_one_line(tmp_path: Path, command: str, examples: int) -> None:
    spec = COMMANDS[command]

    @fuzz(examples)
    @given(name=names, kind=st.sampled_from(KINDS))
    def check(name: str, kind: str) -> None:
        folder = Path(tempfile.mkdtemp(dir=tmp_path))
        path = put(folder / name, kind)
        if command in ("--bank for score", "validate") and kind in ("directory",):
            (path / "inside.toml").unlink()  # an empty folder: still no bank
        scratch = folder / "scratch-not-a-bank"
        scratch.mkdir()
        code, out, err = run_main(*spec.argv(path, scratch))
        spec.check(path, code, out, err)

    check()


def test_an_output_through_a_symlink_goes_where_it_points(tmp_path: Path) -> None:
    target = tmp_path / "kept" / "results.toml"
    target.parent.mkdir()
    link = tmp_path / "results.toml"
    os.symlink(target, link)
    code, _, err = run_main("score", str(GOOD_ANSWERS), "-o", str(link))
    assert (code, err) == (0, "")
    assert link.is_symlink()
    assert tomllib.loads(target.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize("kind", ["pipe", "device"])
def test_an_output_that_is_a_pipe_or_a_device_is_left_alone(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "results.toml"
    make_odd(path, kind)
    before = os.stat(path)
    code, out, err = run_main("score", str(GOOD_ANSWERS), "-o", str(path))
    assert (code, out) == (2, "")
    word = "a pipe" if kind == "pipe" else "a device"
    assert err == f"skillcheck: {path}: cannot write here (it is {word}).\n"
    assert os.stat(path) == before


def test_serve_data_in_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "data"
    make_odd(loop, "symlink-loop")
    code, out, err = run_main("serve", "--data", str(loop), "--open")
    assert (code, out) == (2, "")
    assert err == f"skillcheck: {loop}: cannot be used (Too many levels of symbolic links).\n"


LONG = "x" * 300  # longer than a file name may be (255 bytes)


def test_a_bank_path_with_a_too_long_name_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / LONG
    code, out, err = run_main("--bank", str(path), "score", str(GOOD_ANSWERS))
    bank_refused(path, code, out, err)
    assert f"{path}: the bank directory cannot be used (File name too long)" in err


@pytest.mark.parametrize("argv", [["validate", "{path}"], ["--bank", "{path}", "validate"]])
def test_validate_names_a_too_long_bank_path_in_one_line(tmp_path: Path, argv: list[str]) -> None:
    path = tmp_path / LONG
    code, out, err = run_main(*(part.format(path=path) for part in argv))
    validate_refused(path, code, out, err)
    assert out == f"{path}: the bank directory cannot be used (File name too long).\n"


def test_a_report_folder_with_a_too_long_name_is_one_line(tmp_path: Path) -> None:
    code, out, err = run_main("report", str(tmp_path / LONG))
    reported_or_refused(tmp_path / LONG, code, out, err)
    assert code == 2
    assert err.endswith(": cannot be used (File name too long).\n")


@pytest.mark.parametrize("command", ["score -o", "template -o", "report -o", "serve --data"])
def test_a_too_long_name_to_write_is_one_line(tmp_path: Path, command: str) -> None:
    spec = COMMANDS[command]
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    path = tmp_path / LONG
    code, out, err = run_main(*spec.argv(path, scratch))
    spec.check(path, code, out, err)
    assert code == 2


def test_validate_names_a_folder_with_a_newline_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "two\nlines"
    validate_refused(path, *run_main("validate", str(path)))


def test_validate_names_a_valid_bank_in_a_folder_with_a_newline_on_one_line(
    tmp_path: Path,
) -> None:
    path = tmp_path / "two\nlines"
    shutil.copytree(GOOD_BANK, path)
    code, out, err = run_main("validate", str(path))
    assert (code, err) == (0, "")
    assert out.startswith(f"{shown(path)}: bank ") and out.count("\n") == 1
