"""Every malformed file kept under tests/data gives its exact message, on one line.

Each folder's `cases.toml` pairs a file with the message it must produce; `[made]`
lists what the test puts in a file's place (a pipe, a directory, a symlink loop...)
because git cannot keep it. Through `main(argv)`: exit code 2, nothing on stdout,
exactly one line on stderr naming the file. In the app (the autosave): a notice, and
the file moved aside with every byte kept.
"""

from __future__ import annotations

import os
import shutil
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest
from odd_paths import ODD_KINDS, make_odd

from skillcheck import cli
from skillcheck.domain.models import Bank
from skillcheck.ssh.identity import load_authorized_keys
from skillcheck.store import paths
from skillcheck.store.autosave import load_session
from skillcheck.store.bank import load_bank

DATA = Path(__file__).parents[1] / "data"
GOOD_BANK = DATA / "banks" / "good"


def cases(folder: str) -> dict[str, Any]:
    with (DATA / folder / "cases.toml").open("rb") as handle:
        return tomllib.load(handle)


def file_cases(folder: str) -> list[Any]:
    return [
        pytest.param(DATA / folder / name, message, id=name)
        for name, message in cases(folder)["files"].items()
    ]


def made_cases(folder: str) -> list[Any]:
    return [pytest.param(kind, message, id=kind) for kind, message in cases(folder)["made"].items()]


@pytest.fixture(autouse=True)
def isolated(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SKILLCHECK_BANK", str(GOOD_BANK))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def expect_one_line(err: str, prefix: str, message: str, path: Path) -> None:
    assert err == f"{prefix}{message.replace('{path}', str(path))}\n"
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("folder", "suffix"),
    [
        ("answers", ".toml"),
        ("results", ".toml"),
        ("autosave", ".toml"),
        ("authorized_keys", ".pub"),
    ],
)
def test_every_malformed_file_has_its_message_and_every_kind_is_made(
    folder: str, suffix: str
) -> None:
    kept = {
        p.name
        for p in (DATA / folder).glob(f"*{suffix}")
        if not p.name.startswith("good") and p.name != "cases.toml"
    }
    assert kept == set(cases(folder)["files"])
    assert set(cases(folder)["made"]) <= set(ODD_KINDS)


def test_at_least_forty_malformed_files_are_kept() -> None:
    folders = ("answers", "results", "autosave", "authorized_keys")
    assert sum(len(cases(folder)["files"]) for folder in folders) >= 40


# --- answers: skillcheck score FILE -o OUT -----------------------------------------------


def score_fails_cleanly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, answers: Path, message: str
) -> None:
    output = tmp_path / "results.toml"
    code, out, err = run(capsys, "score", str(answers), "-o", str(output))
    assert (code, out) == (2, "")
    expect_one_line(err, "skillcheck: ", message, answers)
    assert not output.exists()


@pytest.mark.parametrize(("path", "message"), file_cases("answers"))
def test_a_malformed_answers_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path, message: str
) -> None:
    score_fails_cleanly(capsys, tmp_path, path, message)


@pytest.mark.parametrize(("kind", "message"), made_cases("answers"))
def test_an_answers_path_that_is_not_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, message: str
) -> None:
    path = tmp_path / "answers.toml"
    make_odd(path, kind)
    score_fails_cleanly(capsys, tmp_path, path, message)


# --- results: skillcheck show FILE -------------------------------------------------------


def show_fails_cleanly(capsys: pytest.CaptureFixture[str], results: Path, message: str) -> None:
    code, out, err = run(capsys, "show", str(results))
    assert (code, out) == (2, "")
    expect_one_line(err, "skillcheck: ", message, results)


@pytest.mark.parametrize(("path", "message"), file_cases("results"))
def test_a_malformed_results_file(
    capsys: pytest.CaptureFixture[str], path: Path, message: str
) -> None:
    show_fails_cleanly(capsys, path, message)


@pytest.mark.parametrize(("kind", "message"), made_cases("results"))
def test_a_results_path_that_is_not_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, message: str
) -> None:
    path = tmp_path / "results.toml"
    make_odd(path, kind)
    show_fails_cleanly(capsys, path, message)


# --- authorized keys: skillcheck serve --authorized-keys FILE ----------------------------


def serve_fails_cleanly(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, keys: Path, message: str
) -> None:
    # A missing bank stops the server after the keys were read, should they all be good.
    argv = ["serve", "--data", str(tmp_path / "serve"), "--authorized-keys", str(keys)]
    code, out, err = run(capsys, *argv, "--bank", str(tmp_path / "no-bank"))
    assert (code, out) == (2, "")
    expect_one_line(err, "skillcheck: ", message, keys)


@pytest.mark.parametrize(("path", "message"), file_cases("authorized_keys"))
def test_a_malformed_authorized_keys_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, path: Path, message: str
) -> None:
    serve_fails_cleanly(capsys, tmp_path, path, message)


@pytest.mark.parametrize(("kind", "message"), made_cases("authorized_keys"))
def test_an_authorized_keys_path_that_is_not_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, message: str
) -> None:
    path = tmp_path / "keys.pub"
    make_odd(path, kind)
    serve_fails_cleanly(capsys, tmp_path, path, message)


def test_a_byte_order_mark_crlf_and_options_that_look_like_a_key_are_read() -> None:
    keys = load_authorized_keys(DATA / "authorized_keys" / "good-with-bom.pub")
    assert len(keys) == 2


# --- the autosave: a notice, and the file moved aside ----------------------------------


@pytest.fixture(scope="module")
def good_bank() -> Bank:
    return load_bank(GOOD_BANK)


def moved_aside(data_dir: Path, bank: Bank) -> tuple[str, Path]:
    """Load the session at data_dir/session.toml, expecting it set aside: (notice, where)."""
    loaded = load_session(bank)
    assert loaded.session is None
    assert loaded.message is not None
    assert not os.path.lexists(paths.autosave_path())
    (moved,) = [p for p in data_dir.iterdir() if p.name.startswith("session.")]
    return loaded.message, moved


@pytest.mark.parametrize(("path", "message"), file_cases("autosave"))
def test_a_broken_autosave_is_moved_aside_with_a_notice(
    data_dir: Path, good_bank: Bank, path: Path, message: str
) -> None:
    data_dir.mkdir()
    shutil.copyfile(path, paths.autosave_path())
    notice, moved = moved_aside(data_dir, good_bank)
    assert notice == message.replace("{moved}", str(moved))
    # The file and the place of its problem (a line or a key path), then where it went.
    assert notice.startswith("Your saved session could not be used (session.toml")
    assert notice.count(str(moved)) == 1
    assert moved.read_bytes() == path.read_bytes()


@pytest.mark.parametrize(("kind", "message"), made_cases("autosave"))
def test_an_autosave_that_is_not_a_file_is_moved_aside(
    data_dir: Path, good_bank: Bank, kind: str, message: str
) -> None:
    data_dir.mkdir()
    make_odd(paths.autosave_path(), kind)
    kind_before = stat.S_IFMT(os.lstat(paths.autosave_path()).st_mode)
    notice, moved = moved_aside(data_dir, good_bank)
    assert notice == message.replace("{moved}", str(moved))
    assert stat.S_IFMT(os.lstat(moved).st_mode) == kind_before  # the same thing, moved
