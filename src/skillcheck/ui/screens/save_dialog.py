"""Where to save a file: a modal with a path field, prefilled, that writes before closing.

The dialog calls `write(path)` itself so that a path that cannot be written keeps the
dialog open with the reason shown; it dismisses with the written path, or None.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from skillcheck.errors import UserError
from skillcheck.ui.commands import CANCEL, SAVE_FILE, Command, bindings_for, keys_text
from skillcheck.ui.screens.confirm_dialog import ConfirmDialog


def resolve_path(text: str, base: Path) -> Path:
    """The path typed in the field, relative to `base` unless absolute (`~` expands)."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else base / path


class SaveDialog(ModalScreen[Path | None]):
    """Asks for a file name; asks again before replacing a file; writes; closes."""

    DEFAULT_CSS = """
    SaveDialog {
        align: center middle;
    }
    SaveDialog > Vertical {
        width: 72;
        max-width: 100%;
        height: auto;
        border: round $primary;
        border-title-color: $primary;
        background: $surface;
        padding: 0 1;
    }
    SaveDialog #save-hint {
        color: $text-muted;
        margin-top: 1;
    }
    SaveDialog #save-buttons {
        height: auto;
        margin-top: 1;
        align-horizontal: right;
    }
    SaveDialog Button {
        margin-left: 2;
    }
    """

    OFFERED_COMMANDS: ClassVar[tuple[Command, ...]] = (SAVE_FILE, CANCEL)
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*OFFERED_COMMANDS)

    def __init__(
        self,
        *,
        title: str,
        what: str,
        default_name: str,
        write: Callable[[Path], None],
        base: Path | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.what = what
        self.default_name = default_name
        self.write = write
        self.base = base if base is not None else Path.cwd()

    def compose(self) -> ComposeResult:
        with Vertical() as body:
            body.border_title = self.title_text
            yield Static(f"Save {self.what} to this file:", markup=False)
            yield Input(self.default_name, id="save-path", compact=True, select_on_focus=False)
            yield Static(
                "A name without a folder is saved where skillcheck was started.\n"
                # Enter is the field's own: it submits what was typed.
                f"Enter saves · {keys_text(CANCEL)} or Cancel closes without saving.",
                id="save-hint",
            )
            with Horizontal(id="save-buttons"):
                yield Button("Save", id="save", compact=True, variant="primary")
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#save-path", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = self.query_one("#save-path", Input).value
        if not text.strip():
            self.notify("Type a file name first.", severity="warning")
            return
        path = resolve_path(text, self.base)
        if path.is_dir():
            self.notify(f"{path} is a folder; add a file name.", severity="error", markup=False)
            return
        if path.exists():
            self.app.push_screen(
                ConfirmDialog(
                    f"{path} already exists. Replace it?",
                    title="Replace file?",
                    yes="Replace",
                    no="Keep it",
                ),
                callback=lambda replace: self._write(path) if replace else None,
            )
            return
        self._write(path)

    def _write(self, path: Path) -> None:
        try:
            self.write(path)
        except UserError as exc:
            # The dialog stays open so another path can be tried; nothing is lost.
            self.notify(str(exc), title="Not saved", severity="error", timeout=8, markup=False)
            return
        self.dismiss(path)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
