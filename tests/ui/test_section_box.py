"""A results section drawn as one widget: its parts in order, wrapped, in the theme's colours."""

from __future__ import annotations

import re
from collections.abc import Sequence

from textual.app import App, ComposeResult
from textual.color import Color
from textual.content import Content
from textual.widgets import Static

from skillcheck.domain.results_text import Bar
from skillcheck.ui.results_view import MUTED, Entry
from skillcheck.ui.widgets.section_box import Bars, Entries, Part, SectionBox, Text


class OneSection(App[None]):
    def __init__(self, parts: Sequence[Part]) -> None:
        super().__init__()
        self.parts = parts

    def compose(self) -> ComposeResult:
        yield SectionBox("A section", self.parts)


def lines_of(widget: SectionBox) -> list[str]:
    return str(widget.render()).splitlines()


async def test_each_bar_is_as_tall_as_its_wrapped_detail() -> None:
    detail = "self-rated 2.0, tested 0.3 " * 3
    bars = (Bar("Plain", 40, "40"), Bar("Detailed", 40, "40", detail=detail), Bar("Last", 9, "9"))
    app = OneSection([Bars(bars, label_width=10)])
    async with app.run_test(size=(40, 12)):
        widget = app.query_one(SectionBox)
        rendered = lines_of(widget)
        assert widget.size.height == len(rendered) > 4  # three bars, a detail of 2+ lines
        assert rendered[0].startswith("Plain ") and rendered[-1].startswith("Last ")
        details = rendered[2:-1]
        assert details and all(line.startswith("  ") for line in details)
        assert re.sub(r"\s+", " ", " ".join(details)).strip() == detail.strip()
        assert all(len(line) <= 40 for line in rendered)
        assert widget.bars == bars


async def test_parts_follow_in_order_with_a_blank_line_only_where_a_gap_is_asked() -> None:
    parts: list[Part] = [
        Text(Content("Heading")),
        Entries((Entry(Content("First"), Content("its detail")), Entry(Content("Second")))),
        Text(Content("A note after a gap"), gap=True),
        Text(Content("straight after it")),
    ]
    app = OneSection(parts)
    async with app.run_test(size=(30, 12)):
        widget = app.query_one(SectionBox)
        assert lines_of(widget) == [
            "Heading",
            "First",
            "  its detail",
            "",
            "Second",
            "",
            "A note after a gap",
            "straight after it",
        ]
        assert widget.size.height == 8
        assert widget.bars == ()


async def test_a_section_rewraps_when_its_width_changes() -> None:
    words = "word " * 30
    app = OneSection([Text(Content(words.strip()))])
    async with app.run_test(size=(40, 12)) as pilot:
        widget = app.query_one(SectionBox)
        wide = widget.size.height
        await pilot.resize_terminal(20, 12)
        await pilot.pause()
        assert widget.size.height > wide
        assert all(len(line) <= 20 for line in lines_of(widget))


def brightness(color: Color) -> float:
    return color.brightness


async def test_muted_text_is_dimmer_than_the_text_around_it() -> None:
    """`$text-muted` in a Content came out pure white; MUTED must recede."""

    class Texts(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(Content("plain"), id="plain")
            yield Static(Content.styled("muted", MUTED), id="muted")

    app = Texts()
    async with app.run_test(size=(20, 4)):
        colours = {}
        for name in ("plain", "muted"):
            strip = app.query_one(f"#{name}", Static).render_line(0)
            segment = next(s for s in strip if s.text.strip())
            assert segment.style is not None and segment.style.color is not None
            colours[name] = Color.from_rich_color(segment.style.color)
        assert brightness(colours["muted"]) < brightness(colours["plain"])


async def test_bars_take_the_new_theme_colours() -> None:
    app = OneSection([Bars((Bar("Fit", 100, "100"),), label_width=6)])
    async with app.run_test(size=(30, 6)) as pilot:
        widget = app.query_one(SectionBox)

        def filled_colour() -> object:
            strip = widget.render_line(0)
            segment = next(s for s in strip if "█" in s.text)
            assert segment.style is not None
            return segment.style.color

        before = filled_colour()
        app.theme = "nord"  # its accent differs from the default theme's
        await pilot.pause()
        assert filled_colour() != before
