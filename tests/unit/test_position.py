"""Position profiles: derived from hiring answers, read and checked, scored against."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from skillcheck.cli import main
from skillcheck.domain.models import Answers, Bank
from skillcheck.domain.position import (
    MAX_IMPORTANCE,
    Position,
    derive_position,
    position_fit,
)
from skillcheck.domain.questions import HiringOption, HiringQuestion
from skillcheck.domain.scoring import role_fit, score
from skillcheck.errors import UserError
from skillcheck.store.bank import load_bank
from skillcheck.store.position import check_position, load_position, write_position
from skillcheck.store.results import load_results, write_results

DATA = Path(__file__).parent.parent / "data" / "positions"
CASES: dict[str, list[str]] = tomllib.loads((DATA / "cases.toml").read_text())["files"]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def all_options(bank: Bank) -> list[tuple[HiringQuestion, HiringOption]]:
    return [(q, o) for q in bank.hiring for o in q.options]


def towards(bank: Bank, role: str) -> dict[str, str]:
    """Every question answered towards `role`: its option leaning there, else one that
    changes nothing (the team questions: "not covered")."""
    answers = {}
    for question in bank.hiring:
        leaning = [o for o in question.options if o.lean == role]
        still = [o for o in question.options if not (o.adjust or o.require or o.central)]
        answers[question.id] = (leaning or still or question.options)[0].key
    return answers


# --- derivation ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["ai-engineer", "ml-engineer"])
def test_a_manager_leaning_one_way_gets_that_role_close_to_its_model(bank: Bank, role: str) -> None:
    position = derive_position(bank, towards(bank, role))
    assert position.roles == [role]
    model = bank.role_by_id[role]
    same = [s for s, need in position.needs.items() if need.importance == model.needs[s].importance]
    assert len(same) >= 0.8 * len(model.needs)
    assert set(position.needs) == set(model.needs)


def test_no_answers_is_either_role_averaged(bank: Bank) -> None:
    position = derive_position(bank, {})
    assert position.roles == ["ai-engineer", "ml-engineer"]
    ai, ml = bank.role_by_id["ai-engineer"], bank.role_by_id["ml-engineer"]
    for skill, need in position.needs.items():
        low = min(ai.needs[skill].importance, ml.needs[skill].importance)
        high = max(ai.needs[skill].importance, ml.needs[skill].importance)
        assert low <= need.importance <= high
        if (ai.needs[skill].importance, ai.needs[skill].required) == (
            ml.needs[skill].importance,
            ml.needs[skill].required,
        ):
            assert need.reason == "as the AI Engineer and ML Engineer roles"


@pytest.mark.parametrize("pick", range(40))
def test_each_answer_moves_the_profile_the_way_its_reason_says(bank: Bank, pick: int) -> None:
    options = all_options(bank)
    if pick >= len(options):
        pytest.skip("fewer options in the bank")
    question, option = options[pick]
    position = derive_position(bank, {question.id: option.key})
    # The same base with nothing moved: the lean alone decides the base roles.
    roles = position.roles
    base = Position.model_validate(
        derive_position(bank, {}).model_dump()
        if len(roles) == 2
        else derive_position(bank, towards(bank, roles[0])).model_dump()
    )
    base_model = bank.role_by_id[roles[0]] if len(roles) == 1 else None
    for skill, need in position.needs.items():
        before = (
            (base_model.needs[skill].importance, base_model.needs[skill].required)
            if base_model
            else (base.needs[skill].importance, base.needs[skill].required)
        )
        moved = (need.importance, need.required) != before
        named = skill in option.adjust or skill in option.require or skill in option.central
        assert moved <= named, f"{skill} moved though {option.key} does not name it"
        if moved:
            assert option.reason in need.reason
        delta = option.adjust.get(skill, 0)
        if skill in option.central:
            assert need.importance == MAX_IMPORTANCE
        elif delta:
            assert (need.importance - before[0]) * delta >= 0
            assert need.importance == max(1, min(3, before[0] + delta))
        if option.require.get(skill):
            assert need.required == max(0, min(4, before[1] + option.require[skill]))


def test_a_skill_the_team_covers_matters_less(bank: Bank) -> None:
    covered = derive_position(bank, {"hire-team-models": "a"})
    plain = derive_position(bank, {"hire-team-models": "b"})
    for skill in ("model-development", "ml-algorithms"):
        assert covered.needs[skill].importance == plain.needs[skill].importance - 1
        assert "already builds and tunes models" in covered.needs[skill].reason


def test_a_central_need_matters_more(bank: Bank) -> None:
    position = derive_position(bank, {"hire-impact": "a"})
    assert position.needs["responsible-ai"].importance == 3
    assert "fairness and transparency are central" in position.needs["responsible-ai"].reason


def test_every_hiring_item_cites_a_bank_source(bank: Bank) -> None:
    assert 10 <= len(bank.hiring) <= 16
    assert {q.source for q in bank.hiring} <= set(bank.sources)
    cited = {q.source for q in bank.hiring}
    assert "Final words on what role to hire" in cited
    assert "AI engineer: Scope of work and responsibilities" in cited
    assert "ML engineer: Scope of work and responsibilities" in cited
    assert sum(s.startswith("Core differences: ") for s in cited) == 8


# --- the file ----------------------------------------------------------------------------


def test_a_written_profile_reads_back_equal(bank: Bank, tmp_path: Path) -> None:
    position = derive_position(bank, towards(bank, "ml-engineer"))
    write_position(tmp_path / "p.toml", position)
    assert load_position(tmp_path / "p.toml", bank) == position


@pytest.mark.parametrize(("case", "expected"), sorted(CASES.items()))
def test_bad_position_files(bank: Bank, case: str, expected: list[str]) -> None:
    path = DATA / case
    position, problems = check_position(path, bank)
    assert position is None
    assert problems == [line.format(path=path) for line in expected]
    with pytest.raises(UserError) as caught:
        load_position(path, bank)
    assert str(caught.value) == expected[0].format(path=path)


def test_validate_a_position_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DATA / "good.toml")]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert "position 'Vision engineer' is valid" in out
    bad = DATA / "unknown-skill.toml"
    assert main(["validate", str(bad)]) == 1
    assert capsys.readouterr().out == f"{bad}:4: needs.cooking names no skill of bank 2026.11.1.\n"


# --- scoring against a position -----------------------------------------------------------


def test_the_fit_to_a_role_shaped_position_is_the_role_fit(bank: Bank) -> None:
    role = bank.role_by_id["ai-engineer"]
    position = Position.model_validate(
        {
            "name": "AI as is",
            "roles": ["ai-engineer"],
            "needs": {
                s: {"importance": n.importance, "required": n.required, "reason": "as"}
                for s, n in role.needs.items()
            },
        }
    )
    answers = Answers(values={"programming-rate": 3, "nlp-q1": "a", "mlops-q2": "c"})
    results = score(bank, answers, position=position)
    assert results.position is not None
    ai = results.roles["ai-engineer"]
    assert (results.position.fit, results.position.fit_low, results.position.fit_high) == (
        ai.fit,
        ai.fit_low,
        ai.fit_high,
    )
    assert [g.skill for g in results.position.gaps] == ai.gaps
    assert position_fit(bank, answers, None, position) == results.position


def test_a_position_demanding_less_fits_better(bank: Bank) -> None:
    strict = derive_position(bank, towards(bank, "ml-engineer"))
    lenient = Position(
        name="lenient",
        roles=strict.roles,
        needs={s: n.model_copy(update={"required": 1}) for s, n in strict.needs.items()},
    )
    answers = Answers(values={q.id: 2 for q in bank.questions if q.kind == "rating"})
    assert (
        position_fit(bank, answers, None, lenient).fit
        > position_fit(bank, answers, None, strict).fit
    )
    assert role_fit({s: 1.0 for s in strict.needs}, lenient.as_needs()) == 100.0


def test_score_with_position_writes_it_and_show_reads_it(
    bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text('[answers]\n"programming-rate" = 3\n"nlp-q1" = "a"\n')
    target = tmp_path / "results.toml"
    assert (
        main(["score", str(answers), "--position", str(DATA / "good.toml"), "-o", str(target)]) == 0
    )
    results = load_results(target)
    assert results.schema_version == 4
    assert results.position is not None and results.position.name == "Vision engineer"
    assert {g.role for g in results.position.gaps} <= {"position"}
    capsys.readouterr()
    assert main(["show", str(target)]) == 0
    shown = capsys.readouterr().out
    assert "Position" in shown and "Vision engineer" in shown


def test_score_with_a_bad_position_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.toml"
    answers.write_text('[answers]\n"programming-rate" = 3\n')
    bad = DATA / "importance-out-of-range.toml"
    assert main(["score", str(answers), "--position", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"skillcheck: {bad}:5: needs.programming.importance should be less than or equal "
        "to 3, not 5.\n"
    )


def test_results_without_a_position_still_round_trip(bank: Bank, tmp_path: Path) -> None:
    results = score(bank, Answers(values={"programming-rate": 2}))
    assert results.position is None
    write_results(tmp_path / "r.toml", results)
    assert load_results(tmp_path / "r.toml") == results
