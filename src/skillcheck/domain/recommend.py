"""Gaps, the credentials that close them, and the career paths a candidate is closest to.

Recommendation rule (docs/scoring.md has the reasoning):
- a degree only when the gaps are foundational (a groundwork skill a long way below the
  level expected) or broad (a large share of the skills the roles weigh); a bachelor's
  for foundations, a master's for breadth; never more than one;
- then certifications picked greedily, each the one that closes the most still-open gap
  cost (a weighted set cover), until the gaps are covered or three are chosen;
- nothing at all when there are no gaps.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from skillcheck.domain.bank_index import CareerNeeds, Needs
from skillcheck.domain.models import Bank, Credential, RoleId, SkillId
from skillcheck.domain.results import CareerFit, Gap, Recommendation

#: A skill this close to the required level (in levels) is not reported as a gap: the
#: estimate's own uncertainty is larger than that.
GAP_TOLERANCE = 0.25
#: A foundational skill at least this far below the required level calls for a degree.
FOUNDATIONAL_DEFICIT = 1.5
#: Gaps in at least this share of the weighted skills (and at least BROAD_MIN) are broad.
BROAD_SHARE = 0.4
BROAD_MIN = 3
MAX_CERTIFICATIONS = 3

_DEGREE_WORDS = {"bachelor": "bachelor's", "master": "master's", "phd": "doctoral"}


def role_gaps(bank: Bank, role_id: RoleId, needs: Needs, levels: dict[SkillId, float]) -> list[Gap]:
    """The role's skills below the required level, costliest (importance x deficit) first."""
    gaps = [
        Gap(
            role=role_id,
            skill=skill,
            name=bank.skill_by_id[skill].name if skill in bank.skill_by_id else skill,
            required=required,
            level=levels.get(skill, 0.0),
            importance=importance,
            cost=round(importance * (required - levels.get(skill, 0.0)), 3),
        )
        for skill, (importance, required) in needs.items()
        if required - levels.get(skill, 0.0) > GAP_TOLERANCE
    ]
    gaps.sort(key=lambda g: (-g.cost, -g.importance))
    return gaps


def _names(bank: Bank, skills: Iterable[SkillId], limit: int = 3) -> str:
    """'A, B, C' (then '+N more' past `limit`).

    Commas only: skill names often contain "and" themselves.
    """
    names = [bank.skill_by_id[s].name if s in bank.skill_by_id else s for s in skills]
    more = f" +{len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


def _role_names(bank: Bank, roles: list[RoleId]) -> str:
    names = [bank.role_by_id[r].name for r in roles if r in bank.role_by_id]
    if len(names) == 1:
        return f"the {names[0]} role"
    return "the " + " and ".join(names) + " roles"


class _GapSummary:
    """The candidate's gaps over all roles, by skill."""

    def __init__(self, gaps: list[Gap]) -> None:
        self.cost: dict[SkillId, float] = {}
        self.deficit: dict[SkillId, float] = {}
        self.roles: dict[SkillId, list[RoleId]] = {}
        for gap in gaps:
            self.cost[gap.skill] = self.cost.get(gap.skill, 0.0) + gap.cost
            deficit = gap.required - gap.level
            self.deficit[gap.skill] = max(self.deficit.get(gap.skill, 0.0), deficit)
            self.roles.setdefault(gap.skill, []).append(gap.role)

    def gain(self, credential: Credential, covered: set[SkillId]) -> float:
        return sum(self.cost.get(s, 0.0) for s in set(credential.covers) - covered)

    def closes(self, credential: Credential) -> list[SkillId]:
        skills = [s for s in dict.fromkeys(credential.covers) if s in self.cost]
        return sorted(skills, key=lambda s: -self.cost[s])

    def roles_of(self, bank: Bank, skills: list[SkillId]) -> list[RoleId]:
        return [r.id for r in bank.roles if any(r.id in self.roles[s] for s in skills)]


def _best(
    credentials: list[Credential], summary: _GapSummary, covered: set[SkillId]
) -> Credential | None:
    """The credential closing the most open gap cost (first in bank order on a tie)."""
    best, best_gain = None, 0.0
    for credential in credentials:
        gain = summary.gain(credential, covered)
        if gain > best_gain:
            best, best_gain = credential, gain
    return best


def _degree_advice(bank: Bank, summary: _GapSummary) -> tuple[Credential, str] | None:
    """The one degree to recommend, with its reason, or None when the gaps are narrow."""
    degrees = [c for c in bank.credentials if c.kind == "degree" and c.active]
    foundational = [
        s
        for s in summary.cost
        if s in bank.skill_by_id
        and bank.skill_by_id[s].foundational
        and summary.deficit[s] >= FOUNDATIONAL_DEFICIT
    ]
    weighted = {s for role in bank.roles for s in role.weights}
    broad = len(summary.cost) >= max(BROAD_MIN, math.ceil(BROAD_SHARE * len(weighted)))
    if foundational:
        # Foundations first: a master's programme presupposes them.
        pool = [d for d in degrees if set(d.covers) & set(foundational)]
        pool = [d for d in pool if d.degree == "bachelor"] or [d for d in pool if d.degree != "phd"]
    elif broad:
        # A PhD is a research career, not a way to close gaps: master's first.
        pool = [d for d in degrees if d.degree == "master"] or [
            d for d in degrees if d.degree != "phd"
        ]
    else:
        return None
    degree = _best(pool, summary, set())
    if degree is None:
        return None
    word = _DEGREE_WORDS.get(degree.degree or "")
    a_degree = f"a {word} degree" if word else "a degree"
    closes = summary.closes(degree)
    if foundational:
        reason = (
            f"Your foundations ({_names(bank, [s for s in closes if s in foundational])}) are "
            f"well below what the roles expect; {a_degree} builds them properly."
        )
    else:
        reason = (
            f"Your gaps span {len(summary.cost)} skills; {a_degree} closes "
            f"{len(closes)} of them in one programme ({_names(bank, closes, 2)})."
        )
    return degree, reason


def _recommendation(
    bank: Bank, credential: Credential, summary: _GapSummary, reason: str
) -> Recommendation:
    closes = summary.closes(credential)
    return Recommendation(
        kind=credential.kind,
        id=credential.id,
        name=credential.name,
        covers=closes,
        roles=summary.roles_of(bank, closes),
        reason=reason,
    )


def recommend_credentials(bank: Bank, gaps: list[Gap]) -> list[Recommendation]:
    """A small set of credentials closing the candidate's costliest gaps (none without gaps)."""
    summary = _GapSummary(gaps)
    if not summary.cost:
        return []
    recommendations: list[Recommendation] = []
    covered: set[SkillId] = set()
    advice = _degree_advice(bank, summary)
    if advice is not None:
        degree, reason = advice
        recommendations.append(_recommendation(bank, degree, summary, reason))
        covered |= set(degree.covers)
    certifications = _short_routes(bank, gaps)
    for _ in range(MAX_CERTIFICATIONS):
        certification = _best(certifications, summary, covered)
        if certification is None:
            break
        certifications.remove(certification)
        opened = [s for s in summary.closes(certification) if s not in covered]
        reason = (
            f"Targets your gaps for {_role_names(bank, summary.roles_of(bank, opened))}: "
            f"{_names(bank, opened)}."
        )
        recommendations.append(
            _recommendation(bank, certification, summary, reason + _replaces(bank, certification))
        )
        covered |= set(certification.covers)
    return recommendations


#: Certification levels that assume working experience: not a beginner's first step.
EXPERIENCED_LEVELS = frozenset({"professional", "specialty"})
#: Below this mean level over the skills with gaps, a candidate is a beginner.
BEGINNER_LEVEL = 1.5


def _short_routes(bank: Bank, gaps: list[Gap]) -> list[Credential]:
    """Certifications and practical routes a candidate can start now.

    Never a retired credential (its successor stands in), never a graduate programme
    (months of study with admission: advised like a degree), and for a beginner nothing
    that assumes working experience.
    """
    levels = [gap.level for gap in gaps]
    beginner = bool(levels) and sum(levels) / len(levels) < BEGINNER_LEVEL
    return [
        c
        for c in bank.credentials
        if c.kind in ("certification", "practice")
        and c.active
        and c.level != "graduate-programme"
        and not (beginner and c.level in EXPERIENCED_LEVELS)
    ]


def _replaces(bank: Bank, credential: Credential) -> str:
    """' The article names X; it was retired on D and Y replaced it.' or ''."""
    retired = [c for c in bank.credentials if not c.active and c.successor == credential.id]
    return "".join(
        f" The article names {old.name}; it was retired"
        + (f" on {old.retired_on:%-d %B %Y}" if old.retired_on else "")
        + f" and {credential.name} replaced it."
        for old in retired
    )


def career_fit(needs: CareerNeeds, levels: dict[SkillId, float]) -> float:
    """0..100: weighted coverage of a career's skills (weights and targets: `career_needs`)."""
    total = sum(weight for _, weight, _ in needs.skills)
    reached = sum(
        weight * min(levels.get(skill, 0.0), target) / target
        for skill, weight, target in needs.skills
    )
    return round(100.0 * reached / total, 1) if total else 0.0


def career_fits(
    careers: list[CareerNeeds], levels: dict[SkillId, float], role_fits: dict[RoleId, float]
) -> list[CareerFit]:
    """Career paths ranked by fit, best first (bank order among equals).

    A career that names no skills takes the mean fit of the roles it grows from.
    """
    ranked = []
    for needs in careers:
        career = needs.career
        if needs.skills:
            fit = career_fit(needs, levels)
        else:
            fits = [role_fits[r] for r in career.from_ if r in role_fits]
            fit = round(sum(fits) / len(fits), 1) if fits else 0.0
        ranked.append(
            CareerFit(id=career.id, name=career.name, fit=fit, from_roles=list(career.from_))
        )
    ranked.sort(key=lambda c: -c.fit)
    return ranked
