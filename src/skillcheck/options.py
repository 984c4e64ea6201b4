"""What the command line hands to the terminal app: one frozen value, built in `cli.py`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ColorChoice = Literal["auto", "16", "256", "truecolor"]
COLOR_CHOICES: tuple[ColorChoice, ...] = ("auto", "16", "256", "truecolor")
#: The usage error for --show-position alone (the app and `serve` both take the pair).
SHOW_POSITION_ALONE = "--show-position needs --position (the position profile to show)."


@dataclass(frozen=True)
class TuiOptions:
    """How to run the TUI."""

    bank_dir: Path | None = None
    """--bank / SKILLCHECK_BANK: the question bank folder (None: the bundled bank)."""
    output: Path | None = None
    """--output: also write the results file here when the assessment is complete."""
    fresh: bool = False
    """--fresh: back up any saved session and start a new one."""
    color: str = "auto"
    """--color / SKILLCHECK_COLOR: auto, 16, 256 or truecolor."""
    served: bool = False
    """SKILLCHECK_SERVED=1: running for a remote candidate under `skillcheck serve`."""
    mode: str | None = None
    """--mode: "quick" or "full" to skip the welcome screen's choice."""
    position: Path | None = None
    """--position: also score the run against this position profile; the fit goes into
    the results file (--output), and on screen (and the history) only with show_position."""
    show_position: bool = False
    """--show-position: show the candidate their fit to the position (default: hidden)."""
