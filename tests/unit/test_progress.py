"""Progress over time: comparing two results (domain), its words, the kept history
(store) and the `compare` and `history` commands."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from skillcheck import cli
from skillcheck.domain.comparison import compare_results
from skillcheck.domain.models import Answers, Bank, BankInfo
from skillcheck.domain.progress_wording import bank_warning, describe_comparison
from skillcheck.domain.results import Gap, Results
from skillcheck.domain.scoring import score
from skillcheck.store import paths
from skillcheck.store.bank import load_bank
from skillcheck.store.history import (
    earlier_comparison,
    history_files,
    keep_results,
    load_history,
    prune_history,
)
from skillcheck.store.results import load_results

DATA = Path(__file__).parents[1] / "data"
COMPARE = DATA / "compare"
UI_BANK = Path(__file__).parents[1] / "ui" / "data" / "bank"
WHEN = datetime(2026, 1, 2, 10, 0, 0)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(UI_BANK)


@pytest.fixture(scope="module")
def results(bank: Bank) -> Results:
    return score(bank, Answers(values={"programming-rate": 2, "programming-q1": "b"}))


def with_role(results: Results, role: str, fit: float, low: float, high: float) -> Results:
    roles = dict(results.roles)
    roles[role] = roles[role].model_copy(update={"fit": fit, "fit_low": low, "fit_high": high})
    return results.model_copy(update={"roles": roles})


def with_skill(results: Results, skill: str, level: float, low: float, high: float) -> Results:
    skills = dict(results.skills)
    update = {"level": level, "level_low": low, "level_high": high}
    skills[skill] = skills[skill].model_copy(update=update)
    return results.model_copy(update={"skills": skills})


def with_gaps(results: Results, *pairs: tuple[str, str]) -> Results:
    gaps = [
        Gap(
            role=role,
            skill=skill,
            name=results.skills[skill].name,
            required=3,
            level=1.0,
            importance=2,
            cost=5.0,
        )
        for role, skill in pairs
    ]
    return results.model_copy(update={"gaps": gaps})


# --- the comparison (domain) and its words -----------------------------------------------


def test_a_change_beyond_the_ranges_is_said_to_be_more_than_the_uncertainty(
    results: Results,
) -> None:
    old = with_role(with_role(results, "ai-engineer", 40.2, 30, 50), "ml-engineer", 50, 40, 60)
    new = with_role(with_role(results, "ai-engineer", 70.4, 60, 80), "ml-engineer", 51, 41, 61)
    comparison = compare_results(old, new)
    ai, ml = comparison.roles
    assert (ai.id, ml.id) == ("ai-engineer", "ml-engineer")
    assert (ai.beyond_uncertainty, ml.beyond_uncertainty) == (True, False)
    assert round(ai.change, 1) == 30.2
    words = describe_comparison(comparison, "2026-01-02 10:00")
    assert words.title == "Progress since 2026-01-02 10:00"
    assert [(c.title.text, c.verdict) for c in words.roles.items] == [
        (
            "AI Engineer: was 40 (30-50), now 70 (60-80)",
            "up 30 points, more than the uncertainty (the ranges do not overlap)",
        ),
        (
            "ML Engineer: was 50 (40-60), now 51 (41-61)",
            "up 1 point, within the uncertainty (the ranges overlap)",
        ),
    ]
    assert words.bank_warning is None


def test_a_fall_and_no_change_and_no_ranges(results: Results) -> None:
    old = with_role(results, "ai-engineer", 60, 55, 65)
    new = with_role(results, "ai-engineer", 48, 30, 54)
    old = with_role(old, "ml-engineer", 50, 40, 60)
    new = with_role(new, "ml-engineer", 50.2, 40, 60)
    verdicts = [c.verdict for c in describe_comparison(compare_results(old, new), "x").roles.items]
    assert verdicts == [
        "down 12 points, more than the uncertainty (the ranges do not overlap)",
        "no change",
    ]
    unranged = results.model_copy(
        update={
            "roles": {
                r: v.model_copy(update={"fit_low": None, "fit_high": None})
                for r, v in new.roles.items()
            }
        }
    )
    words = describe_comparison(compare_results(old, unranged), "x")
    assert words.roles.items[0].title.text == "AI Engineer: was 60 (55-65), now 48"
    assert words.roles.items[0].verdict == "down 12 points"


def test_gaps_closed_and_new_are_listed_per_skill_with_their_roles(results: Results) -> None:
    old = with_gaps(
        results,
        ("ai-engineer", "programming"),
        ("ml-engineer", "programming"),
        ("ml-engineer", "mlops"),
    )
    new = with_gaps(results, ("ml-engineer", "mlops"), ("ai-engineer", "deep-learning"))
    comparison = compare_results(old, new)
    assert [(g.skill, g.roles) for g in comparison.gaps_closed] == [
        ("programming", ("ai-engineer", "ml-engineer"))
    ]
    assert [(g.skill, g.roles) for g in comparison.new_gaps] == [
        ("deep-learning", ("ai-engineer",))
    ]
    closed, new_gaps = describe_comparison(comparison, "x").gaps.items
    assert closed.text == "Programming (Python, R, Java, C++) (AI Engineer, ML Engineer)"
    assert new_gaps.text == "Deep learning and neural networks (AI Engineer)"


def test_the_skills_that_moved_most_come_biggest_first_and_a_tiny_move_is_left_out(
    results: Results,
) -> None:
    old = with_skill(
        with_skill(with_skill(results, "programming", 1.0, 0.5, 1.5), "mlops", 2.0, 1.5, 2.5),
        "deep-learning",
        1.0,
        0.5,
        1.5,
    )
    new = with_skill(
        with_skill(with_skill(results, "programming", 1.6, 1.0, 2.0), "mlops", 1.0, 0.5, 1.4),
        "deep-learning",
        1.04,
        0.5,
        1.5,
    )
    comparison = compare_results(old, new)
    assert [c.id for c in comparison.moved_most] == ["mlops", "programming"]
    words = describe_comparison(comparison, "x")
    assert [(c.title.text, c.verdict) for c in words.moved.items] == [
        (
            "MLOps and model monitoring: was 2.0 (1.5-2.5), now 1.0 (0.5-1.4)",
            "down 1.0, more than the uncertainty (the ranges do not overlap)",
        ),
        (
            "Programming (Python, R, Java, C++): was 1.0 (0.5-1.5), now 1.6 (1.0-2.0)",
            "up 0.6, within the uncertainty (the ranges overlap)",
        ),
    ]
    same = describe_comparison(compare_results(results, results), "x")
    assert same.moved.items == ()
    assert same.moved.note == "No skill level moved by a tenth or more."
    assert [item.text for item in same.gaps.items] == ["none", "none"]


def test_results_of_another_bank_are_compared_on_what_both_hold(results: Results) -> None:
    skills = {k: v for k, v in results.skills.items() if k != "mlops"}
    other = results.model_copy(
        update={"bank": BankInfo(version="ui-test-2", sha256="0" * 64), "skills": skills}
    )
    comparison = compare_results(results, other)
    assert not comparison.same_bank
    assert (comparison.skills_compared, comparison.skills_left_out) == (2, 1)
    assert bank_warning(comparison) == (
        "made with question banks ui-test-1 and ui-test-2, so only the roles and the 2 "
        "skills both hold are compared; 1 skill only one of them holds is left out"
    )
    assert describe_comparison(comparison, "x").bank_warning == (
        "The two results were made with question banks ui-test-1 and ui-test-2, so only "
        "the roles and the 2 skills both hold are compared; 1 skill only one of them holds "
        "is left out."
    )


def test_results_sharing_no_role_are_not_comparable(results: Results) -> None:
    roles = {f"other-{k}": v for k, v in results.roles.items()}
    assert not compare_results(results, results.model_copy(update={"roles": roles})).comparable
    assert compare_results(results, results).comparable


# --- the history (store) -----------------------------------------------------------------


def test_two_runs_in_the_same_second_keep_two_files(data_dir: Path, results: Results) -> None:
    first = keep_results(results, now=WHEN)
    second = keep_results(with_role(results, "ai-engineer", 90, 80, 95), now=WHEN)
    assert [p.name for p in history_files()] == [
        "2026-01-02T10-00-00.toml",
        "2026-01-02T10-00-00-2.toml",
    ]
    assert first.parent == paths.history_dir() == data_dir / "history"
    assert load_results(first) == load_results(paths.history_dir() / first.name)
    assert load_results(second).roles["ai-engineer"].fit == 90
    assert load_results(first).roles["ai-engineer"].fit == results.roles["ai-engineer"].fit


def test_the_same_run_finished_again_rewrites_its_own_file(
    data_dir: Path, results: Results
) -> None:
    path = keep_results(results, now=WHEN)
    again = keep_results(with_role(results, "ai-engineer", 77, 70, 80), path=path)
    assert again == path
    assert history_files() == [path]
    assert load_results(path).roles["ai-engineer"].fit == 77


def test_an_empty_claim_and_other_names_are_not_listed(data_dir: Path, results: Results) -> None:
    keep_results(results, now=WHEN)
    (paths.history_dir() / "2026-01-03T10-00-00.toml").touch()  # a claim being written
    (paths.history_dir() / "notes.toml").write_text("x = 1\n")
    assert [p.name for p in history_files()] == ["2026-01-02T10-00-00.toml"]


def test_keep_removes_the_oldest(data_dir: Path, results: Results) -> None:
    for day in (1, 2, 3):
        keep_results(results, now=WHEN.replace(day=day))
    removed = prune_history(2)
    assert [p.name for p in removed] == ["2026-01-01T10-00-00.toml"]
    assert [p.name for p in history_files()] == [
        "2026-01-02T10-00-00.toml",
        "2026-01-03T10-00-00.toml",
    ]


def test_the_earlier_result_skips_this_run_and_broken_files(
    data_dir: Path, results: Results
) -> None:
    keep_results(with_role(results, "ai-engineer", 10, 5, 15), now=WHEN.replace(day=1))
    broken = paths.history_dir() / "2026-01-02T10-00-00.toml"
    broken.write_text("not toml [\n")
    current = keep_results(results, now=WHEN.replace(day=3))
    found = earlier_comparison(results, before=current)
    assert found is not None
    kept, comparison = found
    assert kept.when == WHEN.replace(day=1)
    assert comparison.roles[0].old.value == 10
    assert [k.problem is None for k in load_history()] == [True, False, True]


# --- the commands ------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_history_lists_the_kept_results_and_keep_says_what_it_removed(
    data_dir: Path, results: Results, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "history")
    assert (code, err) == (0, "")
    assert out.startswith("No results kept yet")
    for day in (1, 2, 3):
        keep_results(results, now=WHEN.replace(day=day))
    code, out, err = run(capsys, "history", "--keep", "2")
    assert (code, err) == (0, "")
    fits = ", ".join(
        f"{r.name} {r.fit:.0f} ({r.fit_low:.0f}-{r.fit_high:.0f})" for r in results.roles.values()
    )
    folder = paths.history_dir()
    assert out == (
        "Your kept results (2)\n"
        f"  2026-01-02 10:00 · bank ui-test-1\n"
        f"    {fits}\n"
        f"    {folder / '2026-01-02T10-00-00.toml'}\n"
        f"  2026-01-03 10:00 · bank ui-test-1\n"
        f"    {fits}\n"
        f"    {folder / '2026-01-03T10-00-00.toml'}\n"
        "1 older result was removed, keeping the newest 2.\n"
    )


def test_compare_prints_the_changes(capsys: pytest.CaptureFixture[str]) -> None:
    old, new = COMPARE / "good-old.toml", COMPARE / "good-new.toml"
    code, out, err = run(capsys, "compare", str(old), str(new))
    assert (code, err) == (0, "")
    words = describe_comparison(
        compare_results(load_results(old), load_results(new)), "good-old.toml"
    )
    assert out.startswith("Progress since good-old.toml\n\nFit for each role\n")
    for change in (*words.roles.items, *words.moved.items):
        assert f"  {change.title.text}\n    {change.verdict}\n" in out
    assert "  Gaps closed: " in out and "  New gaps:    none\n" in out


def test_compare_of_another_banks_results_warns_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    old, new = COMPARE / "good-old.toml", COMPARE / "good-other-bank.toml"
    code, out, err = run(capsys, "compare", str(old), str(new))
    assert code == 0
    assert err == (
        f"skillcheck: warning: {old}, {new}: made with question banks ui-test-1 and test-1, "
        "so only the roles and the one skill both hold are compared; 3 skills only one of "
        "them holds are left out.\n"
    )
    assert out.startswith("Progress since good-old.toml\n")
    assert "question banks" not in out  # said once, on stderr


def compare_cases() -> list[Any]:
    with (COMPARE / "cases.toml").open("rb") as handle:
        files = tomllib.load(handle)["files"]
    return [pytest.param(name, message, id=name) for name, message in files.items()]


def test_every_bad_compare_file_has_its_message() -> None:
    kept = {p.name for p in COMPARE.glob("*.toml") if not p.name.startswith("good")}
    assert kept - {"cases.toml"} == {name for name, _ in (p.values for p in compare_cases())}


@pytest.mark.parametrize(("name", "message"), compare_cases())
@pytest.mark.parametrize("bad_is", ["old", "new"])
def test_compare_refuses_a_bad_file_in_one_line(
    capsys: pytest.CaptureFixture[str], name: str, message: str, bad_is: str
) -> None:
    bad = COMPARE / name
    old, new = (
        (bad, COMPARE / "good-new.toml") if bad_is == "old" else (COMPARE / "good-old.toml", bad)
    )
    code, out, err = run(capsys, "compare", str(old), str(new))
    assert (code, out) == (2, "")
    expected = message.format(bad=bad, old=old, new=new)
    assert err == f"skillcheck: {expected}\n"
