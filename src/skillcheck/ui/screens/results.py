"""The results: role fit as bars, interest, strengths and gaps, advice, careers, review.

Shows a `Results` made by scoring, in the words of `domain.wording`; computes nothing
and words nothing. One column at 80 columns (scrolling), two on a wide terminal.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from skillcheck.domain.models import Bank
from skillcheck.domain.results import Results
from skillcheck.domain.results_text import Bar, Section
from skillcheck.domain.wording import describe
from skillcheck.ui.commands import (
    CHANGE_ANSWERS,
    PAGE_DOWN,
    QUIT,
    SAVE_RESULTS,
    Command,
    bindings_for,
)
from skillcheck.ui.results_view import (
    Entry,
    advice_entry,
    calibration_entry,
    phrase,
    review_entry,
    role_entry,
    title_line,
)
from skillcheck.ui.widgets.fit_bar import FitBar

#: The widest label a bar gets; longer names are cut with an ellipsis.
LABEL_WIDTH = 28


def section(title: str, *, id: str) -> Vertical:
    box = Vertical(id=id, classes="section")
    box.border_title = title
    return box


def entry_widgets(entries: list[Entry]) -> ComposeResult:
    """A Static per heading and an indented Static per detail."""
    for entry in entries:
        yield Static(entry.head, classes="entry")
        if entry.detail is not None:
            yield Static(entry.detail, classes="detail")


def bar_widgets(bars: tuple[Bar, ...], id_prefix: str | None = None) -> ComposeResult:
    """A FitBar per bar, each with its detail (muted, indented) under it."""
    width = min(LABEL_WIDTH, max((len(bar.label) for bar in bars), default=0) + 1)
    for number, bar in enumerate(bars):
        yield FitBar(
            bar.label,
            bar.percent,
            figure=bar.figure,
            low=bar.low,
            high=bar.high,
            label_width=width,
            id=f"{id_prefix}-{number}" if id_prefix else None,
        )
        if bar.detail:
            yield Static(Content.styled(bar.detail, "$text-muted"), classes="detail")


def note_widgets(section: Section[object]) -> ComposeResult:
    if section.note and not section.items:
        yield Static(Content(section.note))


class ResultsScreen(Screen[None]):
    """Everything scoring found, in sections that read top to bottom."""

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual declares it without ClassVar)
        (0, "-narrow"),
        (110, "-wide"),
    ]
    OFFERED_COMMANDS: ClassVar[tuple[Command, ...]] = (
        SAVE_RESULTS,
        CHANGE_ANSWERS,
        PAGE_DOWN,
        QUIT,
    )
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*OFFERED_COMMANDS)

    def __init__(self, bank: Bank, results: Results) -> None:
        super().__init__()
        self.bank = bank
        self.results = results

    def compose(self) -> ComposeResult:
        words = describe(self.results, self.bank)
        with VerticalScroll(id="results"):
            detail = [words.headline_detail, "\n"] if words.headline_detail else []
            yield Static(
                Content.assemble(
                    title_line(words), "\n", *detail, (words.bank_note, "$text-muted")
                ),
                id="results-title",
            )
            with Horizontal(id="results-columns"):
                with Vertical(classes="column"):
                    with section(words.fit.title, id="fit-section"):
                        yield from bar_widgets(words.fit.bars, "fit")
                        yield Static(phrase(words.fit.interest), classes="lean")
                        yield Static(Content(words.fit.explained), classes="muted")
                    with section(words.roles.title, id="gaps-section"):
                        yield from entry_widgets([role_entry(r) for r in words.roles.items])
                    with section(words.skills.title, id="skills-section"):
                        yield from bar_widgets(words.skills.items)
                        if words.skills.legend:
                            yield Static(Content(words.skills.legend), classes="muted")
                with Vertical(classes="column"):
                    with section(words.advice.title, id="advice-section"):
                        yield from entry_widgets([advice_entry(a) for a in words.advice.items])
                        yield from note_widgets(words.advice)
                    with section(words.careers.title, id="careers-section"):
                        yield from bar_widgets(words.careers.items)
                        yield from note_widgets(words.careers)
                    with section(words.calibration.title, id="calibration-section"):
                        yield from entry_widgets(
                            [calibration_entry(n) for n in words.calibration.items]
                        )
                        yield from note_widgets(words.calibration)
            with section(words.review.title, id="review-section"):
                yield from entry_widgets([review_entry(item) for item in words.review.items])
                yield from note_widgets(words.review)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#results", VerticalScroll).focus()

    def action_page_down(self) -> None:
        self.query_one("#results", VerticalScroll).scroll_page_down()
