"""The bottom row of keys: what it shows, what a click on it does, and when it changes."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Static

from skillcheck.ui.widgets.key_bar import DIVIDER, KeyBar

PALETTE = f"{DIVIDER}^p palette "


class KeysScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "skip", "Skip"),
        Binding("left,b", "back", "Back", key_display="←/b"),
        Binding("x", "secret", "Secret", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.at_start = True
        self.ran: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # None: shown, but off (dimmed); the way a screen says "not now".
        return None if action == "back" and self.at_start else True

    def action_skip(self) -> None:
        self.ran.append("skip")

    def action_back(self) -> None:
        self.ran.append("back")

    def action_secret(self) -> None:
        self.ran.append("secret")


class KeysApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.bells = 0

    def on_mount(self) -> None:
        self.push_screen(KeysScreen())

    def bell(self) -> None:
        self.bells += 1


def bar_of(app: App[None]) -> KeyBar:
    return app.screen.query_one(KeyBar)


def keys_screen(app: App[None]) -> KeysScreen:
    screen = app.screen
    assert isinstance(screen, KeysScreen)
    return screen


def column_of(bar: KeyBar, description: str) -> int:
    """The first column of the item with `description`."""
    return next(span.start for span in bar.spans if span.item.description == description)


async def test_it_shows_each_shown_key_then_the_palette_at_the_right() -> None:
    app = KeysApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        line = bar_of(app).render()
        assert line.plain.startswith(" s Skip  ←/b Back ")
        assert "Secret" not in line.plain
        assert line.plain.endswith(PALETTE)
        assert line.cell_len == 60


async def test_an_off_key_is_dimmed_and_a_click_on_it_rings_the_bell() -> None:
    app = KeysApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        bar = bar_of(app)
        line = bar.render()
        back = column_of(bar, "Back")
        assert line.get_style_at_offset(app.console, back + 1).dim
        assert not line.get_style_at_offset(app.console, column_of(bar, "Skip") + 1).dim
        await pilot.click(KeyBar, offset=(back + 1, 0))
        assert keys_screen(app).ran == []
        assert app.bells == 1


async def test_a_click_on_a_key_runs_it() -> None:
    app = KeysApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        await pilot.click(KeyBar, offset=(column_of(bar_of(app), "Skip") + 3, 0))
        assert keys_screen(app).ran == ["skip"]


async def test_it_follows_the_screen_when_a_key_comes_on() -> None:
    app = KeysApp()
    async with app.run_test(size=(60, 5)) as pilot:
        await pilot.pause()
        screen = keys_screen(app)
        screen.at_start = False
        screen.refresh_bindings()
        await pilot.pause()
        bar = bar_of(app)
        back = next(item for item in bar.items if item.description == "Back")
        assert back.enabled
        await pilot.click(KeyBar, offset=(column_of(bar, "Back") + 1, 0))
        assert screen.ran == ["back"]


async def test_a_narrow_bar_cuts_the_keys_and_keeps_the_palette() -> None:
    app = KeysApp()
    async with app.run_test(size=(20, 5)) as pilot:
        await pilot.pause()
        bar = bar_of(app)
        line = bar.render()
        assert line.plain == " s Skip " + PALETTE  # 8 + 12 columns: Back does not fit
        # Only whole keys can be clicked: the cut one is not among the spans.
        assert [span.item.description for span in bar.spans] == ["Skip", "palette"]
