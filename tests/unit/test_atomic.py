"""Atomic writes: the new file's mode and the replaced file's content and mode."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from skillcheck.errors import UserError
from skillcheck.store.atomic import write_atomic


@pytest.fixture
def umask_077() -> Iterator[None]:
    old = os.umask(0o077)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "out.toml", "x = 1\n")
    finally:
        os.umask(old)
    assert mode(tmp_path / "out.toml") == 0o644


def test_a_private_umask_gives_a_private_file(tmp_path: Path, umask_077: None) -> None:
    write_atomic(tmp_path / "out.toml", "x = 1\n")
    assert mode(tmp_path / "out.toml") == 0o600


def test_replacing_keeps_the_mode_and_leaves_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "out.toml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert mode(target) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.toml"]


def test_an_unwritable_place_is_one_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(UserError, match=r"file/out.toml: cannot write here"):
        write_atomic(blocker / "out.toml", "x\n")
