"""The history: every finished assessment's results, one TOML file per run, named by time.

`history/2026-11-30T12-34-56.toml` in the data folder (a second run finishing in the
same second gets `-2`, `-3`...). A file is never overwritten by another run: its name is
claimed first with an exclusive create, then the results are written over the empty
claim atomically (`store.atomic.write_atomic`). A run whose answers are changed and
finished again rewrites its own file (`keep_results(..., path=...)`): one file per run.
An empty file is a claim still being written and is not listed.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from skillcheck.domain.comparison import Comparison, compare_results
from skillcheck.domain.results import Results
from skillcheck.errors import UserError
from skillcheck.store import paths
from skillcheck.store.results import load_results, write_results

TIME_FORMAT = "%Y-%m-%dT%H-%M-%S"
_NAME = re.compile(r"(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d)(?:-(\d+))?\.toml")
#: How many names a second may take before something is wrong (a clock standing still).
MAX_SAME_SECOND = 1000


@dataclass(frozen=True)
class KeptResult:
    """One file of the history: its results, or the sentence saying why it cannot be read."""

    path: Path
    when: datetime
    results: Results | None
    problem: str | None = None


def time_of(path: Path) -> datetime | None:
    """The time a history file's name records, or None for a name of another shape."""
    match = _NAME.fullmatch(path.name)
    if match is None:
        return None
    try:
        return datetime.strptime(match[1], TIME_FORMAT)
    except ValueError:
        return None


def _order(path: Path) -> tuple[str, int]:
    match = _NAME.fullmatch(path.name)
    assert match is not None
    return match[1], int(match[2] or 1)


def keep_results(
    results: Results, *, now: datetime | None = None, path: Path | None = None
) -> Path:
    """Add `results` to the history and return its file; with `path`, rewrite that file
    (the same run finished again). Raises UserError naming the file if it cannot."""
    if path is not None:
        write_results(path, results)
        return path
    folder = paths.history_dir()
    stamp = (now or datetime.now()).strftime(TIME_FORMAT)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"{folder}: cannot write here ({exc.strerror or exc}).") from None
    for number in range(1, MAX_SAME_SECOND + 1):
        target = folder / (f"{stamp}.toml" if number == 1 else f"{stamp}-{number}.toml")
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        except OSError as exc:
            raise UserError(f"{target}: cannot write here ({exc.strerror or exc}).") from None
        try:
            write_results(target, results)
        except UserError:
            with contextlib.suppress(OSError):
                target.unlink()
            raise
        return target
    raise UserError(f"{folder}: cannot write here (too many results in one second).")


def history_files() -> list[Path]:
    """The history's files, oldest first (claims still being written left out)."""
    folder = paths.history_dir()
    try:
        names = [p for p in folder.iterdir() if _NAME.fullmatch(p.name) and time_of(p)]
    except OSError:
        return []
    kept = []
    for path in names:
        with contextlib.suppress(OSError):
            if path.is_file() and path.stat().st_size > 0:
                kept.append(path)
    return sorted(kept, key=_order)


def load_kept(path: Path) -> KeptResult:
    """One history file, read; a broken one comes back with its problem, never raised."""
    when = time_of(path) or datetime.min
    try:
        return KeptResult(path, when, load_results(path))
    except UserError as exc:
        return KeptResult(path, when, None, str(exc))


def load_history() -> list[KeptResult]:
    """Every kept result, oldest first."""
    return [load_kept(path) for path in history_files()]


def prune_history(keep: int) -> list[Path]:
    """Remove all but the newest `keep` results; return the files removed, oldest first."""
    files = history_files()
    removed = files[: max(0, len(files) - keep)]
    for path in removed:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise UserError(f"{path}: cannot be removed ({exc.strerror or exc}).") from None
    return removed


def earlier_comparison(
    results: Results, before: Path | None = None
) -> tuple[KeptResult, Comparison] | None:
    """The newest kept result older than `before` (default: all of them) that `results`
    can be compared with (they share a role), and the comparison; None when there is none.
    """
    files = history_files()
    if before is not None:
        files = [p for p in files if p != before]
        if _NAME.fullmatch(before.name):
            files = [p for p in files if _order(p) < _order(before)]
    for path in reversed(files):
        kept = load_kept(path)
        if kept.results is None:
            continue
        comparison = compare_results(kept.results, results)
        if comparison.comparable:
            return kept, comparison
    return None
