"""An assessment in progress: the ordered questions, the answers so far and a state.

Modelled on a form of grouped fields: the session owns the cursor and the answers,
and moving forward, back, skipping, resuming and fitting a changed bank are operations
on it. The TUI only shows a session; the autosave only stores one. Tested without a
terminal.

A full session knows all its questions from the start. A quick one is adaptive: it
starts with one question, and moving on from its last question asks the adaptive engine
(`domain.adaptive.next_question`) for the next, from every answer given so far; going
back and changing an answer re-plans what comes after the questions already asked.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from skillcheck.domain.adaptive import QUICK_CAP, first_question, next_question
from skillcheck.domain.models import Answers, AnswerValue, Bank
from skillcheck.domain.questions import Question, answer_problem
from skillcheck.domain.selection import full_questions

#: "hire" walks a bank's hiring questions (`Bank.hiring_view()`), every one in order.
Mode = Literal["quick", "full", "hire"]


class SessionState(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


class InvalidAnswer(ValueError):
    """An answer the current question cannot take."""


@dataclass(frozen=True)
class BankFit:
    """What `Session.fit_to` kept of a session saved with another version of the bank."""

    dropped_questions: int
    dropped_answers: int
    kept_answers: int

    @property
    def changed(self) -> bool:
        """Something no longer fitted and was dropped."""
        return bool(self.dropped_questions or self.dropped_answers)

    @property
    def lost_everything(self) -> bool:
        """There were answers, and none of them fits the bank."""
        return self.kept_answers == 0 and self.dropped_answers > 0

    def describe(self) -> str:
        """One sentence for the candidate about what was dropped and what was kept."""
        return (
            f"The question bank changed since your session was saved: "
            f"{self.dropped_questions} question(s) and {self.dropped_answers} answer(s) no "
            f"longer fit and were dropped; the other {self.kept_answers} answer(s) were kept."
        )


class Session(BaseModel):
    """Mutable on purpose: one object the app advances answer by answer."""

    model_config = ConfigDict(validate_assignment=False)

    mode: Mode
    question_ids: list[str]
    answers: dict[str, AnswerValue] = Field(default_factory=dict)
    position: int = 0
    state: SessionState = SessionState.IN_PROGRESS

    @classmethod
    def start(cls, mode: Mode, question_ids: list[str]) -> Session:
        """A session over exactly `question_ids` (tests, and resuming a saved one)."""
        return cls(mode=mode, question_ids=list(question_ids))

    @classmethod
    def begin(cls, bank: Bank, mode: Mode) -> Session:
        """A new run of `mode`: every question for full; the adaptive engine's first pick
        for quick (the rest follow as it goes)."""
        return cls.start(mode, _first_questions(bank, mode))

    # --- where we are -------------------------------------------------------------

    @property
    def total(self) -> int:
        """The questions asked so far (a quick session grows as it goes)."""
        return len(self.question_ids)

    def planned_total(self, bank: Bank) -> int:
        """What the progress shows: every question for full; for quick, the most it can
        ask (the cap, or the bank's skill and preference questions when fewer)."""
        if self.mode == "quick":
            return max(self.total, min(QUICK_CAP, len(bank.questions)))
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

    def fit_to(self, bank: Bank) -> BankFit:
        """Keep only the questions `bank` still has and the answers they still take.

        The candidate stays on the same question when it is kept, else goes to the first
        unanswered one. A bank that changed is no reason to lose the answers that fit.
        """
        questions = bank.question_by_id
        current = self.current_id if 0 <= self.position < self.total else None
        kept_ids = [qid for qid in dict.fromkeys(self.question_ids) if qid in questions]
        kept_answers = {
            qid: value
            for qid, value in self.answers.items()
            if qid in kept_ids and answer_problem(questions[qid], value) is None
        }
        fit = BankFit(
            dropped_questions=len(self.question_ids) - len(kept_ids),
            dropped_answers=len(self.answers) - len(kept_answers),
            kept_answers=len(kept_answers),
        )
        self.question_ids = kept_ids
        self.answers = kept_answers
        if current in kept_ids:
            self.position = kept_ids.index(current)
        else:
            self.go_to(self.resume_position())
        return fit

    def to_answers(self) -> Answers:
        return Answers(values=dict(self.answers))


def _first_questions(bank: Bank, mode: Mode) -> list[str]:
    if mode == "hire":
        return [question.id for question in bank.questions if question.kind == "hiring"]
    if mode == "full":
        return full_questions(bank)
    first = first_question(bank)
    return [] if first is None else [first]
