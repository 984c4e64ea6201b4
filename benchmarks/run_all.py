"""Run every benchmark script and print one summary table at the end.

Usage: .venv/bin/python benchmarks/run_all.py [--calm LOAD] [NAME ...]  (default: all)
Each script's own table is printed as it runs; the summary gathers every row.
benchmarks/ssh_load.py (the SSH server's load test) is run too when given by name.
--calm LOAD: before each script, wait (up to 10 minutes) for the 1-minute load
average to fall below LOAD, since other work on a shared machine skews timings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from _pty import BENCH_DIR, PYTHON

SCRIPTS = ["startup", "keystrokes", "output_bytes", "memory", "headless", "bank_load"]
PREFIX = "BENCH_JSON "


def wait_for_calm(limit: float, patience: float = 600.0) -> None:
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] >= limit and time.monotonic() < deadline:
        time.sleep(10)


def run(name: str) -> tuple[list[dict[str, object]], str]:
    """Run one script, echoing its output; return its rows and a failure note (or "")."""
    env = {**os.environ, "BENCH_JSON": "1"}
    load = os.getloadavg()[0]
    start = time.perf_counter()
    done = subprocess.run(
        [PYTHON, str(BENCH_DIR / f"{name}.py")], env=env, capture_output=True, text=True
    )
    rows: list[dict[str, object]] = []
    for line in done.stdout.splitlines():
        if line.startswith(PREFIX):
            rows += json.loads(line[len(PREFIX) :])
        else:
            print(line)
    took = time.perf_counter() - start
    print(f"  ({name}: {took:.0f} s; load average {load:.1f} -> {os.getloadavg()[0]:.1f})")
    if done.returncode != 0:
        print(done.stderr[-2000:], file=sys.stderr)
        return rows, f"{name} failed (exit {done.returncode}); see stderr above"
    return rows, ""


def cell(value: object, unit: str) -> str:
    if not isinstance(value, int | float):
        return "-"
    text = f"{value:.0f}" if abs(value) >= 100 else f"{value:.2f}"
    return f"{text} {unit}"


def main() -> int:
    args = sys.argv[1:]
    calm = None
    if args[:1] == ["--calm"]:
        calm, args = float(args[1]), args[2:]
    names = args or SCRIPTS
    summary: list[tuple[str, ...]] = []
    failures = []
    for name in names:
        if calm is not None:
            wait_for_calm(calm)
        rows, failure = run(name)
        if failure:
            failures.append(failure)
        for r in rows:
            unit = str(r["unit"])
            ratio = r["ratio"]
            summary.append(
                (
                    str(r["measure"]),
                    cell(r["skillcheck"], unit),
                    cell(r["baseline"], unit),
                    f"{ratio:.2f}" if isinstance(ratio, float) else "-",
                    str(r["budget"]),
                    str(r["result"]),
                )
            )
    header = ("measure", "skillcheck", "baseline", "ratio", "budget", "result")
    widths = [max(len(row[i]) for row in [header, *summary]) for i in range(len(header))]
    print("\n# Summary\n")
    for row in [header, tuple("-" * w for w in widths), *summary]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    misses = sum(row[-1] == "MISS" for row in summary)
    print(f"\n{len(summary)} measures, {misses} over budget.")
    for failure in failures:
        print(f"! {failure}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
