"""How much the SSH server lets anyone use, and the bookkeeping that enforces it.

All counters live on the event loop thread, so plain dicts are enough.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass

# A terminal larger than this is a lie or an attack; Textual would try to paint it.
MAX_TERMINAL_CELLS = 500
DEFAULT_COLUMNS = 80
DEFAULT_ROWS = 24

# Keys the child has not read yet; past this the channel stops reading (backpressure).
INPUT_BUFFER_LIMIT = 64 * 1024

AUTH_FAILURE_WINDOW_SECONDS = 60.0


@dataclass(frozen=True)
class ServeLimits:
    """Every limit `skillcheck serve` enforces; each one is a command-line flag."""

    max_sessions: int = 50
    max_per_identity: int = 2
    max_per_address: int = 10
    login_timeout: float = 30.0
    idle_timeout: float = 15 * 60.0
    max_session_time: float = 2 * 3600.0
    auth_failures_per_minute: int = 10
    child_memory: int = 1024 * 1024 * 1024
    child_files: int = 256
    child_cpu: int = 900

    @property
    def max_connections(self) -> int:
        """Open connections, authenticated or not: room for every session plus logins."""
        return 2 * self.max_sessions


def clamp_terminal_size(columns: int, rows: int) -> tuple[int, int]:
    """A size the child can safely draw: 0 (unknown) becomes 80x24, the rest 1..500."""
    columns = DEFAULT_COLUMNS if columns <= 0 else min(columns, MAX_TERMINAL_CELLS)
    rows = DEFAULT_ROWS if rows <= 0 else min(rows, MAX_TERMINAL_CELLS)
    return columns, rows


@dataclass(frozen=True)
class ConnectionVerdict:
    """What to do with a new connection: serve it, refuse it in words, or drop it now."""

    refusal: str | None = None
    drop: bool = False

    @property
    def admitted(self) -> bool:
        return self.refusal is None


class Admission:
    """Counts connections, sessions and failed logins; answers "may this one in?".

    Each `admit_*` returns None to admit (and counts it) or the sentence to show the
    candidate; the matching `release_*` must be called exactly once per admission.
    """

    def __init__(self, limits: ServeLimits, clock: Callable[[], float] = time.monotonic):
        self.limits = limits
        self._clock = clock
        self._connections_by_address: Counter[str] = Counter()
        self._sessions_by_identity: Counter[str] = Counter()
        self._auth_failures: dict[str, deque[float]] = {}

    @property
    def connection_count(self) -> int:
        return self._connections_by_address.total()

    @property
    def session_count(self) -> int:
        return self._sessions_by_identity.total()

    def admit_connection(self, address: str) -> ConnectionVerdict:
        """Count a new connection and say what to do with it.

        Over a limit, the connection is still counted (it holds a socket) and refused with
        words after key exchange; far over (twice the limit), it is dropped at once.
        """
        per_address = self._connections_by_address[address]
        total = self.connection_count
        max_connections = self.limits.max_connections
        if per_address >= 2 * self.limits.max_per_address or total >= 2 * max_connections:
            return ConnectionVerdict(refusal="too many connections", drop=True)
        refusal = None
        if self.auth_blocked(address):
            refusal = "too many failed logins from your address; try again in a minute"
        elif per_address >= self.limits.max_per_address:
            refusal = "too many connections from your address"
        elif total >= max_connections:
            refusal = "the server is full; try again in a few minutes"
        self._connections_by_address[address] += 1
        return ConnectionVerdict(refusal=refusal)

    def release_connection(self, address: str) -> None:
        self._connections_by_address[address] -= 1
        if self._connections_by_address[address] <= 0:
            del self._connections_by_address[address]

    def admit_session(self, identity: str) -> str | None:
        if self.session_count >= self.limits.max_sessions:
            return (
                f"skillcheck is full: {self.limits.max_sessions} candidates are taking it "
                "right now. Please try again in a few minutes."
            )
        if self._sessions_by_identity[identity] >= self.limits.max_per_identity:
            return (
                f"your key already has the most sessions allowed open at once "
                f"({self.limits.max_per_identity}); close one and connect again."
            )
        self._sessions_by_identity[identity] += 1
        return None

    def release_session(self, identity: str) -> None:
        self._sessions_by_identity[identity] -= 1
        if self._sessions_by_identity[identity] <= 0:
            del self._sessions_by_identity[identity]

    def record_auth_failure(self, address: str) -> None:
        failures = self._auth_failures.setdefault(address, deque())
        failures.append(self._clock())
        self._forget_old_failures()

    def auth_blocked(self, address: str) -> bool:
        """True while `address` has had too many failed logins in the last minute."""
        failures = self._auth_failures.get(address)
        if not failures:
            return False
        horizon = self._clock() - AUTH_FAILURE_WINDOW_SECONDS
        while failures and failures[0] < horizon:
            failures.popleft()
        return len(failures) >= self.limits.auth_failures_per_minute

    def _forget_old_failures(self) -> None:
        # Bounded memory under a scan from many addresses: drop addresses gone quiet.
        if len(self._auth_failures) < 1024:
            return
        horizon = self._clock() - AUTH_FAILURE_WINDOW_SECONDS
        for address in [a for a, times in self._auth_failures.items() if times[-1] < horizon]:
            del self._auth_failures[address]
