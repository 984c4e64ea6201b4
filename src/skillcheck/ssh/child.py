"""One candidate's `skillcheck` process in its own pseudo-terminal, with a clean environment.

Two ways to start it, one result: `PtyChild.spawn` execs a fresh interpreter (through
`child_launcher.py`); `PtyChild.fork` asks the zygote to fork a warm one, which sets
itself up the same way (`session_process.py`). Either way the server owns the pty's
master side and hangs up the process group.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import re
import signal
import struct
import sys
import termios
import tty
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from skillcheck.ssh.limits import ServeLimits
from skillcheck.ssh.zygote_protocol import SessionSpec

DEFAULT_CHILD_COMMAND: tuple[str, ...] = (sys.executable, "-m", "skillcheck")
DEFAULT_TERM = "xterm-256color"
CHILD_PATH = "/usr/local/bin:/usr/bin:/bin"
LAUNCHER = Path(__file__).with_name("child_launcher.py")
#: After SIGKILL, how long the child's end may take to be reported.
KILL_WAIT_SECONDS = 10.0

_VALID_TERM = re.compile(r"[A-Za-z0-9._+-]{1,64}")
_VALID_COLORTERM = re.compile(r"[A-Za-z0-9]{1,16}")
# The only client-sent variables a child may see (TERM comes from the pty request).
ACCEPTED_CLIENT_VARIABLES = frozenset({"COLORTERM", "NO_COLOR"})


@dataclass(frozen=True)
class ChildTerminal:
    """What the client told us about its terminal, already validated."""

    term: str = DEFAULT_TERM
    colorterm: str | None = None
    no_color: bool = False
    columns: int = 80
    rows: int = 24


def valid_term(value: str) -> str | None:
    """The client's TERM if it is a plain terminal name, else None."""
    return value if _VALID_TERM.fullmatch(value) else None


def terminal_from_client(
    term_type: str, columns: int, rows: int, client_env: Mapping[str, str]
) -> tuple[ChildTerminal, list[str]]:
    """The child's terminal settings and the names of client variables that were dropped."""
    colorterm = client_env.get("COLORTERM")
    if colorterm is not None and not _VALID_COLORTERM.fullmatch(colorterm):
        colorterm = None
    dropped = sorted(name for name in client_env if name not in ACCEPTED_CLIENT_VARIABLES)
    terminal = ChildTerminal(
        term=valid_term(term_type) or DEFAULT_TERM,
        colorterm=colorterm,
        no_color=bool(client_env.get("NO_COLOR")),
        columns=columns,
        rows=rows,
    )
    return terminal, dropped


def plain_flag(terminal: ChildTerminal) -> list[str]:
    """`--plain` for a client whose terminal is dumb (a screen reader's, say), else nothing."""
    return ["--plain"] if terminal.term.lower() == "dumb" else []


def child_environment(terminal: ChildTerminal, folder: Path) -> dict[str, str]:
    """The whole environment of a child: built here, never copied from the server or client."""
    env = {
        "TERM": terminal.term,
        "LANG": "C.UTF-8",
        "PATH": CHILD_PATH,
        "HOME": str(folder),
        "SKILLCHECK_DATA_DIR": str(folder),
        "SKILLCHECK_SERVED": "1",
        "PYTHONBREAKPOINT": "0",
        # `python -m` would otherwise put the candidate folder first on sys.path.
        "PYTHONSAFEPATH": "1",
    }
    if terminal.colorterm:
        env["COLORTERM"] = terminal.colorterm
    if terminal.no_color:
        env["NO_COLOR"] = "1"
    return env


def set_window_size(fd: int, columns: int, rows: int) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))


class SessionProcess(Protocol):
    """A session's process, exec'd (asyncio's Process) or forked by the zygote."""

    @property
    def pid(self) -> int: ...

    @property
    def returncode(self) -> int | None: ...

    async def wait(self) -> int: ...


class Forker(Protocol):
    """Something that forks sessions: the zygote (`zygote_client.Zygote`)."""

    async def spawn(self, spec: SessionSpec, pty_fd: int) -> SessionProcess: ...


def open_pty(terminal: ChildTerminal) -> tuple[int, int]:
    """A new pty (master, slave), raw and sized before the child exists.

    Raw: no echo of keys typed early; sized: the app's first frame fits.
    """
    master_fd, slave_fd = os.openpty()
    try:
        tty.setraw(slave_fd)
        set_window_size(master_fd, terminal.columns, terminal.rows)
    except BaseException:
        os.close(master_fd)
        os.close(slave_fd)
        raise
    return master_fd, slave_fd


class PtyChild:
    """A running child: its process and the master side of its pty (non-blocking)."""

    def __init__(self, process: SessionProcess, master_fd: int, via: str):
        self.process = process
        self.master_fd = master_fd
        self.via = via
        """How it was started: "zygote" (forked) or "exec"."""

    @property
    def pid(self) -> int:
        return self.process.pid

    @classmethod
    async def spawn(
        cls,
        command: Sequence[str],
        terminal: ChildTerminal,
        folder: Path,
        limits: ServeLimits,
    ) -> PtyChild:
        """Start `command` (an argv list: no shell) as a session leader on a fresh pty."""
        master_fd, slave_fd = open_pty(terminal)
        try:
            argv = [
                sys.executable,
                "-I",
                "-S",
                str(LAUNCHER),
                str(limits.child_memory),
                str(limits.child_files),
                str(limits.child_cpu),
                "--",
                *command,
            ]
            process = await asyncio.create_subprocess_exec(
                *argv,
                stdin=slave_fd,
                stdout=slave_fd,
                stderr=slave_fd,
                env=child_environment(terminal, folder),
                cwd=folder,
                start_new_session=True,
            )
        except BaseException:
            os.close(master_fd)
            raise
        finally:
            os.close(slave_fd)
        os.set_blocking(master_fd, False)
        return cls(process, master_fd, via="exec")

    @classmethod
    async def fork(
        cls,
        forker: Forker,
        argv: Sequence[str],
        terminal: ChildTerminal,
        folder: Path,
        limits: ServeLimits,
    ) -> PtyChild:
        """Fork a warm session with the app's arguments `argv`, on a fresh pty."""
        spec = SessionSpec(
            argv=tuple(argv),
            env=child_environment(terminal, folder),
            memory=limits.child_memory,
            files=limits.child_files,
            cpu=limits.child_cpu,
            cwd=str(folder),
        )
        master_fd, slave_fd = open_pty(terminal)
        try:
            process = await forker.spawn(spec, slave_fd)
        except BaseException:
            os.close(master_fd)
            raise
        finally:
            os.close(slave_fd)
        os.set_blocking(master_fd, False)
        return cls(process, master_fd, via="zygote")

    def resize(self, columns: int, rows: int) -> None:
        """The kernel sends SIGWINCH to the child's foreground process group."""
        with contextlib.suppress(OSError):
            set_window_size(self.master_fd, columns, rows)

    def signal_group(self, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signum)

    async def stop(self, grace: float) -> int:
        """SIGHUP the child's process group, SIGKILL it after `grace` seconds; the exit code."""
        if self.process.returncode is None:
            self.signal_group(signal.SIGHUP)
            try:
                await asyncio.wait_for(self.process.wait(), grace)
            except TimeoutError:
                self.signal_group(signal.SIGKILL)
                # A forked child's end is reported by the zygote: never wait on it forever.
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.process.wait(), KILL_WAIT_SECONDS)
        # Anything the app left behind in its group goes too.
        self.signal_group(signal.SIGKILL)
        return self.process.returncode if self.process.returncode is not None else -signal.SIGKILL

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.master_fd)
