"""The answer-cue rules on knowledge questions, as pure functions."""

from __future__ import annotations

import pytest

from skillcheck.domain.bank_quality import (
    MAX_RULE_SHARE,
    RuleShare,
    length_picks,
    option_length,
    rule_shares,
)
from skillcheck.domain.questions import ChoiceQuestion, Option


def choice(texts: list[str], answer: str = "a") -> ChoiceQuestion:
    return ChoiceQuestion(
        id="q",
        skill="s",
        prompt="p",
        source="s",
        answer=answer,
        explanation="e",
        difficulty="easy",
        options=[Option(key=key, text=text) for key, text in zip("abcd", texts, strict=False)],
    )


def test_length_rules_pick_by_length() -> None:
    question = choice(["a medium one", "the longest option", "short", "mid length"])
    assert length_picks(question) == {
        "longest": "b",
        "second-longest": "a",
        "shortest": "c",
    }


def test_ties_keep_the_file_order_longest_last_shortest_first() -> None:
    # All four equally long: sorted(..., key=len) keeps a, b, c, d.
    assert length_picks(choice(["1", "2", "3", "6"])) == {
        "longest": "d",
        "second-longest": "c",
        "shortest": "a",
    }


def test_two_options_make_the_second_longest_the_shortest() -> None:
    assert length_picks(choice(["yes", "no"])) == {
        "longest": "a",
        "second-longest": "b",
        "shortest": "b",
    }


def test_length_is_what_a_reader_sees() -> None:
    assert option_length(Option(key="a", text="two\n   words  ")) == len("two words")


def test_rule_shares_count_every_rule_and_each_key_letter() -> None:
    questions = [
        choice(["the longest one", "b", "cc", "ddd"], answer="a"),  # longest
        choice(["a", "the longest one", "cc", "ddd"], answer="a"),  # shortest
        choice(["aa", "b", "the longest one", "ddd"], answer="d"),  # second-longest
    ]
    assert rule_shares(questions) == [
        RuleShare("longest", 1, 3),
        RuleShare("second-longest", 1, 3),
        RuleShare("shortest", 1, 3),
        RuleShare('letter "a"', 2, 3),
        RuleShare('letter "d"', 1, 3),
    ]


@pytest.mark.parametrize(("hits", "total", "too_high"), [(7, 20, False), (8, 20, True)])
def test_a_share_is_too_high_only_above_the_threshold(
    hits: int, total: int, too_high: bool
) -> None:
    assert MAX_RULE_SHARE == 0.35
    assert RuleShare("longest", hits, total).too_high is too_high
