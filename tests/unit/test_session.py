"""The session: moving forward, back, skipping, resuming and fitting a changed bank."""

from __future__ import annotations

import pytest

from skillcheck.domain.adaptive import QUICK_CAP, next_question
from skillcheck.domain.models import Bank
from skillcheck.domain.questions import Option, Question
from skillcheck.domain.selection import full_questions
from skillcheck.domain.session import BankFit, InvalidAnswer, Session, SessionState


@pytest.fixture
def session(small_bank: Bank) -> Session:
    return Session.start("full", full_questions(small_bank))


def changed_bank(bank: Bank, *, without: set[str], replace: Question | None = None) -> Bank:
    """`bank` without the questions `without`, and with `replace` in place of its namesake."""
    questions = [
        replace if replace is not None and q.id == replace.id else q
        for q in bank.questions
        if q.id not in without
    ]
    return Bank(
        info=bank.info,
        skills=bank.skills,
        roles=bank.roles,
        credentials=bank.credentials,
        careers=bank.careers,
        questions=questions,
    )


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
    completed = [session.advance(small_bank) for _ in range(session.total)]
    assert completed == [False] * (session.total - 1) + [True]
    assert session.state is SessionState.COMPLETED


def test_back_at_the_first_question_stays_put(session: Session) -> None:
    assert session.back() is False
    assert session.position == 0


def test_back_after_completion_reopens_the_session(small_bank: Bank, session: Session) -> None:
    for _ in range(session.total):
        session.advance(small_bank)
    assert session.back() is True
    assert session.state is SessionState.IN_PROGRESS
    assert session.position == session.total - 2


def test_skip_clears_an_earlier_answer(small_bank: Bank, session: Session) -> None:
    session.answer(small_bank, first_valid_answer(small_bank, session))
    session.skip(small_bank)
    assert session.question_ids[0] not in session.answers
    assert session.position == 1


def test_resume_opens_at_the_first_unanswered_question(small_bank: Bank, session: Session) -> None:
    for _ in range(3):
        session.answer(small_bank, first_valid_answer(small_bank, session))
        session.advance(small_bank)
    session.go_to(0)
    assert session.resume_position() == 3
    assert session.answered_count == 3


def test_resume_of_a_fully_answered_session_opens_at_the_last_question(
    small_bank: Bank, session: Session
) -> None:
    for _ in range(session.total):
        session.answer(small_bank, first_valid_answer(small_bank, session))
        session.advance(small_bank)
    assert session.first_unanswered() is None
    assert session.resume_position() == session.total - 1


def test_to_answers_is_a_copy(small_bank: Bank, session: Session) -> None:
    session.answer(small_bank, first_valid_answer(small_bank, session))
    answers = session.to_answers()
    session.skip(small_bank)
    assert len(answers.values) == 1


def test_reopen_after_completion_keeps_place_and_answers(
    small_bank: Bank, session: Session
) -> None:
    for _ in range(session.total):
        session.answer(small_bank, first_valid_answer(small_bank, session))
        session.advance(small_bank)
    assert session.state is SessionState.COMPLETED
    session.reopen()
    assert session.state is SessionState.IN_PROGRESS
    assert session.position == session.total - 1
    assert session.answered_count == session.total


# --- fitting a changed bank -------------------------------------------------------------


def answered_session(bank: Bank, ids: list[str], answers: dict[str, int | str]) -> Session:
    session = Session.start("quick", ids)
    session.answers = dict(answers)
    return session


def test_fit_to_the_same_bank_changes_nothing(small_bank: Bank) -> None:
    ids = ["programming-rate", "programming-q1", "nlp-q2"]
    session = answered_session(small_bank, ids, {"programming-rate": 3, "programming-q1": "c"})
    session.go_to(2)
    before = session.model_copy(deep=True)
    fit = session.fit_to(small_bank)
    assert fit == BankFit(dropped_questions=0, dropped_answers=0, kept_answers=2)
    assert not fit.changed and not fit.lost_everything
    assert session == before


def test_fit_to_drops_removed_questions_and_stays_on_the_same_question(small_bank: Bank) -> None:
    ids = ["programming-rate", "programming-q1", "nlp-q2", "nlp-rate"]
    session = answered_session(small_bank, ids, {"programming-rate": 3, "programming-q1": "c"})
    session.go_to(2)
    fit = session.fit_to(changed_bank(small_bank, without={"programming-q1"}))
    assert fit == BankFit(dropped_questions=1, dropped_answers=1, kept_answers=1)
    assert fit.changed and not fit.lost_everything
    assert session.question_ids == ["programming-rate", "nlp-q2", "nlp-rate"]
    assert session.answers == {"programming-rate": 3}
    assert session.current_id == "nlp-q2"


def test_fit_to_without_the_current_question_opens_at_the_first_unanswered(
    small_bank: Bank,
) -> None:
    ids = ["programming-rate", "programming-q1", "nlp-q2", "nlp-rate"]
    session = answered_session(small_bank, ids, {"programming-rate": 3, "programming-q1": "c"})
    session.go_to(3)
    session.fit_to(changed_bank(small_bank, without={"nlp-rate"}))
    assert session.current_id == "nlp-q2"


def test_fit_to_drops_an_answer_its_question_no_longer_takes(small_bank: Bank) -> None:
    question = small_bank.question_by_id["programming-q1"]
    fewer = question.model_copy(
        update={"options": [Option(key="a", text="x"), *question.options[1:3]]}
    )
    ids = ["programming-rate", "programming-q1"]
    session = answered_session(small_bank, ids, {"programming-rate": 3, "programming-q1": "d"})
    fit = session.fit_to(changed_bank(small_bank, without=set(), replace=fewer))
    assert fit == BankFit(dropped_questions=0, dropped_answers=1, kept_answers=1)
    assert session.question_ids == ids  # the question is still asked
    assert session.answers == {"programming-rate": 3}


def test_fit_to_keeps_a_question_listed_twice_once(small_bank: Bank) -> None:
    ids = ["programming-rate", "programming-q1", "programming-rate"]
    session = answered_session(small_bank, ids, {"programming-rate": 2})
    fit = session.fit_to(small_bank)
    assert session.question_ids == ["programming-rate", "programming-q1"]
    assert fit.dropped_questions == 1 and fit.kept_answers == 1


def test_fit_to_a_bank_without_any_answered_question_loses_everything(small_bank: Bank) -> None:
    ids = ["programming-rate", "nlp-rate"]
    session = answered_session(small_bank, ids, {"programming-rate": 2})
    fit = session.fit_to(changed_bank(small_bank, without={"programming-rate"}))
    assert fit.lost_everything
    assert session.answers == {}
    assert session.question_ids == ["nlp-rate"] and session.position == 0


def test_a_session_with_no_answers_loses_nothing(small_bank: Bank) -> None:
    session = Session.start("quick", ["programming-rate"])
    assert not session.fit_to(small_bank).lost_everything


def test_bank_fit_says_what_was_dropped_and_kept() -> None:
    sentence = BankFit(dropped_questions=2, dropped_answers=1, kept_answers=7).describe()
    assert sentence == (
        "The question bank changed since your session was saved: 2 question(s) and "
        "1 answer(s) no longer fit and were dropped; the other 7 answer(s) were kept."
    )


def test_a_quick_session_grows_one_planned_question_at_a_time(real_bank: Bank) -> None:
    session = Session.begin(real_bank, "quick")
    assert session.total == 1 and session.planned_total(real_bank) == QUICK_CAP
    while session.state is not SessionState.COMPLETED:
        question = session.current(real_bank)
        session.answer(real_bank, 2 if question.kind == "rating" else question.option_keys[0])
        session.advance(real_bank)
    assert 1 < session.total <= QUICK_CAP
    assert len(set(session.question_ids)) == session.total


def test_changing_an_answer_with_back_replans_what_comes_next(real_bank: Bank) -> None:
    session = Session.begin(real_bank, "quick")
    first = session.current(real_bank)
    assert first.answer is not None
    session.answer(real_bank, first.answer)
    session.advance(real_bank)
    after_right = session.current_id
    # Back to the first question, answer it wrong, forward again: the second question
    # stays (it was asked), and the plan after it follows the new answer.
    session.back()
    wrong = next(k for k in first.option_keys if k != first.answer)
    session.answer(real_bank, wrong)
    session.advance(real_bank)
    assert session.current_id == after_right
    assert session.answers[first.id] == wrong
    expected = next_question(real_bank, {first.id: wrong}, [first.id, after_right])
    session.skip(real_bank)
    assert session.current_id == expected


def test_a_full_session_begins_with_every_question(small_bank: Bank) -> None:
    session = Session.begin(small_bank, "full")
    assert session.question_ids == full_questions(small_bank)
    assert session.planned_total(small_bank) == session.total
