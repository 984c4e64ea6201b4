"""What every skillcheck app shares: the assessment's (`ui/app.py`), `skillcheck hire`'s
(`ui/hire_app.py`) and the team dashboard's (`ui/team.py`).

The same look, palette and keys (shown plainly), the quiet driver, the terminal's theme,
and an unexpected error kept for the run function to log to the crash log rather than
shown as a traceback. The apps that run a session add its autosave (`session_app`).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.driver import Driver

from skillcheck.ui.commands import APP_COMMANDS, bindings_for
from skillcheck.ui.palette import PaletteCommands
from skillcheck.ui.terminal import plain_key_display, quiet_driver, theme_for

if TYPE_CHECKING:
    from skillcheck.options import TuiOptions


class SkillcheckBaseApp(PaletteCommands):
    """The overrides every skillcheck app needs, once."""

    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*APP_COMMANDS)

    def __init__(self, options: TuiOptions, *, work_dir: Path | None = None) -> None:
        super().__init__()
        self.options = options
        self.work_dir = work_dir if work_dir is not None else Path.cwd()
        self.crash: BaseException | None = None
        """The unexpected error that ended the app, for the run function to log."""

    def get_key_display(self, binding: Binding) -> str:
        return plain_key_display(super().get_key_display(binding))

    def get_driver_class(self) -> type[Driver]:
        return quiet_driver(super().get_driver_class())

    def use_terminal_theme(self) -> None:
        """On a real terminal, start with the theme for its colours. Tests and snapshots
        keep one look whatever TERM says."""
        if self.is_headless:
            return
        theme = theme_for(self)
        if theme is not None:
            self.theme = theme

    def keep_on_crash(self) -> None:
        """What to save before an unexpected error closes the app (nothing here)."""

    def _handle_exception(self, error: Exception) -> None:
        self.crash = error
        with contextlib.suppress(Exception):  # keep what can be kept
            self.keep_on_crash()
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # No traceback on screen: the run function logs it to the crash log and says where.
        self._close_messages_no_wait()
