"""The role model traced to the article, and credentials that are current.

Personas are made-up candidates whose levels are set by hand; they are scored with
scoring's own `role_fit` over the bank's needs, so the test follows the model, not a copy.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skillcheck.domain.bank_index import bank_index
from skillcheck.domain.credential_rules import credential_problems, stale_credentials
from skillcheck.domain.models import Answers, Bank, Credential
from skillcheck.domain.recommend import EXPERIENCED_LEVELS, recommend_credentials
from skillcheck.domain.results import Gap, Headline, RoleResult
from skillcheck.domain.scoring import role_fit, score
from skillcheck.store.bank import load_bank
from skillcheck.store.paths import bundled_bank_dir

AI, ML = "ai-engineer", "ml-engineer"
# The article's key-skill lists, as skill ids (one id may stand for two list items).
AI_KEY_SKILLS = {
    "model-development", "programming", "ml-algorithms", "deep-learning", "math-stats",
    "data-preprocessing", "scalability", "cloud-deployment", "frameworks", "mlops",
    "computer-vision", "nlp",
}  # fmt: skip
ML_KEY_SKILLS = {
    "programming", "math-stats", "data-preprocessing", "cloud-deployment", "mlops",
    "ml-algorithms", "deep-learning", "model-evaluation", "data-visualization", "big-data",
    "software-engineering", "problem-solving", "responsible-ai", "research",
}  # fmt: skip
COMMON_GROUND = {
    "programming", "ml-algorithms", "math-stats", "deep-learning", "model-development",
    "data-preprocessing", "cloud-deployment", "big-data", "frameworks", "mlops",
}  # fmt: skip
#: Persona margin the issue asks for, in fit points.
MARGIN = 5.0


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(bundled_bank_dir())


def fits(bank: Bank, levels: dict[str, float]) -> dict[str, float]:
    needs = bank_index(bank).role_needs
    return {role: role_fit(levels, needs[role]) for role in (AI, ML)}


def test_the_ai_key_skill_list_fits_ai_engineer_better(bank: Bank) -> None:
    fit = fits(bank, dict.fromkeys(AI_KEY_SKILLS, 3.0))
    assert fit[AI] >= fit[ML] + MARGIN, fit


def test_the_ml_key_skill_list_fits_ml_engineer_better(bank: Bank) -> None:
    fit = fits(bank, dict.fromkeys(ML_KEY_SKILLS, 3.0))
    assert fit[ML] >= fit[AI] + MARGIN, fit


def test_an_llm_application_engineer_fits_ai_engineer_better(bank: Bank) -> None:
    levels = {"programming": 3.0, "nlp": 3.0, "systems-integration": 3.0}
    levels |= {"cloud-deployment": 3.0, "software-engineering": 3.0, "deep-learning": 2.0}
    fit = fits(bank, levels)
    assert fit[AI] > fit[ML], fit


def test_model_development_is_central_to_ml(bank: Bank) -> None:
    need = bank.role_by_id[ML].needs["model-development"]
    assert need.importance == 3
    assert need.importance >= bank.role_by_id[AI].needs["model-development"].importance


@pytest.mark.parametrize("skill", ["robotics", "accelerators"])
def test_robotics_and_accelerators_are_only_useful_for_ai(bank: Bank, skill: str) -> None:
    assert bank.role_by_id[AI].needs[skill].importance == 1


def test_mlops_weighs_at_least_as_much_for_ai(bank: Bank) -> None:
    # The tools difference gives model management and monitoring to AI engineers.
    ai, ml = bank.role_by_id[AI].needs["mlops"], bank.role_by_id[ML].needs["mlops"]
    assert ai.importance >= ml.importance


def test_ml_engineers_integrate_models_into_running_systems(bank: Bank) -> None:
    assert bank.role_by_id[ML].needs["systems-integration"].importance >= 2


def test_common_ground_differs_only_where_a_difference_says_so(bank: Bank) -> None:
    ai, ml = bank.role_by_id[AI].needs, bank.role_by_id[ML].needs
    for skill in COMMON_GROUND:
        if (ai[skill].importance, ai[skill].required) != (ml[skill].importance, ml[skill].required):
            cited = {ai[skill].source, ml[skill].source}
            # A difference between the roles needs a section that draws it.
            assert cited - {"Similarities and overlapping skills"}, skill


def test_importance_and_required_are_set_independently(bank: Bank) -> None:
    pairs = [(n.importance, n.required) for role in bank.roles for n in role.needs.values()]
    assert any(i != r for i, r in pairs)


def test_every_need_has_a_reason_from_a_bank_source(bank: Bank) -> None:
    sources = set(bank.sources or [])
    for role in bank.roles:
        for skill, need in role.needs.items():
            assert len(need.why.split()) >= 5, (role.id, skill)
            assert need.source in sources, (role.id, skill, need.source)


# --- credentials ------------------------------------------------------------------


def test_retired_credentials_name_an_active_successor(bank: Bank) -> None:
    retired = [c for c in bank.credentials if c.status == "retired"]
    assert {c.id for c in retired} >= {"cert-aws-ml-specialty", "cert-azure-ai-engineer"}
    for credential in retired:
        assert credential.retired_on is not None and credential.retired_on <= date(2026, 11, 30)
        assert credential.successor and bank.credential_by_id[credential.successor].active
    assert stale_credentials(bank) == []


def test_every_weighed_skill_has_a_short_route(bank: Bank) -> None:
    routes = [
        c
        for c in bank.credentials
        if c.active and c.kind in ("certification", "practice") and c.level != "graduate-programme"
    ]
    weighed = {s for role in bank.roles for s, n in role.needs.items() if n.importance >= 2}
    uncovered = {s for s in weighed if not any(s in c.covers for c in routes)}
    assert uncovered == set()


def _credential(**fields: object) -> Credential:
    base: dict[str, object] = {
        "id": "x", "name": "X", "kind": "certification", "level": "associate",
        "covers": ["programming"], "roles": [AI], "source": "s",
    }  # fmt: skip
    return Credential.model_validate(base | fields)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": "retired"}, "a retired credential needs retired_on = YYYY-MM-DD"),
        (
            {"status": "retired", "retired_on": date(2026, 1, 1), "successor": "nope"},
            'successor names unknown credential id "nope"',
        ),
        ({"kind": "degree"}, 'a degree needs level = "degree" and degree = bachelor|master|phd'),
        ({"degree": "master"}, "only a degree has a degree level"),
        ({"kind": "practice"}, 'a practical route needs level = "practice"'),
    ],
)
def test_credential_problems(fields: dict[str, object], message: str) -> None:
    credential = _credential(**fields)
    assert [m for _, m in credential_problems(credential, {"x": credential})] == [message]


def test_a_credential_past_its_date_without_successor_is_stale() -> None:
    old = _credential(retired_on=date(2026, 1, 1))
    assert stale_credentials_of([old], date(2026, 6, 1)) == ["x"]
    assert stale_credentials_of([old], date(2025, 6, 1)) == []


def stale_credentials_of(credentials: list[Credential], today: date) -> list[str]:
    bank = load_bank(bundled_bank_dir())
    return [
        c.id for c in stale_credentials(bank.model_copy(update={"credentials": credentials}), today)
    ]


answer_sets = st.dictionaries(
    st.sampled_from(sorted(load_bank(bundled_bank_dir()).question_by_id)),
    st.one_of(st.integers(0, 4), st.sampled_from(["a", "b", "c", "d"])),
    max_size=60,
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=answer_sets)
def test_no_retired_credential_is_ever_recommended(values: dict[str, int | str]) -> None:
    bank = load_bank(bundled_bank_dir())
    results = score(bank, Answers(values=values))
    recommended = {r.id for r in results.recommendations}
    assert all(bank.credential_by_id[c].active for c in recommended)


def _answers(bank: Bank, weak: set[str], rating: int, strong_right: bool = True) -> Answers:
    """Every rating at `rating`; knowledge right outside `weak`, wrong inside it."""
    values: dict[str, int | str] = {}
    for question in bank.questions:
        if question.kind == "rating":
            values[question.id] = rating
        elif question.kind == "choice" and question.answer:
            right = strong_right and question.skill not in weak
            wrong = next(o.key for o in question.options if o.key != question.answer)
            values[question.id] = question.answer if right else wrong
    return Answers(values=values)


def test_a_successor_says_what_it_replaced(bank: Bank) -> None:
    weak = {"mlops", "cloud-deployment", "data-preprocessing", "model-development"}
    advice = {r.id: r.reason for r in score(bank, _answers(bank, weak, 2)).recommendations}
    assert "cert-aws-ml-engineer-associate" in advice, advice
    reason = advice["cert-aws-ml-engineer-associate"]
    assert "AWS Certified Machine Learning - Specialty" in reason
    assert "31 March 2026" in reason


def test_a_beginner_is_not_sent_to_professional_exams(bank: Bank) -> None:
    results = score(bank, _answers(bank, set(), 0, strong_right=False))
    assert results.recommendations
    levels = [bank.credential_by_id[r.id].level for r in results.recommendations]
    assert levels[0] in {"foundational", "associate", "practice"}
    assert not set(levels) & EXPERIENCED_LEVELS


def _profile_for(bank: Bank, programme: Credential) -> list[Gap]:
    """Gaps for one of the programme's roles: deep in what it covers, shallow elsewhere.

    A bachelor's is for foundations, so its profile misses a foundational skill it covers
    by two levels or more; a graduate programme is for breadth, so its profile has a gap
    in nearly every skill and no foundational one that deep. The programme's first
    covered skill is the profile's costliest gap (for a doctorate, research).
    """
    role = bank.role_by_id[programme.roles[0]]
    bachelor = programme.degree == "bachelor"
    foundational = {s.id for s in bank.skills if s.foundational}
    gaps = []
    for skill, need in role.needs.items():
        if need.required == 0:
            continue
        covered = skill in programme.covers
        if bachelor and not covered:
            continue
        deficit = need.required if covered else 0.5
        if not bachelor and skill in foundational:
            deficit = min(deficit, 1.5)  # deep enough to count, not deep enough for a bachelor's
        level = need.required - deficit
        gaps.append(
            Gap(
                role=role.id,
                skill=skill,
                name=skill,
                required=need.required,
                level=level,
                importance=need.importance,
                cost=10.0
                * need.importance
                * deficit
                / need.required
                * (5 if skill == programme.covers[0] else 1),
            )
        )
    return gaps


@pytest.mark.parametrize(
    "programme_id",
    [
        c.id
        for c in load_bank(bundled_bank_dir()).credentials
        if c.kind == "degree" or c.level == "graduate-programme"
    ],
)
def test_every_long_programme_is_advised_to_some_profile(bank: Bank, programme_id: str) -> None:
    programme = bank.credential_by_id[programme_id]
    gaps = _profile_for(bank, programme)
    target = programme.roles[0]
    roles = {
        r.id: RoleResult(name=r.name, fit=30.0, interest=None, strengths=[], gaps=[])
        for r in bank.roles
    }
    headline = Headline(
        closest=target,
        difference=10,
        difference_low=2,
        difference_high=18,
        roles=[target, AI],
        tell_apart=[],
    )
    advised = [r.id for r in recommend_credentials(bank, gaps, roles, headline)]
    assert programme_id in advised, advised
