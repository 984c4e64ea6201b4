"""What the hiring result says, worded once (the `hire` result screen lays it out).

`describe_hiring(bank, answers, position)` says which role the project needs and why,
one point per answered hiring question (each cites its article section), what to
check before hiring (the article's closing advice, in our words) and how the position
profile differs from its base role model. Plain data, no markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from skillcheck.domain.models import AnswerValue, Bank
from skillcheck.domain.position import Position, hiring_choices

#: The closing section of the article, which the advice below follows.
CLOSING_SECTION = "Final words on what role to hire"

#: What to check before hiring: the article's three closing points, in our words.
BEFORE_YOU_HIRE = (
    "Weigh what this project really needs against what your current team can already do; "
    "hire for the difference.",
    "Look at the job market where you hire: how many such engineers there are, what they "
    "cost and where the field is heading.",
    "Set each role against this project, the return you expect from it and whether you "
    "want a long working relationship or one delivery.",
)


@dataclass(frozen=True)
class HiringPoint:
    """One answer and what it says about the role: `Scope of work: ... (AI Engineer)`."""

    source: str
    text: str
    lean: str | None
    """The role name the answer leans to; None when it leans to neither."""


@dataclass(frozen=True)
class HiringText:
    title: str
    verdict: str
    """`This project needs an AI Engineer.` or `Either role would do: ...`."""
    tally: str
    """How the answers leaned: `7 answers lean to AI Engineer, 2 to ML Engineer.`"""
    points: tuple[HiringPoint, ...]
    advice_title: str
    advice: tuple[str, ...]
    profile_title: str
    profile: tuple[str, ...]
    """Each skill whose need differs from the base role model, with the reason."""


def _article(name: str) -> str:
    """`an` before a vowel sound: `an AI Engineer`, `an ML Engineer`, `a Data Scientist`."""
    word = name.split(" ", 1)[0]
    if word.isupper():  # an acronym is read letter by letter
        return "an" if word[:1] in "AEFHILMNORSX" else "a"
    return "an" if word[:1].lower() in "aeiou" else "a"


def describe_hiring(
    bank: Bank, answers: Mapping[str, AnswerValue], position: Position
) -> HiringText:
    """The hiring result in words."""
    choices = hiring_choices(bank, answers)
    names = {role.id: role.name for role in bank.roles}
    role_names = [names.get(r, r) for r in position.roles]
    if len(role_names) == 1:
        verdict = f"This project needs {_article(role_names[0])} {role_names[0]}."
    else:
        verdict = (
            f"Either role would do: {' or '.join(role_names)}. The answers do not lean "
            "clearly one way, so the profile averages the two role models."
        )
    counts = {
        role.id: sum(1 for _, option in choices if option.lean == role.id) for role in bank.roles
    }
    leaning = ", ".join(f"{counts[r.id]} to {r.name}" for r in bank.roles)
    tally = f"Of your {len(choices)} answers, leaning {leaning}; the rest to neither."
    points = tuple(
        HiringPoint(
            source=question.source.removeprefix("Core differences: "),
            text=option.reason + ".",
            lean=names.get(option.lean) if option.lean else None,
        )
        for question, option in choices
    )
    profile = tuple(
        f"{bank.skill_by_id[skill].name}: {_importance(need.importance)}, level "
        f"{need.required}: {need.reason}."
        for skill, need in position.needs.items()
        if skill in bank.skill_by_id and not need.reason.startswith(("as the ", "between the "))
    )
    return HiringText(
        title=f"Hiring profile: {position.name}",
        verdict=verdict,
        tally=tally,
        points=points,
        advice_title="Before you hire (the article's closing advice)",
        advice=BEFORE_YOU_HIRE,
        profile_title="How this position differs from the role model",
        profile=profile or ("Nothing: the profile is the role model as it stands.",),
    )


def _importance(importance: int) -> str:
    return {1: "useful", 2: "important", 3: "central"}.get(importance, str(importance))
