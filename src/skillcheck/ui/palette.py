"""The command palette, made from the command table, and the app-wide actions behind it.

The palette lists the commands of the screen it was opened on and the app's own
(`ui/commands.py`), each running the very action its key runs, so a command does the
same from either. Served over SSH, nothing here writes a file or opens a browser: the
server saves the results itself (`--output`), and a browser would open on the server.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.actions import parse
from textual.app import App, SystemCommand
from textual.markup import escape
from textual.screen import ModalScreen, Screen

from skillcheck.ui.commands import (
    APP_COMMANDS,
    MAIN_ONLY,
    SAVE_RESULTS,
    Command,
    keys_text,
    palette_help,
)

if TYPE_CHECKING:
    from skillcheck.domain.results import Results
    from skillcheck.domain.session import Session
    from skillcheck.options import TuiOptions

#: Actions that write files: off when served over SSH.
FILE_ACTIONS = frozenset({"export_results", "export_picture"})
RESULTS_FILE = "skillcheck-results.toml"
PICTURE_FILE = "skillcheck-results.svg"


class PaletteCommands(App[None]):
    """Commands for the palette; the app defines `restart_confirmed` and the state."""

    options: TuiOptions
    work_dir: Path
    session: Session | None
    results: Results | None

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's own list is replaced: Theme and Keys are in the table, Screenshot
        # would write even when served, and maximizing means nothing on these screens.
        commands: list[Command] = list(getattr(screen, "OFFERED_COMMANDS", ()))
        modal = isinstance(screen, ModalScreen)
        commands += [c for c in APP_COMMANDS if not (modal and c in MAIN_ONLY)]
        for command in commands:
            if command.in_palette:
                yield from self._palette_entries(command, screen)

    def _palette_entries(self, command: Command, screen: Screen[Any]) -> Iterator[SystemCommand]:
        if not command.numbered:
            if self._enabled(command.action, screen):
                run = partial(self.run_action, command.action, screen)
                yield SystemCommand(command.title, palette_help(command), run)
            return
        # One entry per choice on screen: "Pick answer 2", with the answer as its help
        # (escaped: the palette reads help as markup, and a bank's text is not markup).
        choices: list[str] = getattr(screen, "numbered_choices", list)()
        for index, text in enumerate(choices):
            action = command.numbered_action(index)
            if self._enabled(action, screen):
                run = partial(self.run_action, action, screen)
                yield SystemCommand(f"{command.title} {index + 1}", escape(text), run)

    def _enabled(self, action: str, screen: Screen[Any]) -> bool:
        """Would `action`, bound on `screen`, run now? (What a key binding asks too.)"""
        namespace, name, parameters = parse(action)
        target: App[Any] | Screen[Any] = self if namespace == "app" else screen
        return target.check_action(name, parameters) is True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in FILE_ACTIONS and self.options.served:
            return False
        if action == "restart":
            return self.session is not None
        return not (action == "export_results" and self.results is None)

    def action_toggle_keys(self) -> None:
        """Show the keys of this screen in a side panel, or hide them."""
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_export_results(self) -> None:
        """Ask where to save the results TOML, then save it."""
        from skillcheck.store.results import write_results
        from skillcheck.ui.screens.save_dialog import SaveDialog

        results = self.results
        if results is None or self.options.served:
            return
        self.push_screen(
            SaveDialog(
                title="Export results",
                what="your results (TOML)",
                default_name=RESULTS_FILE,
                write=lambda path: write_results(path, results),
                base=self.work_dir,
            ),
            callback=lambda path: self._saved("Results saved", path),
        )

    def write_output(self, path: Path, results: Results) -> None:
        """`--output`: write the results when the run is complete (a failure is shown)."""
        from skillcheck.errors import UserError
        from skillcheck.store.results import write_results

        try:
            write_results(path, results)
        except UserError as exc:
            self.notify(
                f"{exc} They are kept here: save them with {keys_text(SAVE_RESULTS)}.",
                title="Results not saved",
                severity="error",
                timeout=12,
                markup=False,
            )

    def action_export_picture(self) -> None:
        """Save an SVG picture of the screen (as it is under the palette)."""
        if self.options.served:
            return
        # After a refresh, once the palette has gone from the screen.
        self.call_after_refresh(self._ask_picture_path)

    def _ask_picture_path(self) -> None:
        from skillcheck.store.atomic import write_atomic
        from skillcheck.ui.screens.save_dialog import SaveDialog

        picture = self.export_screenshot()
        self.push_screen(
            SaveDialog(
                title="Export picture",
                what="a picture of this screen (SVG)",
                default_name=PICTURE_FILE,
                write=lambda path: write_atomic(path, picture),
                base=self.work_dir,
            ),
            callback=lambda path: self._saved("Picture saved", path),
        )

    def _saved(self, title: str, path: Path | None) -> None:
        if path is not None:
            self.notify(str(path), title=title, markup=False)

    def action_restart(self) -> None:
        """Ask, then start over from the welcome screen."""
        from skillcheck.ui.screens.confirm_dialog import ConfirmDialog

        self.push_screen(
            ConfirmDialog(
                "Start over from the welcome screen? Your answers so far are kept in a backup.",
                title="Start over?",
                yes="Start over",
                no="Keep going",
            ),
            callback=self.restart_confirmed,
        )

    async def restart_confirmed(self, restart: bool | None) -> None:
        raise NotImplementedError

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        if self.options.served:
            self.notify(f"Open this address on your own machine: {url}", markup=False)
            return
        super().open_url(url, new_tab=new_tab)
