"""The SSH server under load: sessions forked from the zygote, by exec, and the plain app.

Usage: .venv/bin/python benchmarks/ssh_load.py [--scenarios storm,steady,pace]
           [--paths zygote,exec,plain,plain-zygote] [--storm N] [--steady N] [--pace N]
           [--arrival S] [--answer-every S] [--find-max] [--json FILE] [--keys DIR]

Each scenario runs once per path, in the same run, one after the other:

- `zygote`: `skillcheck serve` as shipped: every session forked from the warm zygote.
- `exec`: `skillcheck serve --no-zygote`: every session a fresh `python -m skillcheck`.
- `plain`: the same server code with the plain Textual app (`baseline_app.py`, a Label,
  a RadioSet and a Footer) as every session's program, started by exec
  (`_serve_plain.py`): the yardstick for what one process per session costs anyway.
- `plain-zygote`: the plain app, every session forked from a warm zygote
  (`_plain_zygote.py`) as skillcheck's are: the yardstick for the zygote path, and the
  floor for what a forked session of any Textual app costs, memory above all.

Scenarios (asyncssh clients on loopback, each with its own key and an 80x24 pyte screen):

- `storm` (default 100): every candidate connects at once ("start now" in a room) and
  waits for the welcome screen (skillcheck: its choices and Footer; plain: its label
  and Footer). Reported: time from the storm's start to each welcome (p50, p95, last),
  CPU per login (sessions + server + zygote, counted when every welcome is up, over N),
  and memory per session then (PSS and RSS from /proc/PID/smaps_rollup; the zygote's own
  PSS is shown apart and also spread over the sessions).
- `steady` (default 100): all connect at once; once every welcome is up, each takes the
  quick mode at one key a second (each key 0.5-1.5 s after the one before): key ->
  screen p50/p95.
- `pace` (default 300): candidates arrive over `--arrival` seconds (default 30) and each
  answers about every `--answer-every` seconds (default 8: the digit, then Enter a little
  later), as real candidates would. Reported: welcome p95 (from each one's connect),
  key -> screen p50/p95, answers saved, errors. `--find-max` then runs it on the zygote
  path from `--find-from` candidates up by `--step` until key -> screen p95 passes
  100 ms, and reports the largest N that held (`--scenarios ''` for that alone).

The plain app has no questions: its "answer" is Down then Up in its RadioSet (each key
changes the screen), the same number of times. Key -> screen is from sending a key to
the arrival of the answer: for a digit (or an arrow) its first bytes, for Enter the
bytes that carry the next question's `Question K of N` (or the results' `answered N
of`; the app writes each as one run). The last Enter, which draws the results, is also
reported apart: a finished served session steps back for those still answering
(`ui/priority.py`), so it is the one key made to wait. The screen is not emulated: the
clients read the bytes (the text in them, escapes dropped, for the welcome and the first
question). Emulating it (pyte) cost about 7 ms of CPU per key, and at 75-100 keys a
second the benchmark's single process could not keep up and measured its own backlog;
up to the first question it cost about 15-30 ms per candidate, on the cores the
server uses. `--pyte` emulates every screen, for comparison with earlier runs (until 30 Nov,
20:00 UTC, runs emulated up to the first question). Memory is sampled every 10 s while
answering (peak per session). The clients' own CPU (SSH and reading) shares the
machine and is shown. `--keys DIR` writes each run's keys (when sent, which, of which
question, how long) as CSV. Errors: clients that failed, ERROR or Traceback lines in
the server's log, a non-zero server exit.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import shutil
import signal
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from _pty import BENCH_DIR, PYTHON, Row, emit_json
from _ssh_candidates import ClientRun, Flow, PlainFlow, Plan, candidate
from _ssh_processes import Memory, ServerProcesses, memory_of

from skillcheck.store.results import load_results

PATHS = ("zygote", "exec", "plain", "plain-zygote")
#: The paths whose sessions are forked from a zygote.
FORKED = ("zygote", "plain-zygote")
SCENARIOS = ("storm", "steady", "pace")
MEMORY_SAMPLE_SECONDS = 10.0
TARGETS = {
    "storm welcome p95": 5.0,
    "storm CPU per login": 0.1,
    "PSS per session": 12.0,
    "pace key p95": 50.0,
    "steady key p95": 35.0,
}


# --- one server ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    process: asyncio.subprocess.Process
    port: int
    data_dir: Path
    log_file: Path


async def start_server(path: str, sessions: int) -> Server:
    data_dir = Path(tempfile.mkdtemp(prefix=f"skillcheck-ssh-load-{path}-"))
    log_file = data_dir / "serve.log"
    port = free_port()
    common = ["--data", str(data_dir), "--port", str(port), "--log", str(log_file)]
    common += ["--max-sessions", str(sessions)]
    if path.startswith("plain"):
        argv = [PYTHON, str(BENCH_DIR / "_serve_plain.py"), *common]
        if path == "plain-zygote":
            argv.append("--zygote")
    else:
        argv = [PYTHON, "-m", "skillcheck", "serve", "--open", *common]
        argv += ["--max-per-address", str(2 * sessions)]
        if path == "exec":
            argv.append("--no-zygote")
    process = await asyncio.create_subprocess_exec(
        *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL
    )
    assert process.stdout is not None
    banner = b""
    while b"Candidates connect with" not in banner:
        line = await asyncio.wait_for(process.stdout.readline(), 60)
        if not line:
            raise RuntimeError(f"the {path} server did not start; see {log_file}")
        banner += line
    if path in FORKED:  # measure sessions forked from a ready zygote
        deadline = time.monotonic() + 60
        while "zygote ready" not in _read(log_file) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
    return Server(process, port, data_dir, log_file)


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


async def stop_server(server: Server) -> tuple[int, list[str]]:
    server.process.send_signal(signal.SIGTERM)
    code = await asyncio.wait_for(server.process.wait(), 60)
    errors = [
        line
        for line in _read(server.log_file).splitlines()
        if " ERROR " in line or "Traceback" in line
    ]
    return code, errors


def results_written(data_dir: Path) -> int:
    written = 0
    for path in (data_dir / "candidates").glob("*/results.toml"):
        try:
            results = load_results(path)
        except Exception:
            continue
        written += results.answered == len(results.answers) > 0
    return written


# --- scenarios ----------------------------------------------------------------------------


def percentile(values: Sequence[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def mean(values: Sequence[float]) -> float | None:
    return statistics.mean(values) if values else None


@dataclass
class Outcome:
    """One scenario on one path: every figure, by name (None: not measured)."""

    scenario: str
    path: str
    sessions: int
    figures: dict[str, float | None] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    load: tuple[float, float] = (0.0, 0.0)
    took: float = 0.0


def memory_figures(
    samples: dict[int, Memory], zygote: Memory | None, sessions: int, prefix: str
) -> dict[str, float | None]:
    if not samples:
        return {}
    pss = [m.pss / 1024 for m in samples.values()]
    zygote_pss = zygote.pss / 1024 if zygote is not None else 0.0
    return {
        f"{prefix}PSS per session (mean)": mean(pss),
        f"{prefix}PSS per session incl. zygote share": (sum(pss) + zygote_pss) / len(pss),
        f"{prefix}RSS per session (mean)": mean([m.rss / 1024 for m in samples.values()]),
        f"{prefix}private per session (mean)": mean([m.private / 1024 for m in samples.values()]),
        f"{prefix}zygote PSS": zygote_pss if zygote is not None else None,
        f"{prefix}sessions measured": float(len(samples)),
    }


async def run_scenario(
    scenario: str, path: str, sessions: int, args: argparse.Namespace
) -> Outcome:
    outcome = Outcome(scenario, path, sessions, load=(os.getloadavg()[0], 0.0))
    began = time.perf_counter()
    server = await start_server(path, sessions)
    watch = ServerProcesses(server.process.pid)
    flow: Flow = PlainFlow() if path.startswith("plain") else Flow()
    runs = [ClientRun() for _ in range(sessions)]
    if scenario == "storm":
        plans = [Plan(answer=False, raw=not args.pyte) for _ in range(sessions)]
    elif scenario == "steady":
        # One key a second each: the digit and Enter both come after 0.5-1.5 s.
        plans = [
            Plan(think=args.key_every, enter_after=(0.5, 1.5), raw=not args.pyte)
            for _ in range(sessions)
        ]
    else:
        every = args.answer_every
        plans = [
            Plan(
                arrive_after=random.uniform(0.0, args.arrival),
                think=every * 0.85,
                enter_after=(0.5 * 0.15 / 0.85, 1.5 * 0.15 / 0.85),
                welcome_from_arrival=True,
                raw=not args.pyte,
            )
            for _ in range(sessions)
        ]
    all_welcomed = asyncio.Event()
    go = asyncio.Event()
    waiting = [sessions]

    def welcomed() -> None:
        waiting[0] -= 1
        if waiting[0] == 0:
            all_welcomed.set()

    cpu_before = watch.cpu()
    client_cpu = time.process_time()
    started = time.perf_counter()
    if scenario == "pace":
        go.set()
    clients = asyncio.gather(
        *(
            candidate(server.port, flow, plan, run, started, welcomed, go)
            for plan, run in zip(plans, runs, strict=True)
        )
    )
    stop_sampling = asyncio.Event()
    sampler: asyncio.Task[Memory | None] | None = None
    zygote_peak: Memory | None = None
    if scenario != "pace":
        await all_welcomed.wait()
        front, apps = watch.cpu()
        at_welcome = watch.sample_memory()
        zygote_memory = memory_of(watch.zygote) if watch.zygote else None
        outcome.figures["CPU per login"] = (front + apps - sum(cpu_before)) / sessions
        outcome.figures["CPU per login: the session"] = (apps - cpu_before[1]) / sessions
        outcome.figures["CPU per login: server + zygote"] = (front - cpu_before[0]) / sessions
        outcome.figures.update(memory_figures(at_welcome, zygote_memory, sessions, "welcome: "))
        go.set()
    if scenario != "storm":
        sampler = asyncio.create_task(sample_memory(watch, stop_sampling))
    await clients
    elapsed = time.perf_counter() - started
    stop_sampling.set()
    if sampler is not None:
        zygote_peak = await sampler
    outcome.figures["clients' own CPU"] = time.process_time() - client_cpu
    front_after, apps_after = watch.cpu()
    outcome.figures["server-side CPU per session, whole run"] = (
        front_after + apps_after - sum(cpu_before)
    ) / sessions
    outcome.figures["of which the server and zygote"] = (front_after - cpu_before[0]) / sessions
    code, log_errors = await stop_server(server)
    painted = [run.painted_s for run in runs if run.painted_s is not None]
    outcome.figures["first paint p95"] = percentile(painted, 0.95)
    welcomes = [run.welcome_s for run in runs if run.welcome_s is not None]
    outcome.figures["welcome p50"] = percentile(welcomes, 0.5)
    outcome.figures["welcome p95"] = percentile(welcomes, 0.95)
    outcome.figures["welcome, last"] = max(welcomes) if welcomes else None
    if scenario != "storm":
        firsts = [ms for run in runs for ms in run.first_ms]
        seconds = [ms for run in runs for ms in run.second_ms]
        keys = firsts + seconds
        outcome.figures["key -> screen p50"] = percentile(keys, 0.5)
        outcome.figures["key -> screen p95"] = percentile(keys, 0.95)
        outcome.figures["first key -> screen p95"] = percentile(firsts, 0.95)
        outcome.figures["second key -> screen p95"] = percentile(seconds, 0.95)
        outcome.figures["keys measured"] = float(len(keys))
        # The last Enter draws the results (skillcheck): reported apart, as a finished
        # served session steps back for those still answering (`ui/priority.py`).
        last = [run.second_ms[-1] for run in runs if run.second_ms]
        outcome.figures["last Enter (results) p50"] = percentile(last, 0.5)
        outcome.figures["last Enter (results) p95"] = percentile(last, 0.95)
        # Once everyone is in: no login competes with the answers any more.
        all_in = max((run.welcomed_at for run in runs if run.welcomed_at), default=0.0)
        settled = [
            ms
            for run in runs
            for sent, first, second in zip(run.sent_at, run.first_ms, run.second_ms, strict=False)
            if sent > all_in
            for ms in (first, second)
        ]
        outcome.figures["key -> screen p95, once all are in"] = percentile(settled, 0.95)
        outcome.figures["keys once all are in"] = float(len(settled))
        if flow.saves_results:
            outcome.figures["results written"] = float(results_written(server.data_dir))
        peaks = {pid: memory for pid, memory in watch.peak.items()}
        outcome.figures.update(memory_figures(peaks, zygote_peak, sessions, "answering: "))
    outcome.figures["time to finish"] = elapsed
    if args.keys is not None and scenario != "storm":
        write_key_trace(args.keys, scenario, path, runs, started)
    outcome.errors = [run.error for run in runs if run.error] + log_errors
    if code != 0:
        outcome.errors.append(f"server exit status {code}")
    outcome.figures["errors"] = float(len(outcome.errors))
    outcome.load = (outcome.load[0], os.getloadavg()[0])
    outcome.took = time.perf_counter() - began
    if not args.keep:
        shutil.rmtree(server.data_dir, ignore_errors=True)
    return outcome


def write_key_trace(
    folder: Path, scenario: str, path: str, runs: Sequence[ClientRun], started: float
) -> None:
    """Every key of a run as a CSV row: when it was sent, which, of which question, its ms."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = ["candidate,question,key,sent_s,ms,of"]
    for number, run in enumerate(runs):
        pairs = zip(run.sent_at, run.first_ms, run.second_ms, strict=False)
        for k, (sent, first, second) in enumerate(pairs, start=1):
            rows.append(f"{number},{k},first,{sent - started:.3f},{first:.2f},{run.questions}")
            rows.append(f"{number},{k},second,{sent - started:.3f},{second:.2f},{run.questions}")
    (folder / f"{scenario}-{path}.csv").write_text("\n".join(rows) + "\n")


async def sample_memory(watch: ServerProcesses, stop: asyncio.Event) -> Memory | None:
    """Peak memory per session while answering; the zygote's last sample."""
    zygote: Memory | None = None
    while not stop.is_set():
        # In a thread: reading 300 sessions' smaps_rollup takes the kernel a few hundred
        # milliseconds, and done on the event loop it held up every client's replies
        # meanwhile (one key in twenty measured that stall, not the server).
        await asyncio.to_thread(watch.sample_memory)
        if watch.zygote is not None:
            zygote = await asyncio.to_thread(memory_of, watch.zygote) or zygote
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), MEMORY_SAMPLE_SECONDS)
    return zygote


# --- reporting ----------------------------------------------------------------------------


def unit_of(name: str) -> str:
    if any(word in name for word in ("PSS", "RSS", "private")):
        return "MiB"
    if name.startswith("keys") or any(word in name for word in ("measured", "written", "errors")):
        return ""
    if "key" in name or "Enter" in name:
        return "ms"
    return "s"


def shown(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if not unit:
        return f"{value:.0f}"
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return f"{value:.{digits}f} {unit}"


def print_scenario(outcomes: list[Outcome]) -> None:
    first = outcomes[0]
    print(f"\n## {first.scenario}: {first.sessions} candidates\n")
    names: list[str] = []
    for outcome in outcomes:
        names += [name for name in outcome.figures if name not in names]
    header = ["measure", *(o.path for o in outcomes)]
    body = [
        [name, *(shown(o.figures.get(name), unit_of(name)) for o in outcomes)] for name in names
    ]
    body.append(
        ["load average (start -> end)", *(f"{o.load[0]:.1f} -> {o.load[1]:.1f}" for o in outcomes)]
    )
    body.append(["run took", *(f"{o.took:.0f} s" for o in outcomes)])
    widths = [max(len(row[i]) for row in [header, *body]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *body]:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)))
    for outcome in outcomes:
        for error in outcome.errors[:5]:
            print(f"  {outcome.path}: {error}")
    sys.stdout.flush()


def summary_rows(outcomes: list[Outcome]) -> list[Row]:
    """For run_all.py: the zygote's figure against the plain app's, with the targets.

    The plain app forked from its own zygote is the yardstick where it ran; else the
    plain app started by exec."""
    by = {(o.scenario, o.path): o for o in outcomes}
    rows = []
    checks = [
        ("storm", "welcome p95", "storm welcome p95", "s"),
        ("storm", "CPU per login", "storm CPU per login", "s"),
        ("storm", "welcome: PSS per session (mean)", "PSS per session", "MiB"),
        ("steady", "key -> screen p95", "steady key p95", "ms"),
        ("pace", "key -> screen p95", "pace key p95", "ms"),
    ]
    for scenario, name, target, unit in checks:
        ours = by.get((scenario, "zygote"))
        plain = by.get((scenario, "plain-zygote")) or by.get((scenario, "plain"))
        if ours is None:
            continue
        rows.append(
            Row(
                f"ssh {scenario} ({ours.sessions}): {name}",
                ours.figures.get(name),
                plain.figures.get(name) if plain else None,
                unit=unit,
                budget=TARGETS[target],
            )
        )
    return rows


async def find_max(args: argparse.Namespace, start: int, step: int) -> list[Outcome]:
    """Raise N on the zygote path until key -> screen p95 passes 100 ms."""
    tried = []
    sessions = start
    while True:
        outcome = await run_scenario("pace", "zygote", sessions, args)
        tried.append(outcome)
        p95 = outcome.figures.get("key -> screen p95")
        print(
            f"  pace, zygote, N={sessions}: key p95 {shown(p95, 'ms')}, "
            f"errors {len(outcome.errors)}, load {outcome.load[1]:.1f}",
            flush=True,
        )
        if p95 is None or p95 > 100 or outcome.errors:
            return tried
        sessions += step


async def main_async(args: argparse.Namespace) -> int:
    sizes = {"storm": args.storm, "steady": args.steady, "pace": args.pace}
    everything: list[Outcome] = []
    print(
        f"ssh_load: {time.strftime('%Y-%m-%d %H:%M:%S %Z')}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    for scenario in args.scenarios:
        outcomes = []
        for path in args.paths:
            outcome = await run_scenario(scenario, path, sizes[scenario], args)
            outcomes.append(outcome)
            everything.append(outcome)
            print(f"  ({scenario} on {path}: {outcome.took:.0f} s)", flush=True)
            await asyncio.sleep(args.rest)
        print_scenario(outcomes)
    if args.find_max:
        tried = await find_max(args, args.find_from, args.step)
        everything += tried
        held = [o.sessions for o in tried if (o.figures.get("key -> screen p95") or 1e9) <= 100]
        largest = max(held) if held else "below the first N tried"
        print(f"\nlargest N at key -> screen p95 <= 100 ms: {largest}")
    if args.json:
        args.json.write_text(json.dumps([asdict(o) for o in everything], indent=1))
    emit_json("ssh_load", summary_rows(everything))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scenarios", type=lambda s: [x for x in s.split(",") if x], default=list(SCENARIOS)
    )
    parser.add_argument("--paths", type=lambda s: s.split(","), default=list(PATHS))
    parser.add_argument("--storm", type=int, default=100, help="candidates in the storm")
    parser.add_argument("--steady", type=int, default=100, help="candidates at a key a second")
    parser.add_argument("--key-every", type=float, default=1.0, help="steady: seconds per key")
    parser.add_argument("--pace", type=int, default=300, help="candidates at a real pace")
    parser.add_argument("--arrival", type=float, default=30.0, help="pace: arrivals over S s")
    parser.add_argument("--answer-every", type=float, default=8.0, help="pace: s per answer")
    parser.add_argument("--find-max", action="store_true", help="then raise N (zygote, pace)")
    parser.add_argument("--find-from", type=int, default=100, help="--find-max: first N")
    parser.add_argument("--step", type=int, default=50, help="--find-max: N grows by this")
    parser.add_argument("--rest", type=float, default=10.0, help="seconds between runs")
    parser.add_argument("--keep", action="store_true", help="keep the data folders and logs")
    parser.add_argument("--pyte", action="store_true", help="emulate the screen while answering")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("--keys", type=Path, help="write every key's timing here (CSV per run)")
    args = parser.parse_args()
    unknown = set(args.scenarios) - set(SCENARIOS) | set(args.paths) - set(PATHS)
    if unknown:
        parser.error(f"unknown: {', '.join(sorted(unknown))}")
    sys.setrecursionlimit(10_000)
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    raise SystemExit(main())
