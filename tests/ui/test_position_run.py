"""A run scored against a position (`skillcheck --position FILE [--show-position]`, as
`serve --position` starts every candidate): the results file always carries the fit; the
candidate sees it (results screen, plain report, history) only with --show-position."""

from __future__ import annotations

import io
import tomllib
from pathlib import Path

import pytest
from pilot_moves import SIZE, UI_BANK_DIR, MakeApp, answer_all
from textual.widget import Widget

from skillcheck.cli import main
from skillcheck.domain.models import Bank
from skillcheck.domain.position import derive_position
from skillcheck.options import SHOW_POSITION_ALONE, TuiOptions
from skillcheck.plain import run_plain
from skillcheck.store.history import load_history
from skillcheck.store.position import write_position
from skillcheck.ui.screens.results import ResultsScreen

POSITION_NAME = "Vision lead for the scanner project"


@pytest.fixture
def position_file(ui_bank: Bank, tmp_path: Path) -> Path:
    position = derive_position(ui_bank, {}).model_copy(update={"name": POSITION_NAME})
    path = tmp_path / "position.toml"
    write_position(path, position)
    return path


def written_position(output: Path) -> dict[str, object]:
    document = tomllib.loads(output.read_text(encoding="utf-8"))
    position = document["position"]
    assert isinstance(position, dict)
    return position


def screen_text(app_screen: ResultsScreen) -> str:
    return "\n".join(str(widget.render()) for widget in app_screen.query(Widget))


@pytest.mark.parametrize("show", [False, True])
async def test_the_results_file_has_the_fit_and_the_screen_shows_it_only_if_asked(
    app_for: MakeApp, ui_bank: Bank, position_file: Path, tmp_path: Path, show: bool
) -> None:
    output = tmp_path / "results.toml"
    app = app_for(ui_bank, output=output, position=position_file, show_position=show, mode="quick")
    async with app.run_test(size=SIZE) as pilot:
        await answer_all(pilot, "2")
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        on_screen = screen_text(screen)
        assert app.results is not None
        assert (app.results.position is not None) is show
    position = written_position(output)
    assert position["name"] == POSITION_NAME
    assert 0 <= position["fit_low"] <= position["fit"] <= position["fit_high"] <= 100  # type: ignore[operator]
    assert (POSITION_NAME in on_screen) is show
    (kept,) = load_history()
    assert kept.results is not None
    assert (kept.results.position is not None) is show


@pytest.mark.parametrize("show", [False, True])
def test_plain_mode_writes_the_fit_and_reports_it_only_if_asked(
    position_file: Path, tmp_path: Path, show: bool
) -> None:
    output = tmp_path / "results.toml"
    options = TuiOptions(
        bank_dir=UI_BANK_DIR, output=output, position=position_file, show_position=show
    )
    stdin = io.StringIO("1\n" + "2\n" * 60)  # Quick, then the second option throughout
    stdout = io.StringIO()
    assert run_plain(options, stdin=stdin, stdout=stdout) == 0
    report = stdout.getvalue()
    assert "End of the results." in report
    assert written_position(output)["name"] == POSITION_NAME
    assert (POSITION_NAME in report) is show


async def test_a_broken_position_ends_the_app_as_a_broken_bank_does(
    app_for: MakeApp, ui_bank: Bank, tmp_path: Path
) -> None:
    skill = ui_bank.skills[0].id
    broken = tmp_path / "position.toml"
    broken.write_text(
        f'name = "Lead"\nroles = ["data-wizard"]\n[needs.{skill}]\n'
        'importance = 2\nrequired = 2\nreason = "as the role"\n',
        encoding="utf-8",
    )
    app = app_for(ui_bank, position=broken)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert app.return_code == 2
    assert app.bank_problem is not None
    assert app.bank_problem.startswith(f'{broken}:2: roles[1] "data-wizard" is not a role')


def test_plain_mode_names_a_broken_position_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "position.toml"
    broken.write_text('name = "Lead"\nroles = ["ai-engineer"]\n[needs.cooking]\n', encoding="utf-8")
    options = TuiOptions(bank_dir=UI_BANK_DIR, position=broken)
    assert run_plain(options, stdin=io.StringIO(""), stdout=io.StringIO()) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"skillcheck: {broken}:3: ")
    assert err.count("\n") == 1


def test_show_position_without_a_position_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--plain", "--show-position"]) == 2
    assert capsys.readouterr().err == f"skillcheck: {SHOW_POSITION_ALONE}\n"
