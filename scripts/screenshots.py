"""Regenerate the README's pictures, screenshots/*.svg, from the running app.

    .venv/bin/python scripts/screenshots.py

Headless, 80x24 (the results also at 130x40), the bundled question bank, a temporary
data folder (so no saved session shows; the progress shot keeps one earlier result
there), and the same answers every time.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from skillcheck.domain.models import Answers
from skillcheck.domain.scoring import score
from skillcheck.options import TuiOptions
from skillcheck.store.bank import load_bank
from skillcheck.store.history import keep_results
from skillcheck.ui.app import make_app
from skillcheck.ui.screens.question import QuestionScreen

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
SIZE = (80, 24)
#: Digits for the quick mode's questions, cycled (every question has at least two options).
ANSWERS = "3212"

Steps = Callable[[Pilot[None]], Awaitable[None]]


async def nothing(pilot: Pilot[None]) -> None:
    await pilot.pause()


async def rating_question(pilot: Pilot[None]) -> None:
    await pilot.press("enter", "3")


async def choice_question(pilot: Pilot[None]) -> None:
    await pilot.press("enter", "3", "enter")


async def results(pilot: Pilot[None]) -> None:
    await pilot.press("enter")
    count = 0
    while isinstance(pilot.app.screen, QuestionScreen):
        await pilot.press(ANSWERS[count % len(ANSWERS)], "enter")
        count += 1
    await pilot.pause()


async def results_with_progress(pilot: Pilot[None]) -> None:
    """The results of a second run, scrolled to what changed since the first."""
    keep_earlier_result()
    await results(pilot)
    screen = pilot.app.screen
    section = screen.query_one("#progress-section")
    screen.query_one("#results").scroll_to_widget(section, top=True, animate=False)
    await pilot.pause()


def keep_earlier_result() -> None:
    """A first run kept in the history: every skill self-rated 0 and one knowledge
    question of each answered wrong."""
    bank = load_bank()
    values: dict[str, str | int] = {q.id: 0 for q in bank.questions if q.kind == "rating"}
    wrong_on: set[str] = set()
    for question in bank.questions:
        if question.kind == "choice" and question.skill not in wrong_on:
            wrong_on.add(question.skill)
            values[question.id] = next(o.key for o in question.options if o.key != question.answer)
    keep_results(score(bank, Answers(values=values)), now=datetime(2026, 1, 5, 18, 30))


async def export_dialog(pilot: Pilot[None]) -> None:
    await results(pilot)
    await pilot.press("ctrl+s")
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


SHOTS: list[tuple[str, Steps, tuple[int, int]]] = [
    ("welcome", nothing, SIZE),
    ("question-rating", rating_question, SIZE),
    ("question-choice", choice_question, SIZE),
    ("results", results, SIZE),
    ("results-wide", results, (130, 40)),
    ("export-dialog", export_dialog, SIZE),
    ("results-progress", results_with_progress, SIZE),
]


async def capture(name: str, steps: Steps, size: tuple[int, int]) -> Path:
    work = Path(tempfile.mkdtemp(prefix="skillcheck-shot-"))
    os.environ["SKILLCHECK_DATA_DIR"] = str(work / "data")  # no saved session shows
    app = make_app(load_bank(), TuiOptions(), work_dir=work)
    async with app.run_test(size=size) as pilot:
        await steps(pilot)
        await pilot.pause()
        picture = app.export_screenshot(title="skillcheck")
    path = OUT / f"{name}.svg"
    path.write_text(picture, encoding="utf-8")
    return path


async def capture_dashboard() -> Path:
    """The team dashboard over a made-up `serve --data` folder (tests/team_folders.py)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from skillcheck.reports.team import collect_team
    from skillcheck.ui.team import make_team_app
    from team_folders import served_team

    bank = load_bank()
    served = served_team(Path(tempfile.mkdtemp(prefix="skillcheck-shot-")) / "served", bank)
    app = make_team_app(collect_team(served), bank)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        picture = app.export_screenshot(title="skillcheck report")
    path = OUT / "team-dashboard.svg"
    path.write_text(picture, encoding="utf-8")
    return path


async def main() -> int:
    OUT.mkdir(exist_ok=True)
    for name, steps, size in SHOTS:
        path = await capture(name, steps, size)
        print(f"wrote {path.relative_to(ROOT)}")
    path = await capture_dashboard()
    print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
