"""The server's settings and the state every connection shares."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import asyncssh

from skillcheck.ssh.child import DEFAULT_CHILD_COMMAND
from skillcheck.ssh.limits import Admission, ServeLimits
from skillcheck.ssh.start_gate import StartGate, start_slots
from skillcheck.ssh.zygote_client import Zygote
from skillcheck.ssh.zygote_protocol import APP_ENTRY

log = logging.getLogger("skillcheck.ssh")

# How long a child gets between SIGHUP and SIGKILL.
STOP_GRACE_SECONDS = 2.0
# A client sending more environment variables than this is not a terminal.
MAX_CLIENT_VARIABLES = 64
_SHOWN_CHARS = 64


@dataclass(frozen=True)
class ServeConfig:
    """Everything `skillcheck serve` was told; the tests build one directly."""

    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 2222
    authorized_keys: frozenset[bytes] | None = None
    """Public key blobs allowed in; None means any key (`--open`)."""
    limits: ServeLimits = field(default_factory=ServeLimits)
    child_command: Sequence[str] = DEFAULT_CHILD_COMMAND
    """argv of the app when a session starts by exec; the app's arguments (`--output
    <results file>`, `--bank DIR`, `--position FILE`) are appended. No shell is involved."""
    zygote_entry: str | None = APP_ENTRY
    """What sessions forked from the zygote run: the app (`APP_ENTRY`), or
    `FILE.py:FUNCTION` taking the app's arguments (the tests' stand-in). None: no
    zygote (`--no-zygote`), every session execs `child_command`."""
    bank_dir: Path | None = None
    """`--bank`: the question bank every session uses (None: the app's default)."""
    position: Path | None = None
    """`--position`: a position profile (absolute, checked at start) every session is also
    scored against; the fit goes into the candidate's results file."""
    show_position: bool = False
    """`--show-position`: candidates see their fit to the position (default: hidden)."""

    def app_arguments(self, results: Path) -> list[str]:
        """The app's arguments for a session writing `results`, however it is started."""
        arguments = ["--output", str(results)]
        if self.bank_dir is not None:
            # The children get no SKILLCHECK_BANK (their environment is fixed): pass a flag.
            arguments += ["--bank", str(self.bank_dir)]
        if self.position is not None:
            arguments += ["--position", str(self.position)]
            if self.show_position:
                arguments.append("--show-position")
        return arguments


class LiveSession(Protocol):
    def shut_down(self, message: str) -> None: ...


class ServerHub:
    """Shared by all connections: settings, admission counters and the live sessions."""

    def __init__(self, config: ServeConfig):
        self.config = config
        self.admission = Admission(config.limits)
        self.sessions: set[LiveSession] = set()
        self.connections: set[asyncssh.SSHServerConnection] = set()
        self.zygote: Zygote | None = None
        """Set by `start_server` unless `config.zygote_entry` is None."""
        self.start_gate = StartGate(start_slots())
        """Sessions start one per CPU at a time (ssh/start_gate.py)."""

    def shut_down_all(self, message: str) -> None:
        for session in list(self.sessions):
            session.shut_down(message)

    def close_all_connections(self) -> None:
        for conn in list(self.connections):
            conn.close()


def shown(value: object) -> str:
    """A client-supplied value made safe for one log line: quoted, escaped, truncated."""
    text = repr(value)
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 3] + "..."
