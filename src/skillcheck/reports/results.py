"""One candidate's results as a report, for `skillcheck score` and `skillcheck show`.

Lays out what `domain.wording` says, as lines of styled spans: every number is written
out and colour only adds emphasis, so the report reads the same in a pipe, at 80
columns, with NO_COLOR or on a dumb terminal. The lines (`reports.lines`) are laid out
here rather than with rich tables (which cost tens of milliseconds to measure); rich is
imported only to style a terminal's output, and a pipe gets plain text.
"""

from __future__ import annotations

import os
import re
import sys
from typing import IO, TYPE_CHECKING

from skillcheck.domain.model_base import MAX_LEVEL
from skillcheck.domain.models import Bank
from skillcheck.domain.results import Results
from skillcheck.domain.results_text import (
    BAR_GLYPHS,
    Bar,
    Labelled,
    ResultsText,
    Section,
    bar_segments,
)
from skillcheck.domain.wording import describe
from skillcheck.reports.lines import (
    INDENT,
    WIDTH,
    Line,
    cell_len,
    heading,
    padded,
    phrase_spans,
    to_ascii,
    wrapped,
)

if TYPE_CHECKING:
    from rich.text import Text

BAR_WIDTH = 20


def _segments(item: Bar, width: int, style: str) -> Line:
    """The bar's runs, the interval around the figure shaded (see results_text)."""
    styles = {"filled": style, "below": style, "above": f"dim {style}", "empty": ""}
    return [(BAR_GLYPHS[kind] * cells, styles[kind]) for kind, cells in bar_segments(item, width)]


def _bar_lines(bars: tuple[Bar, ...], width: int, style: str) -> list[Line]:
    """`  label  ████░░░░  72  detail`, the columns lined up; a long detail goes below."""
    if not bars:
        return []
    label_width = min(max(cell_len(b.label) for b in bars), max(12, width // 3))
    figure_width = max(3, *(len(b.figure) for b in bars))
    detail_width = max(cell_len(b.detail or "") for b in bars)
    fixed = len(INDENT) + label_width + 2 + 2 + figure_width
    inline = detail_width == 0 or fixed + 5 + 2 + detail_width <= width
    room = width - fixed - (2 + detail_width if inline and detail_width else 0)
    bar_width = max(5, min(BAR_WIDTH, room))
    lines: list[Line] = []
    for item in bars:
        labels = wrapped(item.label, label_width, "")
        first_label = "".join(text for text, _ in labels[0])
        line: Line = [
            (INDENT, ""),
            (padded(first_label, label_width), "bold"),
            ("  ", ""),
            *_segments(item, bar_width, style),
            (f"  {item.figure:>{figure_width}}", ""),
        ]
        detail_style = "dim" if not item.figure else ""
        if item.detail and inline:
            line.append((f"  {item.detail}", detail_style))
        lines.append(line)
        lines += [[(INDENT, ""), *more] for more in labels[1:]]
        if item.detail and not inline:
            lines += wrapped([(item.detail, detail_style)], width, INDENT * 2)
    return lines


def _spoken_bar_lines(
    bars: tuple[Bar, ...], width: int, measure: str, scale: float = 1.0
) -> list[Line]:
    """Each bar as a sentence, for a screen reader: `AI Engineer: fit 62, likely 55 to 70.`

    `scale` turns the bar's 0..100 back into the figure's unit (a skill level's 0..4).
    """
    decimals = 1 if scale != 1.0 else 0
    lines: list[Line] = []
    for item in bars:
        if not item.figure:
            words = f"{item.label}: {item.detail or 'no figure'}."
        else:
            words = f"{item.label}: {measure} {item.percent * scale:.{decimals}f}"
            if scale != 1.0:
                words += f" of {100 * scale:.0f}"
            if item.low is not None and item.high is not None:
                words += (
                    f", likely {item.low * scale:.{decimals}f} to {item.high * scale:.{decimals}f}"
                )
            words += f"; {item.detail}." if item.detail else "."
        lines += wrapped([(item.label, "bold"), (words[len(item.label) :], "")], width)
    return lines


def _labelled(item: Labelled, width: int, label_width: int) -> list[Line]:
    first = f"{INDENT * 2}{padded(item.label + ':', label_width)} "
    if not item.text:
        return [[(first.rstrip(), "")]]
    return wrapped(item.text, width, first)


def _section_note(section: Section[object], width: int) -> list[Line]:
    return wrapped(section.note, width) if section.note and not section.items else []


def report_lines(
    results: Results, bank: Bank | None = None, *, width: int = WIDTH, spoken: bool = False
) -> list[Line]:
    """The whole report as lines of at most `width` cells; `bank` only fills in names.

    `spoken`: for a screen reader (plain mode): every bar is a sentence with its figures
    in words, and no glyph stands for a word (no check marks, no middle dots).
    """
    words = describe(results, bank)
    lines = _layout(words, width, spoken)
    return [_spoken(line) for line in lines] if spoken else lines


#: `55-70`, a range of figures (not a name like `AI-103`).
_RANGE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)(?![\w.])")


def _spoken(line: Line) -> Line:
    """Words where a glyph or a dash stood for one: `a · b` -> `a, b`, `55-70` -> `55 to 70`.

    Works on wrapped lines, where each word is a span of its own.
    """
    spoken: Line = []
    for text, style in line:
        if text == "·":
            while spoken and spoken[-1][0] == " ":
                spoken.pop()
            if spoken and spoken[-1][0].strip():
                spoken[-1] = (spoken[-1][0] + ",", spoken[-1][1])
            continue
        spoken.append((_RANGE.sub(r"\1 to \2", text), style))
    return spoken


def _layout(words: ResultsText, width: int, spoken: bool = False) -> list[Line]:
    def bar_lines(bars: tuple[Bar, ...], style: str, measure: str = "fit") -> list[Line]:
        if not spoken:
            return _bar_lines(bars, width, style)
        scale = MAX_LEVEL / 100 if measure == "level" else 1.0
        return _spoken_bar_lines(bars, width, measure, scale)

    joint = ": " if spoken else " · "
    lines = wrapped([(words.title, "bold"), (joint, ""), *phrase_spans(words.headline)], width, "")
    if words.headline_detail:
        lines += wrapped(words.headline_detail, width, "")
    lines += wrapped([(words.bank_note, "dim")], width, "")

    fit = words.fit
    lines += heading(fit.title)
    lines += bar_lines(fit.bars, "green")
    lines += wrapped(phrase_spans(fit.interest), width)
    lines += wrapped([(fit.explained, "dim")], width)

    lines += heading(words.roles.title)
    for number, role in enumerate(words.roles.items):
        lines += [[]] if number else []
        lines += wrapped(phrase_spans(role.title), width)
        label_width = max(len(role.strengths.label), len(role.gaps.label)) + 1
        lines += _labelled(role.strengths, width, label_width)
        lines += _labelled(role.gaps, width, label_width)
        for gap in role.gap_lines:
            lines += wrapped(gap, width, f"{INDENT * 2}• ")
        if role.more_gaps:
            lines += wrapped([(role.more_gaps, "dim")], width, INDENT * 3)

    lines += heading(words.skills.title)
    lines += bar_lines(words.skills.items, "cyan", "level")
    if words.skills.legend:
        lines += wrapped([(words.skills.legend, "dim")], width)

    lines += heading(words.advice.title)
    for advice in words.advice.items:
        lines += wrapped(phrase_spans(advice.title), width)
        lines += wrapped(advice.closes, width, INDENT * 2)
        lines += wrapped([(advice.reason, "dim")], width, INDENT * 2)
    lines += _section_note(words.advice, width)

    lines += heading(words.careers.title)
    lines += bar_lines(words.careers.items, "green")
    lines += _section_note(words.careers, width)

    lines += heading(words.calibration.title)
    for note in words.calibration.items:
        lines += wrapped([(note.skill, "bold")], width)
        lines += wrapped(note.text, width, INDENT * 2)
    lines += _section_note(words.calibration, width)

    lines += heading(words.review.title)
    for item in words.review.items:
        glyph, style = ("✓", "bold green") if item.correct else ("✗", "bold red")
        verdict = f"{item.verdict}:" if spoken else f"{glyph} {item.verdict}:"
        lines += wrapped([(verdict, style), (f" {item.prompt}", "bold")], width)
        lines += wrapped(item.picked, width, INDENT * 2)
        if item.answer:
            lines += wrapped(item.answer, width, INDENT * 2)
        if item.explanation:
            lines += wrapped([(item.explanation, "dim")], width, INDENT * 2)
    lines += _section_note(words.review, width)
    return lines


def report_text(
    results: Results,
    bank: Bank | None = None,
    *,
    width: int = WIDTH,
    ascii_only: bool = False,
    spoken: bool = False,
) -> str:
    """The report as plain text, for a pipe, a file or a test (`spoken`: see `report_lines`)."""
    lines = report_lines(results, bank, width=width, spoken=spoken)
    if ascii_only:
        lines = to_ascii(lines)
    return "".join("".join(text for text, _ in line).rstrip() + "\n" for line in lines)


def render_report(
    results: Results,
    bank: Bank | None = None,
    *,
    width: int = WIDTH,
    ascii_only: bool = False,
    spoken: bool = False,
) -> Text:
    """The report as one rich `Text`, styled, for a terminal."""
    from rich.text import Text

    lines = report_lines(results, bank, width=width, spoken=spoken)
    if ascii_only:
        lines = to_ascii(lines)
    return Text("\n").join(Text.assemble(*line) for line in lines)


def print_report(results: Results, bank: Bank | None = None, file: IO[str] | None = None) -> None:
    """Print the report to `file` (default stdout): styled on a terminal, plain otherwise."""
    out = sys.stdout if file is None else file
    if not (out.isatty() or os.environ.get("FORCE_COLOR")):
        encoding = getattr(out, "encoding", None) or "utf-8"
        if encoding.lower().replace("-", "").startswith("utf"):
            out.write(report_text(results, bank))
        else:  # e.g. LANG=C: ASCII glyphs, and no character the encoding lacks
            text = report_text(results, bank, ascii_only=True)
            out.write(text.encode(encoding, "replace").decode(encoding))
        return
    from rich.console import Console

    console = Console(file=out, highlight=False)
    ascii_only = not console.encoding.lower().startswith("utf")
    report = render_report(results, bank, width=min(console.width, 100), ascii_only=ascii_only)
    console.print(report, soft_wrap=True)
