"""The shape of what a view of the results shows: plain data, worded by `domain.wording`.

Strings, numbers and `Phrase`s (text with the names in it marked, so a view may
emphasise them); never markup or colour. The results screen makes widgets of these,
the command line's report lines of text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T", covariant=True)  # a section of bars is a section of objects


@dataclass(frozen=True)
class Name:
    """A name inside a phrase (a role, a skill, a credential): a view may emphasise it."""

    text: str


@dataclass(frozen=True)
class Phrase:
    """Words, some of them names; `text` is the phrase as plain text."""

    parts: tuple[str | Name, ...]

    @property
    def text(self) -> str:
        return "".join(part if isinstance(part, str) else part.text for part in self.parts)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Labelled:
    """`label: text`, e.g. `Strengths: Programming` (a view may colour the label)."""

    label: str
    text: str


@dataclass(frozen=True)
class Section(Generic[T]):
    """A titled list; `note` stands in for the items when there are none to list."""

    title: str
    items: tuple[T, ...]
    note: str | None = None
    legend: str | None = None
    """Shown after the items: what a mark on them means."""


@dataclass(frozen=True)
class Bar:
    """A labelled 0..100 figure drawn as a bar: a role's fit, a career's, a skill level."""

    label: str
    percent: float
    figure: str
    """The number shown beside the bar: `72` for a fit, `2.4` for a skill level."""
    detail: str | None = None
    """Words under or after the bar: where a career grows from, how a level was found."""
    low: float | None = None
    """The 80 % interval's low end (0..100), drawn on the bar; None: no interval known."""
    high: float | None = None


#: A bar's glyphs: the figure itself, the interval below and above it, the rest.
BAR_GLYPHS = {"filled": "█", "below": "▓", "above": "▒", "empty": "░"}


def bar_segments(bar: Bar, width: int) -> list[tuple[str, int]]:
    """The bar as (glyph kind, cells) runs: filled to the figure, the interval around it
    shaded (darker below the figure, lighter above), empty beyond. Kinds with no cells
    are left out, so a view can style each run."""

    def cells(percent: float) -> int:
        return round(max(0.0, min(100.0, percent)) * width / 100)

    value = cells(bar.percent)
    low = min(value, cells(bar.low)) if bar.low is not None else value
    high = max(value, cells(bar.high)) if bar.high is not None else value
    runs = [
        ("filled", low),
        ("below", value - low),
        ("above", high - value),
        ("empty", width - high),
    ]
    return [(kind, n) for kind, n in runs if n > 0]


@dataclass(frozen=True)
class FitSection:
    title: str
    bars: tuple[Bar, ...]
    interest: Phrase
    explained: str


@dataclass(frozen=True)
class RoleText:
    """A role's strengths and its costliest gaps."""

    title: Phrase
    strengths: Labelled
    gaps: Labelled
    """Its text says "none..." when there are no gaps; otherwise `gap_lines` list them."""
    gap_lines: tuple[str, ...]
    more_gaps: str | None


@dataclass(frozen=True)
class CalibrationNote:
    skill: str
    text: str


@dataclass(frozen=True)
class AdviceText:
    """A credential to take: what it is, which gaps it closes and why it was picked."""

    title: Phrase
    closes: str
    reason: str


@dataclass(frozen=True)
class ReviewText:
    """One answered knowledge question, marked right or wrong, with the answer explained."""

    correct: bool
    verdict: str
    prompt: str
    picked: str
    answer: str | None
    """The right answer, when the candidate picked another."""
    explanation: str | None


@dataclass(frozen=True)
class ResultsText:
    """Everything a view of the results shows, in reading order."""

    title: str
    headline: Phrase
    """Follows the title: `closest fit: ML Engineer · you answered 30 of 30`."""
    headline_detail: str | None
    """How sure the headline is, and when the roles are too close to call, what would
    tell them apart (None for results saved before intervals were kept)."""
    bank_note: str
    fit: FitSection
    roles: Section[RoleText]
    skills: Section[Bar]
    advice: Section[AdviceText]
    careers: Section[Bar]
    calibration: Section[CalibrationNote]
    review: Section[ReviewText]
