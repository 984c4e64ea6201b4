"""A yes/no question as a modal: `y`, `n`, the two buttons, or Esc for no."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ConfirmDialog(ModalScreen[bool]):
    """Asks before something that cannot be undone; dismisses with True to go ahead."""

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
    }
    ConfirmDialog > Vertical {
        width: 60;
        max-width: 100%;
        height: auto;
        border: round $warning;
        border-title-color: $warning;
        background: $surface;
        padding: 0 1;
    }
    ConfirmDialog #confirm-buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    ConfirmDialog Button {
        margin-left: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
        Binding("left,right", "app.focus_next", "Next button", show=False),
    ]

    def __init__(self, message: str, *, title: str, yes: str, no: str) -> None:
        super().__init__()
        self.message = message
        self.title_text = title
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical() as body:
            body.border_title = self.title_text
            yield Static(self.message, markup=False)
            with Horizontal(id="confirm-buttons"):
                yield Button(f"{self.yes} [y]", id="yes", compact=True, variant="warning")
                yield Button(f"{self.no} [n]", id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
