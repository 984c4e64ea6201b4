"""Starting up: the welcome before the bank, a broken bank, and crashes without tracebacks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pilot_moves import SIZE, UI_BANK_DIR, session_of

from skillcheck.domain.adaptive import QUICK_CAP
from skillcheck.domain.models import Bank
from skillcheck.domain.selection import full_questions
from skillcheck.options import TuiOptions
from skillcheck.store import paths
from skillcheck.store.bank import load_bank
from skillcheck.ui import app as app_module
from skillcheck.ui.app import EXIT_BANK_PROBLEM, EXIT_CRASH, SkillcheckApp, make_app, run_tui
from skillcheck.ui.screens.welcome import ModeList, WelcomeScreen
from skillcheck.ui.terminal import plain_key_display, quiet_mouse, theme_for

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

    assert quiet_mouse(HeadlessDriver) is HeadlessDriver
    driver_class = quiet_mouse(LinuxDriver)
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
