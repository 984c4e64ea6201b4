"""How long each way of taking the assessment is, worded once.

The TUI's welcome screen and plain mode both offer Quick and Full with their sizes; the
time each takes is worded here, so the two say the same. Standard library only: the
TUI imports it once the bank is in, and its first paint loads no domain module.
"""

from __future__ import annotations

#: A fair pace for a self-rating or a short knowledge question.
SECONDS_PER_QUESTION = 15


def duration(question_count: int) -> str:
    """Roughly how long `question_count` questions take: `about 8 min`."""
    minutes = max(1, round(question_count * SECONDS_PER_QUESTION / 60))
    return f"about {minutes} min"
