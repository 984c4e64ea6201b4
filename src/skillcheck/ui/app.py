"""The Textual app: one factory, `make_app`, for the CLI, the SSH path and the tests.

The app owns the session and the results; the screens show them. Every answer is saved
as it is given (`store.autosave`), so quitting, a dropped SSH line or a crash loses
nothing. Modules only the later screens need are imported when first needed, to keep
the first paint fast.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from skillcheck.domain.models import Bank
from skillcheck.domain.session import Mode, Session, SessionState
from skillcheck.errors import UserError
from skillcheck.store import autosave
from skillcheck.ui.screens.welcome import ResumeOffer, WelcomeScreen
from skillcheck.ui.terminal import apply_color_system

if TYPE_CHECKING:
    from skillcheck.domain.results import Results
    from skillcheck.options import TuiOptions
    from skillcheck.ui.screens.question import QuestionScreen

#: Palette actions that write files: off when served over SSH (the server saves results).
FILE_ACTIONS = frozenset({"export_results", "export_picture"})
RESULTS_FILE = "skillcheck-results.toml"
PICTURE_FILE = "skillcheck-results.svg"


class SkillcheckApp(App[None]):
    """Welcome, then one question screen for the whole run, then the results."""

    CSS_PATH = "app.tcss"
    TITLE = "skillcheck"
    BINDINGS: ClassVar[list[BindingType]] = []

    def __init__(self, bank: Bank, options: TuiOptions, *, work_dir: Path | None = None) -> None:
        super().__init__()
        self.bank = bank
        self.options = options
        self.work_dir = work_dir if work_dir is not None else Path.cwd()
        self.session: Session | None = None
        self.results: Results | None = None
        self.unfinished: Session | None = None
        self.crash: BaseException | None = None
        self._autosave_warned = False

    # --- start -----------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.options.fresh:
            self._backup_autosave()
        else:
            self.unfinished = self._load_unfinished()
        if self.options.mode in ("quick", "full"):
            mode: Mode = "quick" if self.options.mode == "quick" else "full"
            if self.unfinished is not None and self.unfinished.mode == mode:
                self._resume()
            else:
                self.start_session(mode)
            return
        self.push_screen(self._welcome())

    def _load_unfinished(self) -> Session | None:
        loaded = autosave.load_session(self.bank)
        if loaded.message:  # set aside as unreadable, or fitted to a changed bank
            self.notify(loaded.message, title="Your saved session", severity="warning", timeout=12)
        return loaded.session

    def _welcome(self) -> WelcomeScreen:
        from skillcheck.domain.selection import full_questions, quick_questions

        offer = None
        if self.unfinished is not None:
            session = self.unfinished
            offer = ResumeOffer(
                mode=session.mode,
                answered=session.answered_count,
                total=session.total,
                next_question=session.resume_position() + 1,
            )
        return WelcomeScreen(
            skill_count=len(self.bank.skills),
            quick_count=len(quick_questions(self.bank)),
            full_count=len(full_questions(self.bank)),
            resume=offer,
        )

    def on_welcome_screen_chosen(self, message: WelcomeScreen.Chosen) -> None:
        if message.choice == "resume":
            self._resume()
        else:
            self.start_session(message.choice)

    def start_session(self, mode: Mode) -> None:
        """Start a new run; an unfinished autosave is backed up first, never overwritten."""
        from skillcheck.domain.selection import full_questions, quick_questions

        # Whatever the autosave holds (an unfinished run, or a finished one whose results
        # may not have been exported) is moved aside, never overwritten.
        self._backup_autosave()
        ids = quick_questions(self.bank) if mode == "quick" else full_questions(self.bank)
        session = Session.start(self.bank, mode, ids)
        self.save(session)
        self._show_questions(session)

    def _resume(self) -> None:
        session = self.unfinished
        if session is None:
            return
        self.unfinished = None
        session.go_to(session.resume_position())
        self._show_questions(session)

    def _show_questions(self, session: Session) -> None:
        from skillcheck.ui.screens.question import QuestionScreen

        self.session = session
        self.unfinished = None
        self.results = None
        screen = QuestionScreen(self.bank, session, self.save)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # --- saving ----------------------------------------------------------------------

    def save(self, session: Session) -> None:
        """Autosave `session`; a failure is reported once and the run goes on."""
        try:
            autosave.save_session(session)
        except UserError as exc:
            if not self._autosave_warned:
                self._autosave_warned = True
                self.notify(
                    f"{exc} Your answers stay in this window until you quit.",
                    title="Autosave failed",
                    severity="error",
                    timeout=12,
                )

    def _backup_autosave(self) -> None:
        try:
            autosave.backup_session()
        except UserError as exc:
            self.notify(str(exc), title="Backup failed", severity="error", timeout=12)
        self.unfinished = None

    # --- the end ---------------------------------------------------------------------

    def on_question_screen_completed(self, message: QuestionScreen.Completed) -> None:
        from skillcheck.domain.scoring import score
        from skillcheck.ui.screens.results import ResultsScreen

        session = self.session
        if session is None:
            return
        self.results = score(self.bank, session.to_answers())
        if self.options.output is not None:
            self._write_output(self.options.output, self.results)
        self.push_screen(ResultsScreen(self.bank, self.results, question_count=session.total))

    def _write_output(self, path: Path, results: Results) -> None:
        from skillcheck.store.results import write_results

        try:
            write_results(path, results)
        except UserError as exc:
            self.notify(
                f"{exc} Save them with Ctrl+S.", title="Results not saved", severity="error"
            )

    def action_change_answers(self) -> None:
        """From the results back to the last question, to change earlier answers."""
        if self.session is None or len(self.screen_stack) < 3:
            return
        self.session.state = SessionState.IN_PROGRESS
        self.save(self.session)
        self.results = None
        self.pop_screen()

    # --- palette and exports -------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        if not self.options.served:
            if self.results is not None:
                yield SystemCommand(
                    "Export results (TOML)",
                    "Save your results as a TOML file",
                    self.action_export_results,
                )
            yield SystemCommand(
                "Export picture (SVG)",
                "Save a picture of this screen as an SVG file",
                self.action_export_picture,
            )
        if self.session is not None:
            yield SystemCommand(
                "Restart",
                "Start over (your answers so far are kept in a backup)",
                self.action_restart,
            )
        for command in super().get_system_commands(screen):
            # Replaced by "Export picture"; it would write a file even when served.
            if command.title != "Screenshot":
                yield command

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in FILE_ACTIONS and self.options.served:
            return False
        return not (action == "export_results" and self.results is None)

    def action_export_results(self) -> None:
        from skillcheck.store.results import write_results
        from skillcheck.ui.screens.save_dialog import SaveDialog

        results = self.results
        if results is None or self.options.served:
            return
        self.push_screen(
            SaveDialog(
                title="Export results",
                what="your results (TOML)",
                default_name=RESULTS_FILE,
                write=lambda path: write_results(path, results),
                base=self.work_dir,
            ),
            callback=self._saved,
        )

    def action_export_picture(self) -> None:
        if self.options.served:
            return
        # After a refresh, so the picture shows the screen and not the palette.
        self.call_after_refresh(self._ask_picture_path)

    def _ask_picture_path(self) -> None:
        from skillcheck.store.atomic import write_atomic
        from skillcheck.ui.screens.save_dialog import SaveDialog

        picture = self.export_screenshot()
        self.push_screen(
            SaveDialog(
                title="Export picture",
                what="a picture of this screen (SVG)",
                default_name=PICTURE_FILE,
                write=lambda path: write_atomic(path, picture),
                base=self.work_dir,
            ),
            callback=self._saved,
        )

    def _saved(self, path: Path | None) -> None:
        if path is not None:
            self.notify(f"Saved {path}", title="Saved")

    def action_restart(self) -> None:
        from skillcheck.ui.screens.confirm_dialog import ConfirmDialog

        self.push_screen(
            ConfirmDialog(
                "Start over from the welcome screen? Your answers so far are kept in a backup.",
                title="Start over?",
                yes="Start over",
                no="Keep going",
            ),
            callback=self._restart_confirmed,
        )

    async def _restart_confirmed(self, restart: bool | None) -> None:
        if not restart:
            return
        self._backup_autosave()
        self.session = None
        self.results = None
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self.push_screen(self._welcome())

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        if self.options.served:  # the browser would open on the server, not for the user
            self.notify(f"Open this address on your own machine: {url}")
            return
        super().open_url(url, new_tab=new_tab)

    # --- errors ----------------------------------------------------------------------

    def _handle_exception(self, error: Exception) -> None:
        self.crash = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        # No traceback on screen: run_tui logs it to the crash log and says where.
        self._close_messages_no_wait()


def make_app(bank: Bank, options: TuiOptions, *, work_dir: Path | None = None) -> SkillcheckApp:
    """The app, configured from `options` (colours included)."""
    app = SkillcheckApp(bank, options, work_dir=work_dir)
    apply_color_system(app, options.color)
    return app


def run_tui(options: TuiOptions) -> int:
    """Load the bank and run the app. 0 done, 2 unusable bank, 70 unexpected error."""
    from skillcheck.store.bank import BankError, load_bank

    try:
        bank = load_bank(options.bank_dir)
    except BankError as exc:
        print(f"skillcheck: {exc}", file=sys.stderr)
        return 2
    app: SkillcheckApp | None = None
    try:
        app = make_app(bank, options)
        app.run()
    except Exception as exc:
        return _report_crash(exc)
    if app.crash is not None:
        return _report_crash(app.crash)
    return 0


def _report_crash(error: BaseException) -> int:
    path = autosave.log_crash(error)
    print(
        f"skillcheck stopped after an unexpected error; the details are in {path}. "
        "Your answers are saved: start skillcheck again to resume.",
        file=sys.stderr,
    )
    return 70
