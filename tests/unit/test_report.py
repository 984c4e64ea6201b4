"""The text report: readable at 80 columns, plain in a pipe, no colour under NO_COLOR."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from skillcheck.domain.models import Answers, Bank
from skillcheck.domain.results import Results
from skillcheck.domain.scoring import score
from skillcheck.report import bar, print_report, render_report, report_text
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
    assert bar(1.7, 4, ascii_only=True) == "####"
    assert bar(-1, 4, ascii_only=True) == "----"


def test_report_names_fit_strengths_gaps_advice_and_careers(results: Results, bank: Bank) -> None:
    text = report_text(results, bank)
    fit = results.roles["ai-engineer"].fit
    assert f"{fit:5.1f} / 100" in text
    assert "Strengths: Programming" in text
    assert "Gaps:      Mathematics and statistics" in text
    assert "over-rated" in text
    assert "You rated yourself higher than your answers show in Programming." in text
    for recommendation in results.recommendations:
        assert recommendation.name in text
    assert "Research scientist" in text
    assert "lean to the ML Engineer role" in text


@pytest.mark.parametrize("width", [60, 80])
def test_every_line_fits(results: Results, bank: Bank, width: int) -> None:
    lines = report_text(results, bank, width=width).splitlines()
    assert max(len(line) for line in lines) <= width
    assert not [line for line in lines if line != line.rstrip()]


def test_nothing_answered_reads_sensibly(bank: Bank) -> None:
    text = report_text(score(bank, Answers()), bank)
    assert "0 of 19 questions answered" in text
    assert "No preference questions answered" in text
    assert "not answered" in text


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
