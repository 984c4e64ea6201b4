"""How long the adaptive quick mode takes to choose each next question (budget: 5 ms a step).

Runs whole quick assessments in process, as the app does between two questions: each
step is one `next_question(bank, answers, asked)` call on the real bank. Candidates
answer as three kinds of people (strong, middling, weak), so the engine walks different
paths; the table gives the median and the 95th percentile over every step.

    .venv/bin/python benchmarks/adaptive_step.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from skillcheck.domain.adaptive import next_question
from skillcheck.domain.models import AnswerValue
from skillcheck.domain.questions import Question
from skillcheck.store.bank import load_bank
from skillcheck.store.paths import bundled_bank_dir

BUDGET_MS = 5.0


def answer(question: Question, right_share: float, step: int) -> AnswerValue:
    if question.kind == "rating":
        return 2
    if question.kind == "preference":
        return question.option_keys[step % len(question.option_keys)]
    right = (step * 7919 % 100) < right_share * 100
    wrong = next(k for k in question.option_keys if k != question.answer)
    return (question.answer or wrong) if right else wrong


def main() -> None:
    bank = load_bank(bundled_bank_dir())
    next_question(bank, {}, [])  # the bank's index is built once per process
    steps: list[float] = []
    cpu: list[float] = []
    lengths = []
    for right_share in (0.9, 0.5, 0.2):
        for _ in range(5):
            asked: list[str] = []
            answers: dict[str, AnswerValue] = {}
            while True:
                started, started_cpu = time.perf_counter(), time.process_time()
                qid = next_question(bank, answers, asked)
                steps.append(1000 * (time.perf_counter() - started))
                cpu.append(1000 * (time.process_time() - started_cpu))
                if qid is None:
                    break
                asked.append(qid)
                answers[qid] = answer(bank.question_by_id[qid], right_share, len(asked))
            lengths.append(len(asked))
    steps.sort()
    p95 = steps[int(0.95 * (len(steps) - 1))]
    median = statistics.median(steps)
    verdict = "ok" if p95 <= BUDGET_MS else "MISS"
    print("| measure | value |\n|---|---|")
    print(f"| steps timed | {len(steps)} |")
    print(f"| questions per quick run | {min(lengths)}-{max(lengths)} |")
    print(f"| next_question, median | {median:.2f} ms |")
    print(f"| next_question, p95 | {p95:.2f} ms ({verdict}: budget {BUDGET_MS:.0f} ms) |")
    print(f"| next_question, max | {max(steps):.2f} ms |")
    # Wall time includes whatever else the machine runs; CPU time is this process's own.
    print(f"| next_question, CPU time, mean | {statistics.fmean(cpu):.2f} ms |")


if __name__ == "__main__":
    main()
