"""The zygote's warm-up: a whole quick run, headless, before any candidate connects."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from skillcheck.domain.models import Bank
from skillcheck.zygote import preload


def test_the_warm_up_reaches_the_results_and_leaves_nothing_behind(real_bank: Bank) -> None:
    # A quick run grows as it goes: a warm-up that typed ahead only the first plan's
    # length stopped short of the results, and every session started colder.
    pattern = f"{preload.WARM_UP_PREFIX}{os.getpid()}-*"

    preload.warm_up(real_bank)  # raises RuntimeError if the results never showed

    assert not list(Path(tempfile.gettempdir()).glob(pattern))
