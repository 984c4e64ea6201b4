"""The yardstick: a minimal Textual app (a Label, a RadioSet, a Footer).

Every terminal benchmark runs this next to skillcheck in the same session and reports
skillcheck's figures as ratios to it, because absolute times drift on shared machines.
With `--with-pydantic` it also defines and uses one pydantic model first: the floor for
any Textual app that validates its data with pydantic (see docs/performance.md).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, Label, RadioButton, RadioSet


class BaselineApp(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield Label("Baseline ready: pick one")
        with RadioSet():
            yield RadioButton("First option", value=True)
            yield RadioButton("Second option")
            yield RadioButton("Third option")
            yield RadioButton("Fourth option")
        yield Footer()


def load_pydantic() -> None:
    """Define and use one pydantic model, as any app validating its data must."""
    from pydantic import BaseModel

    class Point(BaseModel):
        x: int

    Point(x=1)


if __name__ == "__main__":
    import sys

    if "--with-pydantic" in sys.argv:
        load_pydantic()
    BaselineApp().run()
