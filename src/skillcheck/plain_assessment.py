"""Plain mode's run: the welcome's choice, then each question in turn, saved after every
move, then the results (`plain_results`). It says and reads through `PlainLines`."""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING, TextIO

from skillcheck.errors import UserError
from skillcheck.plain_lines import PlainLines
from skillcheck.plain_results import finish_run

if TYPE_CHECKING:
    from skillcheck.domain.models import Bank
    from skillcheck.domain.position import Position
    from skillcheck.domain.questions import Question
    from skillcheck.domain.session import Mode, Session
    from skillcheck.options import TuiOptions

TITLE = "skillcheck: AI Engineer or ML Engineer?"
ABOUT = (
    "Which role fits you better, and what should you learn next? You answer short "
    "knowledge questions on the skills the two roles are built on, rate your own "
    "experience and say what work you prefer. Knowledge questions show no right or "
    "wrong until the end. Every answer is saved as you go: quit any time and resume later."
)
HOW_TO_ANSWER = (
    "Type the number of your answer and press Enter. b goes back, s skips a question, "
    "q quits with everything saved."
)
_NUMBER = re.compile(r"[0-9]{1,3}")
BACK = {"b", "back"}
SKIP = {"s", "skip"}
QUIT = {"q", "quit"}


class PlainAssessment:
    """One run: the welcome's choice, then each question in turn, then the report."""

    def __init__(
        self,
        bank: Bank,
        options: TuiOptions,
        lines: PlainLines,
        *,
        position: Position | None = None,
    ) -> None:
        self.bank = bank
        self.options = options
        self.position = position
        """--position, loaded: every run is also scored against it."""
        self.lines = lines
        self.session: Session | None = None
        self._save_failed = False

    @classmethod
    def open(
        cls, options: TuiOptions, lines_in: TextIO, out: TextIO, *, color: str | None = None
    ) -> PlainAssessment:
        """Say what this is, then load the bank and any --position (a UserError when
        either cannot be used)."""
        from skillcheck.store.bank import load_bank

        lines = PlainLines(lines_in, out, color=color)
        lines.say(f"{TITLE}\n\n{ABOUT}")
        bank = load_bank(options.bank_dir)
        position = None
        if options.position is not None:
            from skillcheck.store.position import load_position

            position = load_position(options.position, bank)
        return cls(bank, options, lines, position=position)

    # --- the run ---------------------------------------------------------------------

    def run(self) -> None:
        """Until the candidate quits, the input ends or the results are shown."""
        session = self._choose_start()
        if session is None:
            self.lines.say("Goodbye.")
            return
        self.session = session
        self.lines.say(HOW_TO_ANSWER)
        self._ask_all(session)

    def _choose_start(self) -> Session | None:
        """Resume, or a new quick or full run, as --mode, --fresh or the candidate says."""
        from skillcheck.domain.adaptive import QUICK_CAP
        from skillcheck.domain.selection import full_questions
        from skillcheck.domain.welcome_text import duration
        from skillcheck.store import autosave

        unfinished = None
        if self.options.fresh:
            autosave.backup_session()
        else:
            loaded = autosave.load_session(self.bank)
            if loaded.message:
                self.lines.say(loaded.message)
            unfinished = loaded.session
        if self.options.mode in ("quick", "full"):
            if unfinished is not None and unfinished.mode == self.options.mode:
                return self._resume(unfinished)
            return self._start("quick" if self.options.mode == "quick" else "full")

        full = len(full_questions(self.bank))
        self.lines.say("")
        quick = min(QUICK_CAP, full)
        self.lines.say(
            f"1, Quick: up to {quick} questions, {duration(quick)}, each picked from your answers."
        )
        self.lines.say(f"2, Full: {full} questions, {duration(full)}, every skill in depth.")
        choices = "1 quick, 2 full"
        if unfinished is not None:
            total = unfinished.planned_total(self.bank)
            self.lines.say(
                f"r, Resume your {unfinished.mode} session: {unfinished.answered_count} of "
                f"{total} answered, going on at question {unfinished.resume_position() + 1}."
            )
            choices += ", r resume"
        prompt = f"Start: {choices}, q quit:"
        while True:
            typed = self.lines.read(prompt)
            if typed is None or typed in QUIT:
                return None
            if typed in ("1", "quick"):
                return self._start("quick")
            if typed in ("2", "full"):
                return self._start("full")
            if unfinished is not None and typed in ("r", "resume"):
                return self._resume(unfinished)
            self.lines.say(f"Please type {'1, 2 or r' if unfinished else '1 or 2'}, then Enter.")

    def _start(self, mode: Mode) -> Session:
        from skillcheck.domain.session import Session
        from skillcheck.store import autosave

        # Whatever the autosave holds is moved aside, never overwritten (as in the TUI).
        autosave.backup_session()
        session = Session.begin(self.bank, mode)
        self.save(session)
        return session

    def _resume(self, session: Session) -> Session:
        session.go_to(session.resume_position())
        self.lines.say(f"Resuming your {session.mode} session at question {session.position + 1}.")
        return session

    def _ask_all(self, session: Session) -> None:
        from skillcheck.domain.question_text import answer_value

        furthest = session.position
        show = True
        while True:
            question = session.current(self.bank)
            count = len(question.options)
            prompt = f"Answer 1-{count}, b back, s skip, q quit:"
            if show:
                self._show(session, question, skipped=session.position < furthest)
                show = False
            typed = self.lines.read(prompt)
            if typed is None or typed in QUIT:
                self.save(session)
                total = session.planned_total(self.bank)
                self.lines.say(
                    f"Saved: {session.answered_count} of {total} answered. Start skillcheck "
                    "again to go on where you left off."
                )
                return
            if typed in BACK:
                if not session.back():
                    self.lines.say("This is the first question.")
                    continue
                self.save(session)
                show = True
                continue
            if typed in SKIP:
                completed = session.skip(self.bank)
            elif _NUMBER.fullmatch(typed):
                number = int(typed)
                if not 1 <= number <= count:
                    self.lines.say(f"There is no option {number}: the options are 1 to {count}.")
                    continue
                session.answer(self.bank, answer_value(question, number - 1))
                completed = session.advance(self.bank)
            elif not typed:
                self.lines.say(f"Nothing was typed: type a number from 1 to {count}.")
                continue
            else:
                self.lines.say(
                    f"That is not an answer: type a number from 1 to {count}, or b, s or q."
                )
                continue
            self.save(session)
            if completed:
                finish_run(self.lines, self.bank, session, self.options, self.position)
                return
            furthest = max(furthest, session.position)
            show = True

    def _show(self, session: Session, question: Question, *, skipped: bool) -> None:
        """The question once: where it is, what kind, the prompt, the numbered options."""
        from skillcheck.domain.question_text import kind_label, option_index, skill_names

        names = skill_names(self.bank, question)
        topic = kind_label(question) + (f": {names[0]}" if names else "")
        self.lines.say("")
        total = session.planned_total(self.bank)
        self.lines.say(self.lines.bold(f"Question {session.position + 1} of {total}"))
        self.lines.say(topic)
        self.lines.say(question.prompt)
        for number, option in enumerate(question.options, start=1):
            self.lines.say(f"{number}. {option.text}")
        earlier = option_index(question, session.answers.get(question.id))
        if earlier is not None:
            self.lines.say(f"(your answer: {earlier + 1})")
        elif skipped:
            self.lines.say("(you skipped this one)")

    # --- saving ----------------------------------------------------------------------

    def save(self, session: Session) -> None:
        """Save after every move; a failure is told once and the run goes on."""
        from skillcheck.store import autosave

        try:
            autosave.save_session(session)
        except UserError as exc:
            if not self._save_failed:
                self._save_failed = True
                self.lines.say(f"Autosave failed: {exc} Your answers are kept only until you quit.")

    def save_quietly(self) -> None:
        """On the way out after an interruption or an error: keep what can be kept."""
        if self.session is not None:
            with contextlib.suppress(Exception):
                self.save(self.session)
