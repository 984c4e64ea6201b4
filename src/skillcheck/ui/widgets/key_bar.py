"""The bottom row of keys, drawn as one widget: what Textual's Footer shows, for less.

Textual's Footer makes a widget per key and styles each one twice as it mounts, and it
is made again whenever a screen's keys change: it was a third of the CPU of a session's
welcome screen and of its first question, and a fifth of every answer
(`benchmarks/session_cost.py`). This bar looks the same (each key, then its label; the
command palette's key at the right), draws a key whose command is off dimmed and runs a
key when it is clicked, but it is one line of text, redrawn only when the keys it shows
change. (No hover: the app asks the terminal for clicks only, `ui.terminal.quiet_driver`.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

#: Between the keys and the command palette's key (Textual's `vkey` border).
DIVIDER = "▏"


@dataclass(frozen=True)
class KeyItem:
    """One key as the bar shows it."""

    key: str
    display: str
    description: str
    enabled: bool


@dataclass(frozen=True)
class Span:
    """Where an item was drawn: columns `start` to `end` (not included)."""

    start: int
    end: int
    item: KeyItem


class KeyBar(Widget):
    """The keys of the screen's commands that are shown, one line at the bottom."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--divider",
    }
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        text-wrap: nowrap;
        .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-bar--divider {
            color: $foreground 20%;
        }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.items: tuple[KeyItem, ...] = ()
        self.palette: KeyItem | None = None
        self.spans: list[Span] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        items, palette = self.shown_keys(screen)
        if (items, palette) != (self.items, self.palette):
            self.items, self.palette = items, palette
            self.refresh()

    def shown_keys(self, screen: Screen[object]) -> tuple[tuple[KeyItem, ...], KeyItem | None]:
        """The keys to show, in order (the first of each command's), and the palette's."""
        app = self.app
        items: dict[str, KeyItem] = {}
        palette: KeyItem | None = None
        active = screen.active_bindings
        for name, (_node, binding, enabled, _tooltip) in active.items():
            if app.ENABLE_COMMAND_PALETTE and name == app.COMMAND_PALETTE_BINDING:
                palette = self._item(binding, enabled)
            elif binding.show:
                items.setdefault(binding.action, self._item(binding, enabled))
        return tuple(items.values()), palette

    def _item(self, binding: Binding, enabled: bool) -> KeyItem:
        return KeyItem(
            key=binding.key,
            display=self.app.get_key_display(binding),
            description=binding.description,
            enabled=enabled,
        )

    def render(self) -> Text:
        width = self.size.width
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        spans: list[Span] = []
        line = Text(no_wrap=True, overflow="crop", end="")

        def add(item: KeyItem, key: str, description: str) -> None:
            start = line.cell_len
            extra = Style(dim=not item.enabled)
            line.append(key, key_style + extra)
            line.append(description, description_style + extra)
            spans.append(Span(start, line.cell_len, item))

        for item in self.items:
            add(item, f" {item.display} ", f"{item.description} ")
        palette = self.palette
        if palette is not None:  # at the right: "▏^p palette " (the keys are cut first)
            description = f" {palette.description}"
            right = cell_len(DIVIDER) + cell_len(palette.display) + cell_len(description) + 1
            left_width = max(0, width - right)
            line.truncate(left_width, pad=True)
            spans = [span for span in spans if span.end <= left_width]
            line.append(DIVIDER, self.get_component_rich_style("key-bar--divider"))
            add(palette, palette.display, description)
            line.append(" ")
        line.truncate(width)
        self.spans = spans
        line.stylize_before(self.rich_style)
        return line

    def item_at(self, x: int) -> KeyItem | None:
        """The item drawn at column `x`, if any."""
        for span in self.spans:
            if span.start <= x < span.end:
                return span.item
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        item = self.item_at(event.x)
        if item is None:
            return
        if item.enabled:
            self.app.simulate_key(item.key)
        else:
            self.app.bell()
