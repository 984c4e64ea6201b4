"""Looking at the server's processes from outside, through /proc: for the SSH tests."""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

#: Read a process's memory in slices of this size.
_SLICE = 1 << 20


def child_pid(screen: str) -> int:
    """The pid the stand-in app printed (`READY pid=N`)."""
    match = re.search(r"READY pid=(\d+)", screen)
    assert match, screen
    return int(match[1])


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still "exists"; its parent reaps it, so give it a moment.
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "zombie" in status.read_text())


async def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition never became true"
        await asyncio.sleep(0.05)


def stat_fields(pid: int) -> list[str]:
    """/proc/PID/stat after the command name: state, ppid, pgrp, session, ..."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def parent_of(pid: int) -> int:
    return int(stat_fields(pid)[1])


def is_session_leader(pid: int) -> bool:
    """True if `pid` leads its own session and process group (setsid was called)."""
    fields = stat_fields(pid)
    return int(fields[2]) == pid and int(fields[3]) == pid


def open_fds(pid: int) -> dict[int, str]:
    """Each open descriptor of `pid` and what it points to."""
    folder = Path(f"/proc/{pid}/fd")
    links = {}
    for entry in folder.iterdir():
        try:
            links[int(entry.name)] = os.readlink(entry)
        except FileNotFoundError:  # closed while we looked
            continue
    return links


def environment_names(pid: int) -> set[str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return {item.split(b"=", 1)[0].decode() for item in raw.split(b"\0") if item}


def _readable_regions(pid: int) -> Iterator[tuple[int, int]]:
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        fields = line.split()
        if "r" not in fields[1] or (len(fields) > 5 and fields[5] in ("[vvar]", "[vsyscall]")):
            continue
        start, end = (int(value, 16) for value in fields[0].split("-"))
        yield start, end


def memory_contains(pid: int, needle: bytes) -> bool:
    """Whether `needle` is anywhere in the readable memory of `pid` (needs ptrace rights)."""
    with open(f"/proc/{pid}/mem", "rb", buffering=0) as memory:
        for start, end in _readable_regions(pid):
            position = start
            tail = b""
            while position < end:
                size = min(_SLICE, end - position)
                try:
                    memory.seek(position)
                    data = memory.read(size)
                except OSError:
                    break  # a region that cannot be read (a guard page, a device)
                if needle in tail + data:
                    return True
                tail = data[-len(needle) :]
                position += size
    return False
