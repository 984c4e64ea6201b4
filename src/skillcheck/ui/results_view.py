"""How each part of a `Results` reads on screen: pure functions from results to Content.

Nothing here computes a score; it picks words for the numbers scoring produced. An
`Entry` is a heading line and an indented detail, so wrapped text hangs under its item.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from skillcheck.domain.models import Bank, SkillId
from skillcheck.domain.results import Recommendation, Results, ReviewItem, RoleResult

KIND_WORDS = {"certification": "Certification", "degree": "Degree"}
IMPORTANCE_WORDS = {1: "useful", 2: "important", 3: "central"}
CALIBRATION_WORDS = {
    "over": "you rated yourself higher than your answers show",
    "under": "your answers show more than you gave yourself credit for",
}

ContentPart = str | Content | tuple[str, str]


@dataclass(frozen=True)
class Entry:
    """One item of a section: a heading line and an optional indented detail."""

    head: Content
    detail: Content | None = None


def skill_name(results: Results, bank: Bank, skill_id: SkillId) -> str:
    if skill_id in results.skills:
        return results.skills[skill_id].name
    skill = bank.skill_by_id.get(skill_id)
    return skill.name if skill else skill_id


def joined(names: list[str]) -> str:
    """'A, B and C' (or 'none yet')."""
    if not names:
        return "none yet"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def results_headline(results: Results, question_count: int) -> Content:
    """`Your results · closest fit: ML Engineer · you answered 30 of 30`."""
    ranked = sorted(results.roles.values(), key=lambda role: -role.fit)
    if len(ranked) > 1 and round(ranked[0].fit) == round(ranked[1].fit):
        closest: ContentPart = "an equal fit for both roles"
    elif ranked:
        closest = Content.assemble("closest fit: ", (ranked[0].name, "bold"))
    else:
        closest = "no roles in this bank"
    return Content.assemble(
        ("Your results", "bold"),
        " · ",
        closest,
        f" · you answered {results.answered} of {question_count}",
    )


def interest_lean(results: Results) -> Content:
    """Which role the preference answers lean to, in a sentence."""
    shares = {r.name: r.interest for r in results.roles.values() if r.interest is not None}
    if not shares:
        return Content("Interest: no preference questions answered, so no lean to report.")
    ranked = sorted(shares.items(), key=lambda item: -item[1])
    figures = ", ".join(f"{name} {share:.0f}%" for name, share in ranked)
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return Content.assemble("Interest: ", ("no lean", "bold"), f" either way ({figures}).")
    return Content.assemble(
        "Interest: you lean to ", (ranked[0][0], "bold"), f" ({figures} of your preferences)."
    )


#: How many of a role's gaps the results screen lists, costliest first.
GAPS_SHOWN = 6


def role_entry(results: Results, bank: Bank, role_id: str, role: RoleResult) -> Entry:
    """A role's strengths, then each gap with the level reached against the level required."""
    strengths = joined([skill_name(results, bank, s) for s in role.strengths])
    parts: list[ContentPart] = [
        ("Strengths: ", "$success"),
        strengths,
        "\n",
        ("Gaps: ", "$warning"),
    ]
    gaps = [g for g in results.gaps if g.role == role_id]
    if not gaps:
        parts.append("none, every required level is met")
    # The costliest few explain the fit; a list of twenty buries them.
    for gap in gaps[:GAPS_SHOWN]:
        importance = IMPORTANCE_WORDS.get(gap.importance)
        parts.append(
            f"\n• {gap.name}: {gap.level:.1f} of {gap.required}"
            + (f", {importance}" if importance else "")
        )
    if len(gaps) > GAPS_SHOWN:
        parts.append((f"\n  and {len(gaps) - GAPS_SHOWN} smaller gaps", "$text-muted"))
    return Entry(
        Content.assemble((role.name, "bold"), f" · fit {role.fit:.0f} of 100"),
        Content.assemble(*parts),
    )


def calibration_entries(results: Results) -> list[Entry]:
    """Skills where the self-rating and the knowledge answers disagree."""
    entries = []
    for skill in results.skills.values():
        words = CALIBRATION_WORDS.get(skill.calibration)
        if words and skill.self_rated is not None and skill.tested is not None:
            entries.append(
                Entry(
                    Content.assemble((skill.name, "bold")),
                    Content(
                        f"{words[0].upper()}{words[1:]}: self-rating {skill.self_rated:.1f}, "
                        f"answers {skill.tested:.1f}."
                    ),
                )
            )
    if not entries:
        entries.append(
            Entry(
                Content(
                    "Your self-ratings agree with your knowledge answers wherever both were given."
                )
            )
        )
    return entries


def recommendation_entries(
    results: Results, bank: Bank, recommendations: list[Recommendation]
) -> list[Entry]:
    """Each credential with its provider, the gaps it closes and why it is suggested."""
    if not recommendations:
        return [Entry(Content("Nothing to close: you meet the levels both roles ask for."))]
    entries = []
    for item in recommendations:
        credential = bank.credential_by_id.get(item.id)
        provider = f" · {credential.provider}" if credential and credential.provider else ""
        closes = joined([skill_name(results, bank, s) for s in item.covers])
        entries.append(
            Entry(
                Content.assemble(
                    (KIND_WORDS.get(item.kind, item.kind) + ": ", "$text-muted"),
                    (item.name, "bold"),
                    provider,
                ),
                Content.assemble(("Closes: ", "$text-muted"), f"{closes}.\n{item.reason}"),
            )
        )
    return entries


def review_entry(bank: Bank, item: ReviewItem) -> Entry:
    """One knowledge question: right or wrong, what was picked, the answer and why."""
    question = bank.question_by_id.get(item.question)
    prompt = question.prompt if question else item.question

    def text_of(key: str) -> str:
        option = question.option(key) if question else None
        return option.text if option else key

    mark = ("✓ Right: ", "bold $success") if item.correct else ("✗ Wrong: ", "bold $error")
    parts: list[ContentPart] = [f"You picked: {text_of(item.chosen)}"]
    if not item.correct:
        parts.append(f"\nThe answer: {text_of(item.answer)}")
    if item.explanation:
        parts += ["\n", (item.explanation, "$text-muted")]
    return Entry(Content.assemble(mark, (prompt, "bold")), Content.assemble(*parts))
