"""What progress over time says, worded once: the results screen's "since last time"
section, the history view, `skillcheck compare` and `skillcheck history` only lay it out.

Like `domain.wording`, this turns models into plain data (no markup, colour or layout).
Changes are worked out on the figures as shown (fits to the point, levels to a tenth),
so "was 48, now 62" always reads "up 14".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from skillcheck.domain.comparison import Change, Comparison, GapChange, Span
from skillcheck.domain.results import Results
from skillcheck.domain.results_text import Labelled, Name, Phrase, Section
from skillcheck.domain.wording import fit_figure, listed

UNCERTAINTY_EXPLAINED = (
    "A change is more than the uncertainty when the two 80 % ranges do not overlap; "
    "within them, a retake could move the figure as far by chance."
)
NOTHING_TO_COMPARE = "the two results share no role, so there is nothing to compare"
NO_HISTORY = "No results kept yet: each finished assessment is kept here."
HISTORY_EXPLAINED = (
    "Newest first. Open one to see it in full, with what changed since the one before."
)


@dataclass(frozen=True)
class ChangeText:
    """One role's fit or one skill's level: before, after and what the change means."""

    title: Phrase
    """`AI Engineer: was 48 (40-55), now 62 (55-70)`."""
    verdict: str
    """`up 14 points, more than the uncertainty (the ranges do not overlap)`."""


@dataclass(frozen=True)
class ComparisonText:
    """Everything a view of a comparison shows, in reading order."""

    title: str
    bank_warning: str | None
    """Set when the two were scored with different banks: what was compared."""
    roles: Section[ChangeText]
    gaps: Section[Labelled]
    """Gaps closed, then new gaps."""
    moved: Section[ChangeText]
    explained: str


@dataclass(frozen=True)
class HistoryEntryText:
    """One kept result in the history: when, which bank, and its fits."""

    when: str
    bank: str
    fits: str


def when_text(when: datetime) -> str:
    """`2026-11-30 12:34`: how every view names the time a result was kept."""
    return f"{when:%Y-%m-%d %H:%M}"


def _signed(change: float, unit: str, decimals: int) -> str:
    """`up 14 points`, `down 0.3`, `no change`."""
    if round(change, decimals) == 0:
        return "no change"
    size = f"{abs(change):.{decimals}f}"
    units = f" {unit}{'' if size == '1' else 's'}" if unit else ""
    return f"{'up' if change > 0 else 'down'} {size}{units}"


def _verdict(change: float, beyond: bool | None, unit: str, decimals: int) -> str:
    moved = _signed(change, unit, decimals)
    if moved == "no change" or beyond is None:
        return moved
    if beyond:
        return f"{moved}, more than the uncertainty (the ranges do not overlap)"
    return f"{moved}, within the uncertainty (the ranges overlap)"


def _shown(value: float, decimals: int) -> float:
    return round(value, decimals)


def _role_change(role: Change) -> ChangeText:
    old, new = role.old, role.new
    change = _shown(new.value, 0) - _shown(old.value, 0)
    was = fit_figure(old.value, old.low, old.high)
    now = fit_figure(new.value, new.low, new.high)
    return ChangeText(
        Phrase((Name(role.name), f": was {was}, now {now}")),
        _verdict(change, role.beyond_uncertainty, "point", 0),
    )


def _level(span: Span) -> str:
    if span.low is None or span.high is None:
        return f"{span.value:.1f}"
    return f"{span.value:.1f} ({span.low:.1f}-{span.high:.1f})"


def _skill_change(skill: Change) -> ChangeText:
    old, new = skill.old, skill.new
    change = _shown(new.value, 1) - _shown(old.value, 1)
    return ChangeText(
        Phrase((Name(skill.name), f": was {_level(old)}, now {_level(new)}")),
        _verdict(change, skill.beyond_uncertainty, "", 1),
    )


def _gap_list(changes: tuple[GapChange, ...], role_names: dict[str, str]) -> str:
    """`Programming (AI Engineer); Statistics (AI Engineer, ML Engineer)`: semicolons,
    since a skill's name may hold commas of its own."""
    shown = [f"{c.name} ({', '.join(role_names.get(r, r) for r in c.roles)})" for c in changes]
    return "; ".join(shown) or "none"


def bank_warning(comparison: Comparison) -> str | None:
    """`made with question banks 1.0 and 1.1: only...`: a clause for a warning line
    that names the files, or None when both were scored with the same bank."""
    if comparison.same_bank:
        return None
    if comparison.old_bank == comparison.new_bank:
        banks = f"two different copies of question bank {comparison.new_bank}"
    else:
        banks = f"question banks {comparison.old_bank} and {comparison.new_bank}"
    count = comparison.skills_left_out
    left_out = (
        f"; {count} skill{'s' if count != 1 else ''} only one of them holds "
        f"{'are' if count != 1 else 'is'} left out"
        if count
        else ""
    )
    compared = comparison.skills_compared
    skills = f"the {compared} skills" if compared != 1 else "the one skill"
    return f"made with {banks}, so only the roles and {skills} both hold are compared{left_out}"


def _sentence(clause: str) -> str:
    return f"{clause[0].upper()}{clause[1:]}."


def describe_comparison(comparison: Comparison, since: str) -> ComparisonText:
    """The comparison in words; `since` names the earlier result (a time or a file)."""
    names = comparison.role_names
    warning = bank_warning(comparison)
    return ComparisonText(
        title=f"Progress since {since}",
        bank_warning=_sentence(f"the two results were {warning}") if warning else None,
        roles=Section(
            "Fit for each role",
            tuple(_role_change(c) for c in comparison.roles),
        ),
        gaps=Section(
            "Gaps",
            (
                Labelled("Gaps closed", _gap_list(comparison.gaps_closed, names)),
                Labelled("New gaps", _gap_list(comparison.new_gaps, names)),
            ),
        ),
        moved=Section(
            "Skills that moved most",
            tuple(_skill_change(c) for c in comparison.moved_most),
            note="No skill level moved by a tenth or more.",
        ),
        explained=UNCERTAINTY_EXPLAINED,
    )


def history_entry(when: datetime, results: Results) -> HistoryEntryText:
    """`2026-11-30 12:34`, `bank 1.0`, `AI Engineer 62 (55-70), ML Engineer 48 (40-55)`."""
    fits = listed(
        f"{role.name} {fit_figure(role.fit, role.fit_low, role.fit_high)}"
        for role in results.roles.values()
    )
    return HistoryEntryText(when_text(when), f"bank {results.bank.version}", fits)


def kept_note(when: datetime) -> str:
    """Heads a kept result opened from the history."""
    return f"Kept on {when_text(when)}; shown read-only."


def history_title(count: int) -> str:
    return f"Your kept results ({count})" if count else "Your kept results"


def pruned_note(removed: int, kept: int) -> str:
    """Said when `--keep` removed the oldest results."""
    were = "result was" if removed == 1 else "results were"
    return f"{removed} older {were} removed, keeping the newest {kept}."


def unreadable_entry(problem: str) -> str:
    """A kept file that cannot be read is listed, not hidden: its problem says why."""
    return f"cannot be shown: {problem}"
