"""How well the score recovers a candidate's true fit, how stable it is, and what gaming earns.

Simulated candidates with known true levels are scored through the public functions
(`score`, `next_question`) exactly as the app scores a person. Two worlds:

- main: true levels per skill are a general level g ~ N(1.5, 1.0) plus a skill part
  N(0, 0.8), clipped to -1..5 (skills correlate about 0.6 within a person). Self-ratings
  are round(level + 0.5 + person bias N(0, 1.0) + noise N(0, 3.3)) clipped to 0..4: they
  correlate about 0.3 with the level and run half a level high. Knowledge answers follow
  the app's own item model (difficulty from the tag, guessing 1 in 4, slope 1.5).
- misspecified: the same people, but each item's real difficulty is its tag's location
  plus a fixed U(-0.5, +0.5) error, guessing is 0.35 and the slope 1.1: the model the app
  scores with is wrong about every item.

True fit is the role's fit of the true levels (clipped to 0..4), computed with scoring's
`role_fit`. The headline's truth is the sign of the true difference. A retake redraws
every answer and the rating noise (the person, and their bias, stay).

    .venv/bin/python benchmarks/validity.py            # both worlds, both modes (~3 min)
    .venv/bin/python benchmarks/validity.py --n 100    # quicker, noisier
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from skillcheck.domain.adaptive import next_question
from skillcheck.domain.bank_index import bank_index
from skillcheck.domain.item_model import DIFFICULTY_LOCATION
from skillcheck.domain.models import Answers, AnswerValue, Bank
from skillcheck.domain.questions import Question
from skillcheck.domain.results import Results
from skillcheck.domain.scoring import role_fit, score
from skillcheck.domain.selection import full_questions
from skillcheck.store.bank import load_bank
from skillcheck.store.paths import bundled_bank_dir

AI, ML = "ai-engineer", "ml-engineer"


@dataclass(frozen=True)
class World:
    name: str
    difficulty_error: float
    guessing: float
    slope: float


MAIN = World("main", 0.0, 0.25, 1.5)
MISSPECIFIED = World("misspecified", 0.5, 0.35, 1.1)


@dataclass
class Person:
    levels: dict[str, float]
    bias: float
    lean: float  # P(an AI-leaning preference answer)


@dataclass
class Outcome:
    est: dict[str, float]
    low: dict[str, float]
    high: dict[str, float]
    named: str | None
    degree: bool
    routes: list[str] = field(default_factory=list)
    first_level: str = ""


def make_people(bank: Bank, n: int, rng: np.random.Generator) -> list[Person]:
    people = []
    for _ in range(n):
        g = rng.normal(1.5, 1.0)
        levels = {s.id: float(np.clip(g + rng.normal(0, 0.8), -1.0, 5.0)) for s in bank.skills}
        people.append(Person(levels, float(rng.normal(0, 1.0)), float(rng.beta(2, 2))))
    return people


class Responder:
    """Answers questions as a simulated person would, in a given world."""

    def __init__(self, bank: Bank, world: World, seed: int) -> None:
        self.bank = bank
        self.world = world
        item_rng = np.random.default_rng(seed + 999)
        # The real difficulty of each item, fixed for the world (not per person).
        self.location = {
            q.id: DIFFICULTY_LOCATION[q.difficulty or "medium"]
            + item_rng.uniform(-world.difficulty_error, world.difficulty_error)
            for q in bank.questions
            if q.kind == "choice"
        }

    def answer(self, person: Person, question: Question, rng: np.random.Generator) -> AnswerValue:
        if question.kind == "rating":
            level = person.levels[question.skill or ""]
            noisy = level + 0.5 + person.bias + rng.normal(0, 3.3)
            return int(np.clip(round(noisy), 0, 4))
        if question.kind == "preference":
            keys = [o.key for o in question.options if o.lean]
            leaning = [o.key for o in question.options if o.lean == AI]
            other = [k for k in keys if k not in leaning]
            return leaning[0] if rng.random() < person.lean or not other else other[0]
        level = person.levels[question.skill or ""]
        c, a = self.world.guessing, self.world.slope
        p = c + (1 - c) / (1 + math.exp(-a * (level - self.location[question.id])))
        if rng.random() < p:
            return question.answer or ""
        wrong = [o.key for o in question.options if o.key != question.answer]
        return wrong[int(rng.integers(len(wrong)))]


def true_fits(bank: Bank, person: Person) -> dict[str, float]:
    needs = bank_index(bank).role_needs
    clipped = {s: min(4.0, max(0.0, v)) for s, v in person.levels.items()}
    return {role: role_fit(clipped, needs[role]) for role in (AI, ML)}


def take(
    bank: Bank, mode: str, person: Person, responder: Responder, rng: np.random.Generator
) -> Results:
    answers: dict[str, AnswerValue] = {}
    if mode == "full":
        for qid in full_questions(bank):
            answers[qid] = responder.answer(person, bank.question_by_id[qid], rng)
    else:
        asked: list[str] = []
        while (qid := next_question(bank, answers, asked)) is not None:
            asked.append(qid)
            answers[qid] = responder.answer(person, bank.question_by_id[qid], rng)
    return score(bank, Answers(values=answers))


def outcome_of(bank: Bank, results: Results) -> Outcome:
    recommendations = results.recommendations
    first = bank.credential_by_id[recommendations[0].id].level if recommendations else ""
    return Outcome(
        est={r: results.roles[r].fit for r in (AI, ML)},
        low={r: results.roles[r].fit_low for r in (AI, ML)},
        high={r: results.roles[r].fit_high for r in (AI, ML)},
        named=results.headline.closest if results.headline else None,
        degree=any(r.kind == "degree" for r in recommendations),
        routes=[r.id for r in recommendations if r.kind != "degree"],
        first_level=first,
    )


def corr(xs: list[float], ys: list[float]) -> float:
    return float(np.corrcoef(xs, ys)[0, 1])


def run_world(
    bank: Bank, world: World, mode: str, people: list[Person], seed: int
) -> dict[str, str]:
    responder = Responder(bank, world, seed)
    rng = np.random.default_rng(seed + (1 if mode == "quick" else 2))
    truth, first, second = [], [], []
    for person in people:
        truth.append(true_fits(bank, person))
        first.append(outcome_of(bank, take(bank, mode, person, responder, rng)))
        second.append(outcome_of(bank, take(bank, mode, person, responder, rng)))
    t = [f[r] for f in truth for r in (AI, ML)]
    e = [o.est[r] for o in first for r in (AI, ML)]
    retest = [o.est[r] for o in second for r in (AI, ML)]
    inside = sum(
        o.low[r] <= f[r] <= o.high[r] for o, f in zip(first, truth, strict=True) for r in (AI, ML)
    )
    true_diff = [f[AI] - f[ML] for f in truth]
    named = [(o.named, d) for o, d in zip(first, true_diff, strict=True) if o.named]
    agree = sum((n == AI) == (d > 0) for n, d in named)
    repeat = sum(
        b.named in (a.named, None)
        for a, b in zip(first, second, strict=True)
        if a.named is not None
    )
    n_named = sum(a.named is not None for a in first)
    ratings_r = rating_correlation(bank, people, responder)
    routes = Counter(r for o in first for r in o.routes)
    top_route, top_count = routes.most_common(1)[0] if routes else ("-", 0)
    return {
        "r (est, true fit)": f"{corr(e, t):.2f}",
        "mean abs error": f"{statistics.fmean(abs(a - b) for a, b in zip(e, t, strict=True)):.1f}",
        "bias (est - true)": f"{statistics.fmean(a - b for a, b in zip(e, t, strict=True)):+.1f}",
        "80 % interval holds truth": f"{inside / len(t):.0%}",
        "retest r": f"{corr(e, retest):.2f}",
        "headline named": f"{len(named) / len(first):.0%}",
        "named agrees with truth": f"{agree / len(named):.0%}" if named else "-",
        "retake repeats (or 'about equal')": f"{repeat / n_named:.0%}" if n_named else "-",
        "advised a degree": f"{sum(o.degree for o in first) / len(first):.0%}",
        "most advised short route": f"{top_route} {top_count / len(first):.0%}",
        "rating r with level": f"{ratings_r:.2f}",
    }


def rating_correlation(bank: Bank, people: list[Person], responder: Responder) -> float:
    rng = np.random.default_rng(7)
    rating = next(q for q in bank.questions if q.kind == "rating")
    levels = [p.levels[rating.skill or ""] for p in people]
    rated = [float(responder.answer(p, rating, rng)) for p in people]
    return corr(levels, rated)


def gaming(bank: Bank) -> dict[str, str]:
    """What answering strategies that need no knowledge earn, through score()."""
    rng = np.random.default_rng(11)
    ratings = [q for q in bank.questions if q.kind == "rating"]
    choices = [q for q in bank.questions if q.kind == "choice"]

    def fit(values: dict[str, AnswerValue]) -> str:
        results = score(bank, Answers(values=values))
        return " / ".join(f"{results.roles[r].fit:.0f}" for r in (AI, ML))

    def rated(level: int) -> dict[str, AnswerValue]:
        return {q.id: level for q in ratings}

    def by_length(rank: int) -> dict[str, AnswerValue]:
        return {q.id: sorted(q.options, key=lambda o: len(o.text))[rank].key for q in choices}

    random_keys: dict[str, AnswerValue] = {q.id: "abcd"[int(rng.integers(4))] for q in choices}
    return {
        "rate 4, skip every knowledge question": fit(rated(4)),
        "rate 0, skip everything": fit(rated(0)),
        "skip everything": fit({}),
        "rate 4, answer at random": fit(rated(4) | random_keys),
        "rate 2, answer at random": fit(rated(2) | random_keys),
        "rate 0, answer every knowledge question right": fit(
            rated(0) | {q.id: q.answer or "" for q in choices}
        ),
        "rate 2, always the longest option": fit(rated(2) | by_length(-1)),
        "rate 2, always the second-longest option": fit(rated(2) | by_length(-2)),
        "rate 2, always the shortest option": fit(rated(2) | by_length(0)),
        "rate 2, always 'a'": fit(rated(2) | {q.id: "a" for q in choices}),
    }


def beginner_advice(bank: Bank, seed: int) -> str:
    """The level of the first advice given to beginners (true general level about 0.3)."""
    rng = np.random.default_rng(seed + 5)
    responder = Responder(bank, MAIN, seed)
    levels = Counter()
    for _ in range(60):
        g = rng.normal(0.3, 0.3)
        person = Person({s.id: g + rng.normal(0, 0.5) for s in bank.skills}, 0.0, 0.5)
        results = take(bank, "full", person, responder, rng)
        levels[outcome_of(bank, results).first_level or "none"] += 1
    return ", ".join(f"{k} {v}" for k, v in levels.most_common())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="simulated candidates per world")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--modes", default="full,quick")
    args = parser.parse_args()
    bank = load_bank(bundled_bank_dir())
    people = make_people(bank, args.n, np.random.default_rng(args.seed))
    started = time.perf_counter()
    columns: dict[str, dict[str, str]] = {}
    for world in (MAIN, MISSPECIFIED):
        for mode in args.modes.split(","):
            columns[f"{mode}, {world.name}"] = run_world(bank, world, mode, people, args.seed)
    rows = list(next(iter(columns.values())))
    print(f"bank {bank.info.version}, {args.n} candidates, seed {args.seed}\n")
    print("| measure | " + " | ".join(columns) + " |")
    print("|---|" + "---|" * len(columns))
    for row in rows:
        print(f"| {row} | " + " | ".join(c[row] for c in columns.values()) + " |")
    print("\n| gaming strategy (scored with score()) | AI / ML fit |\n|---|---|")
    for name, value in gaming(bank).items():
        print(f"| {name} | {value} |")
    print(f"\nbeginners' first advice (level of credential): {beginner_advice(bank, args.seed)}")
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
