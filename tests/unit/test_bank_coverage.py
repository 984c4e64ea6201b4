"""Coverage rules for the bundled question bank.

The bank must cover what the article lists: every key skill of both roles and every
common-ground item, all certifications and degree programmes, every career path and
all eight core differences. The article's lists are encoded below as mappings from
the article's item to the bank id that stands for it.

What the loader already rejects (duplicate ids, unknown sources, weights outside 1..3,
a skill without a rating, a choice without an answer...) is tested once, on broken
banks, in test_store_bank.py; here `load_bank` succeeding is that check.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

import pytest

from skillcheck.domain.bank_index import build_bank_index
from skillcheck.domain.models import Bank
from skillcheck.domain.questions import Question
from skillcheck.domain.scoring import role_fit
from skillcheck.store.bank import load_bank
from skillcheck.store.paths import bundled_bank_dir

BUNDLED = bundled_bank_dir()
REPO = Path(__file__).resolve().parents[2]
#: The article the bank is drawn from, beside the repository (README, Development).
SEED_NAME = "000_0ac967d5d99e0ebc.txt"
#: Set to 1 to skip the own-words check where the article is not at ../shared/seed/.
NO_SEED = "SKILLCHECK_NO_SEED"
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


def _about(bank: Bank, skill_id: str) -> list[Question]:
    return [q for q in bank.questions if skill_id in q.skill_ids]


def _role_fit(bank: Bank, role_id: str, levels: dict[str, int]) -> float:
    """The fit (0..100) scoring gives a profile of levels for the role."""
    needs = build_bank_index(bank).role_needs[role_id]
    return role_fit({skill: float(level) for skill, level in levels.items()}, needs)


# --- skills -----------------------------------------------------------------------


def test_bank_has_exactly_the_contract_skills(bank: Bank) -> None:
    assert {s.id for s in bank.skills} == SKILL_IDS


@pytest.mark.parametrize(
    ("section", "items"),
    [("AI key skills", AI_KEY_SKILLS), ("ML key skills", ML_KEY_SKILLS), ("common", COMMON_GROUND)],
)
def test_every_article_skill_item_has_a_skill(
    bank: Bank, section: str, items: dict[str, str]
) -> None:
    missing = {item: sid for item, sid in items.items() if sid not in bank.skill_by_id}
    assert missing == {}, section


@pytest.mark.parametrize("skill_id", sorted(SKILL_IDS))
def test_choice_difficulties_are_mixed(bank: Bank, skill_id: str) -> None:
    difficulties = {q.difficulty for q in _about(bank, skill_id) if q.kind == "choice"}
    assert "easy" in difficulties
    assert difficulties & {"medium", "hard"}


def test_foundational_skills(bank: Bank) -> None:
    foundational = {s.id for s in bank.skills if s.foundational}
    assert foundational == {"programming", "math-stats", "ml-algorithms", "software-engineering"}


# --- questions --------------------------------------------------------------------


def test_question_count(bank: Bank) -> None:
    assert len(bank.questions) >= 80


def test_ratings_are_named_for_their_skill_and_describe_each_level(bank: Bank) -> None:
    for question in _of_kind(bank, "rating"):
        assert question.id == f"{question.skill}-rate"
        # Each level is a described behaviour, not a bare number.
        for option in question.options:
            assert len(option.text.split()) >= 4, f"{question.id}/{option.key}"


def test_choices_have_four_options_and_spread_the_right_letter(bank: Bank) -> None:
    choices = _of_kind(bank, "choice")
    for question in choices:
        assert question.option_keys == ["a", "b", "c", "d"], question.id
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


#: The article's closing section ("Final words on what role to hire") gives three points
#: of advice; these hiring questions represent them (`skillcheck hire` asks them, and
#: its result restates the three points, `domain.hiring_text.BEFORE_YOU_HIRE`):
#: 1. the project's needs against the current team's shared skills: the team questions;
#: 2. the talent market where you hire: hire-market;
#: 3. each role against the project, its return and a long partnership: hire-horizon.
CLOSING_SECTION = "Final words on what role to hire"
CLOSING_ITEMS = {
    "hire-team-data": 1,
    "hire-team-software": 1,
    "hire-team-models": 1,
    "hire-market": 2,
    "hire-horizon": 3,
}


def test_hiring_questions_represent_the_closing_section(bank: Bank) -> None:
    closing = {q.id for q in bank.hiring if q.source == CLOSING_SECTION}
    assert closing == set(CLOSING_ITEMS)
    assert set(CLOSING_ITEMS.values()) == {1, 2, 3}  # each of the three points


def test_hiring_questions_cover_every_difference_and_both_scopes(bank: Bank) -> None:
    sources = {q.source for q in bank.hiring}
    assert sources >= set(DIFFERENCES)
    assert {
        "AI engineer: Scope of work and responsibilities",
        "ML engineer: Scope of work and responsibilities",
    } <= sources


# --- roles ------------------------------------------------------------------------


@pytest.mark.parametrize("role_id", [AI, ML])
def test_role_weights_every_skill_and_asks_the_top_level_rarely(bank: Bank, role_id: str) -> None:
    role = bank.role_by_id[role_id]
    assert set(role.weights) == SKILL_IDS
    assert sum(level == 4 for level in role.required.values()) <= 3


@pytest.mark.parametrize("role_id", [AI, ML])
def test_common_ground_is_important_to_both_roles(bank: Bank, role_id: str) -> None:
    weights = bank.role_by_id[role_id].weights
    assert {sid: weights[sid] for sid in COMMON_GROUND.values() if weights[sid] < 2} == {}


# Which role weighs what, traced to the article, and the personas: test_role_model.py.


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


def test_the_articles_certifications_stay_with_distinct_names(bank: Bank) -> None:
    # Successors of retired ones, and current exams for gaps the article's leave open, join
    # them (docs/bank.md); the article's own stay in the bank, retired or not.
    certifications = [c for c in bank.credentials if c.kind == "certification"]
    assert {c.id for c in certifications} >= {cid for cid, _ in CERTIFICATIONS.values()}
    assert len({c.name for c in certifications}) == len(certifications)


@pytest.mark.parametrize(("entry", "expected"), DEGREES.items())
def test_degree_entry_is_in_the_bank(
    bank: Bank, entry: tuple[str, str], expected: tuple[str, str]
) -> None:
    role_id, _programme = entry
    cred_id, level = expected
    credential = bank.credential_by_id[cred_id]
    assert credential.kind == "degree"
    assert credential.degree == level
    assert role_id in credential.roles


def test_degrees_are_exactly_the_article_entries(bank: Bank) -> None:
    degrees = {c.id for c in bank.credentials if c.kind == "degree"}
    assert degrees == {cid for cid, _ in DEGREES.values()}


@pytest.mark.parametrize(("name", "expected"), CAREERS.items())
def test_career_is_in_the_bank(bank: Bank, name: str, expected: tuple[str, set[str]]) -> None:
    career_id, roles = expected
    career = next((c for c in bank.careers if c.id == career_id), None)
    assert career is not None, name
    assert set(career.from_) == roles
    assert 3 <= len(career.skills) <= 6


def test_careers_are_exactly_the_articles(bank: Bank) -> None:
    assert {c.id for c in bank.careers} == {cid for cid, _ in CAREERS.values()}


# --- own words ----------------------------------------------------------------------


def seed_article() -> Path | None:
    """The article at `../shared/seed/` beside the repository, or None.

    In a git worktree (`.git` is a file naming the main repository's git folder), the
    main checkout's `../shared/seed/` is looked at too.
    """
    roots = [REPO]
    git = REPO / ".git"
    if git.is_file():
        # "gitdir: <main>/.git/worktrees/<name>": the main checkout is <main>.
        gitdir = Path(git.read_text(encoding="utf-8").removeprefix("gitdir:").strip())
        roots.append(gitdir.parent.parent.parent)
    for root in roots:
        candidate = root.parent / "shared" / "seed" / SEED_NAME
        if candidate.is_file():
            return candidate
    return None


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
    for hiring in bank.hiring:
        texts.append((hiring.id, hiring.prompt))
        texts += [(f"{hiring.id}/{o.key}", f"{o.text} {o.reason}") for o in hiring.options]
    return texts


def copied_runs(article: str, texts: list[tuple[str, str]]) -> list[str]:
    """Each text that repeats COPY_RUN consecutive words of `article`, with the words."""
    seed = _words(article)
    runs = {tuple(seed[i : i + COPY_RUN]) for i in range(len(seed) - COPY_RUN + 1)}
    copies = []
    for where, text in texts:
        words = _words(text)
        for i in range(len(words) - COPY_RUN + 1):
            if tuple(words[i : i + COPY_RUN]) in runs:
                copies.append(f"{where}: {' '.join(words[i : i + COPY_RUN])}")
                break
    return copies


def test_the_copy_check_finds_a_copied_run_and_ignores_a_shorter_one() -> None:
    article = "one two three four five six seven eight nine ten eleven"
    texts = [
        ("copied", "Say One two three, four five six seven eight nine! then more"),
        ("short", "two three four five six seven eight nine"),
    ]
    assert copied_runs(article, texts) == ["copied: one two three four five six seven eight nine"]


def test_no_text_copies_the_article(bank: Bank) -> None:
    article = seed_article()
    if article is None:
        if os.environ.get(NO_SEED) == "1":
            pytest.skip(f"{NO_SEED}=1: the article is not at ../shared/seed/ here")
        pytest.fail(
            f"the article {SEED_NAME} is not in ../shared/seed/ beside {REPO}; "
            f"set {NO_SEED}=1 to skip this check outside the workspace"
        )
    assert (
        copied_runs(article.read_text(encoding="utf-8", errors="ignore"), _bank_texts(bank)) == []
    )
