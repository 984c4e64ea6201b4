"""Headless scoring.

- `score(bank, answers)` for the full bank with every question answered (a seeded,
  plausible mix: mid-range ratings, ~60% of choices right), median of 100 calls in
  process. Budget: <= 5 ms. The first call (which builds the bank's index) is shown too.
- `skillcheck score answers.toml` as a whole process vs `python -c "import pydantic,
  tomllib"`, median of 7 each, interleaved. Budget: ratio <= 1.5.
"""

from __future__ import annotations

import random
import subprocess
import tempfile
import time
from pathlib import Path

from _pty import PYTHON, ROOT, Row, emit_json, median, print_table

from skillcheck.domain.models import Answers, AnswerValue, Bank
from skillcheck.domain.scoring import score
from skillcheck.store.answers import answers_to_toml
from skillcheck.store.bank import load_bank

CALLS = 100
PROCESS_RUNS = 7
SKILLCHECK = Path(PYTHON).with_name("skillcheck")
BASELINE_CMD = [PYTHON, "-c", "import pydantic, tomllib"]


def realistic_answers(bank: Bank, seed: int = 5) -> Answers:
    rng = random.Random(seed)
    values: dict[str, AnswerValue] = {}
    for question in bank.questions:
        keys = question.option_keys
        if question.kind == "rating":
            values[question.id] = rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4])
        elif question.kind == "choice" and question.answer and rng.random() < 0.6:
            values[question.id] = question.answer
        else:
            values[question.id] = rng.choice(keys)
    return Answers(values=values)


def score_ms(bank: Bank, answers: Answers) -> tuple[float, float]:
    start = time.perf_counter()
    score(bank, answers)
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(CALLS):
        start = time.perf_counter()
        score(bank, answers)
        times.append((time.perf_counter() - start) * 1000)
    return first, median(times)


def process_ms(argv: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{argv} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return elapsed


def main() -> int:
    bank = load_bank()
    answers = realistic_answers(bank)
    first, warm = score_ms(bank, answers)
    with tempfile.TemporaryDirectory() as folder:
        answers_file = Path(folder) / "answers.toml"
        answers_file.write_text(answers_to_toml(answers), encoding="utf-8")
        cli = [str(SKILLCHECK), "score", str(answers_file)]
        process_ms(cli)  # warm the file cache; not counted
        ours, theirs = [], []
        for _ in range(PROCESS_RUNS):
            ours.append(process_ms(cli))
            theirs.append(process_ms(BASELINE_CMD))
    rows = [
        Row(
            "score(bank, answers) (median)",
            warm,
            budget=5,
            note=f"{len(answers.values)} answers, {CALLS} calls; first call {first:.1f} ms",
        ),
        Row(
            "`skillcheck score answers.toml` process (median)",
            median(ours),
            median(theirs),
            budget=1.5,
            budget_on="ratio",
            note='baseline: python -c "import pydantic, tomllib"',
        ),
    ]
    print_table("Headless scoring", rows)
    emit_json("headless", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
