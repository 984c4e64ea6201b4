"""Export: Ctrl+S on the results, overwrite confirm, unwritable paths, the picture, served."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pilot_moves import SIZE, AppPilot, MakeApp, answer_all
from textual.widgets import Input

from skillcheck.domain.models import Bank
from skillcheck.ui.app import SkillcheckApp
from skillcheck.ui.commands import SAVE_PICTURE, SAVE_RESULTS
from skillcheck.ui.palette import PICTURE_FILE, RESULTS_FILE
from skillcheck.ui.screens.confirm_dialog import ConfirmDialog
from skillcheck.ui.screens.results import ResultsScreen
from skillcheck.ui.screens.save_dialog import SaveDialog
from skillcheck.ui.screens.welcome import WelcomeScreen


async def finish_quick(pilot: AppPilot) -> None:
    await pilot.press("enter")
    await answer_all(pilot, "2")
    assert isinstance(pilot.app.screen, ResultsScreen)


def path_field(pilot: AppPilot) -> Input:
    assert isinstance(pilot.app.screen, SaveDialog), type(pilot.app.screen).__name__
    return pilot.app.screen.query_one("#save-path", Input)


def titles(app: SkillcheckApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


@pytest.mark.slow
async def test_ctrl_s_saves_the_results(app_for: MakeApp, ui_bank: Bank, work_dir: Path) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await finish_quick(pilot)
        await pilot.press("ctrl+s")
        assert path_field(pilot).value == RESULTS_FILE
        await pilot.press("enter")
        assert isinstance(app.screen, ResultsScreen)
        assert any(n.title == "Results saved" for n in app._notifications)
        assert app.results is not None
        answered = app.results.answered
    saved = tomllib.loads((work_dir / RESULTS_FILE).read_text(encoding="utf-8"))
    assert saved["answered"] == answered


@pytest.mark.slow
async def test_overwrite_asks_first(app_for: MakeApp, ui_bank: Bank, work_dir: Path) -> None:
    target = work_dir / RESULTS_FILE
    target.write_text("keep me", encoding="utf-8")
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await finish_quick(pilot)
        await pilot.press("ctrl+s", "enter")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        assert isinstance(app.screen, SaveDialog)  # back to the path, nothing written
        assert target.read_text(encoding="utf-8") == "keep me"
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        assert isinstance(app.screen, ResultsScreen)
    assert "[roles" in target.read_text(encoding="utf-8")


@pytest.mark.slow
async def test_unwritable_path_keeps_the_dialog_and_the_results(
    app_for: MakeApp, ui_bank: Bank, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await finish_quick(pilot)
        results = app.results
        await pilot.press("ctrl+s")
        path_field(pilot).value = str(blocker / "results.toml")
        await pilot.press("enter")
        assert isinstance(app.screen, SaveDialog)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "a-file" in errors[-1].message
        assert app.results is results
        path_field(pilot).value = str(tmp_path / "fine.toml")  # another path works
        await pilot.press("enter")
        assert isinstance(app.screen, ResultsScreen)
    assert (tmp_path / "fine.toml").exists()


@pytest.mark.slow
async def test_escape_and_cancel_close_without_saving(
    app_for: MakeApp, ui_bank: Bank, work_dir: Path
) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await finish_quick(pilot)
        await pilot.press("ctrl+s", "escape")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("ctrl+s")
        await pilot.click("#cancel")
        assert isinstance(app.screen, ResultsScreen)
    assert not (work_dir / RESULTS_FILE).exists()


@pytest.mark.slow
async def test_export_picture_writes_an_svg(
    app_for: MakeApp, ui_bank: Bank, work_dir: Path
) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await finish_quick(pilot)
        app.action_export_picture()
        await pilot.pause()
        assert path_field(pilot).value == PICTURE_FILE
        await pilot.press("enter")
    picture = (work_dir / PICTURE_FILE).read_text(encoding="utf-8")
    assert picture.startswith("<svg") and "Your results" in picture.replace("&#160;", " ")


@pytest.mark.slow
async def test_save_results_is_offered_only_with_results(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        assert SAVE_RESULTS.title not in titles(app)  # nothing to save yet
        await pilot.press("ctrl+s")
        assert not isinstance(app.screen, SaveDialog)
        await answer_all(pilot, "2")
        assert SAVE_RESULTS.title in titles(app)


@pytest.mark.slow
async def test_served_mode_writes_no_files(app_for: MakeApp, ui_bank: Bank, work_dir: Path) -> None:
    app = app_for(ui_bank, served=True)
    async with app.run_test(size=SIZE) as pilot:
        await finish_quick(pilot)
        listed = titles(app)
        assert SAVE_RESULTS.title not in listed and SAVE_PICTURE.title not in listed
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ResultsScreen)
        app.action_export_picture()
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
    assert list(work_dir.iterdir()) == []


@pytest.mark.slow
async def test_restart_backs_up_and_returns_to_the_welcome(
    app_for: MakeApp, ui_bank: Bank, data_dir: Path
) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "2", "enter")
        app.action_restart()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.session is None
    assert len(list(data_dir.glob("session.backup-*.toml"))) == 1
