"""The SSH server under load: N candidates take the quick mode at once, over loopback.

Usage: .venv/bin/python benchmarks/ssh_load.py [-n 30] [--think 1.0]

Starts `skillcheck serve --open` (a separate process, as in production) on a free
loopback port with a temporary data folder, then N asyncssh clients, each with its own
key and a pyte screen (80x24), take the quick mode to the end: welcome, Enter, then per
question a digit (the choice shows) and Enter (`Question K+1 of N` shows), then `q` on
the results. All N connect at once; once every welcome screen is up they start
answering together. Between keys a client waits `--think` seconds (jittered, +-50%;
a person is much slower), so the load is N busy candidates, not a flood.

Reported:
- keystroke -> screen latency, p50 and p95 over every key of every client: from
  sending the key until the bytes that make the pyte screen show the expected change
  arrive (a digit: any cell or colour changes; Enter: the next question's line).
- bytes per question: everything the server sent during the questions / questions.
- memory: RSS of each session's app process (sampled every 0.5 s, peak per process),
  and of the server process itself.
- CPU seconds used by the sessions' apps, by the server, and by the benchmark's own
  clients (their pyte screens): all share the machine, so the clients' share inflates
  the latencies a little compared with candidates on their own machines.
- time to finish: from the first connect until the last client has closed.
- results written: `candidates/*/results.toml` files that load and hold every answer.
- errors: clients that failed, and ERROR/Traceback lines in the server's log.

Budgets (this 2-core machine): 30 sessions, p95 <= 250 ms, every result written, no error.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import signal
import socket
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh
import pyte
from _pty import PYTHON, Row, emit_json, print_table

from skillcheck.store.results import load_results

QUESTION = re.compile(r"Question (\d+) of (\d+)")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
P95_BUDGET_MS = 250.0


class BenchScreen(asyncssh.SSHClientSession[bytes]):
    """A pyte screen that notes when the bytes that satisfy a predicate arrived."""

    def __init__(self) -> None:
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.bytes_received = 0
        self.closed = asyncio.Event()
        self.exit_status: int | None = None
        self._waiting: tuple[object, asyncio.Future[float]] | None = None

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        arrived = time.perf_counter()
        self.bytes_received += len(data)
        self.stream.feed(data)
        if self._waiting is not None:
            predicate, future = self._waiting
            if callable(predicate) and predicate() and not future.done():
                future.set_result(arrived)
                self._waiting = None

    def exit_status_received(self, status: int) -> None:
        self.exit_status = status

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed.set()
        if self._waiting is not None and not self._waiting[1].done():
            self._waiting[1].set_exception(ConnectionError("the session closed"))

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def snapshot(self) -> list[tuple[object, ...]]:
        buffer = self.screen.buffer
        return [
            tuple((c.data, c.fg, c.bg, c.bold, c.reverse) for c in buffer[y].values())
            for y in range(self.screen.lines)
        ]

    async def until(self, predicate: object, timeout: float = 60) -> float:
        """Wait for `predicate()`; the perf_counter time the deciding bytes arrived."""
        assert callable(predicate)
        if predicate():
            return time.perf_counter()
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting = (predicate, future)
        return await asyncio.wait_for(future, timeout)


@dataclass
class ClientRun:
    pick_ms: list[float] = field(default_factory=list)
    enter_ms: list[float] = field(default_factory=list)
    question_bytes: int = 0
    questions: int = 0
    welcomed_at: float | None = None
    error: str = ""


async def candidate(port: int, think: float, run: ClientRun, all_welcomed: asyncio.Barrier) -> None:
    key = asyncssh.generate_private_key("ssh-ed25519")
    conn = await asyncssh.connect(
        "127.0.0.1", port, client_keys=[key], known_hosts=None, agent_path=None, config=[]
    )
    try:
        channel, session = await conn.create_session(
            BenchScreen, term_type="xterm-256color", term_size=(80, 24), encoding=None
        )
        await session.until(lambda: "Quick" in session.text() and "Quit" in session.text())
        run.welcomed_at = time.perf_counter()
        # Measure N sessions answering at once, not N apps starting at once (reported
        # apart, as the time until every welcome screen showed).
        with contextlib.suppress(asyncio.BrokenBarrierError):
            await all_welcomed.wait()
        await asyncio.sleep(random.uniform(0.0, think))
        channel.write(b"\r")
        await session.until(lambda: QUESTION.search(session.text()) is not None)
        match = QUESTION.search(session.text())
        assert match
        total = int(match[2])
        start_bytes = session.bytes_received
        for k in range(1, total + 1):
            await asyncio.sleep(think * random.uniform(0.5, 1.5))
            before = session.snapshot()
            sent = time.perf_counter()
            channel.write(b"1")
            shown = await session.until(lambda before=before: session.snapshot() != before)
            run.pick_ms.append((shown - sent) * 1000)
            await asyncio.sleep(think * random.uniform(0.1, 0.3))
            expected = f"Question {k + 1} of {total}" if k < total else f"answered {total} of"
            sent = time.perf_counter()
            channel.write(b"\r")
            shown = await session.until(lambda expected=expected: expected in session.text())
            run.enter_ms.append((shown - sent) * 1000)
        run.question_bytes = session.bytes_received - start_bytes
        run.questions = total
        await asyncio.sleep(0.3)
        channel.write(b"q")
        await asyncio.wait_for(session.closed.wait(), 30)
        if session.exit_status != 0:
            run.error = f"exit status {session.exit_status}"
    except Exception as exc:
        run.error = f"{type(exc).__name__}: {exc}"
        await all_welcomed.abort()
    finally:
        conn.close()


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class ProcessSample:
    rss: int  # bytes
    cpu: float  # user + system seconds so far


def children_of(parent: int) -> dict[int, ProcessSample]:
    """RSS and CPU time of each direct child of `parent` (the sessions' app processes)."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            if int(fields[1]) == parent:
                cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
                found[int(entry.name)] = ProcessSample(int(fields[21]) * PAGE_SIZE, cpu)
        except (OSError, ValueError, IndexError):
            continue
    return found


def sample_of(pid: int) -> ProcessSample:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        cpu = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        return ProcessSample(int(fields[21]) * PAGE_SIZE, cpu)
    except (OSError, ValueError, IndexError):
        return ProcessSample(0, 0.0)


@dataclass
class Usage:
    """Peak RSS and last-seen CPU time per session process, and the server's."""

    session_rss: dict[int, int] = field(default_factory=dict)
    session_cpu: dict[int, float] = field(default_factory=dict)
    server_rss: int = 0
    server_cpu: float = 0.0


async def sample_usage(server_pid: int, usage: Usage, stop: asyncio.Event) -> None:
    while not stop.is_set():
        for pid, sample in children_of(server_pid).items():
            usage.session_rss[pid] = max(usage.session_rss.get(pid, 0), sample.rss)
            usage.session_cpu[pid] = sample.cpu
        server = sample_of(server_pid)
        usage.server_rss = max(usage.server_rss, server.rss)
        usage.server_cpu = max(usage.server_cpu, server.cpu)
        await asyncio.sleep(0.5)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def main_async(sessions: int, think: float) -> int:
    data_dir = Path(tempfile.mkdtemp(prefix="skillcheck-ssh-load-"))
    log_file = data_dir / "serve.log"
    port = free_port()
    server = await asyncio.create_subprocess_exec(
        PYTHON, "-m", "skillcheck", "serve", "--data", str(data_dir), "--open",
        "--port", str(port), "--log", str(log_file),
        "--max-sessions", str(sessions), "--max-per-address", str(2 * sessions),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
    )  # fmt: skip
    assert server.stdout is not None
    banner = b""
    while b"Candidates connect with" not in banner:
        line = await asyncio.wait_for(server.stdout.readline(), 30)
        if not line:
            print("the server did not start; see", log_file)
            return 1
        banner += line

    usage = Usage()
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_usage(server.pid, usage, stop))
    client_cpu_before = time.process_time()
    runs = [ClientRun() for _ in range(sessions)]
    started = time.perf_counter()
    all_welcomed = asyncio.Barrier(sessions)
    await asyncio.gather(*(candidate(port, think, run, all_welcomed) for run in runs))
    elapsed = time.perf_counter() - started
    client_cpu = time.process_time() - client_cpu_before
    stop.set()
    await sampler

    server.send_signal(signal.SIGTERM)
    server_exit = await asyncio.wait_for(server.wait(), 30)
    log_text = log_file.read_text() if log_file.exists() else ""
    log_errors = [
        line for line in log_text.splitlines() if " ERROR " in line or "Traceback" in line
    ]

    written = 0
    for path in (data_dir / "candidates").glob("*/results.toml"):
        try:
            results = load_results(path)
        except Exception:
            continue
        written += results.answered == len(results.answers) > 0

    keys = [ms for run in runs for ms in run.pick_ms + run.enter_ms]
    picks = [ms for run in runs for ms in run.pick_ms]
    enters = [ms for run in runs for ms in run.enter_ms]
    questions = sum(run.questions for run in runs)
    client_errors = [run.error for run in runs if run.error]
    session_rss = list(usage.session_rss.values())
    welcomed = [run.welcomed_at for run in runs if run.welcomed_at is not None]

    def mib(value: float) -> float:
        return value / (1024 * 1024)

    rows = [
        Row("sessions", float(sessions), unit="", note=f"think time {think:g} s (+-50%)"),
        Row(
            "all welcome screens up",
            max(welcomed) - started if welcomed else None,
            unit="s",
            note="every client connects at once: N app starts compete for the CPU",
        ),
        Row("key -> screen p50", percentile(keys, 0.5) if keys else None),
        Row("key -> screen p95", percentile(keys, 0.95) if keys else None, budget=P95_BUDGET_MS),
        Row("digit -> choice p95", percentile(picks, 0.95) if picks else None),
        Row("Enter -> next question p95", percentile(enters, 0.95) if enters else None),
        Row(
            "bytes per question",
            sum(run.question_bytes for run in runs) / questions if questions else None,
            unit="B",
        ),
        Row(
            "RSS per session (mean of peaks)",
            mib(statistics.mean(session_rss)) if session_rss else None,
            unit="MiB",
        ),
        Row(
            "RSS per session (largest)",
            mib(max(session_rss)) if session_rss else None,
            unit="MiB",
        ),
        Row("server RSS (peak)", mib(usage.server_rss), unit="MiB"),
        Row("CPU: sessions' apps, total", sum(usage.session_cpu.values()), unit="s"),
        Row("CPU: server", usage.server_cpu, unit="s"),
        Row("CPU: these clients (pyte)", client_cpu, unit="s"),
        Row("time to finish", elapsed, unit="s"),
        Row("results written", float(written), unit=f"of {sessions}", budget=None),
        Row(
            "errors",
            float(len(client_errors) + len(log_errors) + (server_exit != 0)),
            unit="",
            budget=0,
        ),
    ]
    print_table(f"ssh_load: {sessions} concurrent SSH candidates, quick mode", rows)
    for error in client_errors[:5]:
        print(f"  client error: {error}")
    for line in log_errors[:5]:
        print(f"  server log: {line}")
    if written != sessions:
        print(f"  MISS: only {written} of {sessions} results written")
    emit_json("ssh_load", rows)
    print(f"  (data and server log kept in {data_dir})")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--sessions", type=int, default=30, help="concurrent candidates")
    parser.add_argument(
        "--think", type=float, default=1.0, help="seconds between keys (jittered), default 1"
    )
    args = parser.parse_args()
    sys.setrecursionlimit(10_000)
    return asyncio.run(main_async(args.sessions, args.think))


if __name__ == "__main__":
    raise SystemExit(main())
