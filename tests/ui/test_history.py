"""Progress over time in the app: each finished run is kept, the results show what
changed since an earlier one, and the history view opens any kept result read-only."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from pilot_moves import SIZE, AppPilot, MakeApp, answer_all, app_of
from textual.widgets import Static

from skillcheck.domain.models import Answers, Bank
from skillcheck.domain.scoring import score
from skillcheck.store.history import history_files, keep_results
from skillcheck.ui.screens.history import HistoryScreen, KeptList
from skillcheck.ui.screens.results import KeptResultsScreen, ResultsScreen
from skillcheck.ui.widgets.section_box import SectionBox

EARLIER = datetime(2026, 1, 2, 10, 0, 0)


def keep_an_earlier_result(bank: Bank) -> Path:
    """A result kept before the run under test: few answers, low fits."""
    results = score(bank, Answers(values={"programming-rate": 0, "programming-q1": "a"}))
    return keep_results(results, now=EARLIER)


async def finish_a_run(pilot: AppPilot) -> None:
    await pilot.press("enter")  # quick mode
    await answer_all(pilot, "2")
    assert isinstance(pilot.app.screen, ResultsScreen)


def texts(pilot: AppPilot, selector: str) -> str:
    """The text of the widgets `selector` picks (a Static, or a results section)."""
    widgets = pilot.app.screen.query(selector).results()
    return "\n".join(str(w.render()) for w in widgets if isinstance(w, Static | SectionBox))


async def test_a_first_run_is_kept_and_shows_no_progress(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await finish_a_run(pilot)
        assert not app.screen.query("#progress-section")
        assert len(history_files()) == 1


async def test_the_results_show_the_progress_since_the_earlier_result(
    app_for: MakeApp, ui_bank: Bank
) -> None:
    earlier = keep_an_earlier_result(ui_bank)
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await finish_a_run(pilot)
        section = app.screen.query_one("#progress-section")
        assert str(section.border_title) == "Progress since 2026-01-02 10:00"
        shown = texts(pilot, "#progress-section")
        assert "AI Engineer: was " in shown and "Gaps closed: " in shown
        files = history_files()
        assert files[0] == earlier and len(files) == 2
        # Changing answers and finishing again rewrites this run's file, not a new one.
        await pilot.press("b")
        await answer_all(pilot, "3")
        assert history_files() == files
        assert app_of(pilot).kept_path == files[1]


async def test_the_history_view_opens_a_kept_result_read_only(
    app_for: MakeApp, ui_bank: Bank
) -> None:
    keep_an_earlier_result(ui_bank)
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await finish_a_run(pilot)
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        options = app.screen.query_one(KeptList)
        assert options.option_count == 2
        assert str(options.get_option_at_index(1).prompt).startswith("2026-01-02 10:00 · ")
        await pilot.press("down", "enter")  # the earlier one
        assert isinstance(app.screen, KeptResultsScreen)
        assert "Kept on 2026-01-02 10:00; shown read-only." in texts(pilot, "#results-title")
        assert not app.screen.query("#progress-section")  # nothing kept before it
        assert app.screen.results.answered == 2
        await pilot.press("ctrl+s")  # read-only: no save dialog
        assert isinstance(app.screen, KeptResultsScreen)
        await pilot.press("b")
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("up", "enter")  # this run: with the progress since the earlier
        assert isinstance(app.screen, KeptResultsScreen)
        assert app.screen.query("#progress-section")
        await pilot.press("b", "b")
        assert type(app.screen) is ResultsScreen
