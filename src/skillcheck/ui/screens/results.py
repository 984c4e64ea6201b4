"""The results: role fit as bars, interest, strengths and gaps, advice, careers, review.

Shows a `Results` made by scoring, in the words of `domain.wording`; computes nothing
and words nothing. One column at 80 columns (scrolling), two on a wide terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, TypeVar

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
    MUTED,
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
from skillcheck.ui.widgets.key_bar import KeyBar
from skillcheck.ui.widgets.section_box import Bars, Entries, Part, SectionBox, Text

T = TypeVar("T")

#: The widest label a bar gets; longer names are cut with an ellipsis.
LABEL_WIDTH = 28
#: From this many columns the results are in two columns.
WIDE = 110


def section(title: str, *, id: str) -> Vertical:
    box = Vertical(id=id, classes="section")
    box.border_title = title
    return box


def muted(text: str) -> Content:
    return Content.styled(text, MUTED)


def entries_part(entries: list[Entry]) -> list[Part]:
    return [Entries(tuple(entries))] if entries else []


def bars_part(bars: tuple[Bar, ...]) -> list[Part]:
    """The bars, every label as wide as the longest (up to LABEL_WIDTH)."""
    if not bars:
        return []
    width = min(LABEL_WIDTH, max(len(bar.label) for bar in bars) + 1)
    return [Bars(bars, label_width=width)]


def note_part(section: Section[object]) -> list[Part]:
    """What a section with nothing in it says instead."""
    return [Text(Content(section.note))] if section.note and not section.items else []


def entries_box(section: Section[T], entry: Callable[[T], Entry], *, id: str) -> SectionBox:
    """A section whose items are entries (its note when it has none)."""
    parts = entries_part([entry(item) for item in section.items]) + note_part(section)
    return SectionBox(section.title, parts, id=id)


def progress_parts(words: ComparisonText) -> list[Part]:
    """What changed since an earlier result: each role's fit, the gaps, the skills."""
    parts: list[Part] = []
    if words.bank_warning:
        parts.append(Text(Content.styled(words.bank_warning, "$warning")))
    parts.append(Text(Content.styled(words.roles.title, "bold")))
    parts += entries_part([change_entry(c) for c in words.roles.items])
    parts.append(Text(muted(words.explained), gap=True))
    parts.append(Text(Content.styled(words.gaps.title, "bold"), gap=True))
    closed, new = words.gaps.items
    parts += [Text(gap_change_line(closed, "$success")), Text(gap_change_line(new, "$warning"))]
    parts.append(Text(Content.styled(words.moved.title, "bold"), gap=True))
    parts += entries_part([change_entry(c) for c in words.moved.items])
    return parts + note_part(words.moved)


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
                Content.assemble(*note, title_line(words), "\n", *detail, (words.bank_note, MUTED)),
                id="results-title",
            )
            fit = words.fit
            with Horizontal(id="results-columns"):
                with Vertical(classes="column", id="column-left"):
                    yield SectionBox(
                        fit.title,
                        [
                            *bars_part(fit.bars),
                            Text(phrase(fit.interest), gap=True),
                            Text(muted(fit.explained), gap=True),
                        ],
                        id="fit-section",
                    )
                    if self.progress is not None:
                        yield SectionBox(
                            self.progress.title,
                            progress_parts(self.progress),
                            id="progress-section",
                        )
                    yield entries_box(words.roles, role_entry, id="gaps-section")
                    legend = words.skills.legend
                    yield SectionBox(
                        words.skills.title,
                        bars_part(words.skills.items)
                        + ([Text(muted(legend), gap=True)] if legend else []),
                        id="skills-section",
                    )
                with Vertical(classes="column"):
                    yield entries_box(words.advice, advice_entry, id="advice-section")
                    yield SectionBox(
                        words.careers.title,
                        bars_part(words.careers.items) + note_part(words.careers),
                        id="careers-section",
                    )
                    yield entries_box(
                        words.calibration, calibration_entry, id="calibration-section"
                    )
            yield entries_box(words.review, review_entry, id="review-section")
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
