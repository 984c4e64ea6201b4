"""The results screen as it appears: styled once per widget, in columns by width, scrolled by keys.

Drawing the results is the costliest moment of a served session, and Textual restyles
every widget under a node whose classes or focus change. These tests keep the screen
from paying for that again: each widget is styled as it mounts and once as the screen
shows, never more.
"""

from __future__ import annotations

import collections
from typing import Any

import pytest
from pilot_moves import MakeApp, answer
from textual.containers import Vertical
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.widget import Widget

from skillcheck.domain.models import Bank
from skillcheck.ui.app import SkillcheckApp
from skillcheck.ui.screens.question import QuestionScreen
from skillcheck.ui.screens.results import ResultsScreen, ResultsScroll
from skillcheck.ui.widgets.section_box import SectionBox


async def finish_quick_run(app: SkillcheckApp, pilot: Any) -> None:
    await pilot.press("enter")  # Quick
    while isinstance(app.screen, QuestionScreen):
        await answer(pilot, "1")
    await pilot.pause()
    assert isinstance(app.screen, ResultsScreen)


@pytest.mark.parametrize("size", [(80, 24), (130, 40)])
async def test_each_widget_is_styled_at_most_twice_as_the_results_show(
    app_for: MakeApp, ui_bank: Bank, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    styled: collections.Counter[int] = collections.Counter()
    apply = Stylesheet.apply

    def counted(self: Stylesheet, node: DOMNode, **options: Any) -> None:
        if isinstance(node, Widget):
            styled[id(node)] += 1
        apply(self, node, **options)

    monkeypatch.setattr(Stylesheet, "apply", counted)
    app = app_for(ui_bank)
    async with app.run_test(size=size) as pilot:
        await pilot.press("enter")  # Quick
        while isinstance(app.screen, QuestionScreen):
            styled.clear()  # what is left is what the last answer, the results, styled
            await answer(pilot, "1")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        widgets = list(app.screen.query(Widget))
        # A widget per section, whatever it holds: the title, the scrolling column, the
        # columns and their two halves, seven sections (no progress on a first run), keys.
        sections = list(app.screen.query(SectionBox))
        assert len(sections) == 7 and len(widgets) == 13
        # As each mounts, then once more as the screen shows (Textual's ScreenResume);
        # the scrolling column once more as it takes the focus. Before, the width's
        # class, the columns' order rule and the focus each restyled all of them again.
        scroll = app.screen.query_one(ResultsScroll)
        assert styled[id(scroll)] == 3
        assert {w: styled[id(w)] for w in widgets if w is not scroll and styled[id(w)] > 2} == {}


@pytest.mark.parametrize(("width", "side_by_side"), [(80, False), (109, False), (110, True)])
async def test_the_columns_stand_side_by_side_from_110_columns(
    app_for: MakeApp, ui_bank: Bank, width: int, side_by_side: bool
) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=(width, 40)) as pilot:
        await finish_quick_run(app, pilot)
        screen = app.screen
        assert screen.has_class("-wide") is side_by_side
        assert screen.has_class("-narrow") is not side_by_side
        left, right = screen.query(".column").results(Vertical)
        assert left.id == "column-left"
        if side_by_side:
            assert left.region.y == right.region.y and left.region.right < right.region.x
        else:
            assert left.region.bottom <= right.region.y


async def test_the_keys_scroll_the_results(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_quick_run(app, pilot)
        scroll = app.screen.query_one(ResultsScroll)
        assert scroll.has_focus and scroll.has_pseudo_class("focus")
        assert scroll.max_scroll_y > 0
        await pilot.press("down", "down", "down")
        await pilot.pause()
        assert scroll.scroll_y == 3
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y
