"""Labelled horizontal bars for 0..100 figures: `AI Engineer  ████▓▓▒▒░░  62 (55-70)`.

The interval, when there is one, is shaded around the figure (`results_text.bar_segments`,
the same runs the command line's report draws).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual.content import Content
from textual.geometry import Size
from textual.style import Style as VisualStyle
from textual.widget import Widget

from skillcheck.domain.results_text import BAR_GLYPHS, Bar, bar_segments
from skillcheck.ui.widgets.entry_list import detail_lines


class FitBars(Widget):
    """A section's bars (a role's fit, a skill's level, a career's fit: any 0..100
    figure), each with its label and number and its detail under it, as one widget.

    One widget for the whole list, not one per bar: each widget is styled, laid out and
    drawn on its own, and the skills section alone has a bar per skill. The bar uses
    glyphs as well as colour, so it still reads in 16 colours and with NO_COLOR.
    """

    DEFAULT_CSS = """
    FitBars {
        height: auto;
        width: 1fr;
    }
    FitBars > .fit-bar--filled {
        color: $accent;
    }
    FitBars > .fit-bar--empty {
        color: $foreground-darken-3;
    }
    FitBars > .fit-bar--interval {
        color: $accent-darken-1;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "fit-bar--filled",
        "fit-bar--interval",
        "fit-bar--empty",
    }

    def __init__(
        self, bars: Sequence[Bar], *, label_width: int = 12, id: str | None = None
    ) -> None:
        """`label_width`: the cells every label gets; a longer one is cut with an ellipsis."""
        super().__init__(id=id)
        self.bars = tuple(bars)
        self.label_width = label_width
        self._details: tuple[int, list[list[Content]]] = (-1, [])

    def render(self) -> Content:
        width = self.content_size.width
        styles = {
            "filled": self.get_visual_style("fit-bar--filled"),
            "below": self.get_visual_style("fit-bar--interval"),
            "above": self.get_visual_style("fit-bar--interval"),
            "empty": self.get_visual_style("fit-bar--empty"),
        }
        lines: list[Content] = []
        for bar, detail in zip(self.bars, self._detail_lines(width), strict=True):
            lines.append(self._bar_line(bar, width, styles))
            lines.extend(detail)
        return Content("\n").join(lines)

    def _bar_line(self, bar: Bar, width: int, styles: dict[str, VisualStyle]) -> Content:
        number = f"{bar.figure:>3}"
        bar_width = max(4, width - self.label_width - len(number) - 2)
        runs = bar_segments(bar, bar_width)
        label = bar.label
        if len(label) > self.label_width:  # cut, and say so
            label = label[: self.label_width - 1] + "…"
        return Content.assemble(
            (f"{label:<{self.label_width}} ", "bold"),
            *((BAR_GLYPHS[kind] * cells, styles[kind]) for kind, cells in runs),
            f" {number}",
        )

    def _detail_lines(self, width: int) -> list[list[Content]]:
        """Each bar's detail wrapped at `width` (muted, indented), once per width: the
        layout and every redraw ask."""
        if self._details[0] != width:
            self._details = (width, [self._detail(bar, width) for bar in self.bars])
        return self._details[1]

    @staticmethod
    def _detail(bar: Bar, width: int) -> list[Content]:
        if not bar.detail:
            return []
        return detail_lines(Content.styled(bar.detail, "$text-muted"), width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not width:
            return len(self.bars)
        return sum(1 + len(detail) for detail in self._detail_lines(width))
