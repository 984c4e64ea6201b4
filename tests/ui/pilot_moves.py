"""Driving the app with a Pilot: the few moves every flow test makes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot

from skillcheck.domain.session import Session
from skillcheck.ui.app import SkillcheckApp
from skillcheck.ui.screens.question import QuestionScreen
from skillcheck.ui.widgets.answer_list import AnswerList

AppPilot = Pilot[None]
MakeApp = Callable[..., SkillcheckApp]

#: A frozen three-skill copy of the bundled bank: the snapshots do not move with the bank.
UI_BANK_DIR = Path(__file__).parent / "data" / "bank"
SIZE = (80, 24)


def app_of(pilot: AppPilot) -> SkillcheckApp:
    app = pilot.app
    assert isinstance(app, SkillcheckApp)
    return app


def session_of(pilot: AppPilot) -> Session:
    session = app_of(pilot).session
    assert session is not None, "no assessment running"
    return session


def question_screen(pilot: AppPilot) -> QuestionScreen:
    screen = pilot.app.screen
    assert isinstance(screen, QuestionScreen), f"on {type(screen).__name__}"
    return screen


def highlighted(pilot: AppPilot) -> int | None:
    return question_screen(pilot).query_one(AnswerList).highlighted


async def answer(pilot: AppPilot, *digits: str) -> None:
    """Pick each digit's option and confirm it, one question per digit."""
    for digit in digits:
        await pilot.press(digit, "enter")


async def answer_all(pilot: AppPilot, digit: str = "1") -> int:
    """Answer every remaining question with `digit`; return how many were answered."""
    session = session_of(pilot)
    count = 0
    while isinstance(pilot.app.screen, QuestionScreen):
        await pilot.press(digit, "enter")
        count += 1
        assert count <= session.total, "the run did not end"
    await pilot.pause()
    return count
