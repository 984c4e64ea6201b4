"""Bank load + validation of the bundled bank: `load_bank()`.

- warm: in this process, a fresh load each call (any cache on load_bank is cleared),
  median of 30 calls;
- cold: the first `load_bank()` in a new interpreter (after its imports), median of 7.
Budget: <= 30 ms each. The import of skillcheck.store.bank is shown for context.
"""

from __future__ import annotations

import json
import subprocess
import time

from _pty import PYTHON, ROOT, Row, emit_json, median, print_table

WARM_CALLS = 30
COLD_RUNS = 7

COLD_SNIPPET = """
import json, time
t0 = time.perf_counter()
from skillcheck.store.bank import load_bank
t1 = time.perf_counter()
bank = load_bank()
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "load": t2 - t1, "questions": len(bank.questions)}))
"""


def warm_ms() -> tuple[float, int]:
    from skillcheck.store.bank import load_bank

    times = []
    for _ in range(WARM_CALLS):
        clear = getattr(load_bank, "cache_clear", None)
        if clear:
            clear()
        start = time.perf_counter()
        bank = load_bank()
        times.append((time.perf_counter() - start) * 1000)
    return median(times), len(bank.questions)


def cold_ms() -> tuple[float, float]:
    loads, imports = [], []
    for _ in range(COLD_RUNS):
        out = subprocess.run(
            [PYTHON, "-c", COLD_SNIPPET], cwd=ROOT, capture_output=True, text=True, check=True
        )
        figures = json.loads(out.stdout.strip().splitlines()[-1])
        loads.append(figures["load"] * 1000)
        imports.append(figures["import"] * 1000)
    return median(loads), median(imports)


def main() -> int:
    cold_load, cold_import = cold_ms()
    warm, questions = warm_ms()
    rows = [
        Row(
            "load_bank() warm, fresh each call (median)",
            warm,
            budget=30,
            note=f"{questions} questions, {WARM_CALLS} calls",
        ),
        Row("load_bank() cold, first call in a new process", cold_load, budget=30),
        Row("import skillcheck.store.bank (cold)", cold_import),
    ]
    print_table("Bank load + validation (bundled bank)", rows)
    emit_json("bank_load", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
