"""The results as a report for `skillcheck score` and `skillcheck show`.

Lines of styled spans: every number is written out and colour only adds emphasis, so
the report reads the same in a pipe, at 80 columns, with NO_COLOR or on a dumb
terminal. The layout is done here, line by line, rather than with rich tables (which
cost tens of milliseconds to measure), and rich itself is imported only to style a
terminal's output; a pipe gets plain text. Nothing here computes a score.
"""

from __future__ import annotations

import os
import sys
import textwrap
import unicodedata
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.text import Text

from skillcheck.domain.models import MAX_LEVEL, Bank, SkillId
from skillcheck.domain.results import Results, RoleResult, SkillResult

WIDTH = 80
ROLE_BAR = 20
SKILL_BAR = 10
IMPORTANCE_WORDS = {1: "useful", 2: "important", 3: "central"}
KIND_WORDS = {"certification": "Certification", "degree": "Degree"}
CAREERS_SHOWN = 5
#: Gaps listed per role, costliest first; the rest are counted.
GAPS_SHOWN = 6


#: One line of the report: (text, rich style) spans; style "" is plain.
Line = list[tuple[str, str]]


def _spans(*parts: str | tuple[str, str]) -> Line:
    return [(part, "") if isinstance(part, str) else part for part in parts]


def cell_len(text: str) -> int:
    """Terminal cells `text` takes (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def bar(fraction: float, width: int, *, ascii_only: bool = False) -> str:
    """A text bar `width` cells wide, filled to `fraction` (0..1)."""
    filled = round(max(0.0, min(1.0, fraction)) * width)
    full, empty = ("#", "-") if ascii_only else ("█", "░")
    return full * filled + empty * (width - filled)


def _joined(names: list[str]) -> str:
    if not names:
        return "none"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _padded(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


def _wrapped(text: str, width: int, first: str = "", rest: str | None = None) -> list[Line]:
    """`text` wrapped to `width`, the first line led by `first`, the others by `rest`."""
    rest = " " * cell_len(first) if rest is None else rest
    lines = textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest)
    return [_spans(line) for line in lines] or [_spans(first.rstrip())]


def _skill_name(results: Results, bank: Bank | None, skill_id: SkillId) -> str:
    if skill_id in results.skills:
        return results.skills[skill_id].name
    skill = bank.skill_by_id.get(skill_id) if bank else None
    return skill.name if skill else skill_id


def _role_names(results: Results, role_ids: list[str]) -> str:
    return _joined([results.roles[r].name if r in results.roles else r for r in role_ids])


def _fit_style(fit: float) -> str:
    return "green" if fit >= 75 else "yellow" if fit >= 50 else "red"


def interest_sentence(results: Results) -> str:
    """Which role the preference answers lean to."""
    shares = {r.name: r.interest for r in results.roles.values() if r.interest is not None}
    if not shares:
        return "No preference questions answered, so no lean to report."
    ranked = sorted(shares.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return "Your preference answers lean to neither role."
    name, share = ranked[0]
    return f"Your preference answers lean to the {name} role ({share:.0f}% of them)."


def _role_fit_lines(results: Results, width: int, ascii_only: bool) -> list[Line]:
    name_width = max((cell_len(r.name) for r in results.roles.values()), default=0)
    # "  name  bar  100.0 / 100  interest 100%": the bar gives way on a narrow screen.
    bar_width = max(5, min(ROLE_BAR, width - name_width - 32))
    lines = []
    for role in results.roles.values():
        interest = "" if role.interest is None else f"  interest {role.interest:.0f}%"
        lines.append(
            _spans(
                "  ",
                (_padded(role.name, name_width), "bold"),
                "  ",
                (bar(role.fit / 100, bar_width, ascii_only=ascii_only), _fit_style(role.fit)),
                f"  {role.fit:5.1f} / 100{interest}",
            )
        )
    return lines + _wrapped(interest_sentence(results), width, "  ")


def _role_detail_lines(
    results: Results, bank: Bank | None, role_id: str, role: RoleResult, width: int
) -> list[Line]:
    strengths = [_skill_name(results, bank, s) for s in role.strengths]
    gaps = [
        f"{gap.name} {gap.level:.1f} of {gap.required}"
        + (f" ({IMPORTANCE_WORDS[gap.importance]})" if gap.importance in IMPORTANCE_WORDS else "")
        for gap in results.gaps
        if gap.role == role_id
    ] or [_skill_name(results, bank, s) for s in role.gaps]
    if len(gaps) > GAPS_SHOWN:
        gaps = [*gaps[: GAPS_SHOWN - 1], f"{len(gaps) - GAPS_SHOWN + 1} more (see Skills)"]
    return [
        [(role.name, "bold")],
        *_wrapped(_joined(strengths), width, "  Strengths: "),
        *_wrapped(
            _joined(gaps) if gaps else "none: you meet every required level",
            width,
            "  Gaps:      ",
        ),
    ]


def _skill_notes(skill: SkillResult) -> str:
    notes = []
    if skill.self_rated is not None:
        notes.append(f"self {skill.self_rated:.1f}")
    if skill.tested is not None:
        notes.append(f"tested {skill.tested:.1f}")
    if skill.calibration in ("over", "under"):
        notes.append(f"{skill.calibration}-rated")
    return ", ".join(notes) if skill.evidence else "not answered"


def _skill_lines(results: Results, width: int, ascii_only: bool) -> list[Line]:
    notes = {skill_id: _skill_notes(skill) for skill_id, skill in results.skills.items()}
    notes_width = max((len(n) for n in notes.values()), default=0)
    longest = max((cell_len(s.name) for s in results.skills.values()), default=0)
    level_width = SKILL_BAR + 7  # bar, level and spaces
    name_width = max(12, min(longest, width - 3 - level_width - notes_width))
    # On a narrow screen the notes go on a line of their own, under the name.
    notes_below = 3 + name_width + level_width + notes_width > width
    if notes_below:
        name_width = max(12, min(longest, width - 3 - level_width))
    lines = []
    for skill_id, skill in results.skills.items():
        names = textwrap.wrap(skill.name, name_width) or [""]
        row = _spans("  ", _padded(names[0], name_width), " ")
        note = (notes[skill_id], "dim" if skill.evidence == 0 else "")
        if skill.evidence == 0:
            row.append((" " * level_width, ""))
        else:
            row += _spans(
                (bar(skill.level / MAX_LEVEL, SKILL_BAR, ascii_only=ascii_only), "cyan"),
                f" {skill.level:3.1f}  ",
            )
        more = [_spans(f"  {name}") for name in names[1:]]
        if notes_below:
            more.append(_spans("    ", note))
        else:
            row.append(note)
        lines += [row, *more]
    return lines


def _calibration_lines(results: Results, width: int) -> list[Line]:
    over = [s.name for s in results.skills.values() if s.calibration == "over"]
    under = [s.name for s in results.skills.values() if s.calibration == "under"]
    lines = []
    if over:
        sentence = f"You rated yourself higher than your answers show in {_joined(over)}."
        lines += _wrapped(sentence, width, "  ")
    if under:
        sentence = f"Your answers show more than you gave yourself credit for in {_joined(under)}."
        lines += _wrapped(sentence, width, "  ")
    return lines


def _recommendation_lines(results: Results, bank: Bank | None, width: int) -> list[Line]:
    if not results.recommendations:
        return [_spans("  Nothing to close: no gaps for either role.")]
    lines = []
    for number, rec in enumerate(results.recommendations, start=1):
        closes = _joined([_skill_name(results, bank, s) for s in rec.covers])
        number_text = f"  {number}. "
        kind = KIND_WORDS.get(rec.kind, rec.kind)
        lines.append(_spans(number_text, f"{kind}: ", (rec.name, "bold")))
        body = f"Closes {closes} (for {_role_names(results, rec.roles)}). {rec.reason}"
        lines += _wrapped(body, width, " " * len(number_text))
    return lines


def _career_lines(results: Results, width: int) -> list[Line]:
    shown = results.careers[:CAREERS_SHOWN]
    name_width = max((cell_len(c.name) for c in shown), default=0)
    lines = []
    for career in shown:
        lead = f"  {_padded(career.name, name_width)}  {career.fit:3.0f}%  "
        lines += _wrapped(f"from {_role_names(results, career.from_roles)}", width, lead)
    return lines


def _heading(text: str) -> list[Line]:
    return [[], [(text, "bold underline")]]


def report_lines(
    results: Results, bank: Bank | None = None, *, width: int = WIDTH, ascii_only: bool = False
) -> list[Line]:
    """The whole report as lines of at most `width` cells; `bank` only fills in names."""
    right = results.knowledge_right
    summary = (
        f"Bank {results.bank.version}: {results.answered} of {results.total} questions "
        f"answered, {right} of {len(results.review)} knowledge questions right."
    )
    lines: list[Line] = [[("skillcheck results", "bold")]]
    lines += [[(line, "dim")] for line in textwrap.wrap(summary, width)]
    lines += _heading("Role fit (0-100)")
    lines += _role_fit_lines(results, width, ascii_only)
    for role_id, role in results.roles.items():
        lines += [[], *_role_detail_lines(results, bank, role_id, role, width)]
    lines += _heading(f"Skills (level 0-{MAX_LEVEL})")
    lines += _skill_lines(results, width, ascii_only)
    lines += _calibration_lines(results, width)
    lines += _heading("What to study")
    lines += _recommendation_lines(results, bank, width)
    if results.careers:
        lines += _heading("Careers that suit you")
        lines += _career_lines(results, width)
    return lines


def report_text(
    results: Results, bank: Bank | None = None, *, width: int = WIDTH, ascii_only: bool = False
) -> str:
    """The report as plain text, for a pipe, a file or a test."""
    lines = report_lines(results, bank, width=width, ascii_only=ascii_only)
    return "".join("".join(text for text, _ in line).rstrip() + "\n" for line in lines)


def render_report(
    results: Results, bank: Bank | None = None, *, width: int = WIDTH, ascii_only: bool = False
) -> Text:
    """The report as one rich `Text`, styled, for a terminal."""
    from rich.text import Text

    lines = report_lines(results, bank, width=width, ascii_only=ascii_only)
    return Text("\n").join(Text.assemble(*line) for line in lines)


def print_report(results: Results, bank: Bank | None = None, file: IO[str] | None = None) -> None:
    """Print the report to `file` (default stdout): styled on a terminal, plain otherwise."""
    out = sys.stdout if file is None else file
    if not (out.isatty() or os.environ.get("FORCE_COLOR")):
        encoding = getattr(out, "encoding", None) or "utf-8"
        if encoding.lower().replace("-", "").startswith("utf"):
            out.write(report_text(results, bank))
        else:  # e.g. LANG=C: ASCII bars, and no character the encoding lacks
            text = report_text(results, bank, ascii_only=True)
            out.write(text.encode(encoding, "replace").decode(encoding))
        return
    from rich.console import Console

    console = Console(file=out, highlight=False)
    ascii_only = not console.encoding.lower().startswith("utf")
    report = render_report(results, bank, width=min(console.width, 100), ascii_only=ascii_only)
    console.print(report, soft_wrap=True)
