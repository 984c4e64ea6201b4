"""Banks for the domain tests: a small hand-built one, and the real bundled one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skillcheck.domain.models import Bank, BankInfo, Career, Credential, Need, Role, Skill
from skillcheck.domain.questions import (
    ChoiceQuestion,
    Option,
    PreferenceQuestion,
    Question,
    RatingQuestion,
)

SRC = "Key skills for AI engineers"

# (id, foundational, ai weight, ai required, ml weight, ml required)
_SKILLS = [
    ("programming", True, 3, 3, 3, 3),
    ("math-stats", True, 2, 2, 3, 3),
    ("deep-learning", False, 3, 3, 2, 2),
    ("nlp", False, 3, 3, 1, 1),
    ("big-data", False, 1, 1, 3, 3),
    ("mlops", False, 2, 2, 3, 3),
]
#: Skills the AI Engineer role weighs more than the ML Engineer role, and the reverse.
AI_LEANING = ["deep-learning", "nlp"]
ML_LEANING = ["math-stats", "big-data", "mlops"]


def _rating(skill: str) -> Question:
    return RatingQuestion(
        id=f"{skill}-rate",
        skill=skill,
        prompt=f"How well do you know {skill}?",
        options=[Option(key=str(level), text=f"level {level}") for level in range(5)],
        source=SRC,
    )


def _choice(skill: str, n: int, difficulty: str, answer: str = "b") -> Question:
    return ChoiceQuestion.model_validate(
        {
            "id": f"{skill}-q{n}",
            "kind": "choice",
            "skill": skill,
            "prompt": f"A {difficulty} question about {skill}?",
            "options": [{"key": k, "text": f"option {k}"} for k in "abcd"],
            "answer": answer,
            "explanation": f"Because {answer} is right for {skill}.",
            "difficulty": difficulty,
            "source": SRC,
        }
    )


def _preference(topic: str, options: list[tuple[str, str | None]]) -> Question:
    return PreferenceQuestion(
        id=f"pref-{topic}",
        prompt=f"Which do you prefer about {topic}?",
        options=[Option(key=k, text=f"{topic} {k}", lean=lean) for k, lean in options],
        source=SRC,
    )


def _need(importance: int, required: int) -> Need:
    return Need(importance=importance, required=required, source=SRC, why="test")


def _credential(cid: str, kind: str, covers: list[str], level: str | None = None) -> Credential:
    return Credential.model_validate(
        {
            "id": cid,
            "name": cid.replace("-", " ").title(),
            "kind": kind,
            "level": "degree" if kind == "degree" else "associate",
            "degree": level,
            "provider": "Provider" if kind == "certification" else None,
            "covers": covers,
            "roles": ["ai-engineer", "ml-engineer"],
            "source": SRC,
        }
    )


def make_small_bank() -> Bank:
    """Six skills, two roles, three choice items a skill, three preferences."""
    skills = [
        Skill(
            id=sid,
            name=sid.replace("-", " ").title(),
            description="d",
            source=SRC,
            foundational=foundational,
        )
        for sid, foundational, *_ in _SKILLS
    ]
    roles = [
        Role(
            id="ai-engineer",
            name="AI Engineer",
            summary="s",
            source=SRC,
            needs={s[0]: _need(s[2], s[3]) for s in _SKILLS},
        ),
        Role(
            id="ml-engineer",
            name="ML Engineer",
            summary="s",
            source=SRC,
            needs={s[0]: _need(s[4], s[5]) for s in _SKILLS},
        ),
    ]
    questions: list[Question] = []
    for sid, *_ in _SKILLS:
        questions.append(_rating(sid))
        # Vary the right key so a constant answer is not always right.
        for n, (difficulty, answer) in enumerate(
            [("hard", "c"), ("easy", "a"), ("medium", "b")], start=1
        ):
            questions.append(_choice(sid, n, difficulty, answer))
    questions += [
        _preference("work", [("a", "ai-engineer"), ("b", "ml-engineer")]),
        _preference("data", [("a", "ml-engineer"), ("b", "ai-engineer"), ("c", None)]),
        _preference("goal", [("a", "ai-engineer"), ("b", "ml-engineer")]),
    ]
    credentials = [
        _credential("cert-ai", "certification", ["deep-learning", "nlp"]),
        _credential("cert-ops", "certification", ["mlops", "big-data"]),
        _credential("cert-python", "certification", ["programming"]),
        _credential("deg-bsc-cs", "degree", ["programming", "math-stats", "big-data"], "bachelor"),
        _credential(
            "deg-msc-ai", "degree", ["deep-learning", "nlp", "math-stats", "mlops"], "master"
        ),
        _credential("deg-phd-ai", "degree", [s[0] for s in _SKILLS], "phd"),
    ]
    careers = [
        Career.model_validate(
            {
                "id": "nlp-engineer",
                "name": "NLP engineer",
                "from": ["ai-engineer"],
                "skills": ["nlp", "deep-learning"],
                "source": SRC,
            }
        ),
        Career.model_validate(
            {
                "id": "data-engineer",
                "name": "Data engineer",
                "from": ["ml-engineer"],
                "skills": ["big-data", "mlops"],
                "source": SRC,
            }
        ),
        Career.model_validate(
            {
                "id": "ml-lead",
                "name": "ML lead",
                "from": ["ai-engineer", "ml-engineer"],
                "skills": ["programming", "math-stats", "mlops"],
                "source": SRC,
            }
        ),
    ]
    return Bank(
        info=BankInfo(version="test-1", sha256="0" * 64),
        skills=skills,
        roles=roles,
        credentials=credentials,
        careers=careers,
        questions=questions,
    )


@pytest.fixture(scope="session")
def small_bank() -> Bank:
    return make_small_bank()


def load_real_bank() -> Bank:
    """The bundled bank, through the store's loader."""
    from skillcheck.store.bank import load_bank

    return load_bank()


@pytest.fixture(scope="session")
def real_bank() -> Bank:
    return load_real_bank()


class BankCase:
    """A bank with a short repr, so a failing property test's report stays readable.

    (A plain class: Hypothesis prints a dataclass field by field, the whole bank.)
    """

    def __init__(self, name: str, bank: Bank) -> None:
        self.name = name
        self.bank = bank

    def __repr__(self) -> str:
        return f"<{self.name} bank>"


@pytest.fixture(scope="session", params=["small", "real"])
def bank_case(request: pytest.FixtureRequest) -> BankCase:
    """Each property test runs on both banks."""
    name = str(request.param)
    return BankCase(name, make_small_bank() if name == "small" else load_real_bank())


@pytest.fixture(scope="session", params=["small", pytest.param("real", marks=pytest.mark.slow)])
def property_bank_case(request: pytest.FixtureRequest) -> BankCase:
    """Each hypothesis property runs on both banks; the whole bank's runs are slow."""
    name = str(request.param)
    return BankCase(name, make_small_bank() if name == "small" else load_real_bank())


@pytest.fixture(scope="session")
def any_bank(bank_case: BankCase) -> Bank:
    return bank_case.bank


# --- store tests ------------------------------------------------------------------
# (The store tests' fixture; this file is shared by the unit tests.)

_GOOD_BANK = Path(__file__).parent.parent / "data" / "banks" / "good"


@pytest.fixture
def good_bank_dir(tmp_path: Path) -> Path:
    """A writable copy of the small good test bank."""
    target = tmp_path / "good"
    shutil.copytree(_GOOD_BANK, target)
    return target
