"""What `domain.wording` says about a result, as Textual Content for the results screen.

No words are chosen here: this only styles them (names in bold, labels coloured) and
groups them into entries. An `Entry` is a heading line and an indented detail, so
wrapped text hangs under its item.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from skillcheck.domain.progress_wording import ChangeText
from skillcheck.domain.results_text import (
    AdviceText,
    CalibrationNote,
    Labelled,
    Phrase,
    ResultsText,
    ReviewText,
    RoleText,
)

ContentPart = str | Content | tuple[str, str]

#: Muted text in a Content. Not `$text-muted`: that is the contrasting colour at 60 %
#: (`auto 60%`), which only a stylesheet can blend; in a Content it came out pure white,
#: brighter than the text it was to recede behind.
MUTED = "$foreground-muted"


@dataclass(frozen=True)
class Entry:
    """One item of a section: a heading line and an optional indented detail."""

    head: Content
    detail: Content | None = None


def phrase(words: Phrase, style: str = "") -> Content:
    """A phrase with its names in bold."""
    return Content.assemble(
        *(
            (part, style) if isinstance(part, str) else (part.text, f"bold {style}".strip())
            for part in words.parts
        )
    )


def title_line(words: ResultsText) -> Content:
    """`Your results · closest fit: ML Engineer · you answered 30 of 30`."""
    return Content.assemble((words.title, "bold"), " · ", phrase(words.headline))


def role_entry(role: RoleText) -> Entry:
    """A role's strengths, then each gap with the level reached against the level required."""
    parts: list[ContentPart] = [
        (f"{role.strengths.label}: ", "$success"),
        role.strengths.text,
        "\n",
        (f"{role.gaps.label}: ", "$warning"),
        role.gaps.text,
    ]
    parts += [f"\n• {line}" for line in role.gap_lines]
    if role.more_gaps:
        parts.append((f"\n  {role.more_gaps}", MUTED))
    return Entry(phrase(role.title), Content.assemble(*parts))


def calibration_entry(note: CalibrationNote) -> Entry:
    return Entry(Content.assemble((note.skill, "bold")), Content(note.text))


def advice_entry(advice: AdviceText) -> Entry:
    """A credential, the gaps it closes and why it is suggested."""
    return Entry(
        phrase(advice.title),
        Content.assemble(advice.closes, "\n", (advice.reason, MUTED)),
    )


def review_entry(item: ReviewText) -> Entry:
    """One knowledge question: right or wrong, what was picked, the answer and why."""
    mark = (
        (f"✓ {item.verdict}: ", "bold $success")
        if item.correct
        else (f"✗ {item.verdict}: ", "bold $error")
    )
    parts: list[ContentPart] = [item.picked]
    if item.answer:
        parts.append(f"\n{item.answer}")
    if item.explanation:
        parts += ["\n", (item.explanation, MUTED)]
    return Entry(Content.assemble(mark, (item.prompt, "bold")), Content.assemble(*parts))


def change_entry(change: ChangeText) -> Entry:
    """A role's fit or a skill's level, before and after, and what the change means."""
    return Entry(phrase(change.title), Content(change.verdict))


def gap_change_line(item: Labelled, style: str) -> Content:
    """`Gaps closed: Programming (AI Engineer)`, the label coloured."""
    return Content.assemble((f"{item.label}: ", style), item.text)
