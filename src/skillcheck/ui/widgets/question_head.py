"""The question screen's first line: `Question 3 of up to 14`, a progress bar, `21%`.

One widget draws the line. It was five (a row holding the position, and Textual's
ProgressBar with its bar and percentage), each styled and laid out on its own: a
fifth of the CPU of drawing the first question, which a whole room does at once. It has
no timer (Textual's ProgressBar woke every second to refresh a hidden time estimate);
it is drawn again only when `show` changes what it says.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.widget import Widget

#: The glyphs of the bar: done, a half cell done, to do (a lighter line, so the bar
#: still reads without colour, NO_COLOR).
BAR, HALF_BAR, TO_DO = "━", "╸", "─"
#: Cells between the position and the bar, and the percentage's width (`100%` and a space).
GAP, PERCENT_WIDTH = 2, 5


def bar_cells(fraction: float, width: int) -> tuple[int, bool]:
    """How many of `width` cells `fraction` (0..1) fills, and whether a half cell follows."""
    exact = max(0.0, min(1.0, fraction)) * width
    whole = int(exact)
    return whole, whole < width and exact - whole >= 0.5


class QuestionHead(Widget):
    """Where the candidate is: the position in bold, the share done as a bar and a figure."""

    DEFAULT_CSS = """
    QuestionHead {
        height: 1;
    }
    QuestionHead > .question-head--done {
        color: $primary;
    }
    QuestionHead > .question-head--to-do {
        color: $surface;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"question-head--done", "question-head--to-do"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.position = ""
        self.fraction = 0.0

    def show(self, position: str, done: int, total: int) -> None:
        """Say `position` with `done` of `total` steps done; redrawn only on a change."""
        fraction = done / total if total else 0.0
        if (position, fraction) != (self.position, self.fraction):
            self.position, self.fraction = position, fraction
            self.refresh()

    def render(self) -> Content:
        width = self.content_size.width
        bar_width = max(0, width - len(self.position) - GAP - PERCENT_WIDTH)
        whole, half = bar_cells(self.fraction, bar_width)
        percent = f"{round(self.fraction * 100)}%".rjust(PERCENT_WIDTH)
        done = self.get_visual_style("question-head--done")
        to_do = self.get_visual_style("question-head--to-do")
        return Content.assemble(
            (self.position, "bold"),
            " " * GAP,
            (BAR * whole + (HALF_BAR if half else ""), done),
            (TO_DO * (bar_width - whole - half), to_do),
            percent,
        )
