"""Plain mode's lines in and out: the terminal set for whole lines, each line written at
once, each answer read as a line.

Nothing here knows the assessment: `PlainLines` is the conversation's medium (what is
said, what is typed back), `line_mode` the terminal's setting while it lasts.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from typing import TextIO

_UNPRINTABLE = re.compile(r"[^\x20-\x7e\u00a0-\uffff]")


@contextlib.contextmanager
def line_mode(stream: TextIO) -> Iterator[None]:
    """Read lines from a terminal: canonical input with echo, and output newlines that
    return the carriage; the terminal's settings are restored afterwards.

    `skillcheck serve` hands the app a raw pseudo-terminal (keys at once, for the TUI);
    raw, Enter would never end a line and the output would stair-step.
    """
    try:
        fd = stream.fileno()
        is_terminal = os.isatty(fd)
    except (AttributeError, OSError, ValueError):  # a StringIO, a closed stream
        is_terminal = False
    if not is_terminal:
        yield
        return
    import termios

    try:
        saved = termios.tcgetattr(fd)
    except termios.error:
        yield
        return
    iflag, oflag, cflag, lflag, ispeed, ospeed, chars = saved
    iflag |= termios.ICRNL  # Enter (CR) ends a line
    oflag |= termios.OPOST | termios.ONLCR
    lflag |= termios.ICANON | termios.ECHO | termios.ECHOE | termios.ECHOK | termios.ISIG
    lflag |= termios.IEXTEN
    wanted = [iflag, oflag, cflag, lflag, ispeed, ospeed, chars]
    with contextlib.suppress(termios.error):
        termios.tcsetattr(fd, termios.TCSANOW, wanted)
    try:
        yield
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


class PlainLines:
    """Lines said to `out` and answers read from `lines_in`, as the output can show them."""

    def __init__(self, lines_in: TextIO, out: TextIO, *, color: str | None = None) -> None:
        self.lines_in = lines_in
        self.out = out
        self.color = None if os.environ.get("NO_COLOR") else color
        """None for no colour, else a `--color` choice."""
        encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "")
        self.ascii_only = not encoding.startswith("utf")
        # Typed lines echo on a terminal; from a pipe they are written out, so the
        # transcript reads as a conversation.
        self.echo = not _is_terminal(lines_in)

    def say(self, line: str) -> None:
        self.write(line + "\n")

    def read(self, prompt: str) -> str | None:
        """Show `prompt` and read a line: lower case, trimmed; None at the end of input."""
        self.write(prompt + " ")
        line = self.lines_in.readline()
        if not line:
            self.write("\n")
            return None
        typed = line.strip()
        if self.echo:
            self.write(_UNPRINTABLE.sub("?", typed) + "\n")
        return typed.lower()

    def write(self, text: str) -> None:
        """`text` as it is, at once (a screen reader or a pipe sees it before the prompt)."""
        self.out.write(text)
        self.out.flush()

    def bold(self, text: str) -> str:
        return text if self.color is None else f"\x1b[1m{text}\x1b[0m"


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
