"""The command palette's commands and the exports behind them, `--output` included.

Export results (TOML), Export picture (SVG), Restart, and Textual's Theme and Keys.
Served over SSH, nothing here writes a file or opens a browser: the server saves the
results itself (`--output`), and a browser would open on the server.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from skillcheck.domain.results import Results
    from skillcheck.domain.session import Session
    from skillcheck.options import TuiOptions

#: Actions that write files: off when served over SSH.
FILE_ACTIONS = frozenset({"export_results", "export_picture"})
HIDDEN_COMMANDS = frozenset({"Screenshot", "Maximize", "Minimize"})
RESULTS_FILE = "skillcheck-results.toml"
PICTURE_FILE = "skillcheck-results.svg"


class PaletteCommands(App[None]):
    """Commands for the palette; the app defines `restart_confirmed` and the state."""

    options: TuiOptions
    work_dir: Path
    session: Session | None
    results: Results | None

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        if not self.options.served:
            if self.results is not None:
                yield SystemCommand(
                    "Export results (TOML)",
                    "Save your results as a TOML file (Ctrl+S on the results)",
                    self.action_export_results,
                )
            yield SystemCommand(
                "Export picture (SVG)",
                "Save a picture of this screen as an SVG file",
                self.action_export_picture,
            )
        if self.session is not None:
            yield SystemCommand(
                "Restart",
                "Start over from the welcome screen (your answers so far are backed up)",
                self.action_restart,
            )
        for command in super().get_system_commands(screen):
            # "Export picture" replaces Screenshot (which would write even when served);
            # maximizing a widget means nothing on these one-panel screens.
            if command.title not in HIDDEN_COMMANDS:
                yield command

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in FILE_ACTIONS and self.options.served:
            return False
        return not (action == "export_results" and self.results is None)

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
                f"{exc} They are kept here: save them with Ctrl+S.",
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
