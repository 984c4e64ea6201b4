"""The text report lays out the wording: 80 columns, plain in a pipe, no colour under NO_COLOR."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from skillcheck.domain.models import Bank
from skillcheck.domain.results import Results
from skillcheck.domain.scoring import score
from skillcheck.reports.lines import bar, wrapped
from skillcheck.reports.results import print_report, render_report, report_text
from skillcheck.store.answers import load_answers
from skillcheck.store.bank import load_bank

DATA = Path(__file__).parent.parent / "data"
COLOR_CODE = re.compile(r"\x1b\[[0-9;]*3[0-7]m")


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(DATA / "banks" / "good")


@pytest.fixture(scope="module")
def results(bank: Bank) -> Results:
    return score(bank, load_answers(DATA / "answers" / "good.toml", bank))


def test_bar() -> None:
    assert bar(0.5, 10) == "█████░░░░░"
    assert bar(1.7, 4) == "████"
    assert bar(-1, 4) == "░░░░"


def test_wrapping_keeps_styles_hyphenated_words_and_the_indent() -> None:
    lines = wrapped([("a self-rated level ", ""), ("Name", "bold"), (".", "")], 14, "  ")
    # 13 cells would break "self-rated" at its hyphen; it moves whole instead.
    assert lines == [
        [("  ", ""), ("a", ""), (" ", ""), ("self-rated", "")],
        [("  ", ""), ("level", ""), (" ", ""), ("Name", "bold"), (".", "")],
    ]


def test_report_lays_out_every_part(results: Results, bank: Bank) -> None:
    text = report_text(results, bank)
    assert text.startswith("Your results · about equal fit for both roles · you answered 6 of 19\n")
    assert "Too close to call: ML Engineer fits 1 point better than AI Engineer" in text
    # The fit, its interval shaded on the bar (below and above the figure), the figures.
    assert "  AI Engineer  ███▓▓▓▓▓▓▓▒▒▒▒▒▒▒░░░  50 (17-83)\n" in text
    assert "    Strengths: none yet\n" in text
    assert "    • Mathematics and statistics: 1.4 of 3, central\n" in text
    assert "  Certification: Python Professional Certificate · Python Institute\n" in text
    assert "  Research scientist  █████████░░░░░░░░░░░   46  from the ML Engineer role\n" in text
    assert "  1.3  self-rated 3.0, tested 1.2\n" in text
    assert "  ✗ Wrong: Which structure gives average O(1) lookup by key?\n" in text
    assert "    The answer: dict\n" in text


@pytest.mark.parametrize("width", [50, 60, 80])
def test_every_line_fits(results: Results, bank: Bank, width: int) -> None:
    lines = report_text(results, bank, width=width).splitlines()
    assert max(len(line) for line in lines) <= width
    assert not [line for line in lines if line != line.rstrip()]


def test_ascii_only_has_no_other_characters(results: Results, bank: Bank) -> None:
    text = report_text(results, bank, ascii_only=True)
    assert text.isascii()
    assert "  AI Engineer  ###=======~~~~~~~---  50 (17-83)\n" in text
    assert "  x Wrong: Which structure" in text


def test_without_the_bank_ids_stand_in(results: Results) -> None:
    text = report_text(results)
    assert "  ✗ Wrong: programming-q2\n" in text
    assert "Python Institute" not in text


def test_rich_text_matches_the_plain_text(results: Results, bank: Bank) -> None:
    assert render_report(results, bank).plain + "\n" == report_text(results, bank)


def test_pipe_gets_plain_text(results: Results, bank: Bank) -> None:
    out = io.StringIO()
    print_report(results, bank, file=out)
    assert out.getvalue() == report_text(results, bank)


def test_terminal_gets_colour_but_not_under_no_color(
    results: Results, bank: Bank, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    coloured = io.StringIO()
    print_report(results, bank, file=coloured)
    assert COLOR_CODE.search(coloured.getvalue())
    monkeypatch.setenv("NO_COLOR", "1")
    plain = io.StringIO()
    print_report(results, bank, file=plain)
    assert not COLOR_CODE.search(plain.getvalue())
    assert "AI Engineer" in plain.getvalue()
