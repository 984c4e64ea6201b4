"""The adaptive quick assessment, run the way the app runs it: one next question at a time."""

from __future__ import annotations

from collections.abc import Callable

from skillcheck.domain.adaptive import PREFERENCE_EVERY, QUICK_CAP, next_question
from skillcheck.domain.models import AnswerValue, Bank
from skillcheck.domain.questions import Question
from skillcheck.domain.selection import one_preference_per_source

Responder = Callable[[Question], AnswerValue | None]


def run(bank: Bank, respond: Responder) -> tuple[list[str], dict[str, AnswerValue]]:
    asked: list[str] = []
    answers: dict[str, AnswerValue] = {}
    while (qid := next_question(bank, answers, asked)) is not None:
        assert qid not in asked, f"{qid} asked twice"
        asked.append(qid)
        value = respond(bank.question_by_id[qid])
        if value is not None:  # None: skipped
            answers[qid] = value
        assert len(asked) <= QUICK_CAP
    return asked, answers


def middling(question: Question) -> AnswerValue:
    if question.kind == "rating":
        return 2
    if question.kind == "preference":
        return question.option_keys[0]
    # Right on easy items only.
    if question.difficulty == "easy" and question.answer:
        return question.answer
    return next(k for k in question.option_keys if k != question.answer)


def test_it_is_deterministic_and_capped(real_bank: Bank) -> None:
    first, _ = run(real_bank, middling)
    second, _ = run(real_bank, middling)
    assert first == second
    assert len(first) <= QUICK_CAP


def test_preferences_cover_every_difference_at_a_steady_pace(real_bank: Bank) -> None:
    asked, _ = run(real_bank, middling)
    preferences = [q for q in asked if real_bank.question_by_id[q].kind == "preference"]
    assert preferences == one_preference_per_source(real_bank)
    assert len({real_bank.question_by_id[q].source for q in preferences}) >= 8
    # Every PREFERENCE_EVERY-th question, until each difference is asked.
    for position, qid in enumerate(asked[: PREFERENCE_EVERY * len(preferences)], start=1):
        is_preference = real_bank.question_by_id[qid].kind == "preference"
        assert is_preference == (position % PREFERENCE_EVERY == 0), (position, qid)


def test_a_skipped_question_is_not_asked_again(real_bank: Bank) -> None:
    asked, answers = run(real_bank, lambda q: None if q.kind == "choice" else middling(q))
    skipped = [q for q in asked if q not in answers]
    assert skipped and len(set(asked)) == len(asked)


def right(question: Question) -> AnswerValue:
    return question.answer or middling(question)


def wrong(question: Question) -> AnswerValue:
    if question.kind != "choice":
        return middling(question)
    return next(k for k in question.option_keys if k != question.answer)


def test_the_next_question_follows_the_answers(real_bank: Bank) -> None:
    strong, _ = run(real_bank, right)
    weak, _ = run(real_bank, wrong)
    # The plan depends on the answers given so far, so a candidate who changes an
    # earlier answer with Back is re-planned from that answer on.
    split = next(i for i, (a, b) in enumerate(zip(strong, weak, strict=False)) if a != b)
    assert 0 < split < len(weak)
    assert (
        next_question(
            real_bank, {q: right(real_bank.question_by_id[q]) for q in weak[:split]}, weak[:split]
        )
        == strong[split]
    )


def test_answers_to_questions_not_asked_are_ignored(real_bank: Bank) -> None:
    first = next_question(real_bank, {}, [])
    stray = {q.id: q.answer or "" for q in real_bank.questions if q.kind == "choice"}
    assert next_question(real_bank, stray, []) == first


def test_the_first_question_is_worked_out_once_per_bank(real_bank: Bank) -> None:
    from skillcheck.domain.adaptive import first_question
    from skillcheck.domain.bank_index import PER_BANK_KEPT, per_bank

    assert first_question(real_bank) == next_question(real_bank, {}, [])
    built: list[Bank] = []

    @per_bank
    def sized(bank: Bank) -> int:
        built.append(bank)
        return len(bank.questions)

    copies = [real_bank.model_copy() for _ in range(PER_BANK_KEPT + 1)]
    assert [sized(real_bank), sized(real_bank)] == [len(real_bank.questions)] * 2
    assert built == [real_bank]  # the second call kept the first's value
    for copy in copies:  # equal banks, other objects: each its own value
        sized(copy)
    assert len(built) == PER_BANK_KEPT + 2
    sized(real_bank)  # pushed out by the copies: built again
    assert len(built) == PER_BANK_KEPT + 3 and built[-1] is real_bank
