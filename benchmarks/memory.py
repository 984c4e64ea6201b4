"""Peak memory: VmHWM of a whole quick-mode run (read on the results screen) vs the
baseline app idle after its first paint. Three of each, interleaved, median.
Budget: skillcheck / baseline <= 1.3. Also shown against the baseline with one pydantic
model defined (`--with-pydantic`), the floor for an app built on pydantic.
"""

from __future__ import annotations

from _pty import BASELINE_READY, Row, baseline_terminal, emit_json, median, print_table
from _pty import skillcheck_terminal as skillcheck
from _skillcheck import answer_all, start_quick

RUNS = 3


def quick_run_peak_mib() -> float:
    with skillcheck() as term:
        answer_all(term, start_quick(term), quiet=0.05)
        term.settle(0.3)
        return term.peak_rss_kib() / 1024


def baseline_idle_peak_mib(*extra: str) -> float:
    with baseline_terminal(*extra) as term:
        term.wait_painted(BASELINE_READY)
        term.settle(0.5)
        return term.peak_rss_kib() / 1024


def main() -> int:
    ours, theirs, floor = [], [], []
    for _ in range(RUNS):
        ours.append(quick_run_peak_mib())
        theirs.append(baseline_idle_peak_mib())
        floor.append(baseline_idle_peak_mib("--with-pydantic"))
    rows = [
        Row(
            "peak RSS (VmHWM, median)",
            median(ours),
            median(theirs),
            unit="MiB",
            budget=1.3,
            budget_on="ratio",
        ),
        Row(
            "the same vs the baseline that also uses pydantic",
            median(ours),
            median(floor),
            unit="MiB",
            note="baseline_app.py --with-pydantic: Textual + pydantic's floor",
        ),
    ]
    print_table("Peak memory: quick-mode run vs idle baseline", rows)
    emit_json("memory", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
