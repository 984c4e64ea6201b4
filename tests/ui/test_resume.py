"""Never lose an answer: resume after an interruption, --fresh, a corrupt autosave."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_moves import SIZE, MakeApp, answer, highlighted, question_screen, session_of

from skillcheck.domain.models import Bank
from skillcheck.store import paths
from skillcheck.ui.screens.question import answer_value
from skillcheck.ui.screens.welcome import ModeList, WelcomeScreen


async def interrupted_run(app_for: MakeApp, bank: Bank, *moves: str) -> list[str]:
    """Start quick mode, make `moves` (digits answer, `s` skips), then quit; return ids."""
    app = app_for(bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        for move in moves:
            await (pilot.press("s") if move == "s" else answer(pilot, move))
        ids = list(session_of(pilot).question_ids)
        await pilot.press("q")
    return ids


def choice_ids(app_screen: object) -> list[str | None]:
    assert isinstance(app_screen, WelcomeScreen)
    modes = app_screen.query_one(ModeList)
    return [modes.get_option_at_index(i).id for i in range(modes.option_count)]


@pytest.mark.slow
async def test_resume_opens_at_the_first_unanswered(app_for: MakeApp, ui_bank: Bank) -> None:
    ids = await interrupted_run(app_for, ui_bank, "3", "2", "1")
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        assert choice_ids(app.screen) == ["resume", "quick", "full"]
        await pilot.press("enter")  # Resume is first and highlighted
        session = session_of(pilot)
        assert session.position == 3
        picked = {
            qid: answer_value(ui_bank.question_by_id[qid], n)
            for qid, n in zip(ids[:3], (2, 1, 0), strict=True)
        }
        assert session.answers == picked
        await pilot.press("b")
        assert highlighted(pilot) == 0  # the earlier answer, shown again
        assert "Question 3 of" in str(question_screen(pilot).query_one("#question-head").render())


@pytest.mark.slow
async def test_resume_goes_back_to_a_skipped_question(app_for: MakeApp, ui_bank: Bank) -> None:
    ids = await interrupted_run(app_for, ui_bank, "2", "s", "1")
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        session = session_of(pilot)
        assert session.position == 1
        assert set(session.answers) == {ids[0], ids[2]}


@pytest.mark.slow
async def test_mode_option_resumes_the_same_mode(app_for: MakeApp, ui_bank: Bank) -> None:
    await interrupted_run(app_for, ui_bank, "2", "2")
    app = app_for(ui_bank, mode="quick")
    async with app.run_test(size=SIZE) as pilot:
        assert session_of(pilot).position == 2
        assert len(session_of(pilot).answers) == 2


@pytest.mark.slow
async def test_a_new_run_backs_up_the_unfinished_one(
    app_for: MakeApp, ui_bank: Bank, data_dir: Path
) -> None:
    await interrupted_run(app_for, ui_bank, "2", "2")
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")  # Quick, not Resume
        assert session_of(pilot).answers == {}
    backups = list(data_dir.glob("session.backup-*.toml"))
    assert len(backups) == 1
    assert "answers" in backups[0].read_text(encoding="utf-8")


@pytest.mark.slow
async def test_fresh_backs_up_and_starts_over(
    app_for: MakeApp, ui_bank: Bank, data_dir: Path
) -> None:
    await interrupted_run(app_for, ui_bank, "4")
    app = app_for(ui_bank, fresh=True)
    async with app.run_test(size=SIZE):
        assert choice_ids(app.screen) == ["quick", "full"]
    assert len(list(data_dir.glob("session.backup-*.toml"))) == 1


@pytest.mark.slow
async def test_corrupt_autosave_is_moved_aside(
    app_for: MakeApp, ui_bank: Bank, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    paths.autosave_path().write_text("this is [not toml", encoding="utf-8")
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        assert choice_ids(app.screen) == ["quick", "full"]
        messages = [n.message for n in app._notifications]
        assert any("moved to" in message for message in messages), messages
        await pilot.press("enter")  # and the app works
        assert session_of(pilot).mode == "quick"
    assert len(list(data_dir.glob("session.corrupt-*.toml"))) == 1


async def test_a_move_is_saved_before_quitting_or_hanging_up(
    app_for: MakeApp, ui_bank: Bank
) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        session = session_of(pilot)
        first = session.current_id
        value = answer_value(ui_bank.question_by_id[first], 1)
        session.answer(ui_bank, value)
        app.saver.save_soon(session)  # what a move does: saved after the next frame...
        app.saver.save_and_exit()  # ...but a hang-up before that frame still saves it
        saved = paths.autosave_path().read_text(encoding="utf-8")
        shown = f'"{value}"' if isinstance(value, str) else str(value)
        assert f"{first} = {shown}" in saved or f'"{first}" = {shown}' in saved
