"""Plain mode (`skillcheck --plain`, or `TERM=dumb`): the assessment as lines of text.

For a screen reader, a terminal without cursor addressing, or a script feeding answers
through a pipe. Each question is printed once, top to bottom, and each answer is read
as a line; nothing is redrawn, nothing moves the cursor, nothing is coloured unless
asked. It runs the same `Session` as the TUI and saves it to the same autosave after
every move, so a run started here resumes in the TUI and the reverse.

It never imports Textual (a test proves it): it starts in a blink on any terminal.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from skillcheck.errors import UserError

if TYPE_CHECKING:
    from skillcheck.domain.models import Bank, Question
    from skillcheck.domain.position import Position
    from skillcheck.domain.results import Results
    from skillcheck.domain.session import Mode, Session
    from skillcheck.options import TuiOptions

EXIT_OK = 0
EXIT_BANK_PROBLEM = 2
EXIT_CRASH = 70
EXIT_INTERRUPTED = 130

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
#: Colour names as rich spells them, for --color.
_COLOR_SYSTEMS = {"auto": "auto", "16": "standard", "256": "256", "truecolor": "truecolor"}
_NUMBER = re.compile(r"[0-9]{1,3}")
_UNPRINTABLE = re.compile(r"[^\x20-\x7e\u00a0-\uffff]")
BACK = {"b", "back"}
SKIP = {"s", "skip"}
QUIT = {"q", "quit"}


def run_plain(
    options: TuiOptions,
    *,
    color: str | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Run the assessment as plain lines; the exit code (0 done or quit, 2 the bank or the
    position cannot be used, 70 an unexpected error: logged to the crash log, told in one
    line).

    `color`: None for none (the default), else a `--color` choice.
    """
    lines_in = sys.stdin if stdin is None else stdin
    out = sys.stdout if stdout is None else stdout
    for stream in (lines_in, out):
        # Bad bytes in, or a character the terminal's encoding lacks out: never a crash.
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")
    assessment: PlainAssessment | None = None
    with line_mode(lines_in):
        try:
            assessment = PlainAssessment.open(options, lines_in, out, color=color)
            return assessment.run()
        except UserError as exc:  # the bank or the position cannot be used
            print(f"skillcheck: {exc}", file=sys.stderr)
            return EXIT_BANK_PROBLEM
        except KeyboardInterrupt:
            if assessment is not None:
                assessment.save_quietly()
            with contextlib.suppress(Exception):
                out.write("\nStopped. Your answers are saved: start skillcheck again to resume.\n")
                out.flush()
            return EXIT_INTERRUPTED
        except BrokenPipeError:
            if assessment is not None:
                assessment.save_quietly()
            raise  # the command line treats a reader gone away as no error
        except Exception as exc:
            if assessment is not None:
                assessment.save_quietly()
            return _report_crash(exc)


@contextlib.contextmanager
def line_mode(stream: TextIO) -> Iterator[None]:
    """Read lines from a terminal: canonical input with echo, and output newlines that
    return the carriage; the terminal's settings are restored afterwards.

    `skillcheck serve` hands the app a raw pseudo-terminal (keys at once, for the TUI);
    raw, Enter would never end a line and the output would stair-step.
    """
    try:
        fd = stream.fileno()
        is_terminal = os.isatty(fd)
    except (AttributeError, OSError, ValueError):  # a StringIO, a closed stream
        is_terminal = False
    if not is_terminal:
        yield
        return
    import termios

    try:
        saved = termios.tcgetattr(fd)
    except termios.error:
        yield
        return
    iflag, oflag, cflag, lflag, ispeed, ospeed, chars = saved
    iflag |= termios.ICRNL  # Enter (CR) ends a line
    oflag |= termios.OPOST | termios.ONLCR
    lflag |= termios.ICANON | termios.ECHO | termios.ECHOE | termios.ECHOK | termios.ISIG
    lflag |= termios.IEXTEN
    wanted = [iflag, oflag, cflag, lflag, ispeed, ospeed, chars]
    with contextlib.suppress(termios.error):
        termios.tcsetattr(fd, termios.TCSANOW, wanted)
    try:
        yield
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)


class PlainAssessment:
    """One run: the welcome's choice, then each question in turn, then the report."""

    def __init__(
        self,
        bank: Bank,
        options: TuiOptions,
        lines_in: TextIO,
        out: TextIO,
        *,
        color: str | None = None,
        position: Position | None = None,
    ) -> None:
        self.bank = bank
        self.options = options
        self.position = position
        """--position, loaded: every run is also scored against it."""
        self.lines_in = lines_in
        self.out = out
        self.color = None if os.environ.get("NO_COLOR") else color
        self.session: Session | None = None
        encoding = (getattr(out, "encoding", None) or "utf-8").lower().replace("-", "")
        self.ascii_only = not encoding.startswith("utf")
        # Typed lines echo on a terminal; from a pipe they are written out, so the
        # transcript reads as a conversation.
        self.echo = not _is_terminal(lines_in)
        self._save_failed = False

    @classmethod
    def open(
        cls, options: TuiOptions, lines_in: TextIO, out: TextIO, *, color: str | None = None
    ) -> PlainAssessment:
        """Say what this is, then load the bank and any --position (a UserError when
        either cannot be used)."""
        from skillcheck.store.bank import load_bank

        _write(out, f"{TITLE}\n\n{ABOUT}\n")
        bank = load_bank(options.bank_dir)
        position = None
        if options.position is not None:
            from skillcheck.store.position import load_position

            position = load_position(options.position, bank)
        return cls(bank, options, lines_in, out, color=color, position=position)

    # --- the run ---------------------------------------------------------------------

    def run(self) -> int:
        session = self._choose_start()
        if session is None:
            self.say("Goodbye.")
            return EXIT_OK
        self.session = session
        self.say(HOW_TO_ANSWER)
        return self._ask_all(session)

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
                self.say(loaded.message)
            unfinished = loaded.session
        if self.options.mode in ("quick", "full"):
            if unfinished is not None and unfinished.mode == self.options.mode:
                return self._resume(unfinished)
            return self._start("quick" if self.options.mode == "quick" else "full")

        full = len(full_questions(self.bank))
        self.say("")
        quick = min(QUICK_CAP, full)
        self.say(
            f"1, Quick: up to {quick} questions, {duration(quick)}, each picked from your answers."
        )
        self.say(f"2, Full: {full} questions, {duration(full)}, every skill in depth.")
        choices = "1 quick, 2 full"
        if unfinished is not None:
            total = unfinished.planned_total(self.bank)
            self.say(
                f"r, Resume your {unfinished.mode} session: {unfinished.answered_count} of "
                f"{total} answered, going on at question {unfinished.resume_position() + 1}."
            )
            choices += ", r resume"
        prompt = f"Start: {choices}, q quit:"
        while True:
            typed = self.read(prompt)
            if typed is None or typed in QUIT:
                return None
            if typed in ("1", "quick"):
                return self._start("quick")
            if typed in ("2", "full"):
                return self._start("full")
            if unfinished is not None and typed in ("r", "resume"):
                return self._resume(unfinished)
            self.say(f"Please type {'1, 2 or r' if unfinished else '1 or 2'}, then Enter.")

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
        self.say(f"Resuming your {session.mode} session at question {session.position + 1}.")
        return session

    def _ask_all(self, session: Session) -> int:
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
            typed = self.read(prompt)
            if typed is None or typed in QUIT:
                self.save(session)
                total = session.planned_total(self.bank)
                self.say(
                    f"Saved: {session.answered_count} of {total} answered. Start skillcheck "
                    "again to go on where you left off."
                )
                return EXIT_OK
            if typed in BACK:
                if not session.back():
                    self.say("This is the first question.")
                    continue
                self.save(session)
                show = True
                continue
            if typed in SKIP:
                completed = session.skip(self.bank)
            elif _NUMBER.fullmatch(typed):
                number = int(typed)
                if not 1 <= number <= count:
                    self.say(f"There is no option {number}: the options are 1 to {count}.")
                    continue
                session.answer(self.bank, answer_value(question, number - 1))
                completed = session.advance(self.bank)
            elif not typed:
                self.say(f"Nothing was typed: type a number from 1 to {count}.")
                continue
            else:
                self.say(f"That is not an answer: type a number from 1 to {count}, or b, s or q.")
                continue
            self.save(session)
            if completed:
                return self._finish(session)
            furthest = max(furthest, session.position)
            show = True

    def _show(self, session: Session, question: Question, *, skipped: bool) -> None:
        """The question once: where it is, what kind, the prompt, the numbered options."""
        from skillcheck.domain.question_text import kind_label, option_index, skill_names

        names = skill_names(self.bank, question)
        topic = kind_label(question) + (f": {names[0]}" if names else "")
        self.say("")
        total = session.planned_total(self.bank)
        self.say(self._bold(f"Question {session.position + 1} of {total}"))
        self.say(topic)
        self.say(question.prompt)
        for number, option in enumerate(question.options, start=1):
            self.say(f"{number}. {option.text}")
        earlier = option_index(question, session.answers.get(question.id))
        if earlier is not None:
            self.say(f"(your answer: {earlier + 1})")
        elif skipped:
            self.say("(you skipped this one)")

    def _keep_in_history(self, results: Results) -> None:
        """Keep the run in the history, as the app does, so `skillcheck history` and the
        app's progress section see it too."""
        from skillcheck.store.history import keep_results

        try:
            path = keep_results(results)
            self.say(f"The results are kept in your history ({path.name}).")
        except UserError as exc:
            self.say(f"{exc} They are not kept in the history.")

    def _finish(self, session: Session) -> int:
        from skillcheck.domain.position import as_shown
        from skillcheck.domain.scoring import score

        scored = score(self.bank, session.to_answers(), session.question_ids, self.position)
        # The file keeps the fit to the position; the candidate sees it only if shown.
        results = as_shown(scored, self.options.show_position)
        self.say("")
        self.say("That was the last question. Your results follow.")
        self._keep_in_history(results)
        if self.options.output is not None:
            from skillcheck.store.results import write_results

            try:
                write_results(self.options.output, scored)
                self.say(f"The results are also written to {self.options.output}.")
            except UserError as exc:
                self.say(f"{exc} The results are shown below only.")
        self.say("")
        if self.color is None:
            from skillcheck.reports.results import report_text

            self._write(report_text(results, self.bank, ascii_only=self.ascii_only, spoken=True))
        else:
            self._print_in_colour(results)
        self.say("")
        self.say("End of the results. Start skillcheck again for a new assessment.")
        return EXIT_OK

    def _print_in_colour(self, results: Results) -> None:
        from rich.console import Console

        from skillcheck.reports.results import render_report

        console = Console(
            file=self.out,
            force_terminal=True,
            color_system=_COLOR_SYSTEMS.get(self.color or "auto", "auto"),  # type: ignore[arg-type]
            highlight=False,
            width=80,
        )
        report = render_report(results, self.bank, ascii_only=self.ascii_only, spoken=True)
        console.print(report, soft_wrap=True)

    # --- saving ----------------------------------------------------------------------

    def save(self, session: Session) -> None:
        """Save after every move; a failure is told once and the run goes on."""
        from skillcheck.store import autosave

        try:
            autosave.save_session(session)
        except UserError as exc:
            if not self._save_failed:
                self._save_failed = True
                self.say(f"Autosave failed: {exc} Your answers are kept only until you quit.")

    def save_quietly(self) -> None:
        """On the way out after an interruption or an error: keep what can be kept."""
        if self.session is not None:
            with contextlib.suppress(Exception):
                self.save(self.session)

    # --- lines in and out ------------------------------------------------------------

    def say(self, line: str) -> None:
        self._write(line + "\n")

    def read(self, prompt: str) -> str | None:
        """Show `prompt` and read a line: lower case, trimmed; None at the end of input."""
        self._write(prompt + " ")
        line = self.lines_in.readline()
        if not line:
            self._write("\n")
            return None
        typed = line.strip()
        if self.echo:
            self._write(_UNPRINTABLE.sub("?", typed) + "\n")
        return typed.lower()

    def _write(self, text: str) -> None:
        _write(self.out, text)

    def _bold(self, text: str) -> str:
        return text if self.color is None else f"\x1b[1m{text}\x1b[0m"


def _write(out: TextIO, text: str) -> None:
    out.write(text)
    out.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _report_crash(error: BaseException) -> int:
    from skillcheck.store.crash_log import log_crash

    path = log_crash(error)
    print(
        f"skillcheck stopped after an unexpected error; the details are in {path}. "
        "Your answers are saved: start skillcheck again to resume.",
        file=sys.stderr,
    )
    return EXIT_CRASH
