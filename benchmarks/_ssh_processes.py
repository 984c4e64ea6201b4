"""`ssh_load.py`'s view of the server's processes, from /proc: CPU time and memory."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


# --- the server's processes, from /proc ---------------------------------------------------


@dataclass
class Cpu:
    own: float
    children: float


def cpu_of(pid: int) -> Cpu:
    """User + system seconds of `pid`, and of its children it has reaped."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return Cpu(0.0, 0.0)
    fields = text[text.rindex(")") + 2 :].split()
    return Cpu(
        (int(fields[11]) + int(fields[12])) / CLOCK_TICKS,
        (int(fields[13]) + int(fields[14])) / CLOCK_TICKS,
    )


def parents() -> dict[int, int]:
    found = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                text = Path(entry.path, "stat").read_text()
                found[int(entry.name)] = int(text[text.rindex(")") + 2 :].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    return found


@dataclass
class Memory:
    """kB from smaps_rollup."""

    rss: int = 0
    pss: int = 0
    private: int = 0


def memory_of(pid: int) -> Memory | None:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    values = {}
    for line in text.splitlines()[1:]:
        name, _, rest = line.partition(":")
        values[name] = int(rest.split()[0])
    return Memory(
        values.get("Rss", 0),
        values.get("Pss", 0),
        values.get("Private_Clean", 0) + values.get("Private_Dirty", 0),
    )


class ServerProcesses:
    """The server, its zygote (if any) and the sessions' processes."""

    def __init__(self, server_pid: int):
        self.server = server_pid
        self.zygote: int | None = None
        self.peak: dict[int, Memory] = {}

    def sessions(self) -> list[int]:
        tree = parents()
        children = [pid for pid, parent in tree.items() if parent == self.server]
        zygotes = [pid for pid in children if b"skillcheck.zygote" in _cmdline(pid)]
        self.zygote = zygotes[0] if zygotes else None
        sessions = [pid for pid in children if pid != self.zygote]
        if self.zygote is not None:
            sessions += [pid for pid, parent in tree.items() if parent == self.zygote]
        return sessions

    def cpu(self) -> tuple[float, float]:
        """CPU seconds so far: (the server and the zygote, the sessions live or reaped)."""
        server = cpu_of(self.server)
        sessions = self.sessions()
        front, apps = server.own, 0.0
        if self.zygote is None:
            apps += server.children  # exec'd sessions the server has reaped
        else:
            zygote = cpu_of(self.zygote)
            front += zygote.own
            apps += zygote.children  # forked sessions the zygote has reaped
        apps += sum(cpu_of(pid).own for pid in sessions)
        return front, apps

    def sample_memory(self) -> dict[int, Memory]:
        found = {}
        for pid in self.sessions():
            memory = memory_of(pid)
            if memory is not None:
                found[pid] = memory
                peak = self.peak.get(pid)
                if peak is None or memory.pss > peak.pss:
                    self.peak[pid] = memory
        return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""
