"""What the command line hands to the terminal app: one frozen value, built in `cli.py`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ColorChoice = Literal["auto", "16", "256", "truecolor"]
COLOR_CHOICES: tuple[ColorChoice, ...] = ("auto", "16", "256", "truecolor")


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
