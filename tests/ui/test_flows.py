"""Whole runs through the app with a Pilot at 80x24: quick, full, back, skip, the end."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pilot_moves import (
    SIZE,
    MakeApp,
    answer,
    answer_all,
    app_of,
    highlighted,
    question_screen,
    session_of,
)

from skillcheck.domain.adaptive import QUICK_CAP, next_question
from skillcheck.domain.models import Bank
from skillcheck.domain.selection import full_questions
from skillcheck.domain.session import SessionState
from skillcheck.store import paths
from skillcheck.ui.screens.question import answer_value
from skillcheck.ui.screens.results import ResultsScreen
from skillcheck.ui.screens.welcome import WelcomeScreen
from skillcheck.ui.widgets.section_box import SectionBox


def saved_session() -> dict[str, object]:
    return tomllib.loads(paths.autosave_path().read_text(encoding="utf-8"))


@pytest.mark.slow
async def test_quick_mode_runs_to_the_results(app_for: MakeApp, real_bank: Bank) -> None:
    app = app_for(real_bank)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("enter")  # Quick is first when there is nothing to resume
        session = session_of(pilot)
        assert session.mode == "quick"
        # Adaptive: one question planned at a time, up to the cap.
        assert session.question_ids == [next_question(real_bank, {}, [])]
        answered = await answer_all(pilot, "2")
        assert answered == len(session.question_ids) <= QUICK_CAP
        assert isinstance(app.screen, ResultsScreen)
        assert app.results is not None
        assert app.results.answered == answered
        bars = {bar.label: bar.percent for box in app.screen.query(SectionBox) for bar in box.bars}
        assert {"AI Engineer", "ML Engineer"} <= set(bars)
        assert saved_session()["state"] == SessionState.COMPLETED.value


@pytest.mark.slow
async def test_full_mode_runs_to_the_results(app_for: MakeApp, real_bank: Bank) -> None:
    app = app_for(real_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        session = session_of(pilot)
        assert session.mode == "full"
        assert session.question_ids == full_questions(real_bank)
        # Keys cost ~80 ms each under Pilot (it waits for idle), so most of the ~120
        # questions are answered on the session directly, each still drawn on screen;
        # the last few go through the keys.
        screen = question_screen(pilot)
        while session.position < session.total - 4:
            question = session.current(real_bank)
            session.answer(real_bank, answer_value(question, len(question.options) - 1))
            session.advance(real_bank)
            screen.show_current()
            await pilot.pause()
            assert f"Question {session.position + 1} of" in str(
                screen.query_one("#question-head").render()
            )
        assert await answer_all(pilot, "1") == 4
        assert isinstance(app.screen, ResultsScreen)
        assert app.results is not None
        assert app.results.answered == len(full_questions(real_bank))


async def test_one_screen_serves_every_question(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        screen = question_screen(pilot)
        prompt = screen.query_one("#prompt")
        await answer(pilot, "1", "2")
        assert question_screen(pilot) is screen
        assert screen.query_one("#prompt") is prompt
        assert "Question 3 of" in str(screen.query_one("#question-head").render())


@pytest.mark.slow
async def test_digit_picks_and_enter_confirms(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        session = session_of(pilot)
        first = session.current_id
        await pilot.press("4")
        assert highlighted(pilot) == 3
        assert session.position == 0 and first not in session.answers  # not yet confirmed
        await pilot.press("enter")
        fourth = answer_value(ui_bank.question_by_id[first], 3)  # the option the 4 picked
        assert session.answers[first] == fourth
        assert session.position == 1
        assert saved_session()["answers"] == {first: fourth}


async def test_enter_without_a_pick_nudges_and_stays(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.press("enter")
        assert session_of(pilot).position == 0
        status = question_screen(pilot).query_one("#status")
        assert "Pick an answer first" in str(status.render())
        assert status.has_class("-nudge")


async def test_a_digit_past_the_options_picks_nothing(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await answer(pilot, "1")  # to the first knowledge question: four options
        await pilot.press("5")
        assert highlighted(pilot) is None
        assert "options 1-4" in str(question_screen(pilot).query_one("#status").render())


@pytest.mark.slow
async def test_back_shows_the_earlier_answer(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")  # Full: it opens on a rating (five options)
        await answer(pilot, "3", "2")
        session = session_of(pilot)
        assert session.position == 2
        await pilot.press("left")
        assert session.position == 1
        assert highlighted(pilot) == 1
        await pilot.press("b")
        assert session.position == 0
        assert highlighted(pilot) == 2
        assert "earlier answer" in str(question_screen(pilot).query_one("#status").render())
        assert saved_session()["position"] == 0
        await pilot.press("b")  # at the first question: stays, says so
        assert session.position == 0
        assert "first question" in str(question_screen(pilot).query_one("#status").render())
        await answer(pilot, "5")  # change it
        assert session.answers[session.question_ids[0]] == 4
        assert session.position == 1


async def test_skip_leaves_the_question_unanswered(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        session = session_of(pilot)
        first = session.current_id
        await pilot.press("2", "s")
        assert session.position == 1
        assert first not in session.answers
        assert first not in saved_session().get("answers", {})  # type: ignore[operator]
        await pilot.press("b")
        assert highlighted(pilot) is None
        assert "skipped" in str(question_screen(pilot).query_one("#status").render())


@pytest.mark.slow
async def test_change_answers_from_the_results(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await answer_all(pilot, "1")
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("b")
        session = session_of(pilot)
        assert question_screen(pilot).session is session
        assert session.position == session.total - 1
        assert session.state is SessionState.IN_PROGRESS
        assert app.results is None
        await pilot.press("b", "2", "enter", "enter")  # change the last but one, keep the last
        assert isinstance(app.screen, ResultsScreen)
        assert app_of(pilot).results is not None


@pytest.mark.slow
async def test_output_writes_the_results_when_done(
    app_for: MakeApp, ui_bank: Bank, tmp_path: Path
) -> None:
    output = tmp_path / "out" / "results.toml"
    app = app_for(ui_bank, output=output)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.press("1", "enter")
        assert not output.exists()  # only when the assessment is complete
        await answer_all(pilot, "2")
    written = tomllib.loads(output.read_text(encoding="utf-8"))
    assert written["answered"] == len(written["asked"]) > 1


@pytest.mark.slow
async def test_output_to_an_unwritable_path_keeps_the_results(
    app_for: MakeApp, ui_bank: Bank, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = app_for(ui_bank, output=blocker / "results.toml")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await answer_all(pilot, "2")
        assert isinstance(app.screen, ResultsScreen)
        assert app.results is not None
        assert any("not saved" in (n.title or "").lower() for n in app._notifications)
    assert saved_session()["state"] == SessionState.COMPLETED.value


async def test_mode_option_skips_the_welcome(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank, mode="full")
    async with app.run_test(size=SIZE) as pilot:
        assert session_of(pilot).mode == "full"
        question_screen(pilot)


@pytest.mark.slow
async def test_resize_keeps_the_state(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await answer(pilot, "3")
        await pilot.press("2")
        screen = question_screen(pilot)
        for width, height in ((60, 20), (120, 40), SIZE):
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert app.size == (width, height)
            assert question_screen(pilot) is screen
            assert session_of(pilot).position == 1
            assert highlighted(pilot) == 1
        await pilot.press("enter")
        assert session_of(pilot).position == 2


@pytest.mark.slow
async def test_results_use_two_columns_when_wide(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await answer_all(pilot, "2")
        screen = app.screen
        assert isinstance(screen, ResultsScreen)
        assert screen.has_class("-narrow")
        await pilot.resize_terminal(130, 40)
        assert screen.has_class("-wide")
        await pilot.resize_terminal(*SIZE)
        assert screen.has_class("-narrow")
        assert app.screen is screen and app.results is not None


async def test_the_last_answer_says_the_results_are_coming_and_takes_no_more_keys(
    app_for: MakeApp, ui_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skillcheck.ui.app import SkillcheckApp
    from skillcheck.ui.screens.question import WORKING_OUT, QuestionScreen

    status_then: list[str] = []
    work_out = SkillcheckApp.on_question_screen_completed

    def noted(self: SkillcheckApp, message: QuestionScreen.Completed) -> None:
        status_then.append(str(self.screen.query_one("#status").render()))
        work_out(self, message)

    monkeypatch.setattr(SkillcheckApp, "on_question_screen_completed", noted)
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # Quick
        questions = app.screen
        assert isinstance(questions, QuestionScreen)
        await answer_all(pilot, "1")
        assert isinstance(app.screen, ResultsScreen)
        session = questions.session
        answers = dict(session.answers)
        # What keys on the question screen would do once its last answer is in (a
        # second Enter, a skip, back, before the results show): nothing.
        questions.action_confirm()
        questions.action_skip()
        questions.action_back()
        await pilot.pause()
        assert status_then == [WORKING_OUT]  # shown before the results were worked out
        assert sum(isinstance(s, ResultsScreen) for s in app.screen_stack) == 1
        assert session.answers == answers and session.state is SessionState.COMPLETED
