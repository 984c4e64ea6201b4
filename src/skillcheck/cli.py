"""The command line: the only place that reads argv. (Filled in by the engine work.)"""

from __future__ import annotations


def main(argv: list[str] | None = None) -> int:
    print("skillcheck: under construction")
    return 0
