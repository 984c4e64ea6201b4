"""The zygote's warm-up: a whole quick run, headless, before any candidate connects."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from skillcheck.domain.models import Bank
from skillcheck.zygote import preload


def test_the_warm_up_reaches_the_results_and_leaves_nothing_behind(real_bank: Bank) -> None:
    # A quick run grows as it goes: a warm-up that typed ahead only the first plan's
    # length stopped short of the results, and every session started colder.
    pattern = f"{preload.WARM_UP_PREFIX}{os.getpid()}-*"

    preload.warm_up(real_bank)  # raises RuntimeError if the results never showed

    assert not list(Path(tempfile.gettempdir()).glob(pattern))


@pytest.mark.parametrize("when", ["during the run", "as its clean-up begins"])
def test_a_zygote_stopped_in_the_warm_up_exits_at_once_and_removes_its_folder(
    tmp_path: Path, when: str
) -> None:
    # The zygote's SIGTERM handler, in a process of its own: a stand-in warm-up run fills
    # the folder, and the stop lands in the run or in the clean-up that removes the
    # folder (cut short there, the folder stayed). Nothing may go on after it.
    script = f"""
import asyncio, os, shutil, signal, tempfile
from skillcheck.zygote import preload, run

signal.signal(signal.SIGTERM, run._stop)
tempfile.tempdir = {str(tmp_path)!r}
stopped = []

def stop():
    if not stopped:
        stopped.append(True)
        os.kill(os.getpid(), signal.SIGTERM)

def stopped_removal(path, ignore_errors=False):
    stop()
    shutil.rmtree(path, ignore_errors=ignore_errors)

async def stand_in_run(bank, folder):
    (folder / "session.toml").write_text("answers")
    if {when!r} == "during the run":
        stop()
    await asyncio.sleep(0)

preload._warm_up_run = stand_in_run
preload.shutil = type("Shutil", (), {{"rmtree": staticmethod(stopped_removal)}})
preload.warm_up(None)
print("went on")
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )

    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert list(tmp_path.iterdir()) == []
