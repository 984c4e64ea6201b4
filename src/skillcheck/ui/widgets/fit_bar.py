"""A labelled horizontal bar for a 0..100 figure: `AI Engineer  ████▓▓▒▒░░  62 (55-70)`.

The interval, when there is one, is shaded around the figure (`results_text.bar_segments`,
the same runs the command line's report draws).
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from skillcheck.domain.results_text import BAR_GLYPHS, Bar, bar_segments
from skillcheck.ui.widgets.entry_list import DETAIL_INDENT


class FitBar(Widget):
    """A role's fit (or any 0..100 figure) drawn as a bar with its label and number.

    The bar uses glyphs as well as colour, so it still reads in 16 colours and
    with NO_COLOR.
    """

    DEFAULT_CSS = """
    FitBar {
        height: 1;
        width: 1fr;
    }
    FitBar.-with-detail {
        height: auto;
    }
    FitBar > .fit-bar--filled {
        color: $accent;
    }
    FitBar > .fit-bar--empty {
        color: $foreground-darken-3;
    }
    FitBar > .fit-bar--interval {
        color: $accent-darken-1;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "fit-bar--filled",
        "fit-bar--interval",
        "fit-bar--empty",
    }

    value: reactive[float] = reactive(0.0)

    def __init__(
        self,
        label: str,
        value: float,
        *,
        label_width: int = 12,
        figure: str | None = None,
        low: float | None = None,
        high: float | None = None,
        detail: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.detail = detail
        """A muted line (or more) under the bar, indented; drawn by this widget, not another."""
        # Not yet mounted: no styles to update (updating them here cost more than the bar).
        self.set_class(detail is not None, "-with-detail", update=False)
        self._wrapped: tuple[int, list[Content]] = (0, [])
        self.label = label
        self.label_width = label_width
        self.figure = figure
        """The number shown after the bar (default: the value, a whole number)."""
        self.low = low
        self.high = high
        """The interval around the value (0..100), shaded on the bar; None: none known."""
        self.set_reactive(FitBar.value, value)

    def render(self) -> Content:
        value = max(0.0, min(100.0, self.value))
        number = f"{value:3.0f}" if self.figure is None else f"{self.figure:>3}"
        bar_width = max(4, self.content_size.width - self.label_width - len(number) - 2)
        styles = {
            "filled": self.get_visual_style("fit-bar--filled"),
            "below": self.get_visual_style("fit-bar--interval"),
            "above": self.get_visual_style("fit-bar--interval"),
            "empty": self.get_visual_style("fit-bar--empty"),
        }
        runs = bar_segments(Bar("", value, "", low=self.low, high=self.high), bar_width)
        label = self.label
        if len(label) > self.label_width:  # cut, and say so
            label = label[: self.label_width - 1] + "…"
        bar = Content.assemble(
            (f"{label:<{self.label_width}} ", "bold"),
            *((BAR_GLYPHS[kind] * cells, styles[kind]) for kind, cells in runs),
            f" {number}",
        )
        return Content("\n").join([bar, *self._detail_lines(self.content_size.width)])

    def _detail_lines(self, width: int) -> list[Content]:
        """The detail wrapped at `width`, once per width (layout and every redraw ask)."""
        if self.detail is None:
            return []
        if self._wrapped[0] != width:
            text = Content.styled(self.detail, "$text-muted")
            inner = max(1, width - DETAIL_INDENT)
            self._wrapped = (width, [line.pad_left(DETAIL_INDENT) for line in text.wrap(inner)])
        return self._wrapped[1]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1 + len(self._detail_lines(width)) if width else 1
