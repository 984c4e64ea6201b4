"""The question screen's first line: the position, a bar filled to the share done, a figure."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult

from skillcheck.ui.widgets.question_head import BAR, HALF_BAR, TO_DO, QuestionHead, bar_cells


@pytest.mark.parametrize(
    ("fraction", "width", "cells"),
    [(0.0, 10, (0, False)), (0.5, 10, (5, False)), (0.55, 10, (5, True)), (1.0, 10, (10, False))],
)
def test_the_bar_fills_whole_cells_then_a_half(
    fraction: float, width: int, cells: tuple[int, bool]
) -> None:
    assert bar_cells(fraction, width) == cells


class Head(App[None]):
    def compose(self) -> ComposeResult:
        yield QuestionHead()


async def test_the_line_fits_the_width_and_says_the_share_done() -> None:
    app = Head()
    async with app.run_test(size=(40, 3)) as pilot:
        head = app.query_one(QuestionHead)
        head.show("Question 3 of 8", 2, 8)
        await pilot.pause()
        line = head.render().plain
        assert len(line) == 40
        assert line.startswith("Question 3 of 8  ") and line.endswith("  25%")
        bar = line[len("Question 3 of 8  ") : -5]
        assert len(bar) == 40 - 17 - 5
        # Done, then to do, in glyphs that differ without colour: 2 of 8 of 18 cells.
        assert bar == BAR * 4 + HALF_BAR + TO_DO * 13
        spans = head.render().spans  # the position, the cells done and the rest apart
        assert len({span.style for span in spans}) >= 3


async def test_showing_the_same_thing_again_draws_nothing() -> None:
    app = Head()
    async with app.run_test(size=(40, 3)) as pilot:
        head = app.query_one(QuestionHead)
        head.show("Question 1 of 4", 0, 4)
        await pilot.pause()
        drawn: list[bool] = []
        head.refresh = lambda *args, **kwargs: drawn.append(True) or head  # type: ignore[method-assign]
        head.show("Question 1 of 4", 0, 4)
        assert drawn == []
        head.show("Question 2 of 4", 1, 4)
        assert drawn == [True]
