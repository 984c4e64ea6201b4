"""What the benchmarks know about skillcheck's screens (kept in one place)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from _pty import Terminal, screen_changed_from

#: The welcome screen's title: with the Footer drawn, the screen is readable.
WELCOME_TITLE = "AI Engineer or ML Engineer?"
#: The Quick entry of the mode list: with it shown, the candidate can start.
WELCOME_READY = "Quick"
#: The question screen's position line.
QUESTION_RE = re.compile(r"Question (\d+) of (\d+)")
ENTER = "\r"
#: The digit pressed to pick an option (the first option, valid for every kind).
PICK = "1"


def question_position(term: Terminal) -> tuple[int, int] | None:
    """(K, N) from `Question K of N` on screen, or None when no question shows."""
    match = QUESTION_RE.search(term.text())
    return (int(match[1]), int(match[2])) if match else None


def showing_question(k: int) -> Callable[[Terminal], bool]:
    def predicate(term: Terminal) -> bool:
        position = question_position(term)
        return position is not None and position[0] == k

    return predicate


def left_questions(term: Terminal) -> bool:
    return question_position(term) is None


def start_quick(term: Terminal) -> int:
    """From spawn to question 1 of the quick mode (first in the list on a fresh data dir)."""
    term.wait_painted(WELCOME_READY)
    term.settle(0.1)
    term.send(ENTER)
    term.wait_for(showing_question(1))
    position = question_position(term)
    assert position is not None
    return position[1]


@dataclass
class Step:
    k: int
    total: int
    pick_seconds: float  # digit -> the screen shows the choice
    pick_bytes: int  # output from the digit until the screen has gone quiet
    enter_seconds: float  # Enter -> `Question K+1 of N` (or the results) shows
    enter_bytes: int  # output from Enter until the next screen has gone quiet
    enter_done_seconds: float  # Enter -> the last output before quiet (redraw complete)
    enter_frames: int  # reads separated by >= 5 ms: a second frame shows as a second burst


def answer_all(
    term: Terminal, total: int, quiet: float = 0.15, count: int | None = None
) -> list[Step]:
    """Answer every question (or the first `count`) with a digit then Enter, measuring each."""
    steps = []
    for k in range(1, (count or total) + 1):
        term.settle(quiet)
        pick = term.press(PICK, screen_changed_from(term.snapshot()))
        term.settle(quiet)
        pick_bytes = term.bytes_since(pick.sent)
        arrived = showing_question(k + 1) if k < total else left_questions
        enter = term.press(ENTER, arrived)
        term.settle(quiet)  # the whole redraw, so its bytes all count
        chunks = [chunk for chunk in term.chunks if chunk.at >= enter.sent]
        bursts = 1 + sum(b.at - a.at >= 0.005 for a, b in pairwise(chunks))
        steps.append(
            Step(
                k,
                total,
                pick.seconds,
                pick_bytes,
                enter.seconds,
                sum(chunk.size for chunk in chunks),
                chunks[-1].at - enter.sent,
                bursts,
            )
        )
    return steps
