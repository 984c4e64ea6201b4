"""Time to first paint: spawn -> the welcome screen readable, vs the baseline app.

Seven runs of each, interleaved (skillcheck, baseline, skillcheck, ...), median.
Budget: skillcheck / baseline <= 1.25.
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
from _skillcheck import WELCOME_READY

RUNS = 7


def first_paint(make: Callable[[], Terminal], ready: str) -> float:
    with make() as term:
        return term.wait_painted(ready) - term.started


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    first_paint(skillcheck, WELCOME_READY)  # warm the OS file cache; not counted
    ours, theirs = [], []
    for _ in range(runs):
        ours.append(first_paint(skillcheck, WELCOME_READY) * 1000)
        theirs.append(first_paint(baseline_terminal, BASELINE_READY) * 1000)
    rows = [
        Row(
            "time to first paint (median)",
            median(ours),
            median(theirs),
            budget=1.25,
            budget_on="ratio",
            note=f"{runs} runs each; skillcheck ms: {', '.join(f'{v:.0f}' for v in ours)}",
        )
    ]
    print_table("Startup: spawn -> first readable screen (80x24 pty)", rows)
    emit_json("startup", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
