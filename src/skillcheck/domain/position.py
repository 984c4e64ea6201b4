"""A position profile: what one hire must bring, derived from a hiring manager's answers.

A position starts from the role model of the role the project needs (AI Engineer, ML
Engineer, or both averaged when either would do) and each hiring answer moves it: a
skill the team already covers well matters less for this hire, a need marked central
matters more. Every skill's need keeps a one-line reason, so the profile explains itself
and a person can edit it by hand (`store.position`).

A candidate's fit to a position is a role fit like any other (`domain.scoring`): the
position's needs are one more `Needs` mapping, measured with the same posterior, so it
carries the same 80 % interval.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from pydantic import BaseModel, ConfigDict, Field

from skillcheck.domain.bank_index import Needs
from skillcheck.domain.model_base import MAX_LEVEL, RoleId, SkillId
from skillcheck.domain.models import Answers, AnswerValue, Bank
from skillcheck.domain.questions import HiringOption, HiringQuestion
from skillcheck.domain.results import PositionResult, Results
from skillcheck.domain.scoring import score

#: A role is the base of a position when at least this share of the leaning answers
#: lean to it; below that, either role would do and their models are averaged.
LEAN_SHARE = 0.6
MIN_IMPORTANCE, MAX_IMPORTANCE = 1, 3


class PositionNeed(BaseModel):
    """What the position asks of one skill, and why it differs from the base role model."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    importance: int = Field(
        ge=MIN_IMPORTANCE,
        le=MAX_IMPORTANCE,
        description="How much a shortfall costs: 1 useful, 2 important, 3 central.",
    )
    required: int = Field(
        ge=0, le=MAX_LEVEL, description="The level (0..4) at which the skill stops being a gap."
    )
    reason: str = Field(
        description='One line: why it differs from the base role model, or "as the <role> role".'
    )


class Position(BaseModel):
    """A position profile: a name, the base role(s) and every skill's need."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = Field(min_length=1)
    roles: list[RoleId] = Field(
        min_length=1, description="The base role(s); two when either role would do."
    )
    needs: dict[SkillId, PositionNeed] = Field(min_length=1)

    def as_needs(self) -> Needs:
        """The needs as scoring takes them: skill -> (importance, required)."""
        return {skill: (need.importance, need.required) for skill, need in self.needs.items()}


# --- from hiring answers to a position ----------------------------------------------------


def hiring_choices(
    bank: Bank, answers: Answers | Mapping[str, AnswerValue]
) -> list[tuple[HiringQuestion, HiringOption]]:
    """Each answered hiring question with the option picked, in the bank's order."""
    values = answers.values if isinstance(answers, Answers) else answers
    picked = []
    for question in bank.hiring:
        key = values.get(question.id)
        option = question.option(key) if isinstance(key, str) else None
        if isinstance(option, HiringOption):
            picked.append((question, option))
    return picked


def base_roles(bank: Bank, choices: Sequence[tuple[HiringQuestion, HiringOption]]) -> list[RoleId]:
    """The role the leaning answers point to, or both bank roles when neither is clear."""
    roles = [role.id for role in bank.roles]
    leans = [option.lean for _, option in choices if option.lean in roles]
    if leans:
        top = max(roles, key=leans.count)
        if leans.count(top) / len(leans) >= LEAN_SHARE:
            return [top]
    return roles[:2]


def _base_needs(bank: Bank, roles: list[RoleId]) -> dict[SkillId, tuple[int, int, str]]:
    """Each skill's (importance, required, reason) from the base role(s), averaged."""
    models = [bank.role_by_id[r] for r in roles]
    names = " and ".join(m.name for m in models)
    plural = "role" if len(models) == 1 else "roles"
    base: dict[SkillId, tuple[int, int, str]] = {}
    for skill in bank.skills:
        needs = [m.needs[skill.id] for m in models if skill.id in m.needs]
        if not needs:
            continue
        importance = _half_up(sum(n.importance for n in needs) / len(needs))
        required = _half_up(sum(n.required for n in needs) / len(needs))
        same = len({(n.importance, n.required) for n in needs}) == 1
        reason = f"as the {names} {plural}" if same else f"between the {names} roles (averaged)"
        base[skill.id] = (importance, required, reason)
    return base


def _half_up(value: float) -> int:
    return int(value + 0.5)


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def position_name(bank: Bank, roles: list[RoleId]) -> str:
    """`AI Engineer for this project`, `AI or ML Engineer for this project`."""
    names = [bank.role_by_id[r].name for r in roles]
    if len(names) == 1:
        return f"{names[0]} for this project"
    return f"{' or '.join(names)} for this project"


def derive_position(bank: Bank, answers: Answers | Mapping[str, AnswerValue]) -> Position:
    """The position profile a manager's hiring answers describe (pure).

    The base is the role model of the role the answers lean to (both averaged when
    neither is clear). Then, in the bank's order, each picked option moves the needs it
    names: `adjust` changes importance, `require` the required level, `central` makes a
    skill central; each change that moves a value records the option's reason.
    """
    choices = hiring_choices(bank, answers)
    roles = base_roles(bank, choices)
    base = _base_needs(bank, roles)
    importance = {s: need[0] for s, need in base.items()}
    required = {s: need[1] for s, need in base.items()}
    reasons: dict[SkillId, list[str]] = {s: [] for s in base}
    for _, option in choices:
        changed: set[SkillId] = set()
        for skill, delta in option.adjust.items():
            if skill in importance:
                moved = _clamp(importance[skill] + delta, MIN_IMPORTANCE, MAX_IMPORTANCE)
                changed.update([skill] if moved != importance[skill] else [])
                importance[skill] = moved
        for skill, delta in option.require.items():
            if skill in required:
                moved = _clamp(required[skill] + delta, 0, MAX_LEVEL)
                changed.update([skill] if moved != required[skill] else [])
                required[skill] = moved
        for skill in option.central:
            if skill in importance and importance[skill] != MAX_IMPORTANCE:
                importance[skill] = MAX_IMPORTANCE
                changed.add(skill)
        for skill in changed:
            if option.reason not in reasons[skill]:
                reasons[skill].append(option.reason)
    needs = {
        skill: PositionNeed(
            importance=importance[skill],
            required=required[skill],
            reason="; ".join(reasons[skill]) if reasons[skill] else base[skill][2],
        )
        for skill in base
    }
    return Position(name=position_name(bank, roles), roles=roles, needs=needs)


# --- a candidate against a position --------------------------------------------------------


def position_fit(
    bank: Bank, answers: Answers, asked: Sequence[str] | None, position: Position
) -> PositionResult:
    """A candidate's fit to `position` with its 80 % interval and the position's gaps.

    The same as `score(bank, answers, asked, position=position).position`; for views
    that hold a results file's answers and want only the position's figures.
    """
    result = score(bank, answers, asked, position=position).position
    assert result is not None  # score fills it whenever a position is given
    return result


def as_shown(results: Results, show_position: bool) -> Results:
    """`results` as the candidate may see them: without the fit to the position unless it
    is shown (`--show-position`). Scoring against a position changes nothing else, so the
    rest is the same with or without it; the results file keeps the whole."""
    if show_position or results.position is None:
        return results
    return results.model_copy(update={"position": None})
