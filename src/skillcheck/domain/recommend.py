"""The credentials that close a candidate's gaps, and the career paths they are closest to.

Advice rule (docs/scoring.md has the reasoning):
- advice is for the candidate's target role: the one the headline names, else the one
  their preferences lean to, else both roles together;
- first up to three certifications or practical routes, picked greedily by how much of
  the target role's gap cost each closes (a weighted set cover), at the candidate's level:
  never a retired credential (its successor stands in), never a graduate programme, and
  professional or specialty exams only for skills the candidate already has at level 2;
- then at most one degree, and only when that role's gaps are foundational (a groundwork
  skill far below the level expected) or broad (many of its skills), and the candidate is
  far from the role (fit under DEGREE_BELOW_FIT): a bachelor's for foundations, a graduate
  programme for breadth (a doctorate only when research is the costliest gap);
- nothing at all when there are no gaps.
"""

from __future__ import annotations

from collections.abc import Iterable

from skillcheck.domain.bank_index import CareerNeeds
from skillcheck.domain.model_base import RoleId, SkillId
from skillcheck.domain.models import Bank, Credential
from skillcheck.domain.results import CareerFit, Gap, Headline, Recommendation, RoleResult

#: A foundational skill at least this far below the required level calls for a degree.
FOUNDATIONAL_DEFICIT = 2.0
#: Gaps in at least this share of the role's weighted skills (and at least BROAD_MIN) are broad.
BROAD_SHARE = 0.6
BROAD_MIN = 4
#: A degree is for a candidate far from the role: below this fit, shorter routes are
#: advised first and a degree only when the gaps are also foundational or broad; at or
#: above it, never a degree, whatever the gaps.
DEGREE_BELOW_FIT = 40.0
MAX_SHORT_ROUTES = 3
#: The skill whose gap alone can make a doctorate the advice.
RESEARCH_SKILL = "research"
#: Certification levels that assume working experience.
EXPERIENCED_LEVELS = frozenset({"professional", "specialty"})
#: An experienced-level exam is advised only where the candidate's level is at least this.
EXPERIENCED_READY = 2.0

_DEGREE_WORDS = {"bachelor": "bachelor's", "master": "master's", "phd": "doctoral"}


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
    """The candidate's gaps for the target roles, by skill."""

    def __init__(self, gaps: list[Gap]) -> None:
        self.cost: dict[SkillId, float] = {}
        self.deficit: dict[SkillId, float] = {}
        self.level: dict[SkillId, float] = {}
        self.roles: dict[SkillId, list[RoleId]] = {}
        for gap in gaps:
            self.cost[gap.skill] = self.cost.get(gap.skill, 0.0) + gap.cost
            self.deficit[gap.skill] = max(
                self.deficit.get(gap.skill, 0.0), gap.required - gap.level
            )
            self.level[gap.skill] = gap.level
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


def target_roles(roles: dict[RoleId, RoleResult], headline: Headline | None) -> list[RoleId]:
    """The roles advice is for: the closer one, else the preferred one, else all."""
    if headline is not None and headline.closest in roles:
        return [headline.closest]
    if headline is not None and headline.leaning in roles:
        return [headline.leaning]
    return list(roles)


def _ready_for(credential: Credential, summary: _GapSummary) -> bool:
    """Professional and specialty exams only where the candidate already has a footing."""
    if credential.level not in EXPERIENCED_LEVELS:
        return True
    levels = [summary.level[s] for s in credential.covers if s in summary.level]
    return bool(levels) and min(levels) >= EXPERIENCED_READY


def can_be_earned(bank: Bank, credential: Credential) -> bool:
    """Active, and not past an announced retirement by the bank's as_of date."""
    past = (
        credential.retired_on is not None
        and bank.as_of is not None
        and credential.retired_on <= bank.as_of
    )
    return credential.active and not past


def short_routes(bank: Bank, summary: _GapSummary) -> list[Credential]:
    """Certifications and practical routes a candidate can start now, at their level."""
    return [
        c
        for c in bank.credentials
        if c.kind in ("certification", "practice")
        and can_be_earned(bank, c)
        and c.level != "graduate-programme"
        and _ready_for(c, summary)
    ]


def _degree_advice(
    bank: Bank, summary: _GapSummary, target: list[RoleId], roles: dict[RoleId, RoleResult]
) -> tuple[Credential, str] | None:
    """The one long programme to recommend, with its reason, or None."""
    if all(roles[r].fit >= DEGREE_BELOW_FIT for r in target):
        return None
    weighted = {s for r in target for s in bank.role_by_id[r].weights}
    foundational = [
        s
        for s in summary.cost
        if s in bank.skill_by_id
        and bank.skill_by_id[s].foundational
        and summary.deficit[s] >= FOUNDATIONAL_DEFICIT
    ]
    broad = len(summary.cost) >= max(BROAD_MIN, round(BROAD_SHARE * len(weighted)))
    programmes = [
        c
        for c in bank.credentials
        if can_be_earned(bank, c)
        and (c.kind == "degree" or c.level == "graduate-programme")
        and set(c.roles) & set(target)
    ]
    if foundational:
        # Foundations first: a graduate programme presupposes them.
        pool = [
            d for d in programmes if d.degree == "bachelor" and set(d.covers) & set(foundational)
        ]
    elif broad:
        pool = [d for d in programmes if d.degree != "bachelor"]
        # A doctorate is a research career, not a way to close gaps: only when research
        # is the costliest gap of all.
        if max(summary.cost, key=lambda s: summary.cost[s]) != RESEARCH_SKILL:
            pool = [d for d in pool if d.degree != "phd"]
    else:
        return None
    programme = _best(pool, summary, set())
    if programme is None:
        return None
    word = _DEGREE_WORDS.get(programme.degree or "")
    a_programme = f"a {word} degree" if word else "a graduate programme"
    closes = summary.closes(programme)
    if foundational:
        reason = (
            f"For the long run: your foundations "
            f"({_names(bank, [s for s in closes if s in foundational])}) are well below what "
            f"{_role_names(bank, target)} expects; {a_programme} builds them properly."
        )
    else:
        reason = (
            f"For the long run: your gaps for {_role_names(bank, target)} span "
            f"{len(summary.cost)} skills; {a_programme} closes {len(closes)} of them in one "
            f"programme ({_names(bank, closes, 2)})."
        )
    return programme, reason


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


def recommend_credentials(
    bank: Bank,
    gaps: list[Gap],
    roles: dict[RoleId, RoleResult] | None = None,
    headline: Headline | None = None,
) -> list[Recommendation]:
    """A small set of next steps closing the target role's costliest gaps (none without gaps)."""
    roles = roles or {}
    target = target_roles(roles, headline) if roles else sorted({g.role for g in gaps})
    summary = _GapSummary([g for g in gaps if g.role in target])
    if not summary.cost:
        return []
    recommendations: list[Recommendation] = []
    covered: set[SkillId] = set()
    routes = short_routes(bank, summary)
    for _ in range(MAX_SHORT_ROUTES):
        route = _best(routes, summary, covered)
        if route is None:
            break
        routes.remove(route)
        opened = [s for s in summary.closes(route) if s not in covered]
        reason = (
            f"Targets your gaps for {_role_names(bank, summary.roles_of(bank, opened))}: "
            f"{_names(bank, opened)}."
        )
        recommendations.append(
            _recommendation(bank, route, summary, reason + _replaces(bank, route))
        )
        covered |= set(route.covers)
    advice = _degree_advice(bank, summary, target, roles) if roles else None
    if advice is not None:
        programme, reason = advice
        recommendations.append(_recommendation(bank, programme, summary, reason))
    return recommendations


def _replaces(bank: Bank, credential: Credential) -> str:
    """' The article names X; it was retired on D and Y replaced it.' or ''."""
    retired = [c for c in bank.credentials if not c.active and c.successor == credential.id]
    return "".join(
        f" The article names {old.name}; it was retired"
        + (f" on {old.retired_on.day} {old.retired_on:%B %Y}" if old.retired_on else "")
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
