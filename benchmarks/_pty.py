"""Shared helpers: run a program in a real pseudo-terminal and read its screen with pyte.

`Terminal` spawns a child with the pty slave as stdin/stdout/stderr and as its
controlling tty (80x24, TERM=xterm-256color), feeds every byte from the master fd
into a pyte screen, and keeps (timestamp, byte count) for each read so a script can
ask "how long until the screen showed X" and "how many bytes did that take".
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyte

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
PYTHON = sys.executable
COLS, ROWS = 80, 24

#: argv that starts the real program (the python process itself, so its pid is the app's).
#: BENCH_SKILLCHECK_CMD overrides it (space-separated), e.g. to try the harness on a mock.
SKILLCHECK_ARGV = os.environ.get("BENCH_SKILLCHECK_CMD", f"{PYTHON} -m skillcheck").split()
BASELINE_ARGV = [PYTHON, str(BENCH_DIR / "baseline_app.py")]
#: A string the baseline draws on its first frame.
BASELINE_READY = "Baseline ready"
#: Both apps show a `q Quit` binding in the Footer, the bottom row, drawn last.
FOOTER_READY = "Quit"

ScreenPredicate = Callable[["Terminal"], bool]


@dataclass
class Chunk:
    at: float  # time.perf_counter() when the read returned
    data: bytes

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass
class Press:
    sent: float  # just after the keys were written
    shown: float  # the read that made the predicate hold

    @property
    def seconds(self) -> float:
        return self.shown - self.sent


@dataclass
class Terminal:
    """A child process in an 80x24 pseudo-terminal, with a pyte screen fed from the master."""

    argv: Sequence[str]
    env: dict[str, str] = field(default_factory=dict)
    cols: int = COLS
    rows: int = ROWS

    def __post_init__(self) -> None:
        self.screen = pyte.Screen(self.cols, self.rows)
        self.stream = pyte.ByteStream(self.screen)
        self.chunks: list[Chunk] = []
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", self.rows, self.cols, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "", "LINES": "", **self.env}
        for key in ("COLUMNS", "LINES"):
            if not env[key]:
                del env[key]
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            list(self.argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            cwd=ROOT,
            start_new_session=True,  # setsid(), so the slave can become the controlling tty
            preexec_fn=_take_controlling_tty,
        )
        os.close(slave)

    # --- reading ----------------------------------------------------------------------

    def pump(self, timeout: float) -> int:
        """Read whatever arrives within `timeout` seconds (one select); return bytes read."""
        ready, _, _ = select.select([self.master], [], [], timeout)
        if not ready:
            return 0
        try:
            data = os.read(self.master, 65536)
        except OSError:  # EIO: the child closed the slave
            return 0
        now = time.perf_counter()
        self.chunks.append(Chunk(now, data))
        self.stream.feed(data)
        return len(data)

    def wait_for(self, predicate: ScreenPredicate, timeout: float = 30.0) -> float:
        """Read until `predicate(self)` holds; return the time of the read that made it so."""
        deadline = time.perf_counter() + timeout
        if predicate(self):
            return time.perf_counter()
        while time.perf_counter() < deadline:
            if self.pump(0.005) and predicate(self):
                return self.chunks[-1].at
            if self.proc.poll() is not None and not self.pump(0):
                break
        raise TimeoutError(f"screen never matched within {timeout}s; screen:\n{self.text()}")

    def wait_text(self, text: str, timeout: float = 15.0) -> float:
        return self.wait_for(lambda term: text in term.text(), timeout)

    def wait_painted(self, marker: str, timeout: float = 30.0) -> float:
        """Wait for a whole first frame: `marker` on screen and the Footer on the bottom row."""
        return self.wait_for(
            lambda term: marker in term.text() and FOOTER_READY in term.lines()[-1], timeout
        )

    def settle(self, quiet: float = 0.15, timeout: float = 5.0) -> int:
        """Read until no output for `quiet` seconds; return the bytes read meanwhile."""
        total = 0
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            got = self.pump(quiet)
            if not got:
                break
            total += got
        return total

    def bytes_since(self, start: float) -> int:
        return sum(chunk.size for chunk in self.chunks if chunk.at >= start)

    def output_since(self, start: float) -> bytes:
        """The raw output read since `start` (for a closer look at a redraw)."""
        return b"".join(chunk.data for chunk in self.chunks if chunk.at >= start)

    # --- screen -----------------------------------------------------------------------

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def lines(self) -> list[str]:
        return list(self.screen.display)

    def snapshot(self) -> list[tuple[object, ...]]:
        """Every cell with its colours and attributes (a highlight move changes only these)."""
        buffer = self.screen.buffer
        return [tuple(buffer[y][x] for x in range(self.cols)) for y in range(self.rows)]

    # --- writing ----------------------------------------------------------------------

    def send(self, keys: bytes | str) -> float:
        """Write keys to the child; return the time just after the write."""
        data = keys.encode() if isinstance(keys, str) else keys
        os.write(self.master, data)
        return time.perf_counter()

    def press(self, keys: bytes | str, predicate: ScreenPredicate, timeout: float = 30.0) -> Press:
        """Send keys once the screen is quiet, and wait for `predicate` to hold."""
        self.settle(0.05, 1.0)  # drain anything left from the previous step
        sent = self.send(keys)
        return Press(sent=sent, shown=self.wait_for(predicate, timeout))

    # --- process ----------------------------------------------------------------------

    def peak_rss_kib(self) -> int:
        """The child's peak resident set (VmHWM) so far, in KiB."""
        status = Path(f"/proc/{self.proc.pid}/status").read_text()
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
        raise RuntimeError("no VmHWM in /proc status")

    def wait_exit(self, timeout: float = 20.0) -> int:
        """Keep reading (so the child never blocks on a full pty) until it exits."""
        deadline = time.perf_counter() + timeout
        while self.proc.poll() is None and time.perf_counter() < deadline:
            self.pump(0.05)
        return self.proc.wait(max(0.0, deadline - time.perf_counter()))

    def close(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(3)
        os.close(self.master)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _take_controlling_tty() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def screen_changed_from(before: list[tuple[object, ...]]) -> ScreenPredicate:
    """True once any cell (character, colour or attribute) differs from `before`."""
    return lambda term: term.snapshot() != before


def skillcheck_terminal(data_dir: str | None = None, *args: str) -> Terminal:
    """The real app with a fresh (or the given) SKILLCHECK_DATA_DIR."""
    data = data_dir or tempfile.mkdtemp(prefix="skillcheck-bench-")
    return Terminal([*SKILLCHECK_ARGV, *args], env={"SKILLCHECK_DATA_DIR": data})


def baseline_terminal(*extra: str) -> Terminal:
    return Terminal([*BASELINE_ARGV, *extra])


# --- reporting ------------------------------------------------------------------------


@dataclass
class Row:
    """One line of a report: a measure, its figures and its budget."""

    measure: str
    skillcheck: float | None
    baseline: float | None = None
    unit: str = "ms"
    budget: float | None = None
    #: "ratio": budget applies to skillcheck/baseline; "abs": to the skillcheck figure.
    budget_on: str = "abs"
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.skillcheck is None or not self.baseline:
            return None
        return self.skillcheck / self.baseline

    @property
    def verdict(self) -> str:
        if self.budget is None:
            return "info"
        value = self.ratio if self.budget_on == "ratio" else self.skillcheck
        if value is None:
            return "n/a"
        return "PASS" if value <= self.budget else "MISS"

    def budget_text(self) -> str:
        if self.budget is None:
            return "-"
        if self.budget_on == "ratio":
            return f"ratio <= {self.budget:g}"
        return f"<= {self.budget:g} {self.unit}"


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:.0f}" if abs(value) >= 100 else f"{value:.2f}"
    return f"{text} {unit}".rstrip()


def print_table(title: str, rows: Sequence[Row]) -> None:
    header = ("measure", "skillcheck", "baseline", "ratio", "budget", "result")
    body = [
        (
            row.measure,
            _fmt(row.skillcheck, row.unit),
            _fmt(row.baseline, row.unit),
            "-" if row.ratio is None else f"{row.ratio:.2f}",
            row.budget_text(),
            row.verdict,
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    print(f"\n## {title}\n")
    for line in [header, tuple("-" * w for w in widths), *body]:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
    for row in rows:
        if row.note:
            print(f"  note ({row.measure}): {row.note}")
    sys.stdout.flush()


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def emit_json(name: str, rows: Sequence[Row]) -> None:
    """For run_all.py: one machine-readable line when BENCH_JSON is set."""
    if not os.environ.get("BENCH_JSON"):
        return
    import json

    payload = [
        {
            "script": name,
            "measure": r.measure,
            "skillcheck": r.skillcheck,
            "baseline": r.baseline,
            "ratio": r.ratio,
            "unit": r.unit,
            "budget": r.budget_text(),
            "result": r.verdict,
        }
        for r in rows
    ]
    print("BENCH_JSON " + json.dumps(payload))
