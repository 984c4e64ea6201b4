"""What one served session costs, phase by phase, forked from a warm process as the zygote does.

Usage: .venv/bin/python benchmarks/session_cost.py [-n 5] [--cow] [--counted]

This process loads what the zygote loads (`zygote.preload.preload_app`: the app, the
bank, the shared stylesheet parses, the warm-up run), collects, makes it immortal
(`zygote.immortal`, Python 3.12 and later) and freezes, then forks
one session at a time the way the zygote's children start: a new session, the pty as
controlling terminal and standard streams, the environment built from scratch, its own
folder. Each runs `skillcheck.cli.main(["--output", ...])` and is driven through a whole
quick run (digit, then Enter, until the results show) by raw bytes on the pty master.

Reported, median over the sessions:
- CPU (every thread of the session, from /proc/PID/task/*/schedstat, in ns) for each
  phase: up to the welcome screen, Enter to the first question, each answer (digit and
  Enter), and the last answer, which draws the results.
- The session's private memory (Private_Clean + Private_Dirty, /proc/PID/smaps_rollup)
  at the welcome and on the results: what each more session adds, whatever the number
  of sessions sharing the zygote's pages (its PSS is this plus a share of those).
- Minor page faults to the welcome (copy-on-write copies of the zygote's pages).

`--profile DIR` also profiles (cProfile) the last session: a signal to the session
starts and stops its profiler around each phase, and the session writes one stats file
per phase into DIR (`welcome.pstats`, `question-1.pstats`, `first-answer.pstats`,
`answer.pstats` (the tenth answer) and `results.pstats`); the costliest functions of
the welcome and the results are printed. Profiled figures are slower than the ones
above; read them for where the time goes, not for how much.

`--counted` leaves the reference counts alone (what Python 3.11 does anyway), to compare.

`--cow` (needs root: page frame numbers from /proc/PID/pagemap) also says which of the
zygote's objects live on the pages the last session copied by the time its results
showed: each copied page's share split over the types of the objects on it.
"""

from __future__ import annotations

import argparse
import collections
import fcntl
import gc
import os
import pstats
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

from skillcheck.zygote.immortal import immortalize_heap
from skillcheck.zygote.preload import preload_app

ROWS, COLS = 24, 80
PAGE = 4096


def task_cpu(pid: int) -> float:
    """CPU seconds of every thread of `pid` (schedstat: nanoseconds on the CPU)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as stat:
                total += int(stat.read().split()[0])
        except OSError:  # a thread that has just ended
            pass
    return total / 1e9


def private_mib(pid: int) -> float:
    values = {}
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                values[parts[0].rstrip(":")] = int(parts[1])
    return (values["Private_Clean"] + values["Private_Dirty"]) / 1024


def minor_faults(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[7])


def read_until(fd: int, found: Callable[[bytes], bool], timeout: float = 20.0) -> bytes:
    """Read the pty until `found(bytes so far)`, then until output is quiet for 30 ms."""
    data = b""
    deadline = time.monotonic() + timeout
    while not found(data):
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            raise TimeoutError("the session did not draw what was expected")
        data += os.read(fd, 65536)
    while select.select([fd], [], [], 0.03)[0]:
        data += os.read(fd, 65536)
    return data


def profile_on_signals() -> None:
    """In the session: SIGUSR1 starts its profiler, SIGUSR2 stops it and writes the
    stats to the file named in `profile-to` in its folder (then empties the profile)."""
    import cProfile

    profiler = cProfile.Profile()

    def start(_signal: int, _frame: object) -> None:
        profiler.enable()

    def stop(_signal: int, _frame: object) -> None:
        profiler.disable()
        profiler.dump_stats(Path("profile-to").read_text())
        profiler.clear()

    signal.signal(signal.SIGUSR1, start)
    signal.signal(signal.SIGUSR2, stop)
    profiler.enable()  # from the start: the welcome


def fork_session(
    entry: Callable[[list[str]], int], folder: Path, profile: bool = False
) -> tuple[int, int]:
    """A session forked as the zygote forks one; returns (pid, pty master)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
    pid = os.fork()
    if pid == 0:
        try:
            os.setsid()
            os.close(master)
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
            for fd in (0, 1, 2):
                os.dup2(slave, fd)
            os.close(slave)
            os.environ.clear()
            os.environ.update(
                {
                    "TERM": "xterm-256color",
                    "LANG": "C.UTF-8",
                    "HOME": str(folder),
                    "SKILLCHECK_DATA_DIR": str(folder),
                    "SKILLCHECK_SERVED": "1",
                }
            )
            os.chdir(folder)
            sys.stdin = open(0)  # noqa: SIM115 - the session's streams, for its lifetime
            sys.stdout = open(1, "w")  # noqa: SIM115
            sys.stderr = open(2, "w")  # noqa: SIM115
            if profile:
                profile_on_signals()
            entry(["--output", str(folder / "results.toml")])
        finally:
            os._exit(0)
    os.close(slave)
    return pid, master


class Profiling:
    """Starts and stops a session's profiler around a phase (does nothing without DIR)."""

    def __init__(self, pid: int, folder: Path, into: Path | None) -> None:
        self.pid, self.folder, self.into = pid, folder, into

    def start(self, name: str) -> None:
        if self.into is not None:
            (self.folder / "profile-to").write_text(str(self.into / f"{name}.pstats"))
            os.kill(self.pid, signal.SIGUSR1)

    def stop(self) -> None:
        if self.into is not None:
            os.kill(self.pid, signal.SIGUSR2)
            time.sleep(0.2)  # the stats are written by the session's main thread


def one_session(
    entry: Callable[[list[str]], int], profile_into: Path | None = None
) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="session-cost-"))
    if profile_into is not None:
        (folder / "profile-to").write_text(str(profile_into / "welcome.pstats"))
    pid, master = fork_session(entry, folder, profile=profile_into is not None)
    profiling = Profiling(pid, folder, profile_into)
    try:
        read_until(master, lambda data: b"Full" in data and b"Quit" in data)
        profiling.stop()
        figures = {
            "welcome": task_cpu(pid),
            "private at the welcome": private_mib(pid),
            "faults": float(minor_faults(pid)),
        }
        before = task_cpu(pid)
        profiling.start("question-1")
        os.write(master, b"\r")
        read_until(master, lambda data: b"Question 1 " in data)
        figures["quick -> question 1"] = task_cpu(pid) - before
        profiling.stop()
        answers: list[float] = []
        while True:
            # The next answer may be the last: each is profiled as "results" until it
            # is not, then kept as "answer" if it is the one in the middle so far.
            profiling.start("results")
            before = task_cpu(pid)
            os.write(master, b"1")
            read_until(master, lambda data: b"\x1b" in data)
            os.write(master, b"\r")
            done = read_until(master, lambda data: b"Question " in data or b"answered" in data)
            answers.append(task_cpu(pid) - before)
            profiling.stop()
            if b"answered" in done:
                break
            if profile_into is not None and len(answers) in (1, 10):
                kept = "first-answer" if len(answers) == 1 else "answer"
                (profile_into / "results.pstats").replace(profile_into / f"{kept}.pstats")
        figures["answers"] = float(len(answers))
        figures["the first answer"] = answers[0]
        figures["an answer (median)"] = statistics.median(answers[:-1])
        figures["all answers but the last"] = sum(answers[:-1])
        figures["the last answer (results)"] = answers[-1]
        figures["whole run"] = task_cpu(pid)
        figures["private on the results"] = private_mib(pid)
        figures["pid"] = float(pid)
        return figures
    except BaseException:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        raise
    finally:
        os.close(master)


def object_pages() -> dict[int, list[str]]:
    """The types of the objects on each page of this (the warm) process's heap."""
    gc.unfreeze()
    everything = gc.get_objects()
    gc.freeze()
    pages: dict[int, list[str]] = collections.defaultdict(list)
    seen: set[int] = set()
    for parent in everything:
        for item in (parent, *gc.get_referents(parent)):
            address = id(item)
            if address in seen:
                continue
            seen.add(address)
            size = max(1, sys.getsizeof(item, 16))
            for page in range(address // PAGE, (address + size - 1) // PAGE + 1):
                pages[page * PAGE].append(type(item).__name__)
    return pages


def writable_ranges(pid: int) -> list[tuple[int, int]]:
    ranges = []
    with open(f"/proc/{pid}/maps") as maps:
        for line in maps:
            parts = line.split()
            name = parts[5] if len(parts) > 5 else ""
            if "w" in parts[1] and (name in ("", "[heap]") or ".so" in name):
                start, end = (int(x, 16) for x in parts[0].split("-"))
                ranges.append((start, end))
    return ranges


def frames(pid: int, ranges: list[tuple[int, int]]) -> dict[int, int]:
    """Virtual page -> page frame number, for the pages present in memory."""
    found = {}
    with open(f"/proc/{pid}/pagemap", "rb") as pagemap:
        for start, end in ranges:
            pagemap.seek(start // PAGE * 8)
            data = pagemap.read((end - start) // PAGE * 8)
            for n in range(len(data) // 8):
                (entry,) = struct.unpack_from("Q", data, n * 8)
                if entry >> 63:
                    found[start + n * PAGE] = entry & ((1 << 55) - 1)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="sessions, one after another")
    parser.add_argument("--cow", action="store_true", help="which objects the copies hold")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="profile the last session")
    parser.add_argument(
        "--counted", action="store_true", help="keep reference counts (no immortal objects)"
    )
    args = parser.parse_args()
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)
    entry = preload_app(None, lambda message: print("notice:", message))
    gc.collect()
    immortal = 0 if args.counted else immortalize_heap()
    gc.freeze()
    ranges = writable_ranges(os.getpid())
    pages = object_pages() if args.cow else {}
    ours = frames(os.getpid(), ranges) if args.cow else {}
    runs = []
    for number in range(args.n):
        last = number == args.n - 1
        figures = one_session(entry, args.profile if last else None)
        pid = int(figures.pop("pid"))
        if args.cow and number == args.n - 1:
            copied = [a for a, f in frames(pid, ranges).items() if a in ours and ours[a] != f]
            shares: collections.Counter[str] = collections.Counter()
            for address in copied:
                kinds = collections.Counter(pages.get(address, ["(no object known)"]))
                for kind, count in kinds.items():
                    shares[kind] += count / sum(kinds.values())
            print(f"pages copied by the results: {len(copied)} ({len(copied) * 4 / 1024:.1f} MiB)")
            for kind, share in shares.most_common(15):
                print(f"  {share:7.0f} pages  {kind}")
        os.kill(pid, 9)
        os.waitpid(pid, 0)
        runs.append(figures)
    print(
        f"\nsession_cost: {time.strftime('%Y-%m-%d %H:%M:%S UTC', time.gmtime())}, "
        f"{args.n} sessions, load average {os.getloadavg()[0]:.2f}, Python "
        f"{sys.version.split()[0]}, {immortal} objects made immortal\n"
    )
    for name in runs[0]:
        value = statistics.median(run[name] for run in runs)
        if "private" in name:
            shown = f"{value:.1f} MiB"
        elif name in ("answers", "faults"):
            shown = f"{value:.0f}"
        else:
            shown = f"{value * 1000:.1f} ms CPU"
        print(f"{name:<28} {shown}")
    if args.profile is not None:
        for phase in ("welcome", "results"):
            print(f"\n{phase}, profiled (stats in {args.profile}):")
            stats = pstats.Stats(str(args.profile / f"{phase}.pstats"))
            stats.sort_stats("tottime").print_stats(12)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
