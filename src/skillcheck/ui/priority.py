"""A served session that has finished steps back, so the room still answering stays quick.

Candidates in a room tend to finish together, and drawing the results is the costliest
thing a session does (about 80 ms of CPU, five answers' worth). A hundred of them within
a few seconds held up the keys of everyone still answering. A finished session therefore
lowers its own CPU priority for the rest of its life: the scheduler then serves a key of
someone answering first, and the results come up in the time left over (a second or so
later while a whole room finishes at once; no later on a quiet machine).

Two settings, because Linux has two places where the priority counts. Each served session
is a terminal session of its own (`setsid`), and where the kernel groups each terminal
session's processes for the scheduler (autogroup, `/proc/sys/kernel/sched_autogroup_enabled`)
sessions compete as groups, so the group's nice value is what counts; elsewhere the
process's own nice value does. Raising either needs no privilege, but the kernel lets an
unprivileged process change a group's value only once per 100 ms, machine-wide: then
`step_back` says so, and the caller tries again a little later.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

#: The nice value a finished session takes (0 is the default, 19 the lowest priority):
#: a session at 10 gets about a ninth of the CPU a session at 0 gets when both want it.
FINISHED_NICENESS = 10
#: The scheduler's group for this process's terminal session, where the kernel has one.
AUTOGROUP = Path("/proc/self/autogroup")

_staying: list[bool] = []


@contextlib.contextmanager
def staying_put() -> Iterator[None]:
    """Within it, `step_back` changes nothing. For the zygote's warm-up run, which
    finishes an assessment but is no candidate: stepped back, the zygote would fork
    every session at the lower priority (and, run in a terminal's session, slow the
    terminal's other programs too)."""
    _staying.append(True)
    try:
        yield
    finally:
        _staying.pop()


def step_back(niceness: int = FINISHED_NICENESS) -> bool:
    """Lower this process's CPU priority, and its autogroup's, to `niceness`.

    True when done, or when there is nothing to do (no autogroups, or not allowed);
    False when the kernel asked to be asked again later (an autogroup changed by another
    process within the last 100 ms).
    """
    if _staying:
        return True
    with contextlib.suppress(OSError):
        current = os.getpriority(os.PRIO_PROCESS, 0)
        if current < niceness:
            os.setpriority(os.PRIO_PROCESS, 0, niceness)
    try:
        descriptor = os.open(AUTOGROUP, os.O_WRONLY)
    except OSError:
        return True  # no autogroups here (another kernel, or another system)
    try:
        os.write(descriptor, str(niceness).encode())
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        os.close(descriptor)
    return True
