"""What a result says, worded once: the results screen and `skillcheck show` only lay it out.

`describe(results, bank)` turns a `Results` into a `ResultsText` (`domain.results_text`):
plain data, no markup, no colour, no layout; the TUI makes widgets of it, the command
line lines of text. The bank only supplies what a results file does not hold (a
credential's provider, a question's prompt and option texts); without it, ids stand in.

Nothing here computes a score, and no sentence about results is written anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterable

from skillcheck.domain.model_base import MAX_LEVEL, RoleId, SkillId
from skillcheck.domain.models import Bank
from skillcheck.domain.results import (
    Gap,
    PositionResult,
    Recommendation,
    Results,
    ReviewItem,
    RoleResult,
)
from skillcheck.domain.results_text import (
    AdviceText,
    Bar,
    CalibrationNote,
    FitSection,
    Labelled,
    Name,
    Phrase,
    ResultsText,
    ReviewText,
    RoleText,
    Section,
)

IMPORTANCE_WORDS = {1: "useful", 2: "important", 3: "central"}
KIND_WORDS = {"certification": "Certification", "degree": "Degree"}
CALIBRATION_WORDS = {
    "over": "You rated yourself higher than your answers show",
    "under": "Your answers show more than you gave yourself credit for",
}
#: Gaps listed per role, costliest first: the first few explain the fit, twenty bury it.
GAPS_SHOWN = 6
#: Career paths listed, best fit first.
CAREERS_SHOWN = 5

FIT_EXPLAINED = (
    "Fit is how far your skill levels reach the levels each role requires, weighted by "
    "how central each skill is to the role: 100 means every required level is met. "
    "The range after each figure, shaded on its bar, is where your fit lies 8 times in "
    "10 given your answers; knowledge questions narrow it, self-ratings hardly do."
)
UNVERIFIED = "unverified"


def describe(results: Results, bank: Bank | None = None) -> ResultsText:
    """The whole of `results` in words; `bank` fills in what the results do not hold."""
    return ResultsText(
        title="Your results",
        headline=headline(results),
        headline_detail=headline_detail(results),
        bank_note=f"Scored with question bank {results.bank.version}.",
        fit=fit_section(results),
        roles=Section(
            "Strengths and gaps",
            tuple(role_text(results, bank, rid, role) for rid, role in results.roles.items())
            + ((position_text(results, bank, results.position),) if results.position else ()),
        ),
        skills=skills_section(results),
        advice=advice_section(results, bank),
        careers=careers_section(results),
        calibration=calibration_section(results),
        review=review_section(results, bank),
    )


# --- names and lists ---------------------------------------------------------------------


def skill_name(results: Results, bank: Bank | None, skill_id: SkillId) -> str:
    """The skill's name from the results, else from the bank, else its id."""
    if skill_id in results.skills:
        return results.skills[skill_id].name
    skill = bank.skill_by_id.get(skill_id) if bank else None
    return skill.name if skill else skill_id


def role_name(results: Results, role_id: RoleId) -> str:
    role = results.roles.get(role_id)
    return role.name if role else role_id


def listed(names: Iterable[str], empty: str = "none yet") -> str:
    """'A, B, C': commas only, since skill names often hold an "and" of their own."""
    return ", ".join(names) or empty


def the_roles(names: list[str]) -> str:
    """'the AI Engineer role', 'the AI Engineer and ML Engineer roles'."""
    if len(names) == 1:
        return f"the {names[0]} role"
    return f"the {', '.join(names[:-1])} and {names[-1]} roles"


# --- the parts ---------------------------------------------------------------------------


def answered_phrase(results: Results) -> str:
    """`you answered 30 of 30`: of the questions asked (a schema-1 file: of its bank's)."""
    return f"you answered {results.answered} of {results.total}"


def headline(results: Results) -> Phrase:
    """`closest fit: ML Engineer · you answered 30 of 30`.

    A role is named only when scoring is sure of it (the headline's interval of the fit
    difference excludes zero); otherwise both roles fit about equally. Results saved
    before intervals were kept name the role with the higher whole-number fit.
    """
    answered = f" · {answered_phrase(results)}"
    decision = results.headline
    if decision is not None:
        if decision.closest is None:
            every = "both roles" if len(results.roles) == 2 else "the top two roles"
            return Phrase((f"about equal fit for {every}{answered}",))
        return Phrase(("closest fit: ", Name(role_name(results, decision.closest)), answered))
    best = round(max(role.fit for role in results.roles.values()))
    # Fits are shown as whole numbers: two that read the same are an equal fit.
    tied = [role for role in results.roles.values() if round(role.fit) == best]
    answered = f" · {answered_phrase(results)}"
    if len(tied) == len(results.roles) > 1:  # short enough for one line at 80 columns
        every = "both roles" if len(tied) == 2 else "every role"
        return Phrase((f"equal fit for {every}{answered}",))
    closest: list[str | Name] = ["equal fit: " if len(tied) > 1 else "closest fit: "]
    for number, role in enumerate(tied):
        if number:
            closest.append(" and " if number == len(tied) - 1 else ", ")
        closest.append(Name(role.name))
    return Phrase((*closest, answered))


def headline_detail(results: Results) -> str | None:
    """How far apart the fits are and how sure that is; when too close to call, the
    skills whose questions would tell the roles apart."""
    decision = results.headline
    if decision is None or len(decision.roles) < 2:
        return None
    first, second = (role_name(results, r) for r in decision.roles)
    points = round(decision.difference)
    low, high = _whole(decision.difference_low), _whole(decision.difference_high)
    likely = f" (likely {low} to {high})" if low != high else ""
    if points == 0:
        gap = f"{first} and {second} fit within a point of each other{likely}"
    else:
        unit = "point" if points == 1 else "points"
        gap = f"{first} fits {points} {unit} better than {second}{likely}"
    if decision.closest is not None:
        return f"{gap}."
    apart = listed(skill_name(results, None, s) for s in decision.tell_apart)
    hint = (
        f" Knowledge questions on {apart} would tell the roles apart."
        if decision.tell_apart
        else ""
    )
    return f"Too close to call: {gap}.{hint}"


def _whole(number: float) -> str:
    """A whole number without a minus on zero (-0.4 reads 0, not -0)."""
    return str(round(number) + 0)


def fit_figure(fit: float, low: float | None = None, high: float | None = None) -> str:
    """`62`, or `62 (55-70)` with the 80 % interval."""
    if low is None or high is None:
        return f"{fit:.0f}"
    return f"{fit:.0f} ({low:.0f}-{high:.0f})"


def fit_section(results: Results) -> FitSection:
    bars = tuple(
        Bar(
            role.name,
            role.fit,
            fit_figure(role.fit, role.fit_low, role.fit_high),
            low=role.fit_low,
            high=role.fit_high,
        )
        for role in results.roles.values()
    )
    if results.position is not None:
        bars += (position_bar(results.position),)
    return FitSection("How well you fit each role", bars, interest(results), FIT_EXPLAINED)


#: The fit bar's label for a position profile; its name goes in the bar's detail.
POSITION_LABEL = "Position"


def position_bar(position: PositionResult) -> Bar:
    """The position's fit as a bar beside the roles': `Position ███▓▒░ 58 (50-66)`."""
    return Bar(
        POSITION_LABEL,
        position.fit,
        fit_figure(position.fit, position.fit_low, position.fit_high),
        f"the position {position.name}",
        low=position.fit_low,
        high=position.fit_high,
    )


def position_text(results: Results, bank: Bank | None, position: PositionResult) -> RoleText:
    """The position's strengths and costliest gaps, worded as a role's."""
    return _strengths_and_gaps(
        results,
        bank,
        Phrase(
            (
                f"{POSITION_LABEL}: ",
                Name(position.name),
                f" · fit {fit_figure(position.fit, position.fit_low, position.fit_high)}",
            )
        ),
        position.strengths,
        position.gaps,
    )


def interest(results: Results) -> Phrase:
    """Which role the preference answers lean to, with every role's share."""
    shares = sorted(
        ((r.name, r.interest) for r in results.roles.values() if r.interest is not None),
        key=lambda pair: -pair[1],
    )
    if not shares:
        return Phrase(("Interest: no preference questions answered, so no lean to report.",))
    figures = ", ".join(f"{name} {share:.0f}%" for name, share in shares)
    decision = results.headline
    if decision is not None:  # intervals known: name a lean only when it is sure
        if decision.leaning is None:
            return Phrase((f"Interest: no clear lean either way ({figures} of your preferences).",))
        leaning = results.roles[decision.leaning]
        span = f", likely {leaning.interest_low:.0f}-{leaning.interest_high:.0f}%"
        return Phrase(("Interest: you lean to ", Name(leaning.name), f" ({figures}{span})."))
    if len(shares) > 1 and shares[0][1] == shares[1][1]:
        return Phrase((f"Interest: no lean either way ({figures}).",))
    return Phrase(
        ("Interest: you lean to ", Name(shares[0][0]), f" ({figures} of your preferences).")
    )


def role_text(results: Results, bank: Bank | None, role_id: RoleId, role: RoleResult) -> RoleText:
    """Strengths, then each gap with the level reached against the level required."""
    return _strengths_and_gaps(
        results,
        bank,
        Phrase((Name(role.name), f" · fit {fit_figure(role.fit, role.fit_low, role.fit_high)}")),
        role.strengths,
        [gap for gap in results.gaps if gap.role == role_id],
    )


def _strengths_and_gaps(
    results: Results,
    bank: Bank | None,
    title: Phrase,
    strengths: list[SkillId],
    gaps: list[Gap],
) -> RoleText:
    lines = []
    for gap in gaps[:GAPS_SHOWN]:
        importance = IMPORTANCE_WORDS.get(gap.importance)
        lines.append(
            f"{gap.name}: {gap.level:.1f} of {gap.required}"
            + (f", {importance}" if importance else "")
            + ("" if gap.verified else f", {UNVERIFIED}")
        )
    more = len(gaps) - GAPS_SHOWN
    return RoleText(
        title=title,
        strengths=Labelled("Strengths", listed(skill_name(results, bank, s) for s in strengths)),
        gaps=Labelled("Gaps", "" if gaps else "none, every required level is met"),
        gap_lines=tuple(lines),
        more_gaps=f"and {more} smaller gap{'s' if more > 1 else ''}" if more > 0 else None,
    )


def _evidence(self_rated: float | None, tested: float | None) -> str:
    """`self-rated 3.0, tested 1.2`: how a level was found."""
    parts = []
    if self_rated is not None:
        parts.append(f"self-rated {self_rated:.1f}")
    if tested is not None:
        parts.append(f"tested {tested:.1f}")
    return ", ".join(parts)


def skills_section(results: Results) -> Section[Bar]:
    """Each skill's level as a bar with its interval, and how it was found: a skill with
    no knowledge answer is marked unverified, whatever its self-rating."""
    bars = []
    for skill in results.skills.values():
        if skill.evidence == 0:
            bars.append(Bar(skill.name, 0.0, "", "not answered"))
            continue
        evidence = _evidence(skill.self_rated, skill.tested)
        if skill.verified is False:
            evidence = f"{UNVERIFIED}: {evidence}" if evidence else UNVERIFIED
        percent = 100 / MAX_LEVEL
        bars.append(
            Bar(
                skill.name,
                percent * skill.level,
                f"{skill.level:.1f}",
                evidence,
                low=None if skill.level_low is None else percent * skill.level_low,
                high=None if skill.level_high is None else percent * skill.level_high,
            )
        )
    legend = (
        "Unverified: no knowledge question of the skill was answered, so its level rests "
        "on your self-rating and your other skills, and cannot meet a requirement by itself."
        if any(skill.verified is False for skill in results.skills.values())
        else None
    )
    return Section(f"Your skill levels (0-{MAX_LEVEL})", tuple(bars), legend=legend)


def calibration_section(results: Results) -> Section[CalibrationNote]:
    """Skills where the self-rating and the knowledge answers disagree."""
    notes = []
    compared = False
    for skill in results.skills.values():
        if skill.self_rated is None or skill.tested is None:
            continue
        compared = True
        words = CALIBRATION_WORDS.get(skill.calibration)
        if words:
            evidence = _evidence(skill.self_rated, skill.tested)
            notes.append(CalibrationNote(skill.name, f"{words}: {evidence}."))
    if notes:
        note = None
    elif compared:
        note = "Your self-ratings agree with your knowledge answers wherever both were given."
    else:
        note = "No skill has both a self-rating and knowledge answers to compare."
    return Section("Self-ratings against your answers", tuple(notes), note)


def advice_text(results: Results, bank: Bank | None, item: Recommendation) -> AdviceText:
    credential = bank.credential_by_id.get(item.id) if bank else None
    provider = f" · {credential.provider}" if credential and credential.provider else ""
    kind = KIND_WORDS.get(item.kind, item.kind)
    # Which roles it serves is in the reason scoring gave.
    closes = listed(skill_name(results, bank, s) for s in item.covers)
    return AdviceText(
        title=Phrase((f"{kind}: ", Name(item.name), provider)),
        closes=f"Closes {closes}.",
        reason=item.reason,
    )


def advice_section(results: Results, bank: Bank | None) -> Section[AdviceText]:
    """Each credential to take, with the gaps it closes and why it is suggested."""
    return Section(
        "Certifications and degrees to close your gaps",
        tuple(advice_text(results, bank, item) for item in results.recommendations),
        None if results.recommendations else "Nothing to close: you meet every required level.",
    )


def careers_section(results: Results) -> Section[Bar]:
    """The career paths that suit the candidate best, with the roles they grow from."""
    bars = tuple(
        Bar(
            career.name,
            career.fit,
            fit_figure(career.fit),
            f"from {the_roles([role_name(results, r) for r in career.from_roles])}"
            if career.from_roles
            else None,
        )
        for career in results.careers[:CAREERS_SHOWN]
    )
    return Section(
        "Career paths that suit you", bars, None if bars else "No career paths in this bank."
    )


def review_text(bank: Bank | None, item: ReviewItem) -> ReviewText:
    """One knowledge question: right or wrong, what was picked, the answer and why."""
    question = bank.question_by_id.get(item.question) if bank else None

    def text_of(key: str) -> str:
        option = question.option(key) if question else None
        return option.text if option else key

    return ReviewText(
        correct=item.correct,
        verdict="Right" if item.correct else "Wrong",
        prompt=question.prompt if question else item.question,
        picked=f"You picked: {text_of(item.chosen)}",
        answer=None if item.correct else f"The answer: {text_of(item.answer)}",
        explanation=item.explanation or None,
    )


def review_section(results: Results, bank: Bank | None) -> Section[ReviewText]:
    return Section(
        f"Knowledge review: {results.knowledge_right} of {len(results.review)} right",
        tuple(review_text(bank, item) for item in results.review),
        None if results.review else "You answered no knowledge questions.",
    )
