"""The question count's bar: moved by each answer, and otherwise still."""

from __future__ import annotations

from textual import events
from textual.widgets import ProgressBar


class StepProgress(ProgressBar):
    """A ProgressBar without its once-a-second timer.

    Textual's ProgressBar wakes every second to refresh its time estimate, even when the
    estimate is not shown. An idle served session then cost a third of a millisecond
    of CPU every second for nothing: 300 candidates reading their questions kept a
    tenth of a CPU busy. This bar is drawn when `update` moves it, and not otherwise.
    """

    def _on_mount(self, event: events.Mount) -> None:
        event.prevent_default()  # ProgressBar's own on_mount starts the timer
        self.update()
