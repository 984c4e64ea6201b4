"""Atomic writes: temp file in the same folder, fsync, os.replace. A crash leaves old or new."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from skillcheck.errors import UserError


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader sees either the old file or the new one.

    Raises UserError (naming the path) when the folder cannot be written.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"{path}: cannot write here ({exc.strerror or exc}).") from exc
    try:
        # mkstemp makes the file 0600; give it the mode a plain open() would have.
        os.chmod(tmp_name, _mode_for(path))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise UserError(f"{path}: cannot write here ({exc.strerror or exc}).") from exc
    # Make the rename itself durable where the platform allows it.
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _mode_for(path: Path) -> int:
    """The replaced file's mode, or for a new file 0666 less the process umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        pass
    # Reading the umask means setting it; put it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
