"""Time to first paint: spawn -> the welcome screen readable, vs the baseline app.

Seven runs of each, interleaved (skillcheck, baseline, skillcheck, ...), median.
"Readable" is the welcome title and the Footer on screen (the baseline: its Label and
Footer). Budget: skillcheck / baseline <= 1.25. Also shown: spawn -> the mode list
(Quick) on screen, when the candidate can start; today the same frame.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from _pty import (
    BASELINE_READY,
    Row,
    Terminal,
    baseline_terminal,
    emit_json,
    median,
    print_table,
)
from _pty import skillcheck_terminal as skillcheck
from _skillcheck import WELCOME_READY, WELCOME_TITLE

RUNS = 7


def first_paint(make: Callable[[], Terminal], *markers: str) -> list[float]:
    """Seconds from spawn until each marker (with the Footer) is on screen, in turn."""
    with make() as term:
        return [term.wait_painted(marker) - term.started for marker in markers]


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    first_paint(skillcheck, WELCOME_READY)  # warm the OS file cache; not counted
    ours, ready, theirs = [], [], []
    for _ in range(runs):
        title, modes = first_paint(skillcheck, WELCOME_TITLE, WELCOME_READY)
        ours.append(title * 1000)
        ready.append(modes * 1000)
        theirs.append(first_paint(baseline_terminal, BASELINE_READY)[0] * 1000)
    rows = [
        Row(
            "time to first paint (median)",
            median(ours),
            median(theirs),
            budget=1.25,
            budget_on="ratio",
            note=f"{runs} runs each; skillcheck ms: {', '.join(f'{v:.0f}' for v in ours)}; "
            f"baseline ms: {', '.join(f'{v:.0f}' for v in theirs)}",
        ),
        Row("time to mode list shown (median)", median(ready), median(theirs)),
    ]
    print_table("Startup: spawn -> first readable screen (80x24 pty)", rows)
    emit_json("startup", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
