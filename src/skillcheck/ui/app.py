"""The Textual app: one factory, `make_app`, for the CLI, the SSH path and the tests.

The app owns the session and the results; the screens show them. Every answer is saved
as it is given (`store.autosave`), so quitting, a dropped SSH line or a crash loses
nothing. For a fast first paint the welcome screen is drawn before the question bank
(and pydantic with it) is loaded; later screens are imported when first needed.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState

from skillcheck.errors import UserError
from skillcheck.ui.screens.welcome import ModeSizes, ResumeOffer, WelcomeScreen
from skillcheck.ui.session_app import EXIT_CRASH as EXIT_CRASH  # run_tui's exit codes, here
from skillcheck.ui.session_app import SessionApp, report_crash
from skillcheck.ui.terminal import apply_color_system

if TYPE_CHECKING:
    from skillcheck.domain.models import Bank
    from skillcheck.domain.position import Position
    from skillcheck.domain.progress_wording import ComparisonText
    from skillcheck.domain.results import Results
    from skillcheck.domain.session import Mode, Session
    from skillcheck.options import TuiOptions
    from skillcheck.ui.screens.question import QuestionScreen

BANK_WORKER = "load-bank"
#: How a candidate resumes after a crash (`report_crash`).
RESUME = "start skillcheck again"
EXIT_BANK_PROBLEM = 2
#: How often a finished served session asks to step back, and how long it waits between
#: (the kernel takes one change of a group's priority per 100 ms, machine-wide).
STEP_BACK_TRIES = 20
STEP_BACK_RETRY_SECONDS = (0.05, 0.15)


class SkillcheckApp(SessionApp):
    """Welcome, then one question screen for the whole run, then the results."""

    TITLE = "skillcheck"

    def __init__(
        self,
        bank: Bank | Callable[[], Bank],
        options: TuiOptions,
        *,
        work_dir: Path | None = None,
    ) -> None:
        super().__init__(options, work_dir=work_dir)
        # A pydantic Bank is never callable; a loader is.
        self._bank_loader = bank if callable(bank) else None
        self._bank: Bank | None = None if callable(bank) else bank
        self.results: Results | None = None
        #: --position, loaded with the bank: every run is also scored against it.
        self.position: Position | None = None
        #: This run's file in the history, rewritten if its answers change and it ends again.
        self.kept_path: Path | None = None
        self.unfinished: Session | None = None
        self.bank_problem: str | None = None
        self._early_choice: str | None = None

    @property
    def bank(self) -> Bank:
        assert self._bank is not None, "the bank is loaded right after the first paint"
        return self._bank

    # --- start -----------------------------------------------------------------------

    def on_mount(self) -> None:
        self.fit_terminal()
        if self._bank is not None:
            self._begin()
            return
        self.push_screen(WelcomeScreen())

    def on_ready(self) -> None:
        """The first frame is out: load the bank in a thread, so the frame is not held up."""
        if self._bank is None and self._bank_loader is not None:
            self.run_worker(self._bank_loader, name=BANK_WORKER, thread=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != BANK_WORKER:
            return
        if event.state is WorkerState.SUCCESS:
            self._bank = event.worker.result
            self._begin()
        elif event.state is WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            if isinstance(error, UserError):  # the bank cannot be used: say so after exit
                self.bank_problem = str(error)
                self.exit(return_code=EXIT_BANK_PROBLEM)
            elif isinstance(error, Exception):
                self._handle_exception(error)

    def _begin(self) -> None:
        """With the bank loaded: look for an unfinished session, then start or offer."""
        from skillcheck.store import autosave

        if not self._load_position():
            return
        if self.options.fresh:
            self._backup_autosave()
        else:
            loaded = autosave.load_session(self.bank)
            if loaded.message:  # set aside as unreadable, or fitted to a changed bank
                self.notify(
                    loaded.message,
                    title="Your saved session",
                    severity="warning",
                    timeout=12,
                    markup=False,
                )
            self.unfinished = loaded.session
        mode = self.options.mode or self._early_choice
        if mode in ("quick", "full") and (self.unfinished is None or self.options.mode):
            if self.unfinished is not None and self.unfinished.mode == mode:
                self._resume()
            else:
                self.start_session("quick" if mode == "quick" else "full")
            return
        self._offer_choices()

    def _load_position(self) -> bool:
        """Load --position against the bank; a broken file ends the app as a broken bank."""
        if self.options.position is None:
            return True
        from skillcheck.store.position import load_position

        try:
            self.position = load_position(self.options.position, self.bank)
        except UserError as exc:
            self.bank_problem = str(exc)
            self.exit(return_code=EXIT_BANK_PROBLEM)
            return False
        return True

    def _offer_choices(self) -> None:
        from skillcheck.domain.adaptive import QUICK_CAP
        from skillcheck.domain.selection import full_questions

        full = full_questions(self.bank)
        sizes = ModeSizes(min(QUICK_CAP, len(full)), len(full))
        offer = None if self.unfinished is None else ResumeOffer.of(self.unfinished, self.bank)
        if isinstance(self.screen, WelcomeScreen):
            self.screen.show_choices(sizes, offer)
        else:
            self.push_screen(WelcomeScreen(sizes, offer))

    def on_welcome_screen_chosen(self, message: WelcomeScreen.Chosen) -> None:
        if self._bank is None:  # pressed before the bank was in: act on it once it is
            self._early_choice = message.choice
        elif message.choice == "resume":
            self._resume()
        else:
            self.start_session(message.choice)

    def start_session(self, mode: Mode) -> None:
        """Start a new run of `mode`."""
        from skillcheck.domain.session import Session

        # Whatever the autosave holds (an unfinished run, or a finished one whose results
        # may not have been exported) is moved aside, never overwritten.
        self._backup_autosave()
        session = Session.begin(self.bank, mode)
        self.saver.save_now(session)
        self._show_questions(session)

    def _resume(self) -> None:
        session = self.unfinished
        if session is None:
            return
        session.go_to(session.resume_position())
        self._show_questions(session)

    def _show_questions(self, session: Session) -> None:
        from skillcheck.ui.screens.question import QuestionScreen

        self.session = session
        self.unfinished = None
        self.results = None
        self.kept_path = None
        screen = QuestionScreen(self.bank, session, self.saver.save_soon)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # --- saving (moves on the question screen use `saver.save_soon`; quitting flushes) ---

    def _backup_autosave(self) -> None:
        from skillcheck.store import autosave

        autosave.backup_session()
        self.unfinished = None

    # --- the end ---------------------------------------------------------------------

    def on_question_screen_completed(self, message: QuestionScreen.Completed) -> None:
        from skillcheck.domain.position import as_shown
        from skillcheck.domain.scoring import score
        from skillcheck.ui.screens.results import ResultsScreen

        session = self.session
        if session is None:
            return
        if self.options.served:
            self.step_back()
        self.saver.flush()
        results = score(
            self.bank, session.to_answers(), session.question_ids, position=self.position
        )
        if self.options.output is not None:
            self.write_output(self.options.output, results)
        # The file keeps the fit to the position; the candidate sees it only if shown.
        self.results = as_shown(results, self.options.show_position)
        progress = self._keep_in_history(self.results)
        self.push_screen(ResultsScreen(self.bank, self.results, progress=progress))

    def step_back(self, tries: int = STEP_BACK_TRIES) -> None:
        """Served: a finished session lowers its CPU priority (`ui/priority.py`); asked
        to wait, it tries again a little later, a few times."""
        from skillcheck.ui.priority import step_back

        if not step_back() and tries > 1:
            delay = random.uniform(*STEP_BACK_RETRY_SECONDS)
            self.set_timer(delay, partial(self.step_back, tries - 1))

    def _keep_in_history(self, results: Results) -> ComparisonText | None:
        """Keep `results` in the history; return what changed since the newest earlier
        result they can be compared with (None: there is none)."""
        from skillcheck.domain.progress_wording import describe_comparison, when_text
        from skillcheck.store.history import earlier_comparison, keep_results

        try:
            self.kept_path = keep_results(results, path=self.kept_path)
        except UserError as exc:
            self.notify(str(exc), title="Not kept in the history", severity="warning", markup=False)
        found = earlier_comparison(results, before=self.kept_path)
        if found is None:
            return None
        earlier, comparison = found
        return describe_comparison(comparison, when_text(earlier.when))

    def action_show_history(self) -> None:
        """The kept results, newest first; any of them opens read-only."""
        from skillcheck.store.history import load_history
        from skillcheck.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.bank, load_history()))

    def action_change_answers(self) -> None:
        """From the results back to the last question, to change earlier answers."""
        if self.session is None or len(self.screen_stack) < 3:
            return
        self.session.reopen()
        self.saver.save_now(self.session)
        self.results = None
        self.pop_screen()

    async def restart_confirmed(self, restart: bool | None) -> None:
        if not restart:
            return
        self._backup_autosave()
        self.session = None
        self.results = None
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        self._offer_choices()


def make_app(
    bank: Bank | Callable[[], Bank], options: TuiOptions, *, work_dir: Path | None = None
) -> SkillcheckApp:
    """The app, configured from `options` (colours included).

    `bank` is a loaded bank, or a function that loads one: the CLI passes a loader so
    the welcome screen paints before the bank (and pydantic) are loaded.
    """
    app = SkillcheckApp(bank, options, work_dir=work_dir)
    apply_color_system(app, options.color)
    return app


def run_tui(options: TuiOptions) -> int:
    """Run the app: 0 done, 2 the bank cannot be used, 70 an unexpected error (logged)."""

    def load_bank() -> Bank:
        from skillcheck.store.bank import load_bank

        return load_bank(options.bank_dir)

    try:
        app = make_app(load_bank, options)
        app.run()
    except Exception as exc:
        return report_crash(exc, again=RESUME)
    if app.crash is not None:
        return report_crash(app.crash, again=RESUME)
    if app.bank_problem is not None:
        print(f"skillcheck: {app.bank_problem}", file=sys.stderr)
        return EXIT_BANK_PROBLEM
    return 0
