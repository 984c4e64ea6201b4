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
