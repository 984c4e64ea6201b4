"""The results screen and `skillcheck show` of the same results say the same things.

Both views lay out what `domain.wording` says; this test renders both from one
finished assessment and checks that every sentence of the wording is in each of them,
word for word.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from pilot_moves import SIZE, UI_BANK_DIR, MakeApp, answer
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from skillcheck.cli import main
from skillcheck.domain.models import Bank
from skillcheck.domain.results_text import Phrase
from skillcheck.domain.wording import describe
from skillcheck.store.results import load_results
from skillcheck.ui.screens.question import QuestionScreen
from skillcheck.ui.screens.results import ResultsScreen
from skillcheck.ui.widgets.section_box import SectionBox

#: Quick mode on the UI bank (8 questions): some right, some wrong, a lean.
ANSWERS = ["3", "2", "1", "4", "1", "2", "2", "3"]


def sentences(words: object) -> list[str]:
    """Every piece of text in the wording, each phrase whole, in reading order."""
    if isinstance(words, str):
        return [words] if words else []
    if isinstance(words, Phrase):
        return [words.text]
    if isinstance(words, tuple):
        return [text for item in words for text in sentences(item)]
    if dataclasses.is_dataclass(words):
        return [
            text
            for field in dataclasses.fields(words)
            for text in sentences(getattr(words, field.name))
        ]
    return []  # numbers, flags, None


def screen_text(screen: Screen[None]) -> str:
    """The text of every Static and bar on the screen, and every section's title."""
    texts = []
    for widget in screen.query(Widget):
        if widget.border_title:
            texts.append(str(widget.border_title))
        if isinstance(widget, Static | SectionBox):
            texts.append(str(widget.render()))
    return "\n".join(texts)


def normalized(text: str) -> str:
    """Whitespace as one space: the views wrap and indent as their width allows."""
    return re.sub(r"\s+", " ", text)


async def test_the_screen_and_show_say_the_same(
    app_for: MakeApp, ui_bank: Bank, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output = tmp_path / "results.toml"
    app = app_for(ui_bank, output=output)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # Quick: as many questions as the engine asks
        step = 0
        while isinstance(app.screen, QuestionScreen):
            question = app.screen.session.current(ui_bank)
            digit = min(int(ANSWERS[step % len(ANSWERS)]), len(question.options))
            await answer(pilot, str(digit))
            step += 1
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        on_screen = normalized(screen_text(app.screen))

    assert main(["--bank", str(UI_BANK_DIR), "show", str(output)]) == 0
    shown = normalized(capsys.readouterr().out)

    words = describe(load_results(output), ui_bank)
    expected = [normalized(text) for text in sentences(words)]
    assert len(expected) > 40  # every part of the wording is there to compare
    assert [text for text in expected if text not in on_screen] == []
    assert [text for text in expected if text not in shown] == []
    # The sentence the two views used to disagree on.
    assert f"you answered {step} of {step}" in words.headline.text


def test_an_entry_list_hangs_each_detail_under_its_heading_at_any_width() -> None:
    from skillcheck.ui.results_view import Entry
    from skillcheck.ui.widgets.section_box import DETAIL_INDENT, entry_lines

    entries = [
        Entry(Content("First heading"), Content("a detail long enough to wrap twice or more")),
        Entry(Content("Second heading")),
    ]
    for width in (20, 30, 80):
        lines = [line.plain for line in entry_lines(entries, width)]
        assert all(len(line) <= width for line in lines)
        blank = lines.index("")
        assert lines[0] == "First heading" and lines[blank + 1] == "Second heading"
        details = lines[1:blank]
        assert details and all(line.startswith(" " * DETAIL_INDENT) for line in details)
        assert normalized(" ".join(details)).strip() == "a detail long enough to wrap twice or more"
