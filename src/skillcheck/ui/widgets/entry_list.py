"""A section's items as lines: each a heading with its detail hanging under it.

Wrapped here rather than by a widget per heading and per detail (the results once had
about a hundred), so the indent of a detail holds on every wrapped line and a section
draws its items as one block of text (`section_box.SectionBox`).
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

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
