"""Regenerate the README's pictures, screenshots/*.svg, from the running app.

    .venv/bin/python scripts/screenshots.py

Headless, 80x24 (the results also at 130x40), the bundled question bank, a temporary
data folder (so no saved session shows), and the same answers every time.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from skillcheck.options import TuiOptions
from skillcheck.store.bank import load_bank
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
