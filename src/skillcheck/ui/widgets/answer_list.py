"""The options of one question: numbered, picked with a digit or the arrows, never marked.

The highlighted option *is* the pick; Enter (bound on the screen) confirms it. A new
question replaces the options in place (no new widget), so moving on redraws only
this list. Long options are wrapped here with a hanging indent (cheaper to draw than
a table), and re-wrapped when the width changes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

#: Room for the number and the gap after it: `1  text`.
NUMBER_WIDTH = 3


def numbered_option(number: int, text: str, width: int) -> Content:
    """`text` after its number, wrapped to `width` cells with wrapped lines under the text."""
    lines = textwrap.wrap(text, max(10, width - NUMBER_WIDTH)) or [""]
    body = ("\n" + " " * NUMBER_WIDTH).join(lines)
    return Content.assemble((f"{number:<{NUMBER_WIDTH}}", "bold"), body)


class AnswerList(OptionList, inherit_bindings=False):
    """An OptionList of numbered answers that asks for a pick when Enter finds none."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor_down", "Down", show=False),
        Binding("up", "cursor_up", "Up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
    ]

    class NothingPicked(Message):
        """Enter was pressed before any option was picked."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._texts: list[str] = []
        self._wrapped_at = 0

    def show_options(self, texts: Sequence[str], picked: int | None) -> None:
        """Replace the options with `texts` (numbered from 1) and highlight `picked`."""
        self._texts = list(texts)
        self._fill(picked)
        self.scroll_home(animate=False)
        if picked is not None:
            self.scroll_to_highlight()

    def _wrap_width(self) -> int:
        # Room for a scrollbar is kept, so the wrapping holds when one appears.
        width = self.content_region.width or self.app.size.width - 4
        return width - self.styles.scrollbar_size_vertical

    def _fill(self, picked: int | None) -> None:
        width = self._wrap_width()
        self._wrapped_at = width
        self.set_options(
            Option(numbered_option(number, text, width))
            for number, text in enumerate(self._texts, 1)
        )
        self.highlighted = picked

    def on_resize(self, event: events.Resize) -> None:
        if self._texts and self._wrap_width() != self._wrapped_at:
            self._fill(self.highlighted)

    def pick(self, index: int) -> bool:
        """Highlight option `index` (0-based); False when there is no such option."""
        if not 0 <= index < self.option_count:
            return False
        self.highlighted = index
        return True

    def action_select(self) -> None:
        if self.highlighted is None:
            self.post_message(self.NothingPicked())
            return
        super().action_select()
