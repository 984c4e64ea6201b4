"""A section's items in one widget: each a heading with its detail hanging under it.

The results screen showed each heading and each detail as a widget of its own (a
Static with an indent), about a hundred widgets; every one is styled, laid out and
drawn on its own, and the results screen cost a served session more CPU than all its
questions together. This widget wraps the lines itself, so the indent of a detail
holds on every wrapped line, and draws a whole list as one block of text.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

from skillcheck.ui.results_view import Entry

#: Cells a detail is indented under its heading.
DETAIL_INDENT = 2


def detail_lines(detail: Content, width: int) -> list[Content]:
    """`detail` wrapped to `width` cells, every line indented under its heading."""
    inner = max(1, width - DETAIL_INDENT)
    return [line.pad_left(DETAIL_INDENT) for line in detail.wrap(inner)]


def entry_lines(entries: Sequence[Entry], width: int) -> list[Content]:
    """`entries` wrapped to `width` cells: a blank line between entries, details indented."""
    lines: list[Content] = []
    for number, entry in enumerate(entries):
        if number:
            lines.append(Content(""))
        lines.extend(entry.head.wrap(width))
        if entry.detail is not None:
            lines.extend(detail_lines(entry.detail, width))
    return lines


class EntryList(Static):
    """Entries (`results_view.Entry`) drawn as one text, wrapped to the widget's width."""

    DEFAULT_CSS = """
    EntryList {
        height: auto;
    }
    """

    def __init__(self, entries: Sequence[Entry], *, id: str | None = None) -> None:
        super().__init__(id=id, classes="entries")
        self.entries = tuple(entries)
        self._wrapped: tuple[int, list[Content]] = (0, [])

    def _lines(self, width: int) -> list[Content]:
        """The lines at `width`, wrapped once per width (layout and drawing both ask)."""
        if self._wrapped[0] != width:
            self._wrapped = (width, entry_lines(self.entries, width))
        return self._wrapped[1]

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_region.width or self.size.width or 80))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width)) if width else 0
