"""The history view: every kept result with its fits, newest first; Enter opens one.

A kept result opens read-only in the results screen (`KeptResultsScreen`), with what
changed since the kept result before it. The files are read by `store.history` before
the screen is shown; this screen only lays out what `domain.progress_wording` says.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from skillcheck.domain.comparison import compare_results
from skillcheck.domain.models import Bank
from skillcheck.domain.progress_wording import (
    HISTORY_EXPLAINED,
    NO_HISTORY,
    ComparisonText,
    describe_comparison,
    history_entry,
    history_title,
    kept_note,
    unreadable_entry,
    when_text,
)
from skillcheck.store.history import KeptResult
from skillcheck.ui.commands import (
    CLOSE,
    LIST_MOVES,
    OPEN_KEPT,
    QUIT,
    Command,
    bindings_for,
)
from skillcheck.ui.results_view import MUTED
from skillcheck.ui.widgets.key_bar import KeyBar


def entry_prompt(kept: KeptResult) -> Content:
    """`2026-11-30 12:34 · bank 1.0` over the fits, or over why the file cannot be shown."""
    if kept.results is None:
        return Content.assemble(
            (when_text(kept.when), "bold"),
            "\n",
            (unreadable_entry(kept.problem or ""), "$warning"),
        )
    words = history_entry(kept.when, kept.results)
    return Content.assemble((words.when, "bold"), " · ", (words.bank, MUTED), "\n", words.fits)


def progress_before(kept: list[KeptResult], index: int) -> ComparisonText | None:
    """What changed from the newest comparable result before `kept[index]` to it."""
    chosen = kept[index].results
    if chosen is None:
        return None
    for earlier in reversed(kept[:index]):
        if earlier.results is None:
            continue
        comparison = compare_results(earlier.results, chosen)
        if comparison.comparable:
            return describe_comparison(comparison, when_text(earlier.when))
    return None


class KeptList(OptionList, inherit_bindings=False):
    """The kept results: the arrows move the highlight; Open (the screen's) opens it."""

    OFFERED_COMMANDS: ClassVar[tuple[Command, ...]] = LIST_MOVES
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*OFFERED_COMMANDS)


class HistoryScreen(Screen[None]):
    """The kept results, newest first."""

    OFFERED_COMMANDS: ClassVar[tuple[Command, ...]] = (OPEN_KEPT, CLOSE, QUIT)
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*OFFERED_COMMANDS)

    def __init__(self, bank: Bank, kept: list[KeptResult]) -> None:
        """`kept`: the history, oldest first (as `store.history.load_history` gives it)."""
        super().__init__()
        self.bank = bank
        self.kept = kept

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static(Content.styled(history_title(len(self.kept)), "bold"), id="history-title")
            if not self.kept:
                yield Static(Content(NO_HISTORY), id="history-empty")
            else:
                yield Static(Content.styled(HISTORY_EXPLAINED, MUTED))
                newest_first = range(len(self.kept) - 1, -1, -1)
                yield KeptList(
                    *(
                        Option(
                            entry_prompt(self.kept[i]), id=str(i), disabled=not self.kept[i].results
                        )
                        for i in newest_first
                    ),
                    id="history-list",
                )
        yield KeyBar()

    def on_mount(self) -> None:
        if self.kept:
            self.query_one(OptionList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_kept":
            return self._highlighted() is not None
        return True

    def _highlighted(self) -> int | None:
        if not self.kept:
            return None
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return None if option.disabled or option.id is None else int(option.id)

    def action_open_kept(self) -> None:
        index = self._highlighted()
        if index is not None:
            self.open_kept(index)

    def open_kept(self, index: int) -> None:
        """Show `kept[index]` read-only, with what changed since the one before it."""
        from skillcheck.ui.screens.results import KeptResultsScreen

        kept = self.kept[index]
        if kept.results is None:
            return
        # The bank fills in names; one made with another bank is shown as kept.
        same = kept.results.bank.sha256 == self.bank.info.sha256
        self.app.push_screen(
            KeptResultsScreen(
                self.bank if same else None,
                kept.results,
                progress=progress_before(self.kept, index),
                note=kept_note(kept.when),
            )
        )

    def action_close(self) -> None:
        self.dismiss()
