"""An assessment in progress: the ordered questions, the answers so far and a state.

Modelled on a form of grouped fields: the session owns the cursor and the answers,
and moving forward, back, skipping and resuming are operations on it. The TUI only
shows a session; the autosave only stores one. Tested without a terminal.

A full session knows all its questions from the start. A quick one is adaptive: it
starts with one question, and moving on from its last question asks the adaptive engine
(`domain.adaptive.next_question`) for the next, from every answer given so far; going
back and changing an answer re-plans what comes after the questions already asked.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from skillcheck.domain.adaptive import QUICK_CAP, next_question
from skillcheck.domain.models import Answers, AnswerValue, Bank, Question, answer_problem
from skillcheck.domain.selection import full_questions

Mode = Literal["quick", "full"]


class SessionState(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ABORTED = "aborted"


class InvalidAnswer(ValueError):
    """An answer the current question cannot take."""


class Session(BaseModel):
    """Mutable on purpose: one object the app advances answer by answer."""

    model_config = ConfigDict(validate_assignment=False)

    mode: Mode
    question_ids: list[str]
    answers: dict[str, AnswerValue] = Field(default_factory=dict)
    position: int = 0
    state: SessionState = SessionState.IN_PROGRESS
    bank_sha256: str = ""

    @classmethod
    def start(cls, bank: Bank, mode: Mode, question_ids: list[str] | None = None) -> Session:
        """A new session: `question_ids` when given, else the mode's own first questions
        (every question for full; the adaptive engine's first pick for quick)."""
        if question_ids is None:
            question_ids = _first_questions(bank, mode)
        return cls(mode=mode, question_ids=list(question_ids), bank_sha256=bank.info.sha256)

    # --- where we are -------------------------------------------------------------

    @property
    def total(self) -> int:
        """The questions asked so far (a quick session grows as it goes)."""
        return len(self.question_ids)

    @property
    def planned_total(self) -> int:
        """What the progress shows: every question for full, the cap for quick."""
        if self.mode == "quick":
            return max(self.total, QUICK_CAP)
        return self.total

    @property
    def current_id(self) -> str:
        return self.question_ids[self.position]

    def current(self, bank: Bank) -> Question:
        return bank.question_by_id[self.current_id]

    @property
    def answered_count(self) -> int:
        return sum(1 for qid in self.question_ids if qid in self.answers)

    @property
    def at_start(self) -> bool:
        return self.position == 0

    @property
    def at_end(self) -> bool:
        return self.position >= self.total - 1

    def first_unanswered(self) -> int | None:
        """Index of the first question without an answer, or None if all are answered."""
        return next((i for i, qid in enumerate(self.question_ids) if qid not in self.answers), None)

    # --- moving -------------------------------------------------------------------

    def answer(self, bank: Bank, value: AnswerValue) -> None:
        """Record `value` for the current question (does not move)."""
        problem = answer_problem(self.current(bank), value)
        if problem:
            raise InvalidAnswer(problem)
        self.answers[self.current_id] = value

    def advance(self, bank: Bank) -> bool:
        """Move to the next question; at the last one, a quick session asks the adaptive
        engine for another and a full one completes. Returns True when completed."""
        if self.at_end and self.mode == "quick":
            following = next_question(bank, self.answers, self.question_ids)
            if following is not None:
                self.question_ids.append(following)
        if self.at_end:
            self.state = SessionState.COMPLETED
            return True
        self.position += 1
        return False

    def skip(self, bank: Bank) -> bool:
        """Leave the current question unanswered (clearing any earlier answer) and move on."""
        self.answers.pop(self.current_id, None)
        return self.advance(bank)

    def back(self) -> bool:
        """Go to the previous question. Returns False at the first one."""
        if self.at_start:
            return False
        self.position -= 1
        if self.state is SessionState.COMPLETED:
            self.state = SessionState.IN_PROGRESS
        return True

    def reopen(self) -> None:
        """Back from the results to change answers: in progress again, at the same place."""
        self.state = SessionState.IN_PROGRESS

    def go_to(self, index: int) -> None:
        self.position = max(0, min(index, self.total - 1))

    def resume_position(self) -> int:
        """Where a resumed session should open: the first unanswered question."""
        first = self.first_unanswered()
        return self.total - 1 if first is None else first

    def abort(self) -> None:
        self.state = SessionState.ABORTED

    def to_answers(self) -> Answers:
        return Answers(values=dict(self.answers))


def _first_questions(bank: Bank, mode: Mode) -> list[str]:
    if mode == "full":
        return full_questions(bank)
    first = next_question(bank, {}, [])
    return [] if first is None else [first]
