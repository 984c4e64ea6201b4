"""The hiring result: which role the project needs and why, what to check before hiring,
and how the position differs from its role model (worded by `domain.hiring_text`)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from skillcheck.domain.hiring_text import HiringText
from skillcheck.ui.commands import CHANGE_ANSWERS, PAGE_DOWN, QUIT, SAVE_POSITION, Command
from skillcheck.ui.commands import bindings_for as _bindings
from skillcheck.ui.screens.results import section
from skillcheck.ui.widgets.key_bar import KeyBar


class HireResultScreen(Screen[None]):
    """Read top to bottom; the status line says where the position profile was written."""

    OFFERED_COMMANDS: ClassVar[tuple[Command, ...]] = (
        SAVE_POSITION,
        CHANGE_ANSWERS,
        PAGE_DOWN,
        QUIT,
    )
    BINDINGS: ClassVar[list[BindingType]] = _bindings(*OFFERED_COMMANDS)

    def __init__(self, words: HiringText, status: str) -> None:
        super().__init__()
        self.words = words
        self.status = status

    def compose(self) -> ComposeResult:
        words = self.words
        with VerticalScroll(id="results"):
            yield Static(
                Content.assemble((words.title, "bold"), "\n", (words.verdict, "bold $accent")),
                id="results-title",
            )
            yield Static(Content(self.status), id="hire-status", classes="muted")
            with section("Why, point by point", id="hire-why"):
                yield Static(Content(words.tally), classes="muted")
                for point in words.points:
                    lean = f"  → {point.lean}" if point.lean else ""
                    yield Static(Content.assemble((point.source, "bold"), lean), classes="entry")
                    yield Static(Content(point.text), classes="detail")
            with section(words.advice_title, id="hire-advice"):
                for number, advice in enumerate(words.advice, start=1):
                    yield Static(Content(f"{number}. {advice}"), classes="entry")
            with section(words.profile_title, id="hire-profile"):
                for line in words.profile:
                    yield Static(Content(line), classes="entry")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#results", VerticalScroll).focus()

    def show_status(self, text: str) -> None:
        self.status = text
        self.query_one("#hire-status", Static).update(Content(text))

    def action_page_down(self) -> None:
        self.query_one("#results", VerticalScroll).scroll_page_down()
