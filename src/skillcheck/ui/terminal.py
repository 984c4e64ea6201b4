"""Fitting the terminal: the colour system a user asked for with `--color`."""

from __future__ import annotations

from typing import Any

from rich.console import COLOR_SYSTEMS
from textual.app import App

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


#: In 16 colours the terminal's own palette reads better than RGB squeezed into it.
SIXTEEN_COLOR_THEME = "ansi-dark"


def theme_for(app: App[Any]) -> str | None:
    """The theme to start with on this terminal, or None for Textual's default."""
    return SIXTEEN_COLOR_THEME if app.console.color_system == "standard" else None
