"""Saving the session after every move without making the screen wait for the disk.

A move is saved right after the frame that shows it (an atomic write with an fsync
takes a few milliseconds), and at once when the app quits, is hung up on (a dropped
SSH line) or is told to stop, so no answer is ever left unsaved.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
from typing import TYPE_CHECKING, Any

from textual.app import App

from skillcheck.errors import UserError
from skillcheck.ui.terminal import terminal_hung_up

#: The exit status of a session whose terminal hung up (128 + SIGHUP, as a shell says).
EXIT_HUNG_UP = 128 + signal.SIGHUP

if TYPE_CHECKING:
    from skillcheck.domain.session import Session


class SessionSaver:
    """The app's autosave: `save_soon` after a move, `save_now` and `flush` when it matters."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self._pending: Session | None = None
        self._warned = False

    def save_soon(self, session: Session) -> None:
        """Save `session` once the next frame is drawn."""
        self._pending = session
        self.app.call_after_refresh(self.flush)

    def flush(self) -> None:
        """Save now whatever `save_soon` is still holding."""
        if self._pending is not None:
            self.save_now(self._pending)

    def save_now(self, session: Session) -> None:
        """Save `session` at once; a failure is reported once and the run goes on."""
        from skillcheck.store import autosave

        self._pending = None
        try:
            autosave.save_session(session)
        except UserError as exc:
            if not self._warned:
                self._warned = True
                self.app.notify(
                    f"{exc} Your answers stay in this window until you quit.",
                    title="Autosave failed",
                    severity="error",
                    timeout=12,
                    markup=False,
                )

    def save_and_exit_on_signals(self) -> None:
        """On SIGHUP (the line dropped) or SIGTERM: save, then let the app exit cleanly."""
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            signum = getattr(signal, name, None)
            if signum is not None:
                with contextlib.suppress(NotImplementedError, RuntimeError):
                    loop.add_signal_handler(signum, self.save_and_exit)

    def save_and_exit(self) -> None:
        self.flush()
        if terminal_hung_up():
            # The terminal itself is gone (its other end closed: the server went away),
            # not just told to stop. Nothing can be drawn or restored, and Textual's
            # output thread has died writing to it, so a clean exit would wait for that
            # thread forever. Everything is saved: end now.
            os._exit(EXIT_HUNG_UP)
        self.app.exit()
