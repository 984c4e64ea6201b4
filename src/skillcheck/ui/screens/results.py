"""The results: role fit as bars, interest, strengths and gaps, advice, careers, review.

Shows a `Results` made by scoring; computes nothing. One column at 80 columns
(scrolling), two columns on a wide terminal.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from skillcheck.domain.models import Bank
from skillcheck.domain.results import Results
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
    calibration_entries,
    interest_lean,
    recommendation_entries,
    results_headline,
    review_entry,
    role_entry,
)
from skillcheck.ui.widgets.fit_bar import FitBar

#: How many career paths to list, best first.
CAREERS_SHOWN = 5
FIT_EXPLAINED = (
    "Fit is how far your skill levels reach the levels each role requires, weighted by "
    "how central each skill is to the role: 100 means every required level is met."
)


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

    def __init__(self, bank: Bank, results: Results, *, question_count: int) -> None:
        super().__init__()
        self.bank = bank
        self.results = results
        self.question_count = question_count

    def compose(self) -> ComposeResult:
        results, bank = self.results, self.bank
        with VerticalScroll(id="results"):
            yield Static(results_headline(results, self.question_count), id="results-title")
            with Horizontal(id="results-columns"):
                with Vertical(classes="column"):
                    with section("How well you fit each role", id="fit-section"):
                        label_width = (
                            max((len(r.name) for r in results.roles.values()), default=0) + 1
                        )
                        for role_id, role in results.roles.items():
                            yield FitBar(
                                role.name, role.fit, label_width=label_width, id=f"fit-{role_id}"
                            )
                        yield Static(interest_lean(results), classes="lean")
                        yield Static(FIT_EXPLAINED, classes="muted")
                    with section("Strengths and gaps", id="gaps-section"):
                        yield from entry_widgets(
                            [
                                role_entry(results, bank, rid, role)
                                for rid, role in results.roles.items()
                            ]
                        )
                with Vertical(classes="column"):
                    with section(
                        "Certifications and degrees to close your gaps", id="advice-section"
                    ):
                        yield from entry_widgets(
                            recommendation_entries(results, bank, results.recommendations)
                        )
                    with section("Career paths that suit you", id="careers-section"):
                        yield from self._career_bars()
                    with section("Self-ratings against your answers", id="calibration-section"):
                        yield from entry_widgets(calibration_entries(results))
            right = results.knowledge_right
            with section(
                f"Knowledge review: {right} of {len(results.review)} right", id="review-section"
            ):
                yield from entry_widgets([review_entry(bank, item) for item in results.review])
                if not results.review:
                    yield Static("You answered no knowledge questions.")
        yield Footer()

    def _career_bars(self) -> ComposeResult:
        careers = self.results.careers[:CAREERS_SHOWN]
        width = min(28, max((len(c.name) for c in careers), default=0) + 1)
        for career in careers:
            yield FitBar(career.name, career.fit, label_width=width)
        if not careers:
            yield Static("No career paths in this bank.")

    def on_mount(self) -> None:
        self.query_one("#results", VerticalScroll).focus()

    def action_page_down(self) -> None:
        self.query_one("#results", VerticalScroll).scroll_page_down()
