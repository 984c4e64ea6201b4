"""The team dashboard: every served candidate in a sortable, filterable table.

Shows the rows `reports.team` collects, laid out by `reports.team_view` (which decides
the columns, the order and the filters); Enter opens one candidate's results, read-only,
in the results screen the candidate saw.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from skillcheck.domain.models import Bank
from skillcheck.reports.team import CandidateRow
from skillcheck.reports.team_view import (
    STATUS_FILTERS,
    Column,
    team_columns,
    visible_rows,
)
from skillcheck.ui.commands import (
    BACK_TO_TEAM,
    OPEN_CANDIDATE,
    PAGE_DOWN,
    QUIT,
    SEARCH,
    SORT_NEXT,
    SORT_REVERSE,
    STATUS_FILTER,
    Command,
    bindings_for,
)
from skillcheck.ui.results_view import MUTED
from skillcheck.ui.screens.results import ResultsScreen
from skillcheck.ui.widgets.key_bar import KeyBar

STATUS_STYLES = {"broken": "bold red", "finished": "green", "in progress": "yellow"}


class CandidateTable(DataTable[Text], inherit_bindings=False):
    """A DataTable that leaves Enter to the screen, so Open shows in the Footer."""

    BINDINGS: ClassVar[list[BindingType]] = [
        binding
        for binding in DataTable.BINDINGS
        if not (isinstance(binding, Binding) and binding.key == "enter")
    ]


class TeamScreen(Screen[None]):
    """The candidates, one row each; the highlighted one's key or problem below."""

    OFFERED_COMMANDS: ClassVar[tuple[Command, ...]] = (
        OPEN_CANDIDATE,
        SORT_NEXT,
        SORT_REVERSE,
        STATUS_FILTER,
        SEARCH,
        QUIT,
    )
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*OFFERED_COMMANDS)

    def __init__(self, rows: list[CandidateRow], bank: Bank, position: str | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.bank = bank
        self.position = position
        self.columns = team_columns(rows, position)
        # With a position the rows come ranked by it: say so, and let `s` go on from there.
        self.sort_column: Column | None = self.columns_by_key().get("position")
        self.descending = self.sort_column is not None
        self.status_filter = STATUS_FILTERS[0]
        self.shown: list[CandidateRow] = []

    def columns_by_key(self) -> dict[str, Column]:
        return {column.key: column for column in self.columns}

    def compose(self) -> ComposeResult:
        yield Static(id="team-title")
        yield Input(placeholder="Filter: part of an id or a gap", id="team-search")
        yield CandidateTable(id="team-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="team-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in self.columns:
            table.add_column(Text(column.label), key=column.key)
        self.refresh_rows()
        table.focus()

    # --- the rows ----------------------------------------------------------------------

    @property
    def search_text(self) -> str:
        return self.query_one("#team-search", Input).value

    def refresh_rows(self) -> None:
        """Fill the table with the rows the filters let through, in the chosen order."""
        table: DataTable[Text] = self.query_one(DataTable)
        highlighted = self.highlighted
        self.shown = visible_rows(
            self.rows,
            status=self.status_filter,
            text=self.search_text,
            column=self.sort_column,
            descending=self.descending,
        )
        table.clear()
        for row in self.shown:
            table.add_row(*self.cells(row), key=row.candidate_id)
        if highlighted in self.shown:
            table.move_cursor(row=self.shown.index(highlighted))
        self.show_title()
        self.show_detail()

    def cells(self, row: CandidateRow) -> list[Text]:
        cells = []
        for column in self.columns:
            style = STATUS_STYLES.get(row.status, "") if column.key == "status" else ""
            cells.append(Text(column.cell(row), style=style))
        return cells

    @property
    def highlighted(self) -> CandidateRow | None:
        table: DataTable[Text] = self.query_one(DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def show_title(self) -> None:
        order = "last active ↓"
        if self.sort_column is not None:
            arrow = "↓" if self.descending else "↑"
            order = f"{self.sort_column.label} {arrow}"
        parts: list[str | tuple[str, str]] = [
            ("Candidates", "bold"),
            f" · {len(self.shown)} of {len(self.rows)} shown ({self.status_filter})",
            f" · sorted by {order}",
        ]
        if self.position is not None and self.sort_column is not self.columns_by_key()["position"]:
            parts.append(f" · position: {self.position}")
        self.query_one("#team-title", Static).update(Content.assemble(*parts))

    def show_detail(self) -> None:
        row = self.highlighted
        detail = self.query_one("#team-detail", Static)
        if row is None:
            detail.update(Content("No candidate matches the filters."))
        elif row.short_problem is not None:
            detail.update(Content.styled(f"{row.short_id}: {row.short_problem}", "$error"))
        else:
            key = row.fingerprint or row.candidate_id
            gaps = ", ".join(row.top_gap_names)
            words = f"{key}" + (f"\nTop gaps: {gaps}" if gaps else "")
            detail.update(Content.styled(words, MUTED))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        # The table takes Enter itself: selecting a row is the same as the command.
        self.action_open_candidate()

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        column = self.columns_by_key().get(str(event.column_key.value))
        if column is None:
            return
        if column is self.sort_column:
            self.descending = not self.descending
        else:
            self.sort_column, self.descending = column, column.numeric
        self.refresh_rows()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_rows()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one(DataTable).focus()

    # --- the commands ------------------------------------------------------------------

    def action_open_candidate(self) -> None:
        row = self.highlighted
        if row is None:
            return
        if row.results is None:
            why = row.problem or f"this candidate is {row.status}: there are no results yet."
            self.notify(why, title=row.short_id, severity="warning", markup=False)
            return
        self.app.push_screen(CandidateResultsScreen(self.bank, row))

    def action_sort_next(self) -> None:
        index = -1 if self.sort_column is None else self.columns.index(self.sort_column)
        self.sort_column = self.columns[(index + 1) % len(self.columns)]
        self.descending = self.sort_column.numeric
        self.refresh_rows()

    def action_sort_reverse(self) -> None:
        if self.sort_column is None:
            self.sort_column = self.columns_by_key()["active"]
            self.descending = False
        else:
            self.descending = not self.descending
        self.refresh_rows()

    def action_next_status_filter(self) -> None:
        index = STATUS_FILTERS.index(self.status_filter)
        self.status_filter = STATUS_FILTERS[(index + 1) % len(STATUS_FILTERS)]
        self.refresh_rows()

    def action_focus_search(self) -> None:
        self.query_one("#team-search", Input).focus()


class CandidateResultsScreen(ResultsScreen, inherit_bindings=False):
    """One candidate's results as they saw them, read-only: nothing to save or change."""

    OFFERED_COMMANDS: ClassVar[tuple[Command, ...]] = (BACK_TO_TEAM, PAGE_DOWN, QUIT)
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*OFFERED_COMMANDS)

    def __init__(self, bank: Bank, row: CandidateRow) -> None:
        assert row.results is not None, "only a finished candidate has results to show"
        super().__init__(bank, row.results)
        self.row = row
        self.sub_title = row.fingerprint or row.candidate_id

    def action_back_to_team(self) -> None:
        self.dismiss()
