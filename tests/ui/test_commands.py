"""The command table: every command's keys, Footer entry and palette entry come from it.

The palette lists every command of the table (but moving and scrolling), each screen binds
the keys its commands name, and a command run from the palette does what its key does.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from pilot_moves import SIZE, AppPilot, MakeApp, answer, answer_all, highlighted, session_of
from textual.binding import Binding
from textual.command import Command as PaletteOption
from textual.command import CommandList, CommandPalette
from textual.screen import ModalScreen, Screen
from textual.widgets import HelpPanel, Input

from skillcheck.domain.models import Bank
from skillcheck.ui import commands
from skillcheck.ui.app import SkillcheckApp
from skillcheck.ui.commands import (
    ALL_COMMANDS,
    APP_COMMANDS,
    PAGE_DOWN,
    QUIT,
    Command,
    key_name,
    keys_text,
)
from skillcheck.ui.screens.confirm_dialog import ConfirmDialog
from skillcheck.ui.screens.hire_result import HireResultScreen
from skillcheck.ui.screens.history import HistoryScreen, KeptList
from skillcheck.ui.screens.question import QuestionScreen, answer_value
from skillcheck.ui.screens.results import KeptResultsScreen, ResultsScreen
from skillcheck.ui.screens.save_dialog import SaveDialog
from skillcheck.ui.screens.team import CandidateResultsScreen, TeamScreen
from skillcheck.ui.screens.welcome import ModeList, WelcomeScreen

SCREENS: list[type[Screen[Any]]] = [
    WelcomeScreen,
    QuestionScreen,
    ResultsScreen,
    HistoryScreen,
    KeptResultsScreen,
    SaveDialog,
    ConfirmDialog,
    TeamScreen,
    CandidateResultsScreen,
    HireResultScreen,
]
Move = Callable[[AppPilot], Awaitable[None]]


def screen_commands(node: object) -> tuple[Command, ...]:
    """What a screen or widget (class or instance) offers."""
    found: tuple[Command, ...] = getattr(node, "OFFERED_COMMANDS", ())
    return found


def palette_titles(app: SkillcheckApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


def keys_of(command: Command) -> tuple[str, ...]:
    return commands.DIGITS if command.numbered else command.keys


# --- the table itself -------------------------------------------------------------------


def test_every_command_of_the_table_is_offered_somewhere() -> None:
    offered = {c for screen in SCREENS for c in screen_commands(screen)}
    offered |= set(APP_COMMANDS) | set(screen_commands(ModeList))
    assert offered == set(ALL_COMMANDS)


def test_a_command_without_a_key_says_why() -> None:
    keyless = {c.title: c.no_key for c in ALL_COMMANDS if not keys_of(c)}
    assert set(keyless) == {"Save picture (SVG)", "Restart", "Theme"}
    assert all(reason and len(reason) > 20 for reason in keyless.values())
    with pytest.raises(ValueError, match="says why not"):
        Command("nothing", "Nothing", "Does nothing")


def test_only_moving_and_scrolling_stay_out_of_the_palette() -> None:
    out = {c.title for c in ALL_COMMANDS if not c.in_palette}
    assert out == {
        "Previous choice",
        "Next choice",
        "First choice",
        "Last choice",
        "Scroll the text down",
        "Scroll the text up",
        "Page down",
        "Next button",
    }


def test_no_help_text_names_a_key() -> None:
    # Named keys ("Enter", "Ctrl+S", "F1"...) and single keys shown as [x] or (x).
    names = {key_name(k) for c in ALL_COMMANDS for k in c.keys if len(key_name(k)) > 1}
    for command in ALL_COMMANDS:
        words = set(re.findall(r"[\w+]+|[←→↑↓]", command.help))
        assert not words & names, command.title
        assert not re.search(r"[\[(].[\])]", command.help), command.title


def test_keys_are_named_for_people() -> None:
    assert keys_text(commands.SAVE_RESULTS) == "Ctrl+S"
    assert keys_text(commands.BACK) == "← or b"
    assert keys_text(commands.PICK) == "1-9"
    assert keys_text(commands.NO) == "n or Esc"


# --- the running app --------------------------------------------------------------------


async def to_welcome(pilot: AppPilot) -> None:
    await pilot.pause()


async def to_question(pilot: AppPilot) -> None:
    await pilot.press("enter")


async def to_results(pilot: AppPilot) -> None:
    await pilot.press("enter")
    await answer_all(pilot, "2")


async def to_history(pilot: AppPilot) -> None:
    await to_results(pilot)
    await pilot.press("h")


async def to_kept_results(pilot: AppPilot) -> None:
    await to_history(pilot)
    await pilot.press("enter")


async def to_save_dialog(pilot: AppPilot) -> None:
    await to_results(pilot)
    await pilot.press("ctrl+s")


async def to_confirm_dialog(pilot: AppPilot) -> None:
    await to_question(pilot)
    await pilot.app.run_action("app.restart")
    await pilot.pause()


STATES: list[tuple[Move, type[Screen[Any]]]] = [
    (to_welcome, WelcomeScreen),
    (to_question, QuestionScreen),
    (to_results, ResultsScreen),
    (to_history, HistoryScreen),
    (to_kept_results, KeptResultsScreen),
    (to_save_dialog, SaveDialog),
    (to_confirm_dialog, ConfirmDialog),
]


@pytest.mark.parametrize(("move", "screen_type"), STATES, ids=lambda v: getattr(v, "__name__", ""))
async def test_each_screen_binds_its_commands_keys_and_shows_few_in_the_footer(
    app_for: MakeApp, ui_bank: Bank, move: Move, screen_type: type[Screen[Any]]
) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await move(pilot)
        screen = app.screen
        assert isinstance(screen, screen_type)
        # Each node's own bindings: in `active_bindings` a focused widget's binding can
        # shadow the screen's (the results' scroll takes ← first and passes it on).
        bound: list[tuple[object, tuple[Command, ...], dict[str, list[Binding]]]] = [
            (screen, screen_commands(screen), screen._bindings.key_to_bindings)
        ]
        for lists in (ModeList, KeptList):  # option lists keep the arrows for themselves
            for options in screen.query(lists):
                bound.append((options, screen_commands(options), options._bindings.key_to_bindings))
        if not isinstance(screen, ModalScreen):  # a dialog takes only its own keys
            bound.append((app, APP_COMMANDS, app._bindings.key_to_bindings))
        for node, offered, by_key in bound:
            for command in offered:
                for index, key in enumerate(keys_of(command)):
                    action = command.numbered_action(index) if command.numbered else command.action
                    actions = [b.action for b in by_key.get(key, [])]
                    assert actions == [action], f"{node}: {key} runs {actions}, not {action}"
        footer = {b.binding.description for b in screen.active_bindings.values() if b.binding.show}
        assert len(footer) <= 6, footer
        own = [c for node, offered, _ in bound if node is not app for c in offered]
        assert footer == {c.footer for c in own if c.footer}


@pytest.mark.parametrize(("move", "screen_type"), STATES, ids=lambda v: getattr(v, "__name__", ""))
async def test_the_palette_lists_the_screens_commands_and_the_apps(
    app_for: MakeApp, ui_bank: Bank, move: Move, screen_type: type[Screen[Any]]
) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await move(pilot)
        listed = palette_titles(app)
        for command in screen_commands(app.screen):
            if command.numbered:
                question = session_of(pilot).current(ui_bank)
                expected = [f"Pick answer {n}" for n in range(1, len(question.options) + 1)]
                assert [t for t in listed if t.startswith("Pick answer")] == expected
            elif command.in_palette:
                assert command.title in listed
            else:
                assert command.title not in listed
        modal = screen_type in (SaveDialog, ConfirmDialog)
        assert ("Restart" in listed) is (screen_type is not WelcomeScreen and not modal)
        assert "Theme" in listed and "Keys" in listed
        assert "Screenshot" not in listed and "Maximize" not in listed


async def test_every_palette_command_of_the_table_is_listed_on_some_screen(
    app_for: MakeApp, ui_bank: Bank
) -> None:
    seen: set[str] = set()
    for move, _ in STATES:
        app = app_for(ui_bank)
        async with app.run_test(size=SIZE) as pilot:
            await move(pilot)
            seen |= set(palette_titles(app))
    # The dashboard's commands are in its own app's palette (tests/ui/test_team.py), and
    # the hiring result's on the hire app (tests/ui/test_hire.py).
    dashboard = {*TeamScreen.OFFERED_COMMANDS, *CandidateResultsScreen.OFFERED_COMMANDS}
    hire_only = set(HireResultScreen.OFFERED_COMMANDS) - {
        c for screen in SCREENS if screen is not HireResultScreen for c in screen_commands(screen)
    }
    for command in set(ALL_COMMANDS) - (dashboard - {QUIT, PAGE_DOWN}) - hire_only:
        title = f"{command.title} 1" if command.numbered else command.title
        assert (title in seen) is command.in_palette, command.title


async def test_the_palette_shows_each_commands_keys(app_for: MakeApp, ui_bank: Bank) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await to_results(pilot)
        helps = {c.title: c.help for c in app.get_system_commands(app.screen)}
    assert helps["Save results (TOML)"] == "Save your results as a TOML file (Ctrl+S)"
    assert helps["Change answers"].endswith("(b or ←)")
    assert helps["Restart"] == commands.RESTART.help  # no key: nothing added


async def run_from_palette(pilot: AppPilot, title: str) -> None:
    """Open the palette, search for `title`, choose that entry."""
    await pilot.press("ctrl+p")
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(Input).value = title
    options = palette.query_one(CommandList)
    for _ in range(200):
        await pilot.pause(0.01)
        titles = [str(o.hit.text) for o in options._options if isinstance(o, PaletteOption)]
        if title in titles:
            break
    else:
        raise AssertionError(f"{title!r} is not in the palette")
    options.highlighted = titles.index(title)
    await pilot.press("enter")
    await pilot.pause()
    assert not isinstance(pilot.app.screen, CommandPalette)


def state_of(pilot: AppPilot) -> tuple[object, ...]:
    """What a command can change: the screen, the session, the highlight, the Keys panel."""
    app = pilot.app
    assert isinstance(app, SkillcheckApp)
    session = app.session
    return (
        type(app.screen).__name__,
        None if session is None else (session.position, dict(session.answers)),
        highlighted(pilot) if isinstance(app.screen, QuestionScreen) else None,
        bool(app.screen.query(HelpPanel)),
        app.return_code,
    )


SAME_FROM_BOTH: list[tuple[Move, str, tuple[str, ...]]] = [
    (to_welcome, "Start", ("enter",)),
    (to_question, "Pick answer 3", ("3",)),
    (to_question, "Skip", ("s",)),
    (to_question, "Quit", ("q",)),
    (to_results, "Change answers", ("b",)),
    (to_results, "Save results (TOML)", ("ctrl+s",)),
    (to_results, "History", ("h",)),
    (to_history, "Open result", ("enter",)),
    (to_history, "Close", ("b",)),
    (to_kept_results, "Close", ("b",)),
    (to_welcome, "Keys", ("f1",)),
]


@pytest.mark.parametrize(("move", "title", "keys"), SAME_FROM_BOTH, ids=lambda v: str(v))
async def test_a_command_does_the_same_from_the_palette_and_its_key(
    app_for: MakeApp, ui_bank: Bank, move: Move, title: str, keys: tuple[str, ...]
) -> None:
    changes = []
    for by_palette in (False, True):
        app = app_for(ui_bank)
        async with app.run_test(size=SIZE) as pilot:
            await move(pilot)
            before = state_of(pilot)
            if by_palette:
                await run_from_palette(pilot, title)
            else:
                await pilot.press(*keys)
                await pilot.pause()
            changes.append((before, state_of(pilot)))
    by_key, by_palette_ = changes
    assert by_key[0] != by_key[1], "the command changed nothing"
    assert by_palette_ == by_key


async def test_confirm_and_back_from_the_palette_move_the_session(
    app_for: MakeApp, ui_bank: Bank
) -> None:
    app = app_for(ui_bank)
    async with app.run_test(size=SIZE) as pilot:
        await to_question(pilot)
        first = session_of(pilot).current_id
        await pilot.press("4")
        await run_from_palette(pilot, "Confirm")
        fourth = answer_value(ui_bank.question_by_id[first], 3)
        assert session_of(pilot).answers == {first: fourth} and session_of(pilot).position == 1
        await answer(pilot, "2")
        await run_from_palette(pilot, "Back")
        assert session_of(pilot).position == 1


async def test_an_answer_that_looks_like_markup_is_shown_as_written(
    app_for: MakeApp, ui_bank: Bank
) -> None:
    first = ui_bank.questions[0]
    odd = first.model_copy(
        update={
            "options": [o.model_copy(update={"text": f"[/x] {o.text} [b]"}) for o in first.options]
        }
    )
    bank = Bank(
        info=ui_bank.info,
        skills=ui_bank.skills,
        roles=ui_bank.roles,
        credentials=ui_bank.credentials,
        careers=ui_bank.careers,
        questions=[odd if q.id == odd.id else q for q in ui_bank.questions],
    )
    app = app_for(bank, mode="full")
    async with app.run_test(size=SIZE) as pilot:
        assert session_of(pilot).current_id == odd.id
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)  # the palette lists every command: its help is drawn
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        drawn = [str(o.prompt) for o in palette.query_one(CommandList)._options]
        written = odd.options[0].text
        assert written.startswith("[/x] ") and written.endswith(" [b]")
        assert any(written in text for text in drawn), drawn
