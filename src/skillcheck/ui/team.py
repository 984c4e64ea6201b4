"""The team dashboard's app: `skillcheck report DIR` on a terminal.

Its own small app (no session, no autosave), with the assessment's look, palette and
keys: the CLI collects the rows and the bank, this shows them.
"""

from __future__ import annotations

from pathlib import Path

from skillcheck.crash_report import report_crash
from skillcheck.domain.models import Bank
from skillcheck.options import TuiOptions
from skillcheck.reports.team import CandidateRow
from skillcheck.ui.base_app import SkillcheckBaseApp
from skillcheck.ui.screens.team import TeamScreen
from skillcheck.ui.terminal import apply_color_system

#: What stopped, in the one line an unexpected error is told in (`report_crash`).
CRASHED = "skillcheck report"


class TeamApp(SkillcheckBaseApp):
    """The table of candidates; a candidate's results on top of it."""

    CSS_PATH = ["app.tcss", "team.tcss"]  # noqa: RUF012 (Textual declares it without ClassVar)
    TITLE = "skillcheck team"

    def __init__(
        self,
        rows: list[CandidateRow],
        bank: Bank,
        position: str | None = None,
        *,
        options: TuiOptions | None = None,
        work_dir: Path | None = None,
    ) -> None:
        super().__init__(options if options is not None else TuiOptions(), work_dir=work_dir)
        self.rows = rows
        self.bank = bank
        self.position = position
        # Nothing to restart or save: the palette's checks see no session or results.
        self.session = None
        self.results = None

    def on_mount(self) -> None:
        self.use_terminal_theme()
        self.push_screen(TeamScreen(self.rows, self.bank, self.position))

    async def restart_confirmed(self, restart: bool | None) -> None:
        """Never asked: Restart is off without a session."""


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
        return report_crash(exc, command=CRASHED)
    if app.crash is not None:
        return report_crash(app.crash, command=CRASHED)
    return 0
