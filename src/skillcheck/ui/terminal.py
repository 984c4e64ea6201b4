"""Fitting the terminal: colour depth, a theme for 16 colours, a quieter mouse and input."""

from __future__ import annotations

import contextlib
import os
import select
import selectors
import sys
import threading
from codecs import getincrementaldecoder
from typing import TYPE_CHECKING, Any

from rich.console import COLOR_SYSTEMS
from textual._parser import ParseError, Parser
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.driver import Driver

if TYPE_CHECKING:
    from textual.drivers.linux_driver import LinuxDriver

#: `--color` choices to Rich's colour-system names ("auto" leaves detection to Textual).
COLOR_CHOICES = {"16": "standard", "256": "256", "truecolor": "truecolor"}


def terminal_hung_up(fd: int | None = None) -> bool:
    """True if the terminal on `fd` (default: standard output) has hung up: its other
    end is closed, so nothing written to it arrives any more."""
    if fd is None:
        try:
            fd = sys.__stdout__.fileno() if sys.__stdout__ is not None else -1
        except (OSError, ValueError):  # no real file
            return False
    if fd < 0:
        return False
    poller = select.poll()
    poller.register(fd, select.POLLOUT)
    return any(mask & (select.POLLHUP | select.POLLERR) for _fd, mask in poller.poll(0))


def apply_color_system(app: App[Any], color: str) -> None:
    """Force the colour depth of `app`'s output ("auto" detects it from TERM and COLORTERM).

    Textual reads TEXTUAL_COLOR_SYSTEM once, when it is first imported, and renders every
    frame through `app.console`; setting the console's colour system is the one place
    that works after import (the same attribute Textual's renderer reads).
    """
    name = COLOR_CHOICES.get(color)
    if name is not None:
        app.console._color_system = COLOR_SYSTEMS[name]


#: Terminals whose fonts may lack arrows and the return symbol (the Linux console...).
PLAIN_TERMS = ("linux", "vt100", "vt102", "vt220", "dumb")
#: Key names for them, in place of the symbols the footer shows elsewhere.
PLAIN_KEY_NAMES = {"⏎": "Enter", "↑↓": "Up/Down", "←/b": "Left/b"}


def plain_key_display(display: str, term: str | None = None) -> str:
    """`display` as words on a terminal whose font may lack the symbols, else unchanged."""
    term = os.environ.get("TERM", "") if term is None else term
    if term.split("-")[0] in PLAIN_TERMS:
        return PLAIN_KEY_NAMES.get(display, display)
    return display


#: In 16 colours the terminal's own palette reads better than RGB squeezed into it.
SIXTEEN_COLOR_THEME = "ansi-dark"


def theme_for(app: App[Any]) -> str | None:
    """The theme to start with on this terminal, or None for Textual's default."""
    return SIXTEEN_COLOR_THEME if app.console.color_system == "standard" else None


def quiet_driver(driver_class: type[Driver]) -> type[Driver]:
    """`driver_class`, changed to send less and to wake only when there is input.

    - Mouse: Textual asks the terminal for every mouse movement (mode 1003); over SSH
      each twitch of the mouse becomes traffic. skillcheck uses no hover, so clicks and
      the wheel (modes 1000 and 1006) are enough.
    - Input: Textual's input thread wakes ten times a second to see whether a lone
      Escape has waited long enough to be a key. Idle, that is 0.15 % of a CPU per
      session, which at 300 served candidates is a fifth of a 2-core machine. This
      driver's thread sleeps until a byte arrives, wakes for an Escape's deadline only
      while one is pending, and is woken by a pipe when the app stops reading input.

    Only the Unix driver is changed.
    """
    try:
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # pragma: no cover - Windows
        return driver_class
    if not issubclass(driver_class, LinuxDriver):
        return driver_class

    class QuietDriver(driver_class):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._wake_read, self._wake_write = os.pipe()
            os.set_blocking(self._wake_write, False)
            # Textual sets this event and then waits for the input thread to end.
            self.exit_event = WakingEvent(self._wake_write)

        def _enable_mouse_support(self) -> None:
            if not self._mouse:
                return
            self.write("\x1b[?1000h")  # button presses and releases, the wheel
            self.write("\x1b[?1006h")  # SGR coordinates
            self.flush()

        def run_input_thread(self) -> None:
            read_input(self, self.fileno, self._wake_read)

        def close(self) -> None:
            super().close()
            for fd in (self._wake_read, self._wake_write):
                with contextlib.suppress(OSError):
                    os.close(fd)

    return QuietDriver


class WakingEvent(threading.Event):
    """A `threading.Event` whose `set` also writes a byte to `wake_fd` (a select wakes)."""

    def __init__(self, wake_fd: int) -> None:
        super().__init__()
        self._wake_fd = wake_fd

    def set(self) -> None:
        super().set()
        with contextlib.suppress(OSError):  # full (a wake-up is pending anyway) or closed
            os.write(self._wake_fd, b"w")


def escape_wait(parser: Parser[Any]) -> float | None:
    """How long the input thread may sleep: None (until input) unless a key is pending.

    Textual's parser holds a lone Escape until a deadline, in case more of a key
    sequence follows; `tick` then turns it into the Escape key.
    """
    deadline = parser._timeout_time
    return None if deadline is None else max(0.0, deadline - get_time())


def read_input(driver: LinuxDriver, fileno: int, wake_fd: int) -> None:
    """The input thread's loop: parse what the terminal sends, sleep while it sends nothing.

    The same steps as Textual's `LinuxDriver.run_input_thread`, with one difference:
    the wait ends on input, on a pending key's deadline, or on `wake_fd`, never on a
    fixed 0.1 s timeout.
    """
    parser = XTermParser(driver._debug)
    decode = getincrementaldecoder("utf-8")().decode
    with selectors.DefaultSelector() as selector:
        selector.register(fileno, selectors.EVENT_READ)
        selector.register(wake_fd, selectors.EVENT_READ)
        try:
            while not driver.exit_event.is_set():
                for key, _mask in selector.select(escape_wait(parser)):
                    if key.fd == wake_fd:
                        with contextlib.suppress(BlockingIOError):
                            os.read(wake_fd, 64)
                        continue
                    text = decode(os.read(fileno, 4096))
                    if not text:  # the end of a piped input: nothing more will come
                        selector.unregister(fileno)
                        continue
                    for event in parser.feed(text):
                        driver.process_message(event)
                for event in parser.tick():
                    driver.process_message(event)
        finally:
            with contextlib.suppress(EOFError, ParseError):
                for _event in parser.feed(""):
                    pass
