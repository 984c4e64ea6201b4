"""Styled lines, the stuff the text reports are made of: spans of (text, rich style),
measured in terminal cells and filled to a width.

`reports.results` and `reports.progress` lay their words out with these; a line is
plain text joined, or rich `Text` assembled, so a pipe and a terminal read the same.
"""

from __future__ import annotations

import re
import unicodedata

from skillcheck.domain.results_text import Phrase

WIDTH = 80
INDENT = "  "
#: Stand-ins for the glyphs an ASCII-only output (e.g. LANG=C) cannot show.
ASCII_GLYPHS = str.maketrans(
    {"█": "#", "▓": "=", "▒": "~", "░": "-", "·": "-", "•": "-", "✓": "+", "✗": "x"}
)

#: One line of the report: (text, rich style) spans; style "" is plain.
Line = list[tuple[str, str]]
_TOKEN = re.compile(r"\S+|\s+")


def cell_len(text: str) -> int:
    """Terminal cells `text` takes (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def bar(fraction: float, width: int) -> str:
    """A text bar `width` cells wide, filled to `fraction` (0..1)."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    return "█" * filled + "░" * (width - filled)


def padded(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def phrase_spans(phrase: Phrase, style: str = "") -> Line:
    """A phrase as spans, its names in bold."""
    return [
        (part, style) if isinstance(part, str) else (part.text, f"bold {style}".strip())
        for part in phrase.parts
    ]


def _words(spans: Line) -> list[Line]:
    """The spans cut at whitespace into words (a word may mix styles: a name and its full stop)."""
    words: list[Line] = []
    word: Line = []
    for text, style in spans:
        for token in _TOKEN.findall(text):
            if token.isspace():
                if word:
                    words.append(word)
                word = []
            else:
                word.append((token, style))
    return [*words, word] if word else words


def wrapped(
    spans: Line | str, width: int, first: str = INDENT, rest: str | None = None
) -> list[Line]:
    """`spans` filled into lines of at most `width` cells (a longer word keeps its own line).

    The first line is led by `first`, the others by `rest` (default: as many spaces).
    """
    if isinstance(spans, str):
        spans = [(spans, "")]
    rest = " " * cell_len(first) if rest is None else rest
    lines: list[Line] = []
    line: Line = [(first, "")]
    used, empty = cell_len(first), True
    for word in _words(spans):
        size = sum(cell_len(text) for text, _ in word)
        if not empty and used + 1 + size > width:
            lines.append(line)
            line, used, empty = [(rest, "")], cell_len(rest), True
        if not empty:
            line.append((" ", ""))
            used += 1
        line += word
        used += size
        empty = False
    return [*lines, line]


def heading(text: str) -> list[Line]:
    return [[], [(text, "bold underline")]]


def to_ascii(lines: list[Line]) -> list[Line]:
    return [[(text.translate(ASCII_GLYPHS), style) for text, style in line] for line in lines]
