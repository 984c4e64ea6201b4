"""What the assessment's app (`ui/app.py`) and `skillcheck hire`'s (`ui/hire_app.py`) share.

Both run a `Session` that is saved after every move (`SessionSaver`): every answer saved
on the way out whatever ends the run, on a real terminal too when it hangs up or is told
to stop. The look, keys and crash handling are every app's (`base_app`); each session
app only says what it does with its session.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from skillcheck.crash_report import EXIT_CRASH as EXIT_CRASH  # the run functions', here
from skillcheck.crash_report import report_crash as report_crash
from skillcheck.ui.base_app import SkillcheckBaseApp
from skillcheck.ui.saver import SessionSaver

if TYPE_CHECKING:
    from skillcheck.domain.session import Session
    from skillcheck.options import TuiOptions


class SessionApp(SkillcheckBaseApp):
    """An app whose session is autosaved: the overrides both session apps need, once."""

    CSS_PATH = "app.tcss"

    def __init__(self, options: TuiOptions, *, work_dir: Path | None = None) -> None:
        super().__init__(options, work_dir=work_dir)
        self.session: Session | None = None
        self.saver = SessionSaver(self)

    def fit_terminal(self) -> None:
        """On a real terminal: save and exit cleanly on SIGHUP or SIGTERM, and start with
        the theme for its colours. Tests and snapshots keep one look whatever TERM says."""
        if self.is_headless:
            return
        self.saver.save_and_exit_on_signals()
        self.use_terminal_theme()

    async def action_quit(self) -> None:
        """Quit, with every answer saved."""
        self.saver.flush()
        self.exit()

    def keep_on_crash(self) -> None:
        self.saver.flush()
