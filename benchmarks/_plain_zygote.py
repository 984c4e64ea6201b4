"""The plain Textual app as a zygote's session: the yardstick for a forked session.

`_serve_plain.py --zygote` hands this file to the zygote (`--entry FILE:session`), which
imports it once, collects and freezes, and forks every session from there, as it does
for skillcheck. Importing it does what skillcheck's preload does for the app
(`zygote.preload`): import Textual, the plain app and the terminal driver, and run the
app once headless (the label, the RadioSet's keys, quit), so Textual's lazy imports,
caches and the stylesheet parse are done before any fork. So a session of this app
costs what any Textual app costs when forked from a warm process: the floor for
skillcheck's own sessions, measured the same way.
"""

from __future__ import annotations

import asyncio
import importlib.util
from pathlib import Path

import textual.drivers.linux_driver  # noqa: F401 - what App.run loads lazily

#: The zygote loads this file by path, so the app is loaded by path too.
_spec = importlib.util.spec_from_file_location(
    "baseline_app", Path(__file__).resolve().with_name("baseline_app.py")
)
assert _spec is not None and _spec.loader is not None
baseline_app = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(baseline_app)


async def _warm_up() -> None:
    app = baseline_app.BaselineApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "up")
        await pilot.pause()


asyncio.run(_warm_up())


def session(argv: list[str]) -> int:
    """A forked session: the plain app on the candidate's terminal (`argv` is not used)."""
    baseline_app.BaselineApp().run()
    return 0
