"""A results section as one widget: its border and title, and all it holds as one text.

A section held a widget per part (its bars, its entries, each note), and every widget
is styled, laid out and drawn on its own: on the results, which a whole room draws
within a second or two, that was most of a served session's CPU. Here a section's
parts are lines it wraps itself, with a blank line where a part used to have a margin,
and a detail hangs under its heading on every wrapped line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.content import Content
from textual.geometry import Size
from textual.style import Style as VisualStyle
from textual.widget import Widget

from skillcheck.domain.results_text import BAR_GLYPHS, Bar, bar_segments
from skillcheck.ui.results_view import MUTED, Entry

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


@dataclass(frozen=True)
class Text:
    """A paragraph, wrapped to the width; `gap`: a blank line before it."""

    content: Content
    gap: bool = False


@dataclass(frozen=True)
class Bars:
    """Labelled bars (a role's fit, a skill's level, a career's fit: any 0..100 figure),
    each with its detail, muted and indented, under it. `label_width`: the cells every
    label gets; a longer one is cut with an ellipsis."""

    bars: tuple[Bar, ...]
    label_width: int = 12


@dataclass(frozen=True)
class Entries:
    """Headings, each with its detail hanging under it, a blank line between them."""

    entries: tuple[Entry, ...]


Part = Text | Bars | Entries
BarStyles = dict[str, VisualStyle]


def bar_line(bar: Bar, label_width: int, width: int, styles: BarStyles) -> Content:
    """`AI Engineer  ████▓▓▒▒░░  62`: the label, the bar (its interval shaded), the figure."""
    number = f"{bar.figure:>3}"
    bar_width = max(4, width - label_width - len(number) - 2)
    label = bar.label
    if len(label) > label_width:  # cut, and say so
        label = label[: label_width - 1] + "…"
    return Content.assemble(
        (f"{label:<{label_width}} ", "bold"),
        *((BAR_GLYPHS[kind] * cells, styles[kind]) for kind, cells in bar_segments(bar, bar_width)),
        f" {number}",
    )


def part_lines(part: Part, width: int, styles: BarStyles) -> list[Content]:
    """`part` as lines at `width` cells."""
    if isinstance(part, Text):
        return ([Content("")] if part.gap else []) + part.content.wrap(width)
    if isinstance(part, Entries):
        return entry_lines(part.entries, width)
    lines: list[Content] = []
    for bar in part.bars:
        lines.append(bar_line(bar, part.label_width, width, styles))
        if bar.detail:
            lines.extend(detail_lines(Content.styled(bar.detail, MUTED), width))
    return lines


class SectionBox(Widget):
    """A titled, bordered section of the results, its parts drawn as one text.

    The bars use glyphs as well as colour, so they still read in 16 colours and with
    NO_COLOR.
    """

    DEFAULT_CSS = """
    SectionBox {
        height: auto;
    }
    SectionBox > .fit-bar--filled {
        color: $accent;
    }
    SectionBox > .fit-bar--empty {
        color: $foreground-darken-3;
    }
    SectionBox > .fit-bar--interval {
        color: $accent-darken-1;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "fit-bar--filled",
        "fit-bar--interval",
        "fit-bar--empty",
    }

    def __init__(self, title: str, parts: Sequence[Part], *, id: str | None = None) -> None:
        super().__init__(id=id, classes="section")
        self.border_title = title
        self.parts = tuple(parts)
        self._wrapped: tuple[int, list[Content]] = (-1, [])

    @property
    def bars(self) -> tuple[Bar, ...]:
        """Every bar in the section, in order."""
        return tuple(bar for part in self.parts if isinstance(part, Bars) for bar in part.bars)

    def _lines(self, width: int) -> list[Content]:
        """The lines at `width`, wrapped once per width (layout and drawing both ask)."""
        if self._wrapped[0] != width:
            styles = {
                "filled": self.get_visual_style("fit-bar--filled"),
                "below": self.get_visual_style("fit-bar--interval"),
                "above": self.get_visual_style("fit-bar--interval"),
                "empty": self.get_visual_style("fit-bar--empty"),
            }
            lines = [line for part in self.parts for line in part_lines(part, width, styles)]
            self._wrapped = (width, lines)
        return self._wrapped[1]

    def notify_style_update(self) -> None:
        # The bars' colours are in the wrapped lines: a new theme wraps them again.
        self._wrapped = (-1, [])
        super().notify_style_update()

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_region.width or 80))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width)) if width else 0
