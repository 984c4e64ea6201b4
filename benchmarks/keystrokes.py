"""Keystroke to screen: a digit until the choice shows; Enter until the next question shows.

Two runs through the quick mode; medians over every question. Budget: <= 30 ms each.
For scale, the baseline column is an arrow key in the baseline app's RadioSet.
Also shown: Enter until the redraw is complete (the last output before a quiet
window), which is later than `Question K+1` when a question takes two frames.
"""

from __future__ import annotations

import sys

from _pty import (
    BASELINE_READY,
    Row,
    baseline_terminal,
    emit_json,
    median,
    print_table,
    screen_changed_from,
    skillcheck_terminal,
)
from _skillcheck import answer_all, start_quick

RUNS = 2
ARROWS = ("\x1b[B", "\x1b[A")  # down, up


def baseline_arrow_ms(presses: int = 20) -> float:
    with baseline_terminal() as term:
        term.wait_painted(BASELINE_READY)
        times = []
        for i in range(presses):
            term.settle(0.1)
            press = term.press(ARROWS[i % 2], screen_changed_from(term.snapshot()))
            times.append(press.seconds * 1000)
        return median(times)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    picks: list[float] = []
    enters: list[float] = []
    done: list[float] = []
    frames: list[int] = []
    for _ in range(runs):
        with skillcheck_terminal() as term:
            steps = answer_all(term, start_quick(term))
        picks += [s.pick_seconds * 1000 for s in steps]
        enters += [s.enter_seconds * 1000 for s in steps[:-1]]  # the last opens the results
        done += [s.enter_done_seconds * 1000 for s in steps[:-1]]
        frames += [s.enter_frames for s in steps[:-1]]
    arrow = baseline_arrow_ms()
    rows = [
        Row("digit -> choice shown (median)", median(picks), arrow, budget=30),
        Row(
            "Enter -> next question (median)",
            median(enters),
            arrow,
            budget=30,
            note=f"{len(enters)} steps over {runs} quick runs; min {min(enters):.0f} ms, "
            f"max {max(enters):.0f} ms; baseline = arrow key in a RadioSet",
        ),
        Row(
            "Enter -> next question fully drawn (median)",
            median(done),
            note="the last output before the settle window; "
            f"{sum(f > 1 for f in frames)} of {len(frames)} steps drew in more than one burst",
        ),
    ]
    print_table("Keystroke -> screen (80x24 pty)", rows)
    emit_json("keystrokes", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
