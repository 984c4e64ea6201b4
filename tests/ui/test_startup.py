"""Starting up: the welcome before the bank, a broken bank, and crashes without tracebacks."""

from __future__ import annotations

import os
import pty
import selectors
import threading
import time
import tty
from pathlib import Path
from typing import Any, cast

import pytest
from pilot_moves import SIZE, UI_BANK_DIR, session_of

from skillcheck.domain.adaptive import QUICK_CAP
from skillcheck.domain.models import Bank
from skillcheck.domain.selection import full_questions
from skillcheck.options import TuiOptions
from skillcheck.store import paths
from skillcheck.store.bank import load_bank
from skillcheck.ui import app as app_module
from skillcheck.ui import terminal
from skillcheck.ui.app import EXIT_BANK_PROBLEM, EXIT_CRASH, SkillcheckApp, make_app, run_tui
from skillcheck.ui.screens.welcome import ModeList, WelcomeScreen
from skillcheck.ui.terminal import escape_wait, plain_key_display, quiet_driver, theme_for

BROKEN_BANK = Path(__file__).parent.parent / "data" / "banks" / "malformed-toml"


def first_choice(app: SkillcheckApp) -> str:
    assert isinstance(app.screen, WelcomeScreen)
    return str(app.screen.query_one(ModeList).get_option_at_index(0).prompt)


@pytest.mark.slow
async def test_welcome_paints_before_the_bank_loads() -> None:
    calls: list[str] = []
    release = threading.Event()

    def loader() -> Bank:
        calls.append("load")
        release.wait(10)  # held until the test has seen the welcome without the bank
        return load_bank(UI_BANK_DIR)

    app = make_app(loader, TuiOptions())
    async with app.run_test(size=SIZE) as pilot:
        try:
            assert "questions" not in first_choice(app)  # drawn before the sizes are known
            assert [worker.name for worker in app.workers] == [app_module.BANK_WORKER]
        finally:
            release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert calls == ["load"]
        most = min(QUICK_CAP, len(full_questions(load_bank(UI_BANK_DIR))))
        assert f"up to {most} questions" in first_choice(app)  # once the bank is in
        await pilot.press("enter")
        assert session_of(pilot).mode == "quick"


async def test_a_broken_bank_exits_with_the_problem() -> None:
    app = make_app(lambda: load_bank(BROKEN_BANK), TuiOptions())
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(500):  # the worker's failure arrives as a message
            if app.bank_problem is not None:
                break
            await pilot.pause(0.01)
    assert app.return_code == EXIT_BANK_PROBLEM
    assert app.bank_problem is not None and "extra.toml" in app.bank_problem


def test_run_tui_reports_a_broken_bank(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(self: SkillcheckApp) -> None:
        self.bank_problem = "the question bank in x has problems"

    monkeypatch.setattr(SkillcheckApp, "run", run)
    assert run_tui(TuiOptions(bank_dir=BROKEN_BANK)) == EXIT_BANK_PROBLEM
    assert capsys.readouterr().err.strip() == "skillcheck: the question bank in x has problems"


def test_run_tui_logs_a_crash_and_says_where(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def run(self: SkillcheckApp) -> None:
        self.crash = RuntimeError("boom in a handler")

    monkeypatch.setattr(SkillcheckApp, "run", run)
    assert run_tui(TuiOptions()) == EXIT_CRASH
    err = capsys.readouterr().err
    assert str(paths.crash_log_path()) in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "boom in a handler" in paths.crash_log_path().read_text(encoding="utf-8")


async def test_an_error_in_the_app_shows_no_traceback(ui_bank: Bank) -> None:
    app = make_app(ui_bank, TuiOptions())

    def explode() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):  # run_test re-raises it for the test
        async with app.run_test(size=SIZE) as pilot:
            app.call_later(explode)
            await pilot.pause()
    assert isinstance(app.crash, RuntimeError)
    assert app._exit_renderables == []


def test_color_option_sets_the_colour_system(ui_bank: Bank) -> None:
    for choice, system in (("16", "standard"), ("256", "256"), ("truecolor", "truecolor")):
        assert make_app(ui_bank, TuiOptions(color=choice)).console.color_system == system


def test_sixteen_colours_use_the_terminals_palette(ui_bank: Bank) -> None:
    assert theme_for(make_app(ui_bank, TuiOptions(color="16"))) == "ansi-dark"
    assert theme_for(make_app(ui_bank, TuiOptions(color="256"))) is None


@pytest.mark.slow
def test_domain_is_not_imported_for_the_first_screen() -> None:
    import subprocess
    import sys

    code = (
        "import sys, skillcheck.ui.app; "
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'skillcheck.domain'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_mouse_reports_clicks_but_not_every_movement() -> None:
    from textual.drivers.headless_driver import HeadlessDriver
    from textual.drivers.linux_driver import LinuxDriver

    assert quiet_driver(HeadlessDriver) is HeadlessDriver
    driver_class = quiet_driver(LinuxDriver)
    assert issubclass(driver_class, LinuxDriver)
    driver = driver_class.__new__(driver_class)  # only the mouse switch is exercised
    written: list[str] = []
    driver._mouse = True
    driver.write = written.append  # type: ignore[method-assign]
    driver.flush = lambda: None  # type: ignore[method-assign]
    driver._enable_mouse_support()
    assert written == ["\x1b[?1000h", "\x1b[?1006h"]


async def test_page_keys_scroll_the_welcome_text_on_a_small_terminal(ui_bank: Bank) -> None:
    app = make_app(ui_bank, TuiOptions())
    async with app.run_test(size=(60, 20)) as pilot:
        about = app.screen.query_one("#about")
        assert about.max_scroll_y > 0
        await pilot.press("pagedown")
        assert about.scroll_y > 0
        await pilot.press("pageup")
        assert about.scroll_y == 0
        assert isinstance(app.screen, WelcomeScreen)


def test_keys_are_named_in_words_on_the_linux_console() -> None:
    assert plain_key_display("⏎", term="linux") == "Enter"
    assert plain_key_display("←/b", term="vt220") == "Left/b"
    assert plain_key_display("⏎", term="xterm-256color") == "⏎"
    assert plain_key_display("s", term="linux") == "s"


class _Inbox:
    """What the driver's input thread passes on (to the app, in a real run)."""

    def __init__(self) -> None:
        self.keys: list[str] = []
        self.arrived = threading.Event()

    def process_message(self, message: object) -> None:
        key = getattr(message, "key", None)
        if key is not None:
            self.keys.append(key)
            self.arrived.set()


def _driver_on_a_pty() -> tuple[Any, _Inbox, int, int]:
    from textual.drivers.linux_driver import LinuxDriver

    master, slave = pty.openpty()
    tty.setraw(slave)  # as Textual sets it: each key as it is typed
    inbox = _Inbox()
    driver = quiet_driver(LinuxDriver)(cast(Any, object()))
    driver.fileno = slave
    driver.process_message = inbox.process_message
    return driver, inbox, master, slave


async def test_the_input_thread_delivers_keys_and_a_lone_escape_and_stops_when_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waits: list[float | None] = []

    class CountingSelector(selectors.DefaultSelector):  # type: ignore[misc,valid-type]
        def select(self, timeout: float | None = None) -> Any:
            waits.append(timeout)
            return super().select(timeout)

    monkeypatch.setattr(terminal.selectors, "DefaultSelector", CountingSelector)
    driver, inbox, master, slave = _driver_on_a_pty()
    thread = threading.Thread(target=driver.run_input_thread, daemon=True)
    thread.start()
    try:
        os.write(master, b"3")
        assert inbox.arrived.wait(5) and inbox.keys == ["3"]
        inbox.arrived.clear()
        # A lone Escape is a key only once its deadline passes with nothing after it:
        # the thread must wake for that deadline although no more input comes.
        os.write(master, b"\x1b")
        assert inbox.arrived.wait(5) and inbox.keys == ["3", "escape"]
        # With nothing pending the thread sleeps until input, not in 0.1 s naps.
        time.sleep(0.3)
        assert waits[-1] is None
        assert all(wait is not None for wait in waits[2:-1])  # only the Escape's deadline
        # Idle, the thread sleeps with no timeout: stopping must wake it.
        driver.exit_event.set()
        thread.join(5)
        assert not thread.is_alive()
    finally:
        driver.close()
        os.close(master)
        os.close(slave)


def test_the_input_thread_sleeps_until_input_unless_a_key_is_pending() -> None:
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    assert escape_wait(parser) is None  # nothing pending: wait for input
    list(parser.feed("\x1b"))
    wait = escape_wait(parser)
    assert wait is not None and 0 < wait <= 1  # an Escape waiting for its deadline
    assert [event.key for event in parser.tick() if hasattr(event, "key")] == []


async def test_a_question_waiting_for_an_answer_keeps_no_timer(ui_bank: Bank) -> None:
    # A served session waiting for a key should cost no CPU: Textual's ProgressBar (the
    # question screen had one) refreshed its time estimate every second, hidden or not.
    app = make_app(ui_bank, TuiOptions(mode="quick"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query("#question-head")
        ticking = [w for w in app.screen.walk_children() if w._timers]
        assert ticking == []
