"""Every command of the app, defined once: its keys, its Footer label and its palette entry.

A screen lists what it offers in `OFFERED_COMMANDS` and takes its `BINDINGS` from
`bindings_for(...)`; the Footer shows the commands that have a `footer` label, and the
command palette lists the screen's commands and the app's (`ui/palette.py`), each with
its keys. Text that tells the candidate which key to press names it with `keys_text`,
so a key changed here is changed everywhere it is mentioned.

Moving a highlight or scrolling (`navigation`) is bound to keys but kept out of the
palette, which would only cover what it moves. Every other command is in the palette
and has a key, or says in `no_key` why it has none.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType

#: The digit keys of a numbered command: `1` runs its action with 0, and so on.
DIGITS = tuple(str(n) for n in range(1, 10))

#: How `keys_text` names keys that are not a single character.
KEY_NAMES = {
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
    "home": "Home",
    "end": "End",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "slash": "/",
}


@dataclass(frozen=True)
class Command:
    """One thing the candidate can do, and how each place names it."""

    #: The action the keys and the palette both run, e.g. "skip" or "app.quit".
    action: str
    #: The palette's title (also the key's description in the Keys panel).
    title: str
    #: The palette's help line; it never names a key (the palette adds them).
    help: str
    #: Textual key names. A `numbered` command binds the digits instead.
    keys: tuple[str, ...] = ()
    #: The Footer's label; None keeps the command out of the Footer.
    footer: str | None = None
    #: How the Footer shows the keys, when Textual's own display will not do.
    key_display: str | None = None
    #: Digits 1-9 run `action(0)`..`action(8)`; the palette lists one entry per choice.
    numbered: bool = False
    #: Why the command has no key (palette only).
    no_key: str | None = None
    #: Why the command is not in the palette (it only moves a highlight or scrolls).
    navigation: str | None = None

    def __post_init__(self) -> None:
        has_keys = bool(self.keys) or self.numbered
        if not has_keys and not self.no_key:
            raise ValueError(f"{self.title}: a command has keys or says why not (no_key)")
        if not has_keys and (self.footer or self.navigation):
            raise ValueError(f"{self.title}: only a command with keys is in the Footer")

    @property
    def in_palette(self) -> bool:
        return self.navigation is None

    def numbered_action(self, index: int) -> str:
        """The action for choice `index` (0-based) of a numbered command."""
        return f"{self.action}({index})"


def key_name(key: str) -> str:
    """A key as text for a person: `ctrl+s` -> `Ctrl+S`, `enter` -> `Enter`, `s` -> `s`."""
    *modifiers, base = key.split("+")
    name = KEY_NAMES.get(base, base.upper() if modifiers or len(base) > 1 else base)
    return "+".join([*(m.capitalize() for m in modifiers), name])


def keys_text(command: Command) -> str:
    """The command's keys as text for a person: `Ctrl+S`, `← or b`, `1-9`."""
    if command.numbered:
        return f"{DIGITS[0]}-{DIGITS[-1]}"
    return " or ".join(key_name(key) for key in command.keys)


def bindings_for(*commands: Command) -> list[BindingType]:
    """The key bindings of `commands`, in order: what a screen's `BINDINGS` is made of."""
    bindings: list[BindingType] = []
    for command in commands:
        label = command.footer or command.title
        if command.numbered:
            # One Footer entry for all the digits; the first carries it.
            bindings += [
                Binding(
                    digit,
                    command.numbered_action(index),
                    label,
                    show=index == 0 and command.footer is not None,
                    key_display=command.key_display if index == 0 else None,
                )
                for index, digit in enumerate(DIGITS)
            ]
        elif command.keys:
            bindings.append(
                Binding(
                    ",".join(command.keys),
                    command.action,
                    label,
                    show=command.footer is not None,
                    key_display=command.key_display,
                    tooltip=command.help,
                )
            )
    return bindings


def palette_help(command: Command) -> str:
    """The palette's help line: the command's help, then its keys."""
    if command.numbered or not command.keys:
        return command.help
    return f"{command.help} ({keys_text(command)})"


# --- the commands ----------------------------------------------------------------------

QUIT = Command(
    "app.quit", "Quit", "Leave skillcheck; every answer is already saved", ("q",), footer="Quit"
)

# Welcome
START = Command(
    "start",
    "Start",
    "Start the highlighted choice",
    ("enter",),
    footer="Start",
    key_display="⏎",
)
CHOOSE_PREVIOUS = Command(
    "cursor_up",
    "Previous choice",
    "Highlight the choice above",
    ("up",),
    footer="Choose",
    key_display="↑↓",
    navigation="moves the highlight",
)
CHOOSE_NEXT = Command(
    "cursor_down",
    "Next choice",
    "Highlight the choice below",
    ("down",),
    navigation="moves the highlight",
)
CHOOSE_FIRST = Command(
    "first", "First choice", "Highlight the first choice", ("home",), navigation="moves"
)
CHOOSE_LAST = Command(
    "last", "Last choice", "Highlight the last choice", ("end",), navigation="moves"
)
#: What the arrows do in a list of choices (the welcome's modes, the kept results).
LIST_MOVES = (CHOOSE_PREVIOUS, CHOOSE_NEXT, CHOOSE_FIRST, CHOOSE_LAST)
SCROLL_TEXT_DOWN = Command(
    "scroll_about(1)",
    "Scroll the text down",
    "On a small terminal, show more of the text above the choices",
    ("pagedown",),
    navigation="scrolls",
)
SCROLL_TEXT_UP = Command(
    "scroll_about(-1)",
    "Scroll the text up",
    "On a small terminal, go back up the text above the choices",
    ("pageup",),
    navigation="scrolls",
)

# A question
PICK = Command(
    "pick",
    "Pick answer",
    "Highlight an answer; Confirm records it",
    numbered=True,
    footer="Pick",
    key_display="digit",
)
CONFIRM = Command(
    "confirm",
    "Confirm",
    "Record the highlighted answer and go to the next question",
    ("enter",),
    footer="Confirm",
    key_display="⏎",
)
BACK = Command(
    "back",
    "Back",
    "Go to the previous question, with your answer shown picked",
    ("left", "b"),
    footer="Back",
    key_display="←/b",
)
SKIP = Command(
    "skip",
    "Skip",
    "Leave this question unanswered (never counted as wrong) and go on",
    ("s",),
    footer="Skip",
)

# The results
SAVE_RESULTS = Command(
    "app.export_results",
    "Save results (TOML)",
    "Save your results as a TOML file",
    ("ctrl+s",),
    footer="Save results",
)
CHANGE_ANSWERS = Command(
    "app.change_answers",
    "Change answers",
    "Go back to the questions to change your answers",
    ("b", "left"),
    footer="Change answers",
    key_display="b",
)
PAGE_DOWN = Command(
    "page_down", "Page down", "Scroll the results a page", ("space",), navigation="scrolls"
)
HISTORY = Command(
    "app.show_history",
    "History",
    "List your earlier results, with their fits, and open any of them",
    ("h",),
    footer="History",
)

# The history
OPEN_KEPT = Command(
    "open_kept",
    "Open result",
    "Open the highlighted result, read-only",
    ("enter",),
    footer="Open",
    key_display="⏎",
)
CLOSE = Command(
    "close",
    "Close",
    "Go back to the screen before",
    ("b", "escape"),
    footer="Close",
    key_display="b",
)

# The team dashboard (`skillcheck report DIR`)
OPEN_CANDIDATE = Command(
    "open_candidate",
    "Open candidate",
    "Show the highlighted candidate's full results, read-only",
    ("enter",),
    footer="Open",
    key_display="⏎",
)
SORT_NEXT = Command(
    "sort_next",
    "Sort by the next column",
    "Sort the table by the next column; clicking a heading sorts by that column",
    ("s",),
    footer="Sort",
)
SORT_REVERSE = Command(
    "sort_reverse",
    "Reverse the order",
    "Sort the table the other way round",
    ("r",),
    footer="Reverse",
)
STATUS_FILTER = Command(
    "next_status_filter",
    "Show finished / in progress / all",
    "Show only finished candidates, only those still answering, or everyone",
    ("f",),
    footer="Show",
)
SEARCH = Command(
    "focus_search",
    "Filter by id or gap",
    "Type part of a candidate's id, key or gap to show only those candidates",
    ("slash",),
    footer="Filter",
    key_display="/",
)
BACK_TO_TEAM = Command(
    "back_to_team",
    "Back to the candidates",
    "Close these results and go back to the table of candidates",
    ("escape", "b"),
    footer="Back",
    key_display="Esc/b",
)

# Dialogs
SAVE_FILE = Command("save", "Save", "Save to the file named in the field", ("ctrl+s",))
CANCEL = Command("cancel", "Cancel", "Close without saving", ("escape",))
YES = Command("answer(True)", "Yes", "Go ahead", ("y",))
NO = Command("answer(False)", "No", "Do not go ahead", ("n", "escape"))
NEXT_BUTTON = Command(
    "app.focus_next",
    "Next button",
    "Move to the other button",
    ("left", "right"),
    navigation="moves the focus",
)

# Anywhere
SAVE_PICTURE = Command(
    "app.export_picture",
    "Save picture (SVG)",
    "Save a picture of this screen as an SVG file",
    no_key="rarely wanted, and wanted on any screen, where the keys left free differ",
)
RESTART = Command(
    "app.restart",
    "Restart",
    "Start over from the welcome screen (your answers so far are backed up)",
    no_key="it ends the run: looked up by name, so it is never pressed by accident",
)
THEME = Command(
    "app.change_theme",
    "Theme",
    "Change the colours",
    no_key="chosen once, from a list that shows each theme as you move through it",
)
KEYS = Command("app.toggle_keys", "Keys", "Show or hide every key of this screen", ("f1",))

#: The app's own commands: in the palette on every screen (`MAIN_ONLY` not over a dialog).
# The hiring result
SAVE_POSITION = Command(
    "app.save_position",
    "Save position",
    "Save the position profile (TOML) to a file you name",
    ("ctrl+s",),
    footer="Save",
)

APP_COMMANDS = (SAVE_PICTURE, RESTART, THEME, KEYS)
#: Not offered over a dialog: they would open another screen on top of it.
MAIN_ONLY = frozenset({SAVE_PICTURE, RESTART})

#: Every command (the tests hold each one to the rules above).
ALL_COMMANDS = (
    QUIT,
    START,
    CHOOSE_PREVIOUS,
    CHOOSE_NEXT,
    CHOOSE_FIRST,
    CHOOSE_LAST,
    SCROLL_TEXT_DOWN,
    SCROLL_TEXT_UP,
    PICK,
    CONFIRM,
    BACK,
    SKIP,
    SAVE_RESULTS,
    CHANGE_ANSWERS,
    PAGE_DOWN,
    OPEN_CANDIDATE,
    SORT_NEXT,
    SORT_REVERSE,
    STATUS_FILTER,
    SEARCH,
    BACK_TO_TEAM,
    HISTORY,
    OPEN_KEPT,
    CLOSE,
    SAVE_POSITION,
    SAVE_FILE,
    CANCEL,
    YES,
    NO,
    NEXT_BUTTON,
    *APP_COMMANDS,
)
