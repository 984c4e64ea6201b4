"""Does the bank measure knowledge, not test-taking? Rules on its knowledge questions.

A test-wise candidate who knows nothing can still pick by form: the longest option,
the second-longest, the shortest, or always the same letter. Over a group of knowledge
(choice) questions, no such rule may find the key in more than `MAX_RULE_SHARE` of
them; and in no single question may the key stand out by its length. Every skill needs
enough knowledge questions, at every difficulty, to tell its levels apart.

These are quality rules: a bank that breaks them still loads and scores, but
`skillcheck validate` rejects it, one line per finding. The store places each finding
(`file:line: message`); a `GroupFinding` is about a whole file or the whole bank.

Option lengths count the characters a candidate reads: the text with runs of
whitespace (a multi-line TOML string's line breaks) taken as one space.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from skillcheck.domain.bank_rules import Finding, SourceItem, ValidItems
from skillcheck.domain.model_base import Difficulty
from skillcheck.domain.questions import ChoiceQuestion, Option

#: No option-picking rule may find the key in more than this share of a group's knowledge
#: questions. Four options give 25 % by chance; 35 % leaves room to write, not to guess.
MAX_RULE_SHARE = 0.35
#: A group smaller than this is not judged on its own (one item moves its share by more
#: than 12 points); when a file is that small, the whole bank is judged as well.
MIN_GROUP_FOR_SHARES = 8
#: In any one question the key may be at most this many times as long as the longest
#: wrong option (distractor), in characters.
MAX_KEY_LENGTH_RATIO = 1.25
#: Each skill needs at least this many knowledge questions over the whole bank...
MIN_KNOWLEDGE_PER_SKILL = 8
#: ...and at least this many of each difficulty, so every level can be told apart.
MIN_KNOWLEDGE_BY_DIFFICULTY: dict[Difficulty, int] = {"easy": 2, "medium": 3, "hard": 2}

#: The option-picking rules by length, in the order findings are reported; the fixed-letter
#: rules ('letter "a"', ...) follow them.
LENGTH_RULES = ("longest", "second-longest", "shortest")


@dataclass(frozen=True)
class GroupFinding:
    """A finding about a group of items: one file's (`file`), or the whole bank's (None)."""

    file: str | None
    message: str


@dataclass(frozen=True)
class RuleShare:
    """How often one option-picking rule finds the key in a group of knowledge questions."""

    rule: str  # "longest", "second-longest", "shortest" or 'letter "a"'
    hits: int
    total: int

    @property
    def share(self) -> float:
        return self.hits / self.total

    @property
    def too_high(self) -> bool:
        return self.share > MAX_RULE_SHARE


def option_length(option: Option) -> int:
    """The characters a candidate reads in the option: whitespace runs count as one."""
    return len(" ".join(option.text.split()))


def length_picks(question: ChoiceQuestion) -> dict[str, str]:
    """The option key each length rule picks in `question`, by rule (see `LENGTH_RULES`).

    Options are ordered by length with Python's stable `sorted(..., key=length)`, so ties
    keep the file's order: "the longest" is the *last* of equally long longest options,
    "the second-longest" the one before it in that order, and "the shortest" the *first*
    of equally short ones. With two options the second-longest is the shortest.
    """
    ordered = sorted(question.options, key=option_length)
    longest, second, shortest = ordered[-1], ordered[-2], ordered[0]
    return dict(zip(LENGTH_RULES, (longest.key, second.key, shortest.key), strict=True))


def rule_shares(questions: Sequence[ChoiceQuestion]) -> list[RuleShare]:
    """How often each option-picking rule finds the key among `questions`.

    The length rules come first, then 'letter "x"' (always answering x) for each option
    key the questions use as their key, in alphabetical order. Questions with fewer than
    two options are skipped.
    """
    usable = [q for q in questions if len(q.options) >= 2]
    hits: Counter[str] = Counter()
    for question in usable:
        for rule, key in length_picks(question).items():
            hits[rule] += key == question.answer
    shares = [RuleShare(rule, hits[rule], len(usable)) for rule in LENGTH_RULES]
    letters = Counter(q.answer for q in usable)
    shares += [RuleShare(f'letter "{key}"', n, len(usable)) for key, n in sorted(letters.items())]
    return shares


def check_quality(valid: ValidItems) -> tuple[list[Finding], list[GroupFinding]]:
    """Every quality finding: answer cues by file and item, and thin skills."""
    choices = [(item, q) for item, q in valid.questions if isinstance(q, ChoiceQuestion)]
    findings = list(_key_length_findings(choices))
    findings += _skill_findings(valid, [q for _, q in choices])
    return findings, list(_share_findings(choices))


def _share_findings(choices: list[tuple[SourceItem, ChoiceQuestion]]) -> Iterator[GroupFinding]:
    by_file: dict[str, list[ChoiceQuestion]] = {}
    for item, question in choices:
        by_file.setdefault(item.file, []).append(question)
    too_small = False
    for name, questions in by_file.items():
        if len(questions) < MIN_GROUP_FOR_SHARES:
            too_small = True
            continue
        for share in rule_shares(questions):
            if share.too_high:
                yield GroupFinding(name, _share_message(share))
    if too_small and len(choices) >= MIN_GROUP_FOR_SHARES:
        for share in rule_shares([q for _, q in choices]):
            if share.too_high:
                yield GroupFinding(None, "over the whole bank, " + _share_message(share))


def _share_message(share: RuleShare) -> str:
    letter = share.rule.removeprefix("letter ")
    if letter != share.rule:
        how = f"answering {letter} every time"
    else:
        how = f"picking the {share.rule} option"
    return (
        f"{how} finds the key in {share.hits} of {share.total} knowledge questions "
        f"({_percent(share.share)}, more than {_percent(MAX_RULE_SHARE)})"
    )


def _percent(share: float) -> str:
    """A share as a whole percentage, with a decimal when rounding would hide the excess."""
    text = f"{share * 100:.0f} %"
    if share > MAX_RULE_SHARE and text == f"{MAX_RULE_SHARE * 100:.0f} %":
        text = f"{share * 100:.1f} %"
    return text


def _key_length_findings(choices: list[tuple[SourceItem, ChoiceQuestion]]) -> Iterator[Finding]:
    for item, question in choices:
        key = question.option(question.answer)
        distractors = [option_length(o) for o in question.options if o is not key]
        if key is None or not distractors:
            continue
        longest = max(distractors)
        length = option_length(key)
        if length > MAX_KEY_LENGTH_RATIO * longest:
            ratio = f"{length / longest:.2f}x" if longest else "more than any multiple of"
            yield Finding(
                item,
                ("answer",),
                f'the key "{key.key}" has {length} characters, {ratio} the longest '
                f"distractor's {longest} (at most {MAX_KEY_LENGTH_RATIO}x)",
            )


def _skill_findings(valid: ValidItems, choices: list[ChoiceQuestion]) -> Iterator[Finding]:
    counts: dict[str, Counter[Difficulty]] = {skill.id: Counter() for _, skill in valid.skills}
    for question in choices:
        for skill_id in question.skill_ids:
            if skill_id in counts:
                counts[skill_id][question.difficulty] += 1
    needed = ", ".join(f"{n} {level}" for level, n in MIN_KNOWLEDGE_BY_DIFFICULTY.items())
    needed = " and ".join(needed.rsplit(", ", 1))
    for item, skill in valid.skills:
        count = counts[skill.id]
        total = sum(count.values())
        if total >= MIN_KNOWLEDGE_PER_SKILL and all(
            count[level] >= n for level, n in MIN_KNOWLEDGE_BY_DIFFICULTY.items()
        ):
            continue
        spread = ", ".join(f"{count[level]} {level}" for level in MIN_KNOWLEDGE_BY_DIFFICULTY)
        yield Finding(
            item,
            ("id",),
            f"has {total} knowledge question(s) ({spread}); a skill needs at least "
            f"{MIN_KNOWLEDGE_PER_SKILL}, with at least {needed}",
        )
