"""What changed between two results: per role the fit, per skill the gaps and the levels.

`compare_results(old, new)` is pure: it works on two `Results` and nothing else, so the
results screen, `skillcheck compare` and the tests all get the same `Comparison`. Only
what both results hold is compared, matched by id: results made with different banks
still compare on the roles and skills they share, and `same_bank` says so. How a
comparison is worded is `domain.progress_wording`'s business.
"""

from __future__ import annotations

from dataclasses import dataclass

from skillcheck.domain.model_base import RoleId, SkillId
from skillcheck.domain.results import Results

#: Levels are shown to a tenth: a skill that moved less has not visibly moved.
LEVEL_STEP = 0.1
#: The skills listed as having moved most.
MOVED_SHOWN = 5


@dataclass(frozen=True)
class Span:
    """A figure with its 80 % interval (None in results saved before intervals were kept)."""

    value: float
    low: float | None = None
    high: float | None = None

    @property
    def has_range(self) -> bool:
        return self.low is not None and self.high is not None


def apart(old: Span, new: Span) -> bool | None:
    """True when the two intervals do not overlap (the change is bigger than the
    uncertainty of either figure), False when they do, None when a range is unknown."""
    if old.low is None or old.high is None or new.low is None or new.high is None:
        return None
    return new.low > old.high or new.high < old.low


@dataclass(frozen=True)
class Change:
    """How one figure moved: a role's fit (in `Comparison.roles`) or a skill's level
    (in `Comparison.moved_most`)."""

    id: RoleId | SkillId
    """The role's or the skill's id, as both results hold it."""
    name: str
    old: Span
    new: Span
    beyond_uncertainty: bool | None
    """The ranges do not overlap (None: a range is unknown)."""

    @property
    def change(self) -> float:
        return self.new.value - self.old.value


@dataclass(frozen=True)
class GapChange:
    """A skill that stopped (or started) being a gap, and for which roles."""

    skill: SkillId
    name: str
    roles: tuple[RoleId, ...]


@dataclass(frozen=True)
class Comparison:
    """Everything that changed from `old` to `new`, on what both share."""

    old_bank: str
    new_bank: str
    same_bank: bool
    """Both were scored with the very same bank (same content hash)."""
    roles: tuple[Change, ...]
    gaps_closed: tuple[GapChange, ...]
    new_gaps: tuple[GapChange, ...]
    moved_most: tuple[Change, ...]
    """The skills whose level moved most (at least a tenth), biggest move first."""
    role_names: dict[RoleId, str]
    skills_compared: int
    skills_left_out: int
    """Skills only one of the two holds (a bank change added or dropped them)."""

    @property
    def comparable(self) -> bool:
        """The two share at least one role: there is a change to show."""
        return bool(self.roles)


def _span_of_role(results: Results, role: RoleId) -> Span:
    result = results.roles[role]
    return Span(result.fit, result.fit_low, result.fit_high)


def _span_of_skill(results: Results, skill: SkillId) -> Span:
    result = results.skills[skill]
    return Span(result.level, result.level_low, result.level_high)


def _gap_pairs(results: Results, roles: set[RoleId], skills: set[SkillId]) -> set[tuple[str, str]]:
    return {(g.skill, g.role) for g in results.gaps if g.role in roles and g.skill in skills}


def _by_skill(pairs: set[tuple[str, str]], new: Results, old: Results) -> tuple[GapChange, ...]:
    """The pairs grouped per skill, in the newer results' skill order, roles in role order."""
    role_order = list(new.roles)
    changes = []
    for skill in new.skills:
        roles = tuple(r for r in role_order if (skill, r) in pairs)
        if roles:
            name = new.skills[skill].name if skill in new.skills else old.skills[skill].name
            changes.append(GapChange(skill, name, roles))
    return tuple(changes)


def compare_results(old: Results, new: Results) -> Comparison:
    """What changed from `old` to `new`, comparing the roles and skills both hold by id."""
    roles = [r for r in new.roles if r in old.roles]
    skills = [s for s in new.skills if s in old.skills]
    role_changes = []
    for role in roles:
        before, after = _span_of_role(old, role), _span_of_role(new, role)
        role_changes.append(Change(role, new.roles[role].name, before, after, apart(before, after)))
    skill_changes = []
    for skill in skills:
        before, after = _span_of_skill(old, skill), _span_of_skill(new, skill)
        skill_changes.append(
            Change(skill, new.skills[skill].name, before, after, apart(before, after))
        )
    # Rounded to what is shown, so a move listed is a move a reader can see.
    moved = [c for c in skill_changes if round(abs(c.change), 1) >= LEVEL_STEP]
    moved.sort(key=lambda c: -abs(c.change))
    shared_roles, shared_skills = set(roles), set(skills)
    before_gaps = _gap_pairs(old, shared_roles, shared_skills)
    after_gaps = _gap_pairs(new, shared_roles, shared_skills)
    every_skill = set(old.skills) | set(new.skills)
    return Comparison(
        old_bank=old.bank.version,
        new_bank=new.bank.version,
        same_bank=old.bank.sha256 == new.bank.sha256,
        roles=tuple(role_changes),
        gaps_closed=_by_skill(before_gaps - after_gaps, new, old),
        new_gaps=_by_skill(after_gaps - before_gaps, new, old),
        moved_most=tuple(moved[:MOVED_SHOWN]),
        role_names={r: new.roles[r].name for r in new.roles},
        skills_compared=len(skills),
        skills_left_out=len(every_skill) - len(skills),
    )
