"""Atomic writes: temp file in the same folder, fsync, os.replace. A crash leaves old or new."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from skillcheck.errors import UserError
from skillcheck.store.user_file import special_file_kind


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` so that a reader sees either the old file or the new one.

    Raises UserError (naming the path) when the folder cannot be written.
    """
    target = _write_target(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"{path}: cannot write here ({exc.strerror or exc}).") from exc
    try:
        # mkstemp makes the file 0600; give it the mode a plain open() would have.
        os.chmod(tmp_name, _mode_for(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
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


def _write_target(path: Path) -> Path:
    """The file the text goes to: through a symlink to where it points, as `>` would.

    Replacing the link itself would leave its target stale. Raises UserError for a
    symlink loop and for a pipe, socket or device, which a rename would clobber.
    """
    try:
        target = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:  # a new file, or a link to one not made yet
        target = Path(os.path.realpath(path))
    except OSError as exc:
        raise UserError(f"{path}: cannot write here ({exc.strerror or exc}).") from None
    kind = special_file_kind(target)
    if kind is not None:
        raise UserError(f"{path}: cannot write here (it is {kind}).")
    return target


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
