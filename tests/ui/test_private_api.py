"""Guards for the private Textual and Rich parts the app overrides or sets.

pyproject.toml pins textual and rich to the major versions tested, but a minor release
may still move a private name. Each test here fails when a name the app relies on is
gone or has changed shape, so an upgrade breaks a test rather than a candidate's run.
The behaviour behind each override is tested where it is used (test_startup.py).
"""

from __future__ import annotations

import inspect

import pytest
from pilot_moves import SIZE
from rich.console import COLOR_SYSTEMS, Console
from rich.segment import Segment
from rich.style import Style
from textual.app import App
from textual.drivers.linux_driver import LinuxDriver
from textual.message_pump import MessagePump
from textual.strip import Strip

from skillcheck.domain.models import Bank
from skillcheck.options import TuiOptions
from skillcheck.ui.app import SkillcheckApp, make_app
from skillcheck.ui.terminal import COLOR_CHOICES, apply_color_system


def parameters(function: object) -> list[str]:
    assert callable(function)
    return list(inspect.signature(function).parameters)


# --- ui/terminal.py: apply_color_system sets Console._color_system (Rich) -----------------


def test_rich_keeps_the_colour_system_in_the_attribute_the_app_sets() -> None:
    console = Console(color_system="truecolor", force_terminal=True)
    assert "_color_system" in vars(console)
    console._color_system = COLOR_SYSTEMS["standard"]
    assert console.color_system == "standard"
    assert set(COLOR_CHOICES.values()) <= set(COLOR_SYSTEMS)


@pytest.mark.parametrize(("choice", "truecolor"), [("16", False), ("truecolor", True)])
def test_textual_draws_each_frame_in_the_depth_the_app_sets(
    ui_bank: Bank, choice: str, truecolor: bool
) -> None:
    app: App[None] = SkillcheckApp(ui_bank, TuiOptions())
    apply_color_system(app, choice)
    # A line of the screen as Textual's compositor turns it into terminal output.
    orange = Strip([Segment("fit", Style(color="#ffa62b", bgcolor="#1e1e1e"))])
    drawn = orange.render(app.console)
    assert ("38;2;255;166;43" in drawn) is truecolor
    assert "fit" in drawn


# --- ui/terminal.py: quiet_driver overrides LinuxDriver._enable_mouse_support ------------


def test_the_linux_driver_turns_the_mouse_on_in_the_method_the_app_overrides() -> None:
    enable = LinuxDriver.__dict__.get("_enable_mouse_support")
    assert enable is not None and parameters(enable) == ["self"]
    source = inspect.getsource(enable)
    assert "self._mouse" in source and "?1003h" in source  # every movement: what we drop
    assert "self._enable_mouse_support()" in inspect.getsource(LinuxDriver)
    assert "self._mouse = mouse" in inspect.getsource(LinuxDriver.__mro__[1].__init__)


# --- ui/terminal.py: quiet_driver replaces LinuxDriver.run_input_thread -----------------


def test_the_linux_driver_reads_input_in_the_thread_method_the_app_replaces() -> None:
    assert parameters(LinuxDriver.run_input_thread) == ["self"]
    assert "self.run_input_thread()" in inspect.getsource(LinuxDriver._run_input_thread)
    assert "target=self._run_input_thread" in inspect.getsource(LinuxDriver.start_application_mode)
    # Stopping sets the event our driver makes wake its thread, then waits for the thread.
    stop = inspect.getsource(LinuxDriver.disable_input)
    assert stop.index("self.exit_event.set()") < stop.index("self._key_thread.join()")


def test_textuals_key_parser_keeps_a_pending_escape_deadline_where_the_driver_reads_it() -> None:
    from textual._parser import Parser
    from textual._xterm_parser import XTermParser

    assert parameters(XTermParser.__init__) == ["self", "debug"]
    assert "self._timeout_time" in inspect.getsource(Parser.__init__)
    assert "self._timeout_time" in inspect.getsource(Parser.tick)
    assert "get_time()" in inspect.getsource(Parser.tick)  # the clock escape_wait uses


# --- ui/app.py: _handle_exception and _fatal_error (Textual's App) ----------------------


def test_textual_routes_an_unhandled_error_through_the_methods_the_app_overrides() -> None:
    assert parameters(App._handle_exception) == ["self", "error"]
    assert parameters(App._fatal_error) == ["self"]
    assert "self._fatal_error()" in inspect.getsource(App._handle_exception)
    # The traceback Textual would print at exit is what our _fatal_error leaves out.
    assert "_exit_renderables.append" in inspect.getsource(App._fatal_error)
    assert parameters(MessagePump._close_messages_no_wait) == ["self"]
    assert "self._handle_exception(error)" in inspect.getsource(App)


async def test_a_bank_loader_that_crashes_is_handled_as_a_crash(ui_bank: Bank) -> None:
    def loader() -> Bank:
        raise RuntimeError("the loader broke")

    app = make_app(loader, TuiOptions())
    with pytest.raises(RuntimeError, match="the loader broke"):  # run_test re-raises it
        async with app.run_test(size=SIZE) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
    assert isinstance(app.crash, RuntimeError)
    assert app._exit_renderables == []  # no traceback printed at exit
