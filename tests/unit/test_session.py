"""The session: moving forward, back, skipping and resuming, without a terminal."""

from __future__ import annotations

import pytest

from skillcheck.domain.models import Bank
from skillcheck.domain.selection import full_questions
from skillcheck.domain.session import InvalidAnswer, Session, SessionState


@pytest.fixture
def session(small_bank: Bank) -> Session:
    return Session.start(small_bank, "full", full_questions(small_bank))


def first_valid_answer(bank: Bank, session: Session) -> int | str:
    question = session.current(bank)
    return 2 if question.kind == "rating" else question.options[0].key


def test_answer_is_recorded_for_the_current_question(small_bank: Bank, session: Session) -> None:
    value = first_valid_answer(small_bank, session)
    session.answer(small_bank, value)
    assert session.answers == {session.question_ids[0]: value}
    assert session.position == 0


def test_an_invalid_answer_is_refused_and_nothing_is_recorded(
    small_bank: Bank, session: Session
) -> None:
    with pytest.raises(InvalidAnswer):
        session.answer(small_bank, "no-such-option")
    assert session.answers == {}


def test_advancing_past_the_last_question_completes(small_bank: Bank, session: Session) -> None:
    completed = [session.advance() for _ in range(session.total)]
    assert completed == [False] * (session.total - 1) + [True]
    assert session.state is SessionState.COMPLETED


def test_back_at_the_first_question_stays_put(session: Session) -> None:
    assert session.back() is False
    assert session.position == 0


def test_back_after_completion_reopens_the_session(session: Session) -> None:
    for _ in range(session.total):
        session.advance()
    assert session.back() is True
    assert session.state is SessionState.IN_PROGRESS
    assert session.position == session.total - 2


def test_skip_clears_an_earlier_answer(small_bank: Bank, session: Session) -> None:
    session.answer(small_bank, first_valid_answer(small_bank, session))
    session.skip()
    assert session.question_ids[0] not in session.answers
    assert session.position == 1


def test_resume_opens_at_the_first_unanswered_question(small_bank: Bank, session: Session) -> None:
    for _ in range(3):
        session.answer(small_bank, first_valid_answer(small_bank, session))
        session.advance()
    session.go_to(0)
    assert session.resume_position() == 3
    assert session.answered_count == 3


def test_resume_of_a_fully_answered_session_opens_at_the_last_question(
    small_bank: Bank, session: Session
) -> None:
    for _ in range(session.total):
        session.answer(small_bank, first_valid_answer(small_bank, session))
        session.advance()
    assert session.first_unanswered() is None
    assert session.resume_position() == session.total - 1


def test_to_answers_is_a_copy(small_bank: Bank, session: Session) -> None:
    session.answer(small_bank, first_valid_answer(small_bank, session))
    answers = session.to_answers()
    session.skip()
    assert len(answers.values) == 1


def test_reopen_after_completion_keeps_place_and_answers(
    small_bank: Bank, session: Session
) -> None:
    for _ in range(session.total):
        session.answer(small_bank, first_valid_answer(small_bank, session))
        session.advance()
    assert session.state is SessionState.COMPLETED
    session.reopen()
    assert session.state is SessionState.IN_PROGRESS
    assert session.position == session.total - 1
    assert session.answered_count == session.total
