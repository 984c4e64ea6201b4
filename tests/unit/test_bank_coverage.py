"""Coverage rules for the bundled question bank.

The bank must cover what the article lists: every key skill of both roles and every
common-ground item, all certifications and degree programmes, every career path and
all eight core differences. The article's lists are encoded below as mappings from
the article's item to the bank id that stands for it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from skillcheck.domain.bank_index import build_bank_index
from skillcheck.domain.models import Bank, Question
from skillcheck.domain.scoring import role_fit
from skillcheck.store.bank import load_bank
from skillcheck.store.bank_rules import ARTICLE_SECTIONS
from skillcheck.store.paths import bundled_bank_dir

BUNDLED = bundled_bank_dir()
SEED = Path("/work/shared/seed/000_0ac967d5d99e0ebc.txt")
AI, ML = "ai-engineer", "ml-engineer"

SKILL_IDS = {
    "programming",
    "math-stats",
    "ml-algorithms",
    "deep-learning",
    "model-development",
    "data-preprocessing",
    "model-evaluation",
    "scalability",
    "cloud-deployment",
    "frameworks",
    "mlops",
    "computer-vision",
    "nlp",
    "big-data",
    "data-visualization",
    "software-engineering",
    "problem-solving",
    "responsible-ai",
    "research",
    "robotics",
    "accelerators",
    "systems-integration",
}

DIFFERENCES = [
    "Core differences: Scope of work and project focus",
    "Core differences: Skill set",
    "Core differences: Tools and technologies",
    "Core differences: Approach to problem-solving",
    "Core differences: Application areas",
    "Core differences: Depth of data science involvement",
    "Core differences: End goals",
    "Core differences: Interdisciplinary collaboration",
]
# The validator's list of headings is the one the sources are checked against.
SOURCES = ARTICLE_SECTIONS


def test_the_eight_differences_are_article_sections() -> None:
    assert len(DIFFERENCES) == 8
    assert set(DIFFERENCES) <= SOURCES


# The article's bullet lists, item -> skill id.
AI_KEY_SKILLS = {
    "model development and optimisation": "model-development",
    "programming proficiency": "programming",
    "ML algorithms": "ml-algorithms",
    "deep learning": "deep-learning",
    "maths and statistics": "math-stats",
    "neural networks": "deep-learning",
    "data handling and feature engineering": "data-preprocessing",
    "algorithmic scalability": "scalability",
    "cloud computing and AI deployment": "cloud-deployment",
    "AI tools, frameworks, libraries": "frameworks",
    "MLOps": "mlops",
    "computer vision": "computer-vision",
    "NLP": "nlp",
}
ML_KEY_SKILLS = {
    "programming mastery": "programming",
    "maths and statistics": "math-stats",
    "data preprocessing and cleaning": "data-preprocessing",
    "model deployment and monitoring": "mlops",
    "ML algorithm proficiency": "ml-algorithms",
    "DL expertise": "deep-learning",
    "model evaluation and validation": "model-evaluation",
    "data visualisation tools": "data-visualization",
    "cloud computing and infrastructure": "cloud-deployment",
    "big data instruments": "big-data",
    "software engineering": "software-engineering",
    "problem-solving, critical thinking": "problem-solving",
    "bias mitigation": "responsible-ai",
    "continuous learning and research": "research",
}
COMMON_GROUND = {
    "programming proficiency": "programming",
    "ML algorithms and models": "ml-algorithms",
    "maths and statistics": "math-stats",
    "deep learning": "deep-learning",
    "model development and optimisation": "model-development",
    "data preprocessing, feature engineering": "data-preprocessing",
    "cloud computing, model deployment": "cloud-deployment",
    "big data technologies": "big-data",
    "AI/ML frameworks, libraries": "frameworks",
    "MLOps, model monitoring": "mlops",
}
# Skills each role's section and the differences put at the centre of the role.
AI_CENTRAL = [
    "computer-vision",
    "nlp",
    "robotics",
    "accelerators",
    "systems-integration",
    "deep-learning",
    "model-development",
]
ML_CENTRAL = [
    "data-preprocessing",
    "model-evaluation",
    "ml-algorithms",
    "big-data",
    "math-stats",
    "mlops",
]

CERTIFICATIONS = {
    "Google Professional Machine Learning Engineer": ("cert-google-pmle", {AI, ML}),
    "IBM AI Engineering Professional Certificate": ("cert-ibm-ai-engineering", {AI}),
    "Microsoft Certified: Azure AI Engineer Associate": ("cert-azure-ai-engineer", {AI}),
    "AWS Certified Machine Learning - Specialty": ("cert-aws-ml-specialty", {AI, ML}),
    "Stanford AI Graduate Certificate": ("cert-stanford-ai-graduate", {AI}),
    "IBM Data Science Professional Certificate": ("cert-ibm-data-science", {ML}),
}
# (role section, programme) -> (credential id, level); the shared programmes merge.
DEGREES = {
    (AI, "Computer Science/Software Engineering"): ("deg-bsc-computer-science", "bachelor"),
    (AI, "Mathematics/Applied Mathematics"): ("deg-bsc-mathematics", "bachelor"),
    (AI, "Data Science"): ("deg-bsc-data-science", "bachelor"),
    (AI, "Artificial Intelligence/Machine Learning"): ("deg-msc-ai-ml", "master"),
    (AI, "Computer Science with an AI Specialization"): ("deg-msc-cs-ai", "master"),
    (AI, "AI, Machine Learning, or Robotics"): ("deg-phd-ai", "phd"),
    (ML, "Computer Science"): ("deg-bsc-computer-science", "bachelor"),
    (ML, "Statistics"): ("deg-bsc-statistics", "bachelor"),
    (ML, "Electrical Engineering"): ("deg-bsc-electrical-engineering", "bachelor"),
    (ML, "Machine Learning"): ("deg-msc-ai-ml", "master"),
    (ML, "Data Science"): ("deg-msc-data-science", "master"),
    (ML, "Computer Science/AI"): ("deg-phd-ai", "phd"),
}
CAREERS = {
    "data scientist": ("data-scientist", {AI, ML}),
    "computer vision engineer": ("computer-vision-engineer", {AI, ML}),
    "NLP engineer": ("nlp-engineer", {AI, ML}),
    "AI research scientist": ("ai-research-scientist", {AI}),
    "robotics engineer": ("robotics-engineer", {AI, ML}),
    "AI product manager": ("ai-product-manager", {AI}),
    "AI consultant": ("ai-consultant", {AI}),
    "AI solutions architect": ("ai-solutions-architect", {AI}),
    "data engineer": ("data-engineer", {ML}),
    "business intelligence developer": ("business-intelligence-developer", {ML}),
}

COPY_RUN = 9  # this many consecutive words of the article count as a copy


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(BUNDLED)


def _of_kind(bank: Bank, kind: str) -> list[Question]:
    return [q for q in bank.questions if q.kind == kind]


def _role_fit(bank: Bank, role_id: str, levels: dict[str, int]) -> float:
    """The fit (0..100) scoring gives a profile of levels for the role."""
    needs = build_bank_index(bank).role_needs[role_id]
    return role_fit({skill: float(level) for skill, level in levels.items()}, needs)


# --- skills -----------------------------------------------------------------------


def test_bank_has_exactly_the_contract_skills(bank: Bank) -> None:
    assert {s.id for s in bank.skills} == SKILL_IDS
    assert len(bank.skills) == len(SKILL_IDS)


@pytest.mark.parametrize(
    ("section", "item", "skill_id"),
    [("AI key skills", item, sid) for item, sid in AI_KEY_SKILLS.items()]
    + [("ML key skills", item, sid) for item, sid in ML_KEY_SKILLS.items()]
    + [("common ground", item, sid) for item, sid in COMMON_GROUND.items()],
)
def test_article_skill_items_map_to_skills_with_questions(
    bank: Bank, section: str, item: str, skill_id: str
) -> None:
    assert skill_id in bank.skill_by_id, f"{section}: {item} has no skill {skill_id}"
    assert bank.questions_for(skill_id), f"{section}: {item} ({skill_id}) has no questions"


@pytest.mark.parametrize("skill_id", sorted(SKILL_IDS))
def test_every_skill_has_a_rating_and_choices(bank: Bank, skill_id: str) -> None:
    questions = bank.questions_for(skill_id)
    kinds = Counter(q.kind for q in questions)
    assert len(questions) >= 3
    assert kinds["rating"] >= 1
    assert kinds["choice"] >= 1
    assert f"{skill_id}-rate" in bank.question_by_id


@pytest.mark.parametrize("skill_id", sorted(SKILL_IDS))
def test_choice_difficulties_are_mixed(bank: Bank, skill_id: str) -> None:
    difficulties = {q.difficulty for q in bank.questions_for(skill_id) if q.kind == "choice"}
    assert "easy" in difficulties
    assert difficulties & {"medium", "hard"}


def test_foundational_skills(bank: Bank) -> None:
    foundational = {s.id for s in bank.skills if s.foundational}
    assert foundational == {"programming", "math-stats", "ml-algorithms", "software-engineering"}


# --- questions --------------------------------------------------------------------


def test_question_count(bank: Bank) -> None:
    assert len(bank.questions) >= 80


def test_question_ids_are_unique(bank: Bank) -> None:
    ids = Counter(q.id for q in bank.questions)
    assert [qid for qid, n in ids.items() if n > 1] == []


def test_ratings_have_five_levels(bank: Bank) -> None:
    for question in _of_kind(bank, "rating"):
        assert question.option_keys == ["0", "1", "2", "3", "4"], question.id
        assert question.id == f"{question.skill}-rate"
        # Each level is a described behaviour, not a bare number.
        for option in question.options:
            assert len(option.text.split()) >= 4, f"{question.id}/{option.key}"


def test_choices_are_well_formed(bank: Bank) -> None:
    choices = _of_kind(bank, "choice")
    for question in choices:
        assert question.option_keys == ["a", "b", "c", "d"], question.id
        assert question.answer in question.option_keys, question.id
        assert question.explanation, question.id
        assert question.difficulty in {"easy", "medium", "hard"}, question.id
    # The right letter is spread out, so always answering one letter scores poorly.
    answers = Counter(q.answer for q in choices)
    assert max(answers.values()) <= 0.4 * len(choices)


def test_options_fit_the_screen(bank: Bank) -> None:
    for question in bank.questions:
        limit = 110 if question.kind == "rating" else 90
        assert len(question.prompt) <= 200, question.id
        for option in question.options:
            assert len(option.text) <= limit, f"{question.id}/{option.key}"


def test_preferences_cover_all_differences(bank: Bank) -> None:
    preferences = _of_kind(bank, "preference")
    assert len(preferences) >= 8
    assert {q.source for q in preferences} >= set(DIFFERENCES)
    for question in preferences:
        assert question.id.startswith("pref-")
        assert {o.lean for o in question.options} >= {AI, ML}, question.id


def test_every_source_is_an_article_heading(bank: Bank) -> None:
    items = [*bank.skills, *bank.roles, *bank.credentials, *bank.careers, *bank.questions]
    wrong = [(item.id, item.source) for item in items if item.source not in SOURCES]
    assert wrong == []


# --- roles ------------------------------------------------------------------------


@pytest.mark.parametrize("role_id", [AI, ML])
def test_role_weights_every_skill(bank: Bank, role_id: str) -> None:
    role = bank.role_by_id[role_id]
    assert set(role.weights) == SKILL_IDS
    assert set(role.required) == SKILL_IDS
    assert all(1 <= w <= 3 for w in role.weights.values())
    assert all(0 <= level <= 4 for level in role.required.values())
    assert sum(level == 4 for level in role.required.values()) <= 3


@pytest.mark.parametrize("role_id", [AI, ML])
def test_common_ground_is_important_to_both_roles(bank: Bank, role_id: str) -> None:
    weights = bank.role_by_id[role_id].weights
    assert {sid: weights[sid] for sid in COMMON_GROUND.values() if weights[sid] < 2} == {}


def test_roles_lean_where_the_article_says(bank: Bank) -> None:
    ai, ml = bank.role_by_id[AI].weights, bank.role_by_id[ML].weights
    for skill in AI_CENTRAL:
        assert ai[skill] == 3, skill
    for skill in ML_CENTRAL:
        assert ml[skill] == 3, skill
    for skill in ["robotics", "accelerators", "computer-vision", "nlp", "systems-integration"]:
        assert ai[skill] > ml[skill], skill
    for skill in ["data-preprocessing", "model-evaluation", "big-data", "data-visualization"]:
        assert ml[skill] > ai[skill], skill


def test_profiles_fit_the_role_they_lean_to(bank: Bank) -> None:
    ai_profile = {s: (3 if s in AI_CENTRAL else 1) for s in SKILL_IDS}
    ml_profile = {s: (3 if s in ML_CENTRAL else 1) for s in SKILL_IDS}
    assert _role_fit(bank, AI, ai_profile) > _role_fit(bank, ML, ai_profile)
    assert _role_fit(bank, ML, ml_profile) > _role_fit(bank, AI, ml_profile)


# --- credentials and careers ------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"), CERTIFICATIONS.items())
def test_certification_is_in_the_bank(
    bank: Bank, name: str, expected: tuple[str, set[str]]
) -> None:
    cred_id, roles = expected
    credential = bank.credential_by_id[cred_id]
    assert credential.kind == "certification"
    assert credential.provider
    assert set(credential.roles) == roles
    assert credential.covers


def test_certifications_are_six_distinct(bank: Bank) -> None:
    certifications = [c for c in bank.credentials if c.kind == "certification"]
    assert len({c.name for c in certifications}) == 6
    assert {c.id for c in certifications} == {cid for cid, _ in CERTIFICATIONS.values()}


@pytest.mark.parametrize(("entry", "expected"), DEGREES.items())
def test_degree_entry_is_in_the_bank(
    bank: Bank, entry: tuple[str, str], expected: tuple[str, str]
) -> None:
    role_id, _programme = entry
    cred_id, level = expected
    credential = bank.credential_by_id[cred_id]
    assert credential.kind == "degree"
    assert credential.level == level
    assert role_id in credential.roles
    assert credential.covers


def test_degrees_are_exactly_the_article_entries(bank: Bank) -> None:
    degrees = {c.id for c in bank.credentials if c.kind == "degree"}
    assert degrees == {cid for cid, _ in DEGREES.values()}
    assert len(DEGREES) == 12


@pytest.mark.parametrize(("name", "expected"), CAREERS.items())
def test_career_is_in_the_bank(bank: Bank, name: str, expected: tuple[str, set[str]]) -> None:
    career_id, roles = expected
    career = next((c for c in bank.careers if c.id == career_id), None)
    assert career is not None, name
    assert set(career.from_) == roles
    assert 3 <= len(career.skills) <= 6


def test_careers_are_ten_distinct(bank: Bank) -> None:
    assert len({c.id for c in bank.careers}) == len(bank.careers) == 10


# --- own words ----------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _bank_texts(bank: Bank) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for skill in bank.skills:
        texts += [(skill.id, skill.name), (skill.id, skill.description)]
    for role in bank.roles:
        texts.append((role.id, role.summary))
    for item in [*bank.credentials, *bank.careers]:
        texts += [(item.id, item.name), (item.id, item.description)]
    for question in bank.questions:
        texts += [(question.id, question.prompt), (question.id, question.explanation or "")]
        texts += [(f"{question.id}/{o.key}", o.text) for o in question.options]
    return texts


def test_no_text_copies_the_article(bank: Bank) -> None:
    if not SEED.is_file():
        pytest.skip("the source article is not available here")
    seed = _words(SEED.read_text(errors="ignore"))
    runs = {tuple(seed[i : i + COPY_RUN]) for i in range(len(seed) - COPY_RUN + 1)}
    copies = []
    for where, text in _bank_texts(bank):
        words = _words(text)
        for i in range(len(words) - COPY_RUN + 1):
            if tuple(words[i : i + COPY_RUN]) in runs:
                copies.append(f"{where}: {' '.join(words[i : i + COPY_RUN])}")
                break
    assert copies == []
