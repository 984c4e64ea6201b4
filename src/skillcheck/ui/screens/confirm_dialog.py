"""A yes/no question as a modal: Yes and No (keys in `ui/commands.py`) or the two buttons."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from skillcheck.ui.commands import NEXT_BUTTON, NO, YES, Command, bindings_for, key_name


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

    OFFERED_COMMANDS: ClassVar[tuple[Command, ...]] = (YES, NO, NEXT_BUTTON)
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*OFFERED_COMMANDS)

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
                # Each button shows its first key: "Start over [y]".
                yes, no = key_name(YES.keys[0]), key_name(NO.keys[0])
                yield Button(f"{self.yes} [{yes}]", id="yes", compact=True, variant="warning")
                yield Button(f"{self.no} [{no}]", id="no", compact=True)

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
