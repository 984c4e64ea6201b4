"""The words of a result: one module says them, for the results screen and the report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from skillcheck.domain.models import Answers, Bank
from skillcheck.domain.results import Gap, Headline, Results
from skillcheck.domain.results_text import Name
from skillcheck.domain.scoring import score
from skillcheck.domain.wording import (
    CALIBRATION_WORDS,
    GAPS_SHOWN,
    describe,
    headline,
    headline_detail,
    interest,
)
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


def decided(results: Results, closest: str | None, leaning: str | None = None) -> Results:
    """The results with the headline's decision set by hand (what scoring decides)."""
    decision = Headline(
        closest=closest,
        difference=12.0 if closest else 3.0,
        difference_low=4.0 if closest else -2.0,
        difference_high=20.0 if closest else 8.0,
        roles=["ml-engineer", "ai-engineer"],
        tell_apart=[] if closest else ["math-stats", "programming"],
        leaning=leaning,
    )
    return results.model_copy(update={"headline": decision})


def test_headline_names_a_role_only_when_scoring_is_sure(results: Results) -> None:
    sure = decided(results, "ml-engineer")
    assert headline(sure).text == "closest fit: ML Engineer · you answered 6 of 19"
    assert Name("ML Engineer") in headline(sure).parts  # a view may emphasise it
    assert headline_detail(sure) == (
        "ML Engineer fits 12 points better than AI Engineer (likely 4 to 20)."
    )
    unsure = decided(results, None)
    assert headline(unsure).text == "about equal fit for both roles · you answered 6 of 19"
    assert headline_detail(unsure) == (
        "Too close to call: ML Engineer fits 3 points better than AI Engineer (likely -2 to 8). "
        "Knowledge questions on Mathematics and statistics, Programming would tell the roles "
        "apart."
    )


def test_a_difference_under_half_a_point_is_worded_as_within_a_point(results: Results) -> None:
    level = decided(results, None)
    assert level.headline is not None
    even = level.model_copy(
        update={"headline": level.headline.model_copy(update={"difference": 0.3})}
    )
    detail = headline_detail(even)
    assert detail is not None
    assert detail.startswith(
        "Too close to call: ML Engineer and AI Engineer fit within a point of each other "
        "(likely -2 to 8)."
    )


def test_results_saved_before_intervals_name_the_higher_whole_number(results: Results) -> None:
    old = results.model_copy(update={"headline": None})
    assert headline_detail(old) is None
    words = headline(with_fits(old, 40.0, 62.4))
    assert words.text == "closest fit: ML Engineer · you answered 6 of 19"
    # Fits shown as the same whole number are an equal fit.
    assert headline(with_fits(old, 61.6, 62.4)).text == (
        "equal fit for both roles · you answered 6 of 19"
    )
    # With a third role behind them, the tied ones are named.
    third = results.roles["ai-engineer"].model_copy(update={"name": "Data Engineer", "fit": 9.0})
    tied = with_fits(old, 62.0, 62.0)
    tied = tied.model_copy(update={"roles": {**tied.roles, "data-engineer": third}})
    assert headline(tied).text == "equal fit: AI Engineer and ML Engineer · you answered 6 of 19"


def test_answered_of_counts_the_questions_asked(bank: Bank) -> None:
    answers = Answers(values={"programming-rate": 2, "math-stats-rate": 1})
    asked = ["programming-rate", "programming-q1", "math-stats-rate"]
    results = score(bank, answers, asked)
    assert results.asked == asked
    assert headline(results).text.endswith("you answered 2 of 3")
    # An answer to a question not asked is not counted.
    assert score(bank, answers, asked[:2]).answered == 1


def test_interest_names_a_lean_only_when_it_is_sure(bank: Bank, results: Results) -> None:
    shares = "ML Engineer 67%, AI Engineer 33%"
    assert interest(decided(results, None)).text == (
        f"Interest: no clear lean either way ({shares} of your preferences)."
    )
    ml = results.roles["ml-engineer"]
    assert interest(decided(results, None, "ml-engineer")).text == (
        f"Interest: you lean to ML Engineer ({shares}, likely "
        f"{ml.interest_low:.0f}-{ml.interest_high:.0f}%)."
    )
    none = score(bank, Answers(values={"programming-rate": 2}))
    assert interest(none).text == (
        "Interest: no preference questions answered, so no lean to report."
    )
    roles = {rid: r.model_copy(update={"interest": 50.0}) for rid, r in results.roles.items()}
    even = results.model_copy(update={"roles": roles, "headline": None})
    assert interest(even).text == "Interest: no lean either way (AI Engineer 50%, ML Engineer 50%)."


def test_roles_list_strengths_and_the_costliest_gaps(results: Results, bank: Bank) -> None:
    ai, _ = describe(results, bank).roles.items
    role = results.roles["ai-engineer"]
    assert ai.title.text == (
        f"AI Engineer · fit {role.fit:.0f} ({role.fit_low:.0f}-{role.fit_high:.0f})"
    )
    gaps = [g for g in results.gaps if g.role == "ai-engineer"]
    assert gaps and len(ai.gap_lines) == len(gaps)
    for line, gap in zip(ai.gap_lines, gaps, strict=True):
        assert line.startswith(f"{gap.name}: {gap.level:.1f} of {gap.required}, ")
        assert line.endswith(", unverified") == (not gap.verified)
    assert ai.more_gaps is None


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
    flagged = {s.name: s for s in results.skills.values() if s.calibration in ("over", "under")}
    assert [n.skill for n in notes.items] == list(flagged)
    for note in notes.items:
        skill = flagged[note.skill]
        assert note.text.startswith(CALIBRATION_WORDS[skill.calibration])
        assert note.text.endswith(f"self-rated {skill.self_rated:.1f}, tested {skill.tested:.1f}.")
    assert notes.items and notes.note is None
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
    level = results.skills["programming"]
    assert (programming.label, programming.figure) == ("Programming", f"{level.level:.1f}")
    assert programming.detail == f"self-rated 3.0, tested {level.tested:.1f}"
    assert (programming.low, programming.high) == (25 * level.level_low, 25 * level.level_high)
    # A rated skill with no knowledge answer is marked unverified, and the mark explained.
    rated_only = describe(score(bank, Answers(values={"programming-rate": 3})), bank).skills
    assert rated_only.items[0].detail == "unverified: self-rated 3.0"
    assert rated_only.legend and rated_only.legend.startswith("Unverified:")
    assert words.skills.legend is None  # both skills of the good answers were tested
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
    assert words.headline.text.endswith("you answered 0 of 19")
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
