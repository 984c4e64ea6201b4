"""The words of a result: one module says them, for the results screen and the report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from skillcheck.domain.models import Answers, Bank
from skillcheck.domain.results import Gap, Results
from skillcheck.domain.results_text import Name
from skillcheck.domain.scoring import score
from skillcheck.domain.wording import GAPS_SHOWN, describe, headline, interest
from skillcheck.store.answers import load_answers
from skillcheck.store.bank import load_bank

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(DATA / "banks" / "good")


@pytest.fixture(scope="module")
def results(bank: Bank) -> Results:
    return score(bank, load_answers(DATA / "answers" / "good.toml", bank))


def with_fits(results: Results, ai: float, ml: float) -> Results:
    roles = {
        "ai-engineer": results.roles["ai-engineer"].model_copy(update={"fit": ai}),
        "ml-engineer": results.roles["ml-engineer"].model_copy(update={"fit": ml}),
    }
    return results.model_copy(update={"roles": roles})


def test_headline_names_the_closest_role_and_the_questions_asked(results: Results) -> None:
    words = headline(with_fits(results, 40.0, 62.4))
    assert words.text == "closest fit: ML Engineer · you answered 6 of 7"
    assert Name("ML Engineer") in words.parts  # a view may emphasise it
    # Fits shown as the same whole number are an equal fit.
    assert headline(with_fits(results, 61.6, 62.4)).text == (
        "equal fit for both roles · you answered 6 of 7"
    )
    # With a third role behind them, the tied ones are named.
    third = results.roles["ai-engineer"].model_copy(update={"name": "Data Engineer", "fit": 9.0})
    tied = with_fits(results, 62.0, 62.0)
    tied = tied.model_copy(update={"roles": {**tied.roles, "data-engineer": third}})
    assert headline(tied).text == "equal fit: AI Engineer and ML Engineer · you answered 6 of 7"


def test_answered_of_counts_the_questions_asked(bank: Bank) -> None:
    answers = Answers(values={"programming-rate": 2, "math-stats-rate": 1})
    asked = ["programming-rate", "programming-q1", "math-stats-rate"]
    results = score(bank, answers, asked)
    assert results.asked == asked
    assert headline(results).text.endswith("you answered 2 of 3")
    # An answer to a question not asked is not counted.
    assert score(bank, answers, asked[:2]).answered == 1


def test_interest_gives_the_lean_and_every_share(bank: Bank, results: Results) -> None:
    assert interest(results).text == (
        "Interest: you lean to ML Engineer (ML Engineer 100%, AI Engineer 0% of your preferences)."
    )
    none = score(bank, Answers(values={"programming-rate": 2}))
    assert interest(none).text == (
        "Interest: no preference questions answered, so no lean to report."
    )
    roles = {rid: r.model_copy(update={"interest": 50.0}) for rid, r in results.roles.items()}
    even = results.model_copy(update={"roles": roles})
    assert interest(even).text == "Interest: no lean either way (AI Engineer 50%, ML Engineer 50%)."


def test_roles_list_strengths_and_the_costliest_gaps(results: Results, bank: Bank) -> None:
    ai, ml = describe(results, bank).roles.items
    assert ai.title.text == f"AI Engineer · fit {results.roles['ai-engineer'].fit:.0f} of 100"
    assert ai.strengths.text == "none yet"
    assert ai.gap_lines == (
        "Programming: 1.9 of 3, central",
        "Mathematics and statistics: 1.6 of 2, important",
    )
    assert ai.more_gaps is None
    assert ml.strengths.text == "Programming"


def test_a_long_list_of_gaps_is_cut_and_counted(results: Results) -> None:
    gap = results.gaps[0]
    many = [gap.model_copy(update={"name": f"Skill {n}"}) for n in range(GAPS_SHOWN + 3)]
    role = describe(results.model_copy(update={"gaps": many})).roles.items[0]
    assert len(role.gap_lines) == GAPS_SHOWN
    assert role.more_gaps == "and 3 smaller gaps"
    none = describe(results.model_copy(update={"gaps": list[Gap]()})).roles.items[0]
    assert none.gaps.text == "none, every required level is met"
    assert none.gap_lines == ()


def test_calibration_notes_say_which_way_and_by_how_much(results: Results, bank: Bank) -> None:
    notes = describe(results, bank).calibration
    assert [(n.skill, n.text) for n in notes.items] == [
        (
            "Programming",
            "You rated yourself higher than your answers show: self-rated 3.0, tested 1.0.",
        ),
        (
            "Mathematics and statistics",
            "Your answers show more than you gave yourself credit for: self-rated 1.0, tested 2.7.",
        ),
    ]
    assert notes.note is None
    nothing = describe(score(bank, Answers(values={"programming-rate": 2}))).calibration
    assert nothing.items == ()
    assert nothing.note == "No skill has both a self-rating and knowledge answers to compare."


def test_advice_names_the_provider_only_with_the_bank(results: Results, bank: Bank) -> None:
    (with_bank,) = describe(results, bank).advice.items
    assert with_bank.title.text == (
        "Certification: Python Professional Certificate · Python Institute"
    )
    assert with_bank.closes == "Closes Programming."
    assert with_bank.reason == results.recommendations[0].reason
    (without,) = describe(results).advice.items
    assert without.title.text == "Certification: Python Professional Certificate"


def test_skills_careers_and_review(results: Results, bank: Bank) -> None:
    words = describe(results, bank)
    programming = words.skills.items[0]
    assert (programming.label, programming.figure) == ("Programming", "1.9")
    assert programming.detail == "self-rated 3.0, tested 1.0"
    (career,) = words.careers.items
    assert career.detail == "from the ML Engineer role"
    assert words.review.title == "Knowledge review: 2 of 3 right"
    wrong = words.review.items[1]
    assert (wrong.verdict, wrong.picked, wrong.answer) == (
        "Wrong",
        "You picked: list",
        "The answer: dict",
    )
    # Without the bank the question ids and option keys stand in.
    wrong_alone = describe(results).review.items[1]
    assert (wrong_alone.prompt, wrong_alone.picked) == ("programming-q2", "You picked: a")


def test_nothing_answered_reads_sensibly(bank: Bank) -> None:
    words = describe(score(bank, Answers()), bank)
    assert words.headline.text.endswith("you answered 0 of 7")
    assert {bar.detail for bar in words.skills.items} == {"not answered"}
    assert words.review.note == "You answered no knowledge questions."
    assert words.advice.items and words.advice.note is None


@pytest.mark.parametrize("module", ["skillcheck.domain.wording", "skillcheck.domain.results_text"])
def test_the_wording_loads_no_view_and_no_store(module: str) -> None:
    probe = f"import sys, {module}; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    forbidden = (
        "textual",
        "rich",
        "asyncssh",
        "skillcheck.store",
        "skillcheck.ui",
        "skillcheck.ssh",
    )
    assert module in loaded
    assert [m for m in loaded if m.split(".")[0] in forbidden or m.startswith(forbidden)] == []
