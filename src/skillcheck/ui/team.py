"""The team dashboard's app: `skillcheck report DIR` on a terminal.

Its own small app (no session, no autosave), with the assessment's look, palette and
keys: the CLI collects the rows and the bank, this shows them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.driver import Driver

from skillcheck.domain.models import Bank
from skillcheck.options import TuiOptions
from skillcheck.reports.team import CandidateRow
from skillcheck.ui.commands import APP_COMMANDS, bindings_for
from skillcheck.ui.palette import PaletteCommands
from skillcheck.ui.screens.team import TeamScreen
from skillcheck.ui.terminal import apply_color_system, plain_key_display, quiet_driver, theme_for

EXIT_CRASH = 70


class TeamApp(PaletteCommands):
    """The table of candidates; a candidate's results on top of it."""

    CSS_PATH = ["app.tcss", "team.tcss"]  # noqa: RUF012 (Textual declares it without ClassVar)
    TITLE = "skillcheck team"
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*APP_COMMANDS)

    def __init__(
        self,
        rows: list[CandidateRow],
        bank: Bank,
        position: str | None = None,
        *,
        options: TuiOptions | None = None,
        work_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.rows = rows
        self.bank = bank
        self.position = position
        self.options = options if options is not None else TuiOptions()
        self.work_dir = work_dir if work_dir is not None else Path.cwd()
        # Nothing to restart or save: the palette's checks see no session or results.
        self.session = None
        self.results = None
        self.crash: BaseException | None = None

    def get_key_display(self, binding: Binding) -> str:
        return plain_key_display(super().get_key_display(binding))

    def get_driver_class(self) -> type[Driver]:
        return quiet_driver(super().get_driver_class())

    def on_mount(self) -> None:
        if not self.is_headless:
            theme = theme_for(self)
            if theme is not None:
                self.theme = theme
        self.push_screen(TeamScreen(self.rows, self.bank, self.position))

    async def restart_confirmed(self, restart: bool | None) -> None:
        """Never asked: Restart is off without a session."""

    def _handle_exception(self, error: Exception) -> None:
        self.crash = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # No traceback on screen: run_team logs it and says where.
        self._close_messages_no_wait()


def make_team_app(
    rows: list[CandidateRow],
    bank: Bank,
    position: str | None = None,
    *,
    color: str = "auto",
    work_dir: Path | None = None,
) -> TeamApp:
    """The dashboard app, as the CLI and the tests make it."""
    app = TeamApp(rows, bank, position, options=TuiOptions(color=color), work_dir=work_dir)
    apply_color_system(app, color)
    return app


def run_team(
    rows: list[CandidateRow], bank: Bank, data_dir: Path, position: str | None, *, color: str
) -> int:
    """Run the dashboard until the user quits: 0, or 70 after an unexpected error (logged)."""
    app = make_team_app(rows, bank, position, color=color)
    try:
        app.run()
    except Exception as exc:
        return _report_crash(exc)
    if app.crash is not None:
        return _report_crash(app.crash)
    return 0


def _report_crash(error: BaseException) -> int:
    from skillcheck.store.crash_log import log_crash

    path = log_crash(error)
    print(
        f"skillcheck report stopped after an unexpected error; the details are in {path}.",
        file=sys.stderr,
    )
    return EXIT_CRASH
