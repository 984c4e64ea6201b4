"""Terminal output per step, in bytes (what an SSH session carries).

- per question: from Enter (confirm) until the next question is drawn and output has
  been quiet for a settle window, median over a quick run. Budget: <= 4 KB (4096 B).
- for context: a digit (the choice shown, median over the run); spawn until the first
  screen is complete and quiet (skillcheck: the welcome with its mode list); an arrow
  key in a list (skillcheck: the welcome's mode list), with the baseline app's first
  frame and RadioSet arrow alongside for scale.
"""

from __future__ import annotations

from _pty import (
    BASELINE_READY,
    Row,
    Terminal,
    baseline_terminal,
    emit_json,
    median,
    print_table,
    screen_changed_from,
    skillcheck_terminal,
)
from _skillcheck import WELCOME_READY, answer_all, start_quick

QUIET = 0.2  # seconds of silence that end a redraw
ARROWS = ("\x1b[B", "\x1b[A")  # down, up


def first_frame_bytes(term: Terminal, ready: str) -> int:
    term.wait_painted(ready)
    term.settle(QUIET)
    return term.bytes_since(0)


def arrow_bytes(term: Terminal, presses: int = 6) -> float:
    sizes = []
    for i in range(presses):
        term.settle(QUIET)
        press = term.press(ARROWS[i % 2], screen_changed_from(term.snapshot()))
        term.settle(QUIET)
        sizes.append(term.bytes_since(press.sent))
    return median(sizes)


def main() -> int:
    with baseline_terminal() as term:
        base_first = first_frame_bytes(term, BASELINE_READY)
        base_arrow = arrow_bytes(term)
    with skillcheck_terminal() as term:
        first = first_frame_bytes(term, WELCOME_READY)
        arrow = arrow_bytes(term)
    with skillcheck_terminal() as term:
        total = start_quick(term)
        steps = answer_all(term, total, quiet=QUIET)
    per_question = [s.enter_bytes for s in steps[:-1]]  # the last Enter opens the results
    rows = [
        Row(
            "bytes per question (median)",
            median(per_question),
            unit="B",
            budget=4096,
            note=f"{len(per_question)} questions of {total}; max {max(per_question)} B; "
            f"results screen {steps[-1].enter_bytes} B",
        ),
        Row(
            "bytes for a digit (median)",
            median([s.pick_bytes for s in steps]),
            unit="B",
            note=f"max {max(s.pick_bytes for s in steps)} B",
        ),
        Row("bytes until the first screen is complete", first, base_first, unit="B"),
        Row("bytes for an arrow key in a list", arrow, base_arrow, unit="B"),
    ]
    print_table("Terminal output per step (80x24 pty)", rows)
    emit_json("output_bytes", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
