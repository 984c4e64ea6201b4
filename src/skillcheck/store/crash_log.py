"""The crash log: where an unexpected error's traceback goes instead of the screen."""

from __future__ import annotations

import platform
import tempfile
import traceback
from datetime import datetime
from pathlib import Path

import skillcheck
from skillcheck.store import paths


def log_crash(exc: BaseException) -> Path:
    """Append `exc`'s traceback, with a timestamp, to the crash log; return the log's path.

    Falls back to the temp folder when the data folder cannot be written.
    """
    stamp = datetime.now().isoformat(timespec="seconds")
    entry = (
        f"==== {stamp} skillcheck {skillcheck.__version__} (Python {platform.python_version()})\n"
        + "".join(traceback.format_exception(exc))
        + "\n"
    )
    fallback = Path(tempfile.gettempdir()) / "skillcheck-crash.log"
    for path in (paths.crash_log_path(), fallback):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as log:
                log.write(entry)
        except OSError:
            continue
        return path
    return fallback
