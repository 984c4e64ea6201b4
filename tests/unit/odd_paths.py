"""Things put where a reader expects a file: what git cannot keep in tests/data."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest

#: Each kind `make_odd` can put at a path.
ODD_KINDS = (
    "pipe",
    "directory",
    "symlink-loop",
    "dangling-symlink",
    "device",
    "unreadable",
    "missing",
)


def make_odd(path: Path, kind: str) -> None:
    """Put a `kind` (one of ODD_KINDS) at `path`, replacing whatever is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.is_symlink() or path.exists():
        path.unlink()
    if kind == "pipe":
        os.mkfifo(path)
        _unblock_a_stuck_reader(path)
    elif kind == "directory":
        path.mkdir()
        (path / "inside.toml").write_text("", encoding="utf-8")
    elif kind == "symlink-loop":
        os.symlink(path.name, path)  # points at itself
    elif kind == "dangling-symlink":
        os.symlink(f"nowhere/{path.name}", path)
    elif kind == "device":
        os.symlink(os.devnull, path)
    elif kind == "unreadable":
        skip_unless_modes_stop_reads()
        path.write_text("[answers]\n", encoding="utf-8")
        path.chmod(0)
    elif kind != "missing":
        raise ValueError(f"no such odd kind: {kind}")


def _unblock_a_stuck_reader(pipe: Path, after: float = 2.0) -> None:
    """Should a reader wait on `pipe` (the bug), connect a writer that ends at once.

    The reader then sees an empty file and its test fails on the message, not hangs.
    """

    def connect_and_close() -> None:
        time.sleep(after)
        try:
            fd = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # no reader waiting (ENXIO), or the pipe is gone
            return
        os.close(fd)

    threading.Thread(target=connect_and_close, daemon=True).start()


def modes_stop_reads() -> bool:
    """False when file modes do not stop this process reading (root, CAP_DAC_OVERRIDE)."""
    with tempfile.TemporaryDirectory() as folder:
        probe = Path(folder) / "probe"
        probe.write_text("x", encoding="utf-8")
        probe.chmod(0)
        try:
            probe.read_text(encoding="utf-8")
        except PermissionError:
            return True
    return False


def skip_unless_modes_stop_reads() -> None:
    if not modes_stop_reads():
        pytest.skip("this process reads files whatever their mode (root): chmod 000 blocks nothing")
