"""`skillcheck hire`: the hiring questions on the question screen, then the result and
the position profile it writes (Pilot at 80x24, the real bank's hiring questions)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pilot_moves import SIZE

from skillcheck.domain.models import Bank
from skillcheck.domain.position import derive_position
from skillcheck.options import TuiOptions
from skillcheck.store import paths
from skillcheck.store.bank import load_bank
from skillcheck.store.position import load_position
from skillcheck.ui.hire_app import HireApp, make_hire_app, run_hire
from skillcheck.ui.screens.hire_result import HireResultScreen
from skillcheck.ui.screens.question import QuestionScreen

SnapCompare = Callable[..., bool]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank()


def hire_app(bank: Bank, work_dir: Path, output: Path | None = None) -> HireApp:
    return make_hire_app(bank, TuiOptions(mode="hire"), output=output, work_dir=work_dir)


def every_first_option(bank: Bank) -> list[str]:
    """Pick option 1 and confirm, for every hiring question."""
    return [key for _ in bank.hiring for key in ("1", "enter")]


async def test_hire_from_start_to_position_file(bank: Bank, work_dir: Path) -> None:
    app = hire_app(bank, work_dir)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, QuestionScreen)
        await pilot.press(*every_first_option(bank))
        await pilot.pause()
        assert isinstance(app.screen, HireResultScreen)
        status = str(app.screen.query_one("#hire-status").render())
        assert "Position profile written to" in status
    written = load_position(work_dir / "position.toml", bank)
    expected = derive_position(bank, {q.id: q.options[0].key for q in bank.hiring})
    assert written == expected
    assert written.roles == ["ai-engineer"]


async def test_an_existing_file_is_not_replaced(bank: Bank, work_dir: Path) -> None:
    target = work_dir / "mine.toml"
    target.write_text("keep me\n")
    app = hire_app(bank, work_dir, output=Path("mine.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*every_first_option(bank))
        await pilot.pause()
        status = str(app.screen.query_one("#hire-status").render())
        assert "already exists and was left as it is" in status
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.__class__.__name__ == "SaveDialog"
    assert target.read_text() == "keep me\n"


async def test_an_unwritable_path_is_one_sentence(bank: Bank, work_dir: Path) -> None:
    blocker = work_dir / "file"
    blocker.write_text("")
    app = hire_app(bank, work_dir, output=Path("file/inside/position.toml"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*every_first_option(bank))
        await pilot.pause()
        status = str(app.screen.query_one("#hire-status").render())
        assert status.startswith("The profile was not saved: ")
        assert "cannot write here" in status
        assert "\n" not in status


async def test_hire_resumes_with_its_own_autosave(bank: Bank, work_dir: Path) -> None:
    app = hire_app(bank, work_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "enter", "1", "enter", "q")
    assert paths.autosave_path(hire=True).exists()
    assert not paths.autosave_path().exists()  # the assessment's autosave is untouched
    again = hire_app(bank, work_dir)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.session is not None
        assert again.session.position == 2
        assert again.session.answers == {
            bank.hiring[0].id: bank.hiring[0].options[1].key,
            bank.hiring[1].id: bank.hiring[1].options[0].key,
        }
        await pilot.press("b")  # back works as in the assessment
        assert again.session.position == 1


async def test_the_result_palette_lists_its_commands(bank: Bank, work_dir: Path) -> None:
    app = hire_app(bank, work_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*every_first_option(bank))
        await pilot.pause()
        listed = [command.title for command in app.get_system_commands(app.screen)]
        for command in HireResultScreen.OFFERED_COMMANDS:
            assert (command.title in listed) is command.in_palette, command.title
        assert "Restart" not in listed


async def test_change_answers_from_the_result(bank: Bank, work_dir: Path) -> None:
    app = hire_app(bank, work_dir)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*every_first_option(bank))
        await pilot.pause()
        assert isinstance(app.screen, HireResultScreen)
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.position is None


@pytest.mark.slow
def test_hire_result_snapshot(snap_compare: SnapCompare, bank: Bank, work_dir: Path) -> None:
    # Leaning to ML on the questions that lean, "the team covers it" on the team's.
    keys: list[str] = []
    for question in bank.hiring:
        leaning = [i for i, o in enumerate(question.options) if o.lean == "ml-engineer"]
        keys += [str((leaning[0] if leaning else 0) + 1), "enter"]
    assert snap_compare(hire_app(bank, work_dir), press=keys, terminal_size=SIZE)


async def test_an_error_in_hire_keeps_the_answers_and_shows_no_traceback(
    bank: Bank, work_dir: Path
) -> None:
    app = hire_app(bank, work_dir)

    def explode() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):  # run_test re-raises it for the test
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("2", "enter")
            app.call_later(explode)
            await pilot.pause()
    assert isinstance(app.crash, RuntimeError)
    assert app._exit_renderables == []
    saved = paths.autosave_path(hire=True).read_text(encoding="utf-8")
    assert f'{bank.hiring[0].id} = "{bank.hiring[0].options[1].key}"' in saved


async def test_a_failing_save_does_not_hide_the_error_that_ended_hire(
    bank: Bank, work_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = hire_app(bank, work_dir)

    def explode() -> None:
        raise RuntimeError("boom")

    def broken_flush() -> None:
        raise OSError("disk gone")

    with pytest.raises(RuntimeError, match="boom"):
        async with app.run_test(size=SIZE) as pilot:
            monkeypatch.setattr(app.saver, "flush", broken_flush)
            app.call_later(explode)
            await pilot.pause()
    assert isinstance(app.crash, RuntimeError)
    assert app._exit_renderables == []


def test_run_hire_reports_a_crash_in_one_line(
    bank: Bank, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(self: HireApp) -> None:
        self.crash = RuntimeError("boom in hire")

    monkeypatch.setattr(HireApp, "run", run)
    assert run_hire(TuiOptions(mode="hire"), None) == 70
    err = capsys.readouterr().err
    assert str(paths.crash_log_path()) in err
    assert err.strip().endswith("run skillcheck hire again to resume.")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
