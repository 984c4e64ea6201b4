"""`skillcheck hire`: the hiring questions on the assessment's own question screen, then
the hiring result, which writes the position profile.

The flow is a `Session` in "hire" mode over the bank's hiring view (`Bank.hiring_view`),
so going back, skipping, autosave (its own file, `hire-session.toml`) and resuming work
exactly as in the assessment; the profile itself is `domain.position.derive_position`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from skillcheck.errors import UserError
from skillcheck.ui.commands import SAVE_POSITION, keys_text
from skillcheck.ui.session_app import SessionApp, report_crash
from skillcheck.ui.terminal import apply_color_system

if TYPE_CHECKING:
    from skillcheck.domain.models import Bank
    from skillcheck.domain.position import Position
    from skillcheck.domain.session import Session
    from skillcheck.options import TuiOptions
    from skillcheck.ui.screens.question import QuestionScreen

#: Where `hire` writes the position profile unless told (`-o`), in the current folder.
POSITION_FILE = "position.toml"
#: How the person hiring resumes after a crash (`report_crash`).
RESUME = "run skillcheck hire again"


class HireApp(SessionApp):
    """The hiring questions, then the result; `position` holds the profile once derived."""

    TITLE = "skillcheck hire"

    def __init__(
        self,
        bank: Bank,
        options: TuiOptions,
        *,
        output: Path | None = None,
        work_dir: Path | None = None,
    ) -> None:
        super().__init__(options, work_dir=work_dir)
        self.full_bank = bank
        self.view = bank.hiring_view()
        self.output = output if output is not None else Path(POSITION_FILE)
        self.results = None
        self.position: Position | None = None
        self.written: Path | None = None

    @property
    def output_path(self) -> Path:
        return self.output if self.output.is_absolute() else self.work_dir / self.output

    def on_mount(self) -> None:
        from skillcheck.domain.session import Session
        from skillcheck.store import autosave

        self.fit_terminal()
        if self.options.fresh:
            autosave.backup_session(hire=True)
        loaded = autosave.load_session(self.view, hire=True)
        if loaded.message:
            self.notify(loaded.message, title="Your saved answers", severity="warning")
        session = loaded.session
        if session is not None:
            session.go_to(session.resume_position())
            self.notify(
                f"Resumed: {session.answered_count} of {session.total} answered.",
                title="Your saved answers",
                markup=False,
            )
        else:
            autosave.backup_session(hire=True)
            session = Session.begin(self.view, "hire")
            self.saver.save_now(session)
        self._show_questions(session)

    def _show_questions(self, session: Session) -> None:
        from skillcheck.ui.screens.question import QuestionScreen

        self.session = session
        self.push_screen(QuestionScreen(self.view, session, self.saver.save_soon))

    def on_question_screen_completed(self, message: QuestionScreen.Completed) -> None:
        from skillcheck.domain.hiring_text import describe_hiring
        from skillcheck.domain.position import derive_position
        from skillcheck.ui.screens.hire_result import HireResultScreen

        session = self.session
        if session is None:
            return
        self.saver.flush()
        self.position = derive_position(self.full_bank, session.answers)
        words = describe_hiring(self.full_bank, session.answers, self.position)
        self.push_screen(HireResultScreen(words, self._write_first()))

    def _write_first(self) -> str:
        """Write the profile to the output path unless a file is there: one sentence."""
        from skillcheck.store.position import write_position

        assert self.position is not None
        path = self.output_path
        shown = self.output  # as given: relative to the folder skillcheck started in
        save = keys_text(SAVE_POSITION)
        if os.path.lexists(path):
            return (
                f"{shown} already exists and was left as it is: press {save} to save the "
                "profile there (it asks first) or elsewhere."
            )
        try:
            write_position(path, self.position)
        except UserError as exc:
            return f"The profile was not saved: {exc} Press {save} to choose another file."
        self.written = path
        return f"Position profile written to {shown}."

    def action_save_position(self) -> None:
        """Ask where to save the position profile, then save it (asks before replacing)."""
        from skillcheck.store.position import write_position
        from skillcheck.ui.screens.save_dialog import SaveDialog

        position = self.position
        if position is None:
            return
        self.push_screen(
            SaveDialog(
                title="Save the position profile",
                what="the position profile (TOML)",
                default_name=str(self.output),
                write=lambda path: write_position(path, position),
                base=self.work_dir,
            ),
            callback=self._position_saved,
        )

    def _position_saved(self, path: Path | None) -> None:
        from skillcheck.ui.screens.hire_result import HireResultScreen

        if path is None:
            return
        self.written = path
        if isinstance(self.screen, HireResultScreen):
            self.screen.show_status(f"Position profile written to {path}.")

    def action_change_answers(self) -> None:
        """From the result back to the last question, to change earlier answers."""
        if self.session is None or len(self.screen_stack) < 3:
            return
        self.session.reopen()
        self.saver.save_now(self.session)
        self.position = None
        self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restart":
            return False
        if action == "save_position":
            return self.position is not None
        return super().check_action(action, parameters)


def make_hire_app(
    bank: Bank, options: TuiOptions, *, output: Path | None = None, work_dir: Path | None = None
) -> HireApp:
    """The hiring flow's app (the CLI and the tests use this)."""
    app = HireApp(bank, options, output=output, work_dir=work_dir)
    apply_color_system(app, options.color)
    return app


def run_hire(options: TuiOptions, output: Path | None) -> int:
    """Run `skillcheck hire`: 0 done, 2 the bank cannot be used, 70 an unexpected error."""
    from skillcheck.store.bank import load_bank

    bank = load_bank(options.bank_dir)  # a UserError here is one line from the CLI
    if not bank.hiring:
        raise UserError(
            f"the question bank {bank.info.version} has no hiring questions ([[hiring]])."
        )
    try:
        app = make_hire_app(bank, options, output=output)
        app.run()
    except Exception as exc:
        return report_crash(exc, again=RESUME)
    if app.crash is not None:
        return report_crash(app.crash, again=RESUME)
    return 0
