"""The one exception type for mistakes a user can make (bad files, bad paths)."""

from __future__ import annotations


class UserError(Exception):
    """A problem the user caused and can fix: shown as one clear sentence, never a traceback.

    The message names the file and the place (`answers.toml: [answers] q-1: ...`).
    """
