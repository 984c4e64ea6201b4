"""Headless scoring.

- `score(bank, answers)` for the full bank with every question answered (a seeded,
  plausible mix: mid-range ratings, ~60% of choices right), in process, budget <= 5 ms:
  100 different candidates and one answer set 100 times. The first call in a new
  process (what `skillcheck score` and a finished run pay) is shown for context,
  median of 7 processes.
- `skillcheck score answers.toml` as a whole process vs `python -c "import pydantic,
  tomllib"`, median of 7 each, interleaved. Budget: ratio <= 1.5.
"""

from __future__ import annotations

import os
import random
import subprocess
import tempfile
import time
from pathlib import Path

import tomli_w
from _pty import PYTHON, ROOT, Row, emit_json, median, print_table

from skillcheck.domain.models import Answers, AnswerValue, Bank
from skillcheck.domain.scoring import score
from skillcheck.store.bank import load_bank

CALLS = 100
PROCESS_RUNS = 7
SKILLCHECK = Path(PYTHON).with_name("skillcheck")
BASELINE_CMD = [PYTHON, "-c", "import pydantic, tomllib"]
# `import pydantic` alone is lazy and loads almost nothing; defining one model loads the
# machinery any pydantic program pays for. Reported beside the budget row, not instead.
PYDANTIC_FLOOR_CMD = [
    PYTHON,
    "-c",
    "import tomllib\nfrom pydantic import BaseModel\nclass P(BaseModel):\n    x: int\nP(x=1)",
]


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


def score_ms(bank: Bank, answer_sets: list[Answers]) -> float:
    """Median time of score() over `answer_sets`, in order."""
    times = []
    for answers in answer_sets:
        start = time.perf_counter()
        score(bank, answers)
        times.append((time.perf_counter() - start) * 1000)
    return median(times)


FIRST_CALL_SNIPPET = """
import sys, time
sys.path.insert(0, "benchmarks")
from headless import realistic_answers
from skillcheck.domain.scoring import score
from skillcheck.store.bank import load_bank
bank = load_bank()
answers = realistic_answers(bank)
start = time.perf_counter()
score(bank, answers)
print((time.perf_counter() - start) * 1000)
"""


def first_call_ms(runs: int = PROCESS_RUNS) -> float:
    times = []
    for _ in range(runs):
        done = subprocess.run(
            [PYTHON, "-c", FIRST_CALL_SNIPPET], cwd=ROOT, capture_output=True, text=True
        )
        times.append(float(done.stdout.split()[-1]))
    return median(times)


def process_ms(argv: list[str]) -> tuple[float, float]:
    """(wall, CPU) milliseconds of one run of `argv`; CPU time drifts less under load."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = (time.perf_counter() - start) * 1000
    assert proc.stderr is not None
    errors = proc.stderr.read().decode()
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv} exited {proc.returncode}: {errors[-500:]}")
    return elapsed, (usage.ru_utime + usage.ru_stime) * 1000


def main() -> int:
    bank = load_bank()
    answers = realistic_answers(bank)
    first = first_call_ms()
    score(bank, answers)  # build the bank's index once; not counted
    distinct = score_ms(bank, [realistic_answers(bank, seed) for seed in range(100, 100 + CALLS)])
    repeated = score_ms(bank, [answers] * CALLS)
    with tempfile.TemporaryDirectory() as folder:
        answers_file = Path(folder) / "answers.toml"
        answers_file.write_text(tomli_w.dumps({"answers": answers.values}), encoding="utf-8")
        cli = [str(SKILLCHECK), "score", str(answers_file)]
        process_ms(cli)  # warm the file cache; not counted
        ours, theirs, floor = [], [], []
        for _ in range(PROCESS_RUNS):
            ours.append(process_ms(cli))
            theirs.append(process_ms(BASELINE_CMD))
            floor.append(process_ms(PYDANTIC_FLOOR_CMD))
    wall = [m[0] for m in ours], [m[0] for m in theirs]
    cpu = [m[1] for m in ours], [m[1] for m in theirs]
    rows = [
        Row(
            "score(), 100 different candidates (median)",
            distinct,
            budget=5,
            note=f"{len(answers.values)} answers each, every question of the bank",
        ),
        Row("score(), one answer set x100 (median)", repeated, budget=5),
        Row("score(), first call in a new process", first),
        Row(
            "`skillcheck score answers.toml` process (median)",
            median(wall[0]),
            median(wall[1]),
            budget=1.5,
            budget_on="ratio",
            note='baseline: python -c "import pydantic, tomllib"',
        ),
        Row("the same, CPU time (user + sys)", median(cpu[0]), median(cpu[1])),
        Row(
            "the same vs a process that defines one pydantic model",
            median(wall[0]),
            median([m[0] for m in floor]),
            note="pydantic's own floor: what any program validating with it pays",
        ),
    ]
    print_table("Headless scoring", rows)
    emit_json("headless", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
