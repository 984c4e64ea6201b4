"""The options of one question: numbered, picked with a digit or the arrows, never marked.

The highlighted option *is* the pick; Enter confirms it. A new question replaces the
options in place (no new widget), so moving on redraws only this list.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def numbered_option(number: int, text: str) -> Table:
    """One option as a two-column grid, so a wrapped line hangs under the text, not the number."""
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(width=2, no_wrap=True, style="bold")
    grid.add_column(ratio=1)
    grid.add_row(Text(str(number)), Text(text))  # Text: option wording is never markup
    return grid


class AnswerList(OptionList, inherit_bindings=False):
    """An OptionList whose Enter (bound on the screen) asks for a pick when none is made."""

    # Enter is left to the screen, so the footer lists the keys in a sensible order.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    def show_options(self, texts: Sequence[str], picked: int | None) -> None:
        """Replace the options with `texts` (numbered from 1) and highlight `picked`."""
        self.set_options(
            Option(numbered_option(number, text)) for number, text in enumerate(texts, 1)
        )
        self.highlighted = picked
        self.scroll_home(animate=False)
        if picked is not None:
            self.scroll_to_highlight()

    def pick(self, index: int) -> bool:
        """Highlight option `index` (0-based); False when there is no such option."""
        if not 0 <= index < self.option_count:
            return False
        self.highlighted = index
        return True

    class NothingPicked(Message):
        """Enter was pressed before any option was picked."""

    def action_select(self) -> None:
        if self.highlighted is None:
            self.post_message(self.NothingPicked())
            return
        super().action_select()
