"""The first screen: what is measured and why, how long it takes, and the modes to choose."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

Choice = Literal["resume", "quick", "full"]
CHOICE_BY_ID: dict[str, Choice] = {"resume": "resume", "quick": "quick", "full": "full"}

#: A fair pace for a self-rating or a short knowledge question.
SECONDS_PER_QUESTION = 15


def duration(question_count: int) -> str:
    """Roughly how long `question_count` questions take: `about 8 min`."""
    minutes = max(1, round(question_count * SECONDS_PER_QUESTION / 60))
    return f"about {minutes} min"


@dataclass(frozen=True)
class ResumeOffer:
    """An unfinished autosave the welcome screen offers to continue."""

    mode: str
    answered: int
    total: int
    next_question: int  # 1-based: where the resumed session opens


ABOUT = """\
Which role fits you better, [b]AI Engineer[/b] or [b]ML Engineer[/b], and what should you \
learn next? AI engineers build AI into whole products and systems; ML engineers build \
and improve the learning models themselves.

You rate yourself on the {skills} skills the two roles are built on, answer short \
knowledge questions (marked only at the end) and say what work you prefer. Then you \
see how well you fit each role and why, your strengths and gaps, the certifications \
and degrees that close them, and the career paths that suit you.

Every answer is saved as you go: quit any time and resume later."""


class ModeList(OptionList):
    """The choices; Enter starts the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Start", key_display="⏎"),
        Binding("up", "cursor_up", "Choose", key_display="↑↓"),
    ]


class WelcomeScreen(Screen[None]):
    """Explains the assessment and lists Resume (when possible), Quick and Full."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", key_display="⏎", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    class Chosen(Message):
        """The candidate picked how to start."""

        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice: Choice = choice

    def __init__(
        self, *, skill_count: int, quick_count: int, full_count: int, resume: ResumeOffer | None
    ) -> None:
        super().__init__()
        self.skill_count = skill_count
        self.quick_count = quick_count
        self.full_count = full_count
        self.resume = resume

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="about", can_focus=False):
            yield Static("skillcheck · AI Engineer or ML Engineer?", id="welcome-title")
            yield Static(ABOUT.format(skills=self.skill_count), id="welcome-text")
        modes = ModeList(*self._choices(), id="modes")
        modes.border_title = "Choose how to start"
        yield modes
        yield Footer()

    def _choices(self) -> list[Option]:
        choices = []
        if self.resume is not None:
            offer = self.resume
            choices.append(
                Option(
                    f"[b]Resume[/b]  {offer.mode} mode · {offer.answered} of {offer.total} "
                    f"answered · go on at question {offer.next_question}",
                    id="resume",
                )
            )
        choices.append(
            Option(
                f"[b]Quick[/b]   {self.quick_count} questions · {duration(self.quick_count)} · "
                "each skill once, the key ones twice",
                id="quick",
            )
        )
        choices.append(
            Option(
                f"[b]Full[/b]    {self.full_count} questions · {duration(self.full_count)} · "
                "every skill in depth",
                id="full",
            )
        )
        return choices

    def on_mount(self) -> None:
        modes = self.query_one(ModeList)
        modes.highlighted = 0
        modes.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def action_start(self) -> None:
        modes = self.query_one(ModeList)
        option = modes.highlighted_option
        self._choose(option.id if option is not None else None)

    def _choose(self, option_id: str | None) -> None:
        choice = CHOICE_BY_ID.get(option_id or "")
        if choice is not None:
            self.post_message(self.Chosen(choice))
