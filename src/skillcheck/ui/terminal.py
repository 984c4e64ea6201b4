"""Fitting the terminal: colour depth, a theme for 16 colours, and a quieter mouse."""

from __future__ import annotations

import os
from typing import Any

from rich.console import COLOR_SYSTEMS
from textual.app import App
from textual.driver import Driver

#: `--color` choices to Rich's colour-system names ("auto" leaves detection to Textual).
COLOR_CHOICES = {"16": "standard", "256": "256", "truecolor": "truecolor"}


def apply_color_system(app: App[Any], color: str) -> None:
    """Force the colour depth of `app`'s output ("auto" detects it from TERM and COLORTERM).

    Textual reads TEXTUAL_COLOR_SYSTEM once, when it is first imported, and renders every
    frame through `app.console`; setting the console's colour system is the one place
    that works after import (the same attribute Textual's renderer reads).
    """
    name = COLOR_CHOICES.get(color)
    if name is not None:
        app.console._color_system = COLOR_SYSTEMS[name]


#: Terminals whose fonts may lack arrows and the return symbol (the Linux console...).
PLAIN_TERMS = ("linux", "vt100", "vt102", "vt220", "dumb")
#: Key names for them, in place of the symbols the footer shows elsewhere.
PLAIN_KEY_NAMES = {"⏎": "Enter", "↑↓": "Up/Down", "←/b": "Left/b"}


def plain_key_display(display: str, term: str | None = None) -> str:
    """`display` as words on a terminal whose font may lack the symbols, else unchanged."""
    term = os.environ.get("TERM", "") if term is None else term
    if term.split("-")[0] in PLAIN_TERMS:
        return PLAIN_KEY_NAMES.get(display, display)
    return display


#: In 16 colours the terminal's own palette reads better than RGB squeezed into it.
SIXTEEN_COLOR_THEME = "ansi-dark"


def theme_for(app: App[Any]) -> str | None:
    """The theme to start with on this terminal, or None for Textual's default."""
    return SIXTEEN_COLOR_THEME if app.console.color_system == "standard" else None


def quiet_mouse(driver_class: type[Driver]) -> type[Driver]:
    """`driver_class`, changed to report mouse clicks and the wheel but not every movement.

    Textual asks the terminal for every mouse movement (mode 1003); over SSH each twitch
    of the mouse becomes traffic. skillcheck uses no hover, so clicks and the wheel
    (modes 1000 and 1006) are enough. Only the Unix driver is changed.
    """
    try:
        from textual.drivers.linux_driver import LinuxDriver
    except ImportError:  # pragma: no cover - Windows
        return driver_class
    if not issubclass(driver_class, LinuxDriver):
        return driver_class

    class ClickMouseDriver(driver_class):  # type: ignore[valid-type,misc]
        def _enable_mouse_support(self) -> None:
            if not self._mouse:
                return
            self.write("\x1b[?1000h")  # button presses and releases, the wheel
            self.write("\x1b[?1006h")  # SGR coordinates
            self.flush()

    return ClickMouseDriver
