"""The one exception type for mistakes a user can make (bad files, bad paths)."""

from __future__ import annotations

# Control characters a file name or a key may carry, shown escaped: the message stays
# one line and cannot send a terminal an escape sequence.
_ESCAPED = {code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F]} | {
    ord("\n"): "\\n",
    ord("\r"): "\\r",
    ord("\t"): "\\t",
}


def escape_controls(text: str) -> str:
    """`text` with its control characters escaped (`\\n`, `\\x1b`): one line, and safe
    to print on a terminal."""
    return text.translate(_ESCAPED)


class UserError(Exception):
    """A problem the user caused and can fix: shown as one clear sentence, never a traceback.

    The message names the file and the place (`answers.toml: [answers] q-1: ...`).
    """

    def __str__(self) -> str:
        return escape_controls(super().__str__())
