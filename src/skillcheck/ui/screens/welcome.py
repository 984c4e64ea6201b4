"""The first screen: what is measured and why, how long it takes, and the modes to choose.

It is drawn before the question bank has loaded (so the first paint is quick); the
choices get their question counts, and Resume when there is an unfinished session,
once `show_choices` is called.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from skillcheck.ui.commands import (
    LIST_MOVES,
    QUIT,
    SCROLL_TEXT_DOWN,
    SCROLL_TEXT_UP,
    START,
    Command,
    bindings_for,
)
from skillcheck.ui.widgets.key_bar import KeyBar

if TYPE_CHECKING:  # the domain is loaded with the bank, after the first paint
    from skillcheck.domain.models import Bank
    from skillcheck.domain.session import Session

Choice = Literal["resume", "quick", "full"]
CHOICE_BY_ID: dict[str, Choice] = {"resume": "resume", "quick": "quick", "full": "full"}


@dataclass(frozen=True)
class ResumeOffer:
    """An unfinished autosave the welcome screen offers to continue."""

    mode: str
    answered: int
    total: int
    next_question: int  # 1-based: where the resumed session opens

    @classmethod
    def of(cls, session: Session, bank: Bank) -> ResumeOffer:
        """The offer to resume `session` where it would open (of the most a quick run asks)."""
        return cls(
            mode=session.mode,
            answered=session.answered_count,
            total=session.planned_total(bank),
            next_question=session.resume_position() + 1,
        )


@dataclass(frozen=True)
class ModeSizes:
    """How many questions each mode asks: at most, for the adaptive quick mode."""

    quick: int
    full: int


ABOUT = """\
Which role fits you better, [b]AI Engineer[/b] or [b]ML Engineer[/b], and what should you \
learn next? AI engineers build AI into whole products and systems; ML engineers build \
and improve the learning models themselves.

You answer short knowledge questions on the skills the two roles are built on \
(marked only at the end), rate your own experience and say what work you prefer. Then \
you see how well you fit each role and why, how sure each figure is, your strengths and \
gaps, the certifications and degrees that close them, and the career paths that suit you.

Every answer is saved as you go: quit any time and resume later."""


class ModeList(OptionList, inherit_bindings=False):
    """The choices: the arrows move; Start (the screen's) starts; PgUp/PgDn scroll the text."""

    OFFERED_COMMANDS: ClassVar[tuple[Command, ...]] = LIST_MOVES
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*OFFERED_COMMANDS)


def mode_choices(sizes: ModeSizes | None, resume: ResumeOffer | None) -> list[Option]:
    """Resume (when offered), Quick and Full, with their sizes once known."""
    choices = []
    if resume is not None:
        choices.append(
            Option(
                f"[b]Resume[/b]  {resume.mode} mode · {resume.answered} of {resume.total} "
                f"answered · go on at question {resume.next_question}",
                id="resume",
            )
        )
    quick = full = ""
    if sizes is not None:  # the bank is in, and the domain with it
        from skillcheck.domain.welcome_text import duration

        quick = f"up to {sizes.quick} questions · {duration(sizes.quick)} · "
        full = f"{sizes.full} questions · {duration(sizes.full)} · "
    choices.append(Option(f"[b]Quick[/b]   {quick}each picked from your answers", id="quick"))
    choices.append(Option(f"[b]Full[/b]    {full}every skill in depth", id="full"))
    return choices


class WelcomeScreen(Screen[None]):
    """Explains the assessment and lists Resume (when possible), Quick and Full."""

    OFFERED_COMMANDS: ClassVar[tuple[Command, ...]] = (
        START,
        QUIT,
        SCROLL_TEXT_DOWN,
        SCROLL_TEXT_UP,
    )
    BINDINGS: ClassVar[list[BindingType]] = bindings_for(*OFFERED_COMMANDS)

    class Chosen(Message):
        """The candidate picked how to start."""

        def __init__(self, choice: Choice) -> None:
            super().__init__()
            self.choice: Choice = choice

    def __init__(self, sizes: ModeSizes | None = None, resume: ResumeOffer | None = None) -> None:
        super().__init__()
        self.sizes = sizes
        self.resume = resume

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="about", can_focus=False):
            yield Static("skillcheck · AI Engineer or ML Engineer?", id="welcome-title")
            yield Static(ABOUT, id="welcome-text")
        modes = ModeList(*mode_choices(self.sizes, self.resume), id="modes")
        modes.border_title = "Choose how to start"
        yield modes
        yield KeyBar()

    def on_mount(self) -> None:
        modes = self.query_one(ModeList)
        modes.highlighted = 0
        modes.focus()

    def show_choices(self, sizes: ModeSizes, resume: ResumeOffer | None) -> None:
        """Fill in the sizes and offer Resume; the first choice is highlighted."""
        modes = self.query_one(ModeList)
        modes.set_options(mode_choices(sizes, resume))
        modes.highlighted = 0

    def action_scroll_about(self, direction: int) -> None:
        """On a small terminal the text scrolls while the choices keep the focus."""
        about = self.query_one("#about", VerticalScroll)
        if direction > 0:
            about.scroll_page_down()
        else:
            about.scroll_page_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option.id)

    def action_start(self) -> None:
        option = self.query_one(ModeList).highlighted_option
        self._choose(option.id if option is not None else None)

    def _choose(self, option_id: str | None) -> None:
        choice = CHOICE_BY_ID.get(option_id or "")
        if choice is not None:
            self.post_message(self.Chosen(choice))
