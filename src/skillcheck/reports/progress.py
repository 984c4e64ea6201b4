"""Progress over time as text, for `skillcheck compare` and `skillcheck history`.

Lays out what `domain.progress_wording` says, the way `reports.results` lays out a
report: plain text on a pipe, styled with rich on a terminal, the same words either way.
"""

from __future__ import annotations

import os
import sys
from typing import IO

from skillcheck.domain.progress_wording import ComparisonText, HistoryEntryText
from skillcheck.reports.lines import (
    ASCII_GLYPHS,
    INDENT,
    WIDTH,
    Line,
    cell_len,
    phrase_spans,
    wrapped,
)


def comparison_lines(
    words: ComparisonText, *, width: int = WIDTH, with_warning: bool = True
) -> list[Line]:
    """The comparison as lines of at most `width` cells. `with_warning=False` leaves the
    different-bank warning out (the command line prints it on stderr instead)."""
    lines = wrapped([(words.title, "bold")], width, "")
    if with_warning and words.bank_warning:
        lines += wrapped([(words.bank_warning, "yellow")], width, "")
    lines += [[], [(words.roles.title, "bold underline")]]
    for change in words.roles.items:
        lines += wrapped(phrase_spans(change.title), width)
        lines += wrapped(change.verdict, width, INDENT * 2)
    lines += wrapped([(words.explained, "dim")], width)
    lines += [[], [(words.gaps.title, "bold underline")]]
    label_width = max(cell_len(item.label) for item in words.gaps.items) + 1
    for item in words.gaps.items:
        label = f"{INDENT}{item.label + ':':<{label_width}} "
        lines += wrapped(item.text, width, label, " " * cell_len(label))
    lines += [[], [(words.moved.title, "bold underline")]]
    for change in words.moved.items:
        lines += wrapped(phrase_spans(change.title), width)
        lines += wrapped(change.verdict, width, INDENT * 2)
    if words.moved.note and not words.moved.items:
        lines += wrapped(words.moved.note, width)
    return lines


def history_lines(
    title: str, entries: list[tuple[HistoryEntryText | str, str]], width: int = WIDTH
) -> list[Line]:
    """The history: per file its time, bank and fits (or its problem), and its path."""
    lines = wrapped([(title, "bold")], width, "")
    for entry, where in entries:
        if isinstance(entry, str):
            lines += wrapped([(entry, "yellow")], width, INDENT)
        else:
            lines += wrapped(
                [(entry.when, "bold"), (" · ", ""), (entry.bank, "dim")], width, INDENT
            )
            lines += wrapped(entry.fits, width, INDENT * 2)
        if where:
            lines += wrapped([(where, "dim")], width, INDENT * 2)
    return lines


def print_lines(lines: list[Line], file: IO[str] | None = None) -> None:
    """Print `lines` to `file` (default stdout): styled on a terminal, plain otherwise."""
    out = sys.stdout if file is None else file
    if not (out.isatty() or os.environ.get("FORCE_COLOR")):
        text = "".join("".join(t for t, _ in line).rstrip() + "\n" for line in lines)
        encoding = getattr(out, "encoding", None) or "utf-8"
        if not encoding.lower().replace("-", "").startswith("utf"):
            text = text.translate(ASCII_GLYPHS).encode(encoding, "replace").decode(encoding)
        out.write(text)
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False)
    console.print(Text("\n").join(Text.assemble(*line) for line in lines), soft_wrap=True)
