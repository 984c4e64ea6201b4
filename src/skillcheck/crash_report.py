"""An unexpected error, told in one line: its traceback goes to the crash log and the
user is told where (no Textual here: plain mode uses it too)."""

from __future__ import annotations

import sys

EXIT_CRASH = 70


def report_crash(
    error: BaseException, *, command: str = "skillcheck", again: str | None = None
) -> int:
    """Log `error` to the crash log, say where in one line on stderr, return EXIT_CRASH.

    `command` is what stopped (`skillcheck report`); `again`, for a run with answers
    saved, is how to resume: `start skillcheck again`.
    """
    from skillcheck.store.crash_log import log_crash

    path = log_crash(error)
    line = f"{command} stopped after an unexpected error; the details are in {path}."
    if again is not None:
        line += f" Your answers are saved: {again} to resume."
    print(line, file=sys.stderr)
    return EXIT_CRASH
