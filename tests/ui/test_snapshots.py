"""SVG snapshots of the main screens at 80x24 (pytest-textual-snapshot).

Deterministic: the frozen UI bank, fixed answers, a temporary data folder (no path or
time appears on these screens), the input cursor's blink off. Regenerate with
`pytest tests/ui/test_snapshots.py --snapshot-update`, then look at the pictures.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest
from pilot_moves import SIZE, UI_BANK_DIR, AppPilot, MakeApp
from textual.widgets import Input

from skillcheck.domain.models import Answers, Bank
from skillcheck.domain.scoring import score
from skillcheck.domain.selection import full_questions
from skillcheck.store.bank import load_bank
from skillcheck.store.history import keep_results

SnapCompare = Callable[..., bool]
#: The digits a full run of the UI bank answers with, in turn (each within the options).
FIXED_DIGITS = [3, 2, 1, 4, 1, 2, 2, 3]


def answered(*extra: str) -> list[str]:
    """Full mode on the UI bank (its order is fixed), answered the same way every time."""
    bank = load_bank(UI_BANK_DIR)
    keys = ["down", "enter"]
    for n, qid in enumerate(full_questions(bank)):
        digit = min(FIXED_DIGITS[n % len(FIXED_DIGITS)], len(bank.question_by_id[qid].options))
        keys += [str(digit), "enter"]
    return keys + list(extra)


async def open_export_dialog(pilot: AppPilot) -> None:
    await pilot.press(*answered("ctrl+s"))
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


def test_welcome(snap_compare: SnapCompare, app_for: MakeApp, ui_bank: Bank) -> None:
    assert snap_compare(app_for(ui_bank), terminal_size=SIZE)


@pytest.mark.slow
def test_rating_question(snap_compare: SnapCompare, app_for: MakeApp, ui_bank: Bank) -> None:
    # Full mode opens on the weightiest skill's self-rating.
    assert snap_compare(app_for(ui_bank), press=["down", "enter", "3"], terminal_size=SIZE)


@pytest.mark.slow
def test_choice_question(snap_compare: SnapCompare, app_for: MakeApp, ui_bank: Bank) -> None:
    # Quick mode opens on the knowledge question the adaptive engine picks first.
    assert snap_compare(app_for(ui_bank), press=["enter", "3"], terminal_size=SIZE)


@pytest.mark.slow
def test_results(snap_compare: SnapCompare, app_for: MakeApp, ui_bank: Bank) -> None:
    assert snap_compare(app_for(ui_bank), press=answered(), terminal_size=SIZE)


@pytest.mark.slow
def test_results_wide(snap_compare: SnapCompare, app_for: MakeApp, ui_bank: Bank) -> None:
    assert snap_compare(app_for(ui_bank), press=answered(), terminal_size=(130, 40))


@pytest.mark.slow
def test_export_dialog(snap_compare: SnapCompare, app_for: MakeApp, ui_bank: Bank) -> None:
    assert snap_compare(app_for(ui_bank), terminal_size=SIZE, run_before=open_export_dialog)


@pytest.mark.slow
def test_question_at_60x20(snap_compare: SnapCompare, app_for: MakeApp, ui_bank: Bank) -> None:
    assert snap_compare(app_for(ui_bank), press=["enter"], terminal_size=(60, 20))


@pytest.mark.slow
def test_results_at_60x20(snap_compare: SnapCompare, app_for: MakeApp, ui_bank: Bank) -> None:
    # The ranges and the unverified marks must still read on a small terminal.
    assert snap_compare(
        app_for(ui_bank), press=answered("pagedown", "pagedown"), terminal_size=(60, 20)
    )


async def scroll_to_progress(pilot: AppPilot) -> None:
    """A second run (an earlier result is kept), scrolled to what changed since."""
    await pilot.press(*answered())
    screen = pilot.app.screen
    section = screen.query_one("#progress-section")
    screen.query_one("#results").scroll_to_widget(section, top=True, animate=False)
    await pilot.pause()


@pytest.mark.slow
def test_results_with_progress(snap_compare: SnapCompare, app_for: MakeApp, ui_bank: Bank) -> None:
    earlier = score(ui_bank, Answers(values={"programming-rate": 0, "programming-q1": "a"}))
    keep_results(earlier, now=datetime(2026, 1, 2, 10, 0))
    assert snap_compare(app_for(ui_bank), terminal_size=SIZE, run_before=scroll_to_progress)
