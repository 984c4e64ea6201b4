"""The team dashboard (`skillcheck report DIR` on a terminal), driven with a Pilot."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pilot_moves import SIZE
from textual.widgets import DataTable, Input

from skillcheck.domain.models import Bank
from skillcheck.reports.team import CandidateRow, collect_team
from skillcheck.ui.screens.team import CandidateResultsScreen, TeamScreen
from skillcheck.ui.team import TeamApp, make_team_app
from team_folders import TEAM, served_team

SnapCompare = Callable[..., bool]
STRONG, WEAK, OLD, ANSWERING, BROKEN, NEW = TEAM


@pytest.fixture
def team(tmp_path: Path, ui_bank: Bank) -> list[CandidateRow]:
    return collect_team(served_team(tmp_path / "served", ui_bank))


@pytest.fixture
def team_app(team: list[CandidateRow], ui_bank: Bank, work_dir: Path) -> TeamApp:
    return make_team_app(team, ui_bank, work_dir=work_dir)


def team_screen(app: TeamApp) -> TeamScreen:
    screen = app.screen
    assert isinstance(screen, TeamScreen), f"on {type(screen).__name__}"
    return screen


def shown_ids(app: TeamApp) -> list[str]:
    """The candidates in the table, top to bottom, as the table holds them."""
    table = team_screen(app).query_one(DataTable)
    return [str(key.value) for key in table.rows]


async def test_every_candidate_is_listed_and_the_broken_one_is_named(team_app: TeamApp) -> None:
    async with team_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown_ids(team_app) == [BROKEN, ANSWERING, OLD, WEAK, STRONG, NEW]
        table = team_screen(team_app).query_one(DataTable)
        broken = [str(cell) for cell in table.get_row(BROKEN)]
        assert broken[1] == "broken"
        assert "results.toml:" in broken[5] and "not valid TOML" in broken[5]
        # An old file shows the fit alone; a schema-3 one its interval too.
        assert [str(c) for c in table.get_row(OLD)][3].isdigit()
        assert "(" in str(table.get_row(WEAK)[3])


async def test_enter_opens_a_candidate_read_only_and_escape_or_b_go_back(
    team_app: TeamApp, team: list[CandidateRow]
) -> None:
    async with team_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "enter")  # the strong candidate
        screen = team_app.screen
        assert isinstance(screen, CandidateResultsScreen)
        strong = next(row for row in team if row.candidate_id == STRONG)
        assert screen.results is strong.results
        # Read-only: nothing saves or goes back to questions.
        actions = {b.action for b in screen._bindings.key_to_bindings.get("ctrl+s", [])}
        assert not actions
        await pilot.press("escape")
        assert isinstance(team_app.screen, TeamScreen)
        assert shown_ids(team_app)[team_screen(team_app).query_one(DataTable).cursor_row] == STRONG
        await pilot.press("enter")
        assert isinstance(team_app.screen, CandidateResultsScreen)
        await pilot.press("b")
        assert isinstance(team_app.screen, TeamScreen)


async def test_a_candidate_without_results_is_not_opened(team_app: TeamApp) -> None:
    async with team_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the broken file
        assert isinstance(team_app.screen, TeamScreen)
        await pilot.press("down", "enter")  # still answering
        assert isinstance(team_app.screen, TeamScreen)
        assert any("no results yet" in str(n.message) for n in team_app._notifications)


async def test_sorting_cycles_the_columns_and_reverses(team_app: TeamApp) -> None:
    async with team_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = team_screen(team_app)
        await pilot.press("s")  # candidate id, A to Z
        assert shown_ids(team_app) == sorted(TEAM)
        await pilot.press("r")
        assert shown_ids(team_app) == sorted(TEAM, reverse=True)
        await pilot.press("s", "s", "s")  # status, answers, then the first role's fit
        assert screen.sort_column is not None and screen.sort_column.key == "ai-engineer"
        # Best fit first; the old file and the weak one tie; no fit goes last.
        ids = shown_ids(team_app)
        assert ids[0] == STRONG and set(ids[1:3]) == {WEAK, OLD}
        assert set(ids[3:]) == {BROKEN, ANSWERING, NEW}
        await pilot.press("r")
        assert shown_ids(team_app)[2] == STRONG


async def test_clicking_a_heading_sorts_by_it(team_app: TeamApp) -> None:
    async with team_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        table = team_screen(team_app).query_one(DataTable)
        table.post_message(
            DataTable.HeaderSelected(
                table, table.columns["status"].key, 1, table.columns["status"].label
            )
        )
        await pilot.pause()
        statuses = [str(table.get_row(cid)[1]) for cid in shown_ids(team_app)]
        assert statuses == sorted(statuses)


async def test_the_filters_change_the_rows(team_app: TeamApp) -> None:
    async with team_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        assert sorted(shown_ids(team_app)) == sorted([STRONG, WEAK, OLD])
        await pilot.press("f")
        assert sorted(shown_ids(team_app)) == sorted([ANSWERING, NEW])
        await pilot.press("f")
        assert len(shown_ids(team_app)) == len(TEAM)
        await pilot.press("slash", *"cccc")
        assert isinstance(team_app.focused, Input)
        assert shown_ids(team_app) == [WEAK]
        await pilot.press(*["backspace"] * 4, *"mlops", "enter")
        assert sorted(shown_ids(team_app)) == sorted([WEAK, OLD])  # a gap of both
        assert isinstance(team_app.focused, DataTable)
        await pilot.press("enter")
        assert isinstance(team_app.screen, CandidateResultsScreen)


async def test_the_palette_lists_the_dashboards_commands(team_app: TeamApp) -> None:
    async with team_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        titles = {c.title for c in team_app.get_system_commands(team_app.screen)}
        assert {c.title for c in TeamScreen.OFFERED_COMMANDS} <= titles
        assert "Restart" not in titles  # nothing to restart
        await pilot.press("down", "down", "down", "down", "enter")
        titles = {c.title for c in team_app.get_system_commands(team_app.screen)}
        assert "Back to the candidates" in titles
        assert "Save results (TOML)" not in titles and "Change answers" not in titles


def test_dashboard(snap_compare: SnapCompare, team: list[CandidateRow], ui_bank: Bank) -> None:
    # Times are shown in UTC and fixed by the fixture: the picture never varies.
    assert snap_compare(make_team_app(team, ui_bank), terminal_size=SIZE)


def test_dashboard_with_a_position(
    snap_compare: SnapCompare, tmp_path: Path, ui_bank: Bank
) -> None:
    from skillcheck.reports.position_fit import PositionNeeds
    from skillcheck.reports.team import Ranking

    position = PositionNeeds("Platform ML", {"mlops": (3, 3), "programming": (1, 2)})
    rows = collect_team(served_team(tmp_path / "served", ui_bank), Ranking(position, ui_bank))
    assert snap_compare(make_team_app(rows, ui_bank, position.name), terminal_size=SIZE)


async def test_each_dashboard_screen_binds_its_commands_and_shows_them_in_the_footer(
    team_app: TeamApp,
) -> None:
    async with team_app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for keys in ([], ["down", "down", "down", "down", "enter"]):
            await pilot.press(*keys)
            screen = team_app.screen
            offered = screen.OFFERED_COMMANDS  # type: ignore[attr-defined]
            by_key = screen._bindings.key_to_bindings
            for command in offered:
                for key in command.keys:
                    assert [b.action for b in by_key.get(key, [])] == [command.action], key
            shown = {
                b.binding.description for b in screen.active_bindings.values() if b.binding.show
            }
            assert shown == {c.footer for c in offered if c.footer}
            assert len(shown) <= 6
