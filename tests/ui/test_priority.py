"""A finished served session lowers its CPU priority, so those still answering come first.

The real step is taken only in a process of its own, in a terminal session of its own
(so in an autogroup of its own): taken here, it would slow the test run that follows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pilot_moves import SIZE, MakeApp, answer_all

from skillcheck.domain.models import Bank
from skillcheck.ui import priority
from skillcheck.ui.priority import FINISHED_NICENESS
from skillcheck.ui.priority import step_back as real_step_back
from skillcheck.ui.screens.results import ResultsScreen

TAKE_THE_STEP = """
import json, os
from pathlib import Path
from skillcheck.ui.priority import AUTOGROUP, step_back
done = step_back()
group = AUTOGROUP.read_text() if AUTOGROUP.exists() else None
print(json.dumps({"done": done, "nice": os.getpriority(os.PRIO_PROCESS, 0), "group": group}))
"""


def test_a_process_that_steps_back_runs_at_the_finished_nice_value() -> None:
    ran = subprocess.run(
        [sys.executable, "-c", TAKE_THE_STEP],
        capture_output=True,
        text=True,
        check=True,
        start_new_session=True,  # its own autogroup, not the test run's
    )
    seen = json.loads(ran.stdout)
    assert seen["nice"] == FINISHED_NICENESS
    if seen["group"] is not None and seen["done"]:
        assert seen["group"].split()[1:] == ["nice", str(FINISHED_NICENESS)]


@pytest.fixture
def own_priority(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, int]]:
    """This process's priority calls, recorded; its autogroup a file in `tmp_path`."""
    calls: list[tuple[str, int]] = []
    monkeypatch.setattr(priority.os, "getpriority", lambda which, who: 0)
    monkeypatch.setattr(
        priority.os, "setpriority", lambda which, who, value: calls.append(("nice", value))
    )
    group = tmp_path / "autogroup"
    group.write_text("/autogroup-1 nice 0\n")
    monkeypatch.setattr(priority, "AUTOGROUP", group)
    return calls


def test_stepping_back_sets_the_process_and_its_group(
    own_priority: list[tuple[str, int]], tmp_path: Path
) -> None:
    assert real_step_back(7) is True
    assert own_priority == [("nice", 7)]
    assert (tmp_path / "autogroup").read_text().startswith("7")


def test_asked_to_wait_the_step_says_so(
    own_priority: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(descriptor: int, data: bytes) -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(priority.os, "write", busy)
    assert real_step_back() is False
    assert own_priority == [("nice", FINISHED_NICENESS)]


def test_without_autogroups_the_process_alone_steps_back(
    own_priority: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(priority, "AUTOGROUP", tmp_path / "no-such-file")
    assert real_step_back() is True
    assert own_priority == [("nice", FINISHED_NICENESS)]


@pytest.mark.parametrize("served", [True, False])
async def test_only_a_served_session_steps_back_when_it_finishes(
    app_for: MakeApp, ui_bank: Bank, steps_back: list[int], served: bool
) -> None:
    app = app_for(ui_bank, served=served)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # Quick
        await answer_all(pilot, "1")
        assert isinstance(app.screen, ResultsScreen)
    assert steps_back == ([FINISHED_NICENESS] if served else [])


async def test_asked_to_wait_a_served_session_tries_again(
    app_for: MakeApp, ui_bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([False, False, True])
    asked: list[int] = []

    def step(niceness: int = FINISHED_NICENESS) -> bool:
        asked.append(niceness)
        return next(answers)

    monkeypatch.setattr(priority, "step_back", step)
    app = app_for(ui_bank, served=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await answer_all(pilot, "1")
        await pilot.pause(0.6)  # up to 0.15 s between tries
    assert len(asked) == 3


WARM_UP = """
import json, os
from skillcheck.store.bank import load_bank
from skillcheck.ui.priority import AUTOGROUP
from skillcheck.zygote import preload
preload.warm_up(load_bank())
group = AUTOGROUP.read_text() if AUTOGROUP.exists() else None
print(json.dumps({"nice": os.getpriority(os.PRIO_PROCESS, 0), "group": group}))
"""


def test_the_zygote_warm_up_finishes_a_run_without_stepping_back(tmp_path: Path) -> None:
    # It finishes an assessment as a served session would; stepped back, the zygote
    # would have forked every session at the lower priority.
    ran = subprocess.run(
        [sys.executable, "-c", WARM_UP],
        capture_output=True,
        text=True,
        check=True,
        start_new_session=True,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    seen = json.loads(ran.stdout.strip().splitlines()[-1])
    assert seen["nice"] == 0
    if seen["group"] is not None:
        assert seen["group"].split()[1:] == ["nice", "0"]
