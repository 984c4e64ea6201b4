"""Plain mode in a real pseudo-terminal, left raw as `skillcheck serve` leaves it.

What a dumb terminal gets: lines with the typed answers echoed, newlines that return
the carriage, not one escape sequence; and the terminal's settings as they were after.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import termios
import time
import tty
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

GOOD_BANK = Path(__file__).parent.parent / "data" / "banks" / "good"


@dataclass
class PlainTerminal:
    """`skillcheck` on a raw pty: send lines as a terminal would, read what it writes."""

    process: subprocess.Popen[bytes]
    master: int
    slave: int
    raw_settings: list[object]
    output: bytearray = field(default_factory=bytearray)

    def read_until(self, text: str, since: int = 0, timeout: float = 30.0) -> str:
        """Read until `text` shows in what was written from byte `since` on; all the text."""
        deadline = time.monotonic() + timeout
        while text.encode() not in self.output[since:]:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"never showed {text!r}:\n{self.text()}")
            ready, _, _ = select.select([self.master], [], [], min(remaining, 0.2))
            if ready:
                self.output.extend(os.read(self.master, 65536))
        return self.text()

    def read_first(self, texts: tuple[str, ...], since: int, timeout: float = 30.0) -> str:
        """Read until one of `texts` shows after byte `since`; which one."""
        deadline = time.monotonic() + timeout
        while True:
            shown = [text for text in texts if text.encode() in self.output[since:]]
            if shown:
                return shown[0]
            if time.monotonic() > deadline:
                raise AssertionError(f"never showed any of {texts!r}:\n{self.text()}")
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                self.output.extend(os.read(self.master, 65536))

    def send(self, line: str) -> None:
        os.write(self.master, line.encode() + b"\r")  # Enter sends a carriage return

    def text(self) -> str:
        return self.output.decode("utf-8", "replace")


@pytest.fixture
def plain_terminal(data_dir: Path) -> Iterator[PlainTerminal]:
    master, slave = os.openpty()
    tty.setraw(slave)
    raw_settings = termios.tcgetattr(slave)
    env = {
        "PATH": "/usr/bin:/bin",
        "TERM": "dumb",
        "LANG": "C.UTF-8",
        "SKILLCHECK_DATA_DIR": str(data_dir),
        "SKILLCHECK_BANK": str(GOOD_BANK),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "skillcheck", "--mode", "quick"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    terminal = PlainTerminal(process, master, slave, raw_settings)
    try:
        yield terminal
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)
        os.close(master)
        os.close(slave)


def test_a_quick_run_in_a_terminal_reaches_the_results(plain_terminal: PlainTerminal) -> None:
    term = plain_terminal
    term.read_until("q quit: ")
    term.send("1")  # Start: quick
    answered = 0
    while True:
        mark = len(term.output)
        # The echo of what was typed, then the next question's prompt or the results.
        if term.read_first(("q quit: ", "Your results follow."), since=mark) != "q quit: ":
            break
        answered += 1
        assert answered <= 40, "the run did not end"
        term.send("1")
    screen = term.read_until("End of the results.")
    assert term.process.wait(15) == 0
    assert "\x1b" not in screen
    assert "How well you fit each role" in screen
    # Newlines return the carriage (no stair-steps) and each typed answer is echoed.
    assert "\n" not in screen.replace("\r\n", "")
    assert screen.count("q quit: 1\r\n") == answered + 1
    # The pty is handed back as it was found: raw.
    assert termios.tcgetattr(term.slave) == term.raw_settings


def test_end_of_input_in_a_terminal_quits_and_saves(
    plain_terminal: PlainTerminal, data_dir: Path
) -> None:
    term = plain_terminal
    term.read_until("q quit: ")
    term.send("2")
    term.read_until("Question 2 of")
    term.read_until("q quit: ")
    os.write(term.master, b"\x04")  # Ctrl+D at the start of a line
    screen = term.read_until("Start skillcheck again to go on where you left off.")
    assert term.process.wait(15) == 0
    assert "Saved: 1 of " in screen
    assert "\x1b" not in screen
