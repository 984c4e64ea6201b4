"""Sessions start a few at a time, so a crowd arriving does not stall those already answering.

Starting a session (fork, the app's first layout and frame) costs tens of milliseconds
of CPU; answering a question costs a few. When a room of candidates connects at once,
the kernel shares the CPUs among every session being started *and* every candidate
already answering, so an answer waits behind dozens of starts. Here a session waits for
a turn before it starts and gives its turn back once its first frame has gone out (or
its output pauses, or a second has passed):
starts run one per CPU, first come first served, and a running session competes with
at most that many. The total work is the same; the first candidates see their welcome
sooner, the last about as late as before, and keys stay fast meanwhile.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable

#: A session holds its turn until this many bytes have gone to its terminal: the app's
#: set-up sequences are a few hundred bytes, its first frame ten times that...
FIRST_FRAME_BYTES = 2048
#: ...or until its output has paused this long (a small first screen, as in plain mode)...
QUIET_SECONDS = 0.25
#: ...or this long at most, so a session that is slow to draw cannot hold up the rest.
TURN_SECONDS = 1.0


def start_slots() -> int:
    """How many sessions may start at once: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


class StartGate:
    """Turns to start a session: `slots` at a time, in the order they were asked for."""

    def __init__(self, slots: int, turn_seconds: float = TURN_SECONDS):
        self._slots = asyncio.Semaphore(slots)
        self._turn_seconds = turn_seconds

    async def wait_turn(self) -> Turn:
        """Wait until fewer than `slots` sessions are starting; hold a turn until `done`."""
        await self._slots.acquire()
        turn = Turn(self._slots.release)
        asyncio.get_running_loop().call_later(self._turn_seconds, turn.done)
        return turn


class Turn:
    """One session's turn to start; `done` gives it back (only the first call counts)."""

    def __init__(self, give_back: Callable[[], None]):
        self._give_back: Callable[[], None] | None = give_back
        self._quiet: asyncio.TimerHandle | None = None

    @property
    def held(self) -> bool:
        return self._give_back is not None

    def output(self, total_bytes: int) -> None:
        """The session has sent `total_bytes` to its terminal so far."""
        if self._give_back is None:
            return
        if total_bytes >= FIRST_FRAME_BYTES:
            self.done()
            return
        if self._quiet is not None:
            self._quiet.cancel()
        self._quiet = asyncio.get_running_loop().call_later(QUIET_SECONDS, self.done)

    def done(self) -> None:
        give_back, self._give_back = self._give_back, None
        if self._quiet is not None:
            self._quiet.cancel()
            self._quiet = None
        if give_back is not None:
            give_back()
