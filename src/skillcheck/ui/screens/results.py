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
from textual.widgets import Static

from skillcheck.domain.models import Bank
from skillcheck.domain.progress_wording import ComparisonText
from skillcheck.domain.results import Results
from skillcheck.domain.results_text import Bar, Section
from skillcheck.domain.wording import describe
from skillcheck.ui.commands import (
    CHANGE_ANSWERS,
    CLOSE,
    HISTORY,
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
    change_entry,
    gap_change_line,
    phrase,
    review_entry,
    role_entry,
    title_line,
)
from skillcheck.ui.widgets.entry_list import EntryList
from skillcheck.ui.widgets.fit_bar import FitBars
from skillcheck.ui.widgets.key_bar import KeyBar

#: The widest label a bar gets; longer names are cut with an ellipsis.
LABEL_WIDTH = 28
#: From this many columns the results are in two columns.
WIDE = 110


def section(title: str, *, id: str) -> Vertical:
    box = Vertical(id=id, classes="section")
    box.border_title = title
    return box


def entry_widgets(entries: list[Entry]) -> ComposeResult:
    """The entries as one widget (each heading with its detail indented under it)."""
    if entries:
        yield EntryList(entries)


def bar_widgets(bars: tuple[Bar, ...], id: str | None = None) -> ComposeResult:
    """The bars as one widget, each with its detail (muted, indented) under it."""
    if bars:
        width = min(LABEL_WIDTH, max(len(bar.label) for bar in bars) + 1)
        yield FitBars(bars, label_width=width, id=id)


def note_widgets(section: Section[object]) -> ComposeResult:
    if section.note and not section.items:
        yield Static(Content(section.note))


def progress_widgets(words: ComparisonText) -> ComposeResult:
    """What changed since an earlier result: each role's fit, the gaps, the skills."""
    if words.bank_warning:
        yield Static(Content.styled(words.bank_warning, "$warning"), classes="warning")
    yield Static(Content.styled(words.roles.title, "bold"), classes="subtitle")
    yield from entry_widgets([change_entry(c) for c in words.roles.items])
    yield Static(Content(words.explained), classes="muted")
    yield Static(Content.styled(words.gaps.title, "bold"), classes="subtitle")
    closed, new = words.gaps.items
    yield Static(gap_change_line(closed, "$success"))
    yield Static(gap_change_line(new, "$warning"))
    yield Static(Content.styled(words.moved.title, "bold"), classes="subtitle")
    yield from entry_widgets([change_entry(c) for c in words.moved.items])
    yield from note_widgets(words.moved)


class ResultsScroll(VerticalScroll):
    """The results' scrolling column, which takes the keys (arrows, Page Up and Down)."""

    def watch_has_focus(self, _has_focus: bool) -> None:
        # Textual restyles every widget inside on a change of focus, for rules that use
        # :focus-within; no rule inside the results does, so only the column itself is
        # restyled (profiled, a tenth of the CPU of drawing the results).
        self.app.stylesheet.update_nodes([self], animate=False)


class ResultsScreen(Screen[None]):
    """Everything scoring found, in sections that read top to bottom."""

    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual declares it without ClassVar)
        (0, "-narrow"),
        (WIDE, "-wide"),
    ]
    OFFERED_COMMANDS: ClassVar[tuple[Command, ...]] = (
        SAVE_RESULTS,
        CHANGE_ANSWERS,
        HISTORY,
        PAGE_DOWN,
        QUIT,
    )
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*OFFERED_COMMANDS)

    def __init__(
        self,
        bank: Bank | None,
        results: Results,
        *,
        progress: ComparisonText | None = None,
        note: str | None = None,
    ) -> None:
        """`bank` fills in names (None: a result made with another bank, shown as kept);
        `progress` is what changed since an earlier result; `note` heads the screen."""
        super().__init__()
        self.bank = bank
        self.results = results
        self.progress = progress
        self.note = note

    def compose(self) -> ComposeResult:
        # The width's class (from HORIZONTAL_BREAKPOINTS, as Textual picks it) is set
        # before the widgets are made, so each is styled once; set on the first resize,
        # Textual's way, it would restyle every widget again.
        width = self.app.size.width
        reached = max(b for b in self.HORIZONTAL_BREAKPOINTS if b[0] <= width)[1]
        for _, name in self.HORIZONTAL_BREAKPOINTS:
            self.set_class(name == reached, name)
        words = describe(self.results, self.bank)
        with ResultsScroll(id="results"):
            detail = [words.headline_detail, "\n"] if words.headline_detail else []
            note: list[str | tuple[str, str]] = (
                [(self.note, "bold $accent"), "\n"] if self.note else []
            )
            yield Static(
                Content.assemble(
                    *note, title_line(words), "\n", *detail, (words.bank_note, "$text-muted")
                ),
                id="results-title",
            )
            with Horizontal(id="results-columns"):
                with Vertical(classes="column", id="column-left"):
                    with section(words.fit.title, id="fit-section"):
                        yield from bar_widgets(words.fit.bars, "fit-bars")
                        yield Static(phrase(words.fit.interest), classes="lean")
                        yield Static(Content(words.fit.explained), classes="muted")
                    if self.progress is not None:
                        with section(self.progress.title, id="progress-section"):
                            yield from progress_widgets(self.progress)
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
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(ResultsScroll).focus()

    def action_page_down(self) -> None:
        self.query_one(ResultsScroll).scroll_page_down()


class KeptResultsScreen(ResultsScreen, inherit_bindings=False):
    """A result kept in the history, opened from the history view: read-only, so
    nothing here saves, changes answers or restarts; Close goes back to the list."""

    OFFERED_COMMANDS: ClassVar[tuple[Command, ...]] = (CLOSE, PAGE_DOWN, QUIT)
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*OFFERED_COMMANDS)

    def action_close(self) -> None:
        self.dismiss()
