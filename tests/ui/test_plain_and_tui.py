"""One autosave for both: start in plain mode and resume in the TUI, and the reverse."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pilot_moves import SIZE, UI_BANK_DIR, MakeApp, answer, highlighted, question_screen, session_of
from textual.widgets import OptionList

from skillcheck.domain.models import Bank
from skillcheck.domain.question_text import answer_value
from skillcheck.options import TuiOptions
from skillcheck.plain import run_plain
from skillcheck.ui.screens.results import ResultsScreen


def plain(*lines: str, **options: object) -> str:
    stdin = io.StringIO("".join(f"{line}\n" for line in lines))
    stdout = io.StringIO()
    settings = {"bank_dir": UI_BANK_DIR, **options}
    assert run_plain(TuiOptions(**settings), stdin=stdin, stdout=stdout) == 0  # type: ignore[arg-type]
    return stdout.getvalue()


async def test_started_in_plain_mode_resumed_in_the_tui(app_for: MakeApp, ui_bank: Bank) -> None:
    out = plain("1", "3", "2", "s", "1", "q")
    assert "Saved: 3 of " in out
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # Resume is offered first
        session = session_of(pilot)
        ids = session.question_ids
        assert session.answers == {
            ids[0]: answer_value(ui_bank.question_by_id[ids[0]], 2),
            ids[1]: answer_value(ui_bank.question_by_id[ids[1]], 1),
            ids[3]: answer_value(ui_bank.question_by_id[ids[3]], 0),
        }
        assert session.position == 2  # the skipped one is the first unanswered
        await pilot.press("b")
        assert highlighted(pilot) == 1  # plain mode's answer 2, picked on the screen
        assert "Question 2 of" in str(question_screen(pilot).query_one("#question-head").render())


async def test_started_in_the_tui_resumed_in_plain_mode(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # Quick
        await answer(pilot, "2", "1")
        ids = list(session_of(pilot).question_ids)
        await pilot.press("q")
    out = plain("r", "b", "q")
    assert "r, Resume your quick session: 2 of " in out
    assert "Resuming your quick session at question 3." in out
    # Back from question 3 shows question 2 with the answer given in the TUI.
    question_2 = out.split("Question 2 of ")[1]
    assert ui_bank.question_by_id[ids[1]].prompt in question_2
    assert "(your answer: 1)" in question_2


async def test_a_run_finished_in_plain_mode_is_not_offered_to_resume(
    app_for: MakeApp, ui_bank: Bank, data_dir: Path
) -> None:
    out = plain("1", *["1"] * 40)
    assert "Your results follow." in out
    app = app_for(ui_bank, mode="quick")
    async with app.run_test(size=SIZE) as pilot:
        assert session_of(pilot).answers == {}  # a new run: the finished one is kept aside
        assert not isinstance(app.screen, ResultsScreen)
    (kept,) = data_dir.glob("session.backup-*.toml")
    assert 'state = "completed"' in kept.read_text(encoding="utf-8")


async def test_plain_mode_and_the_tui_say_how_long_each_mode_takes_alike(
    app_for: MakeApp, ui_bank: Bank
) -> None:
    out = plain("q")
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        modes = app.screen.query_one("#modes", OptionList)
        shown = [str(modes.get_option_at_index(i).prompt) for i in range(modes.option_count)]
    # Each time the TUI shows ("about 6 min") is in plain mode's line for the same mode.
    for index, name in ((0, "Quick"), (1, "Full")):
        minutes = re.search(r"about \d+ min", shown[index])
        assert minutes is not None, shown
        line = next(line for line in out.splitlines() if line.startswith(f"{index + 1}, {name}: "))
        assert f", {minutes.group()}, " in line
