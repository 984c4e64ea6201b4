"""The one screen for a whole run: it updates its widgets in place for each question.

The screen shows the session and asks it to move (answer, skip, back); it saves after
every move through the `autosave` callback and never scores anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static

from skillcheck.domain.models import Bank
from skillcheck.domain.question_text import (
    answer_value,
    kind_label,
    option_index,
    skill_names,
)
from skillcheck.domain.questions import Question
from skillcheck.domain.session import Session, SessionState
from skillcheck.ui.commands import BACK, CONFIRM, PICK, QUIT, SKIP, Command, bindings_for, keys_text
from skillcheck.ui.widgets.answer_list import AnswerList
from skillcheck.ui.widgets.key_bar import KeyBar
from skillcheck.ui.widgets.question_head import QuestionHead

#: What the status line says between the last answer and the results.
WORKING_OUT = "Working out your results…"


class QuestionScreen(Screen[None]):
    """Prompt, numbered options, skill and source, `Question K of N` and a progress bar."""

    # The digits' Footer label is fixed ("digit Pick"): a label that changed with each
    # question would recompose the Footer (frames, bytes).
    OFFERED_COMMANDS: ClassVar[tuple[Command, ...]] = (PICK, CONFIRM, BACK, SKIP, QUIT)
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*OFFERED_COMMANDS)

    class Completed(Message):
        """Every question has been answered or skipped."""

    def __init__(self, bank: Bank, session: Session, autosave: Callable[[Session], None]) -> None:
        super().__init__()
        self.bank = bank
        self.session = session
        self.autosave = autosave
        #: The furthest question reached, so an unanswered earlier one reads as skipped.
        self.furthest = session.position
        #: What each line shows now (see `_show`), and the question it shows.
        self._shown: dict[str, str | Content] = {}
        self._shown_at = session.position

    def compose(self) -> ComposeResult:
        yield QuestionHead(id="question-head")
        yield Static(id="topic")
        yield Static(id="source")
        yield Static(id="prompt")
        yield AnswerList(id="answers")
        yield Static(id="status")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(AnswerList).focus()
        self.show_current()

    def on_screen_resume(self) -> None:
        # Back from the results, a dialog or the palette: show where the session is now,
        # keeping a pick not yet confirmed if the question is the same (the palette's
        # Confirm runs after this).
        if not self.is_mounted:
            return
        answers = self.query_one(AnswerList)
        pending = answers.highlighted if self._shown_at == self.session.position else None
        self.show_current()
        if pending is not None:
            answers.pick(pending)

    # --- showing ------------------------------------------------------------------

    def show_current(self, status: str | None = None) -> None:
        """Show the session's current question, updating only the widgets that change."""
        session = self.session
        self.furthest = max(self.furthest, session.position)
        self._shown_at = session.position
        question = session.current(self.bank)
        total = session.planned_total(self.bank)
        self.query_one(QuestionHead).show(
            f"Question {session.position + 1} of {total}", session.position, total
        )
        self._show("#topic", self._topic(question))
        self._show("#source", f"From the article: {question.source}")
        self._show("#prompt", question.prompt)
        earlier = session.answers.get(question.id)
        picked = option_index(question, earlier)
        self.query_one(AnswerList).show_options([o.text for o in question.options], picked)
        self._show("#status", self._status_for(question, picked) if status is None else status)
        self.query_one("#status", Static).remove_class("-nudge")

    def _show(self, selector: str, text: str | Content) -> None:
        """Update a line only when its text changes, and lay out only when its height does.

        Textual draws a repaint at once and a layout a frame later, so a question whose
        lines keep their heights is drawn in one frame. The prompt keeps room for three
        lines (app.tcss), which fits nearly every prompt at 80 columns.
        """
        if self._shown.get(selector) == text:
            return
        self._shown[selector] = text
        line = self.query_one(selector, Static)
        line.update(Content(text) if isinstance(text, str) else text, layout=False)
        width = line.content_size.width
        if not width:
            return  # not laid out yet: the first layout sizes it
        needed = line.get_content_height(self.size, self.size, width)
        minimum = int(line.styles.min_height.value) if line.styles.min_height else 0
        if max(needed, minimum) != line.content_size.height:
            line.refresh(layout=True)

    def _topic(self, question: Question) -> Content:
        kind = kind_label(question)
        names = skill_names(self.bank, question)
        return Content.assemble((kind, "bold"), f" · {names[0]}" if names else "")

    def numbered_choices(self) -> list[str]:
        """The answers the digits pick, for the command palette's `Pick answer N`."""
        return [option.text for option in self.session.current(self.bank).options]

    def _status_for(self, question: Question, picked: int | None) -> str:
        confirm = keys_text(CONFIRM)
        if picked is not None:
            return f"Your earlier answer is highlighted: {confirm} keeps it, or pick another."
        if self.session.position < self.furthest:
            return "You skipped this one earlier."
        if self.session.position == 0:
            return f"Pick 1-{len(question.options)} or ↑↓, then {confirm}. No marks until the end."
        return ""

    # --- moving -------------------------------------------------------------------

    def action_pick(self, index: int) -> None:
        answers = self.query_one(AnswerList)
        if not answers.pick(index):
            self._nudge(f"This question has options 1-{answers.option_count}.")

    def action_confirm(self) -> None:
        self.query_one(AnswerList).action_select()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.finished:
            return
        question = self.session.current(self.bank)
        self.session.answer(self.bank, answer_value(question, event.option_index))
        self._moved(self.session.advance(self.bank))

    def on_answer_list_nothing_picked(self, event: AnswerList.NothingPicked) -> None:
        event.stop()
        count = len(self.session.current(self.bank).options)
        self._nudge(
            f"Pick an answer first: press 1-{count} or ↑ ↓, then {keys_text(CONFIRM)} "
            f"({keys_text(SKIP)} skips)."
        )

    def _nudge(self, text: str) -> None:
        self._show("#status", text)
        self.query_one("#status", Static).add_class("-nudge")

    def action_skip(self) -> None:
        if not self.finished:
            self._moved(self.session.skip(self.bank))

    def action_back(self) -> None:
        if self.finished:
            return
        if not self.session.back():
            self._nudge("This is the first question.")
            return
        self._moved(completed=False)

    @property
    def finished(self) -> bool:
        """The last answer is in and the results are being worked out: keys that
        arrive meanwhile (a second Enter) change nothing."""
        return self.session.state is SessionState.COMPLETED

    def _moved(self, completed: bool) -> None:
        self.autosave(self.session)
        if completed:
            # Said at once; the results, which a served session works out at a lower
            # priority when a room finishes together (`ui/priority.py`), come after.
            self._show("#status", WORKING_OUT)
            self.call_after_refresh(self.post_message, self.Completed())
        else:
            self.show_current()
