"""What the assessment's app (`ui/app.py`) and `skillcheck hire`'s (`ui/hire_app.py`) share.

Both run a `Session` that is saved after every move (`SessionSaver`): the same look and
keys, the terminal fitted the same way, every answer saved on the way out whatever ends
the run, and an unexpected error logged to the crash log rather than shown as a
traceback. Each app only says what it does with its session.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.driver import Driver

from skillcheck.ui.commands import APP_COMMANDS, bindings_for
from skillcheck.ui.palette import PaletteCommands
from skillcheck.ui.saver import SessionSaver
from skillcheck.ui.terminal import plain_key_display, quiet_driver, theme_for

if TYPE_CHECKING:
    from skillcheck.domain.session import Session
    from skillcheck.options import TuiOptions

EXIT_CRASH = 70


class SessionApp(PaletteCommands):
    """An app whose session is autosaved: the overrides both session apps need, once."""

    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*APP_COMMANDS)

    def __init__(self, options: TuiOptions, *, work_dir: Path | None = None) -> None:
        super().__init__()
        self.options = options
        self.work_dir = work_dir if work_dir is not None else Path.cwd()
        self.session: Session | None = None
        self.crash: BaseException | None = None
        self.saver = SessionSaver(self)

    def get_key_display(self, binding: Binding) -> str:
        return plain_key_display(super().get_key_display(binding))

    def get_driver_class(self) -> type[Driver]:
        return quiet_driver(super().get_driver_class())

    def fit_terminal(self) -> None:
        """On a real terminal: save and exit cleanly on SIGHUP or SIGTERM, and start with
        the theme for its colours. Tests and snapshots keep one look whatever TERM says."""
        if self.is_headless:
            return
        self.saver.save_and_exit_on_signals()
        theme = theme_for(self)
        if theme is not None:
            self.theme = theme

    async def action_quit(self) -> None:
        """Quit, with every answer saved."""
        self.saver.flush()
        self.exit()

    def _handle_exception(self, error: Exception) -> None:
        self.crash = error
        with contextlib.suppress(Exception):  # keep what can be kept
            self.saver.flush()
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # No traceback on screen: the run function logs it to the crash log and says where.
        self._close_messages_no_wait()


def report_crash(error: BaseException, *, again: str) -> int:
    """Log `error` to the crash log, say where in one line on stderr, return EXIT_CRASH.

    `again` is how to resume: `start skillcheck again`.
    """
    from skillcheck.store.crash_log import log_crash

    path = log_crash(error)
    print(
        f"skillcheck stopped after an unexpected error; the details are in {path}. "
        f"Your answers are saved: {again} to resume.",
        file=sys.stderr,
    )
    return EXIT_CRASH
