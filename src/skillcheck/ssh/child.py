"""One candidate's `skillcheck` process in its own pseudo-terminal, with a clean environment."""

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

from skillcheck.ssh.limits import ServeLimits

DEFAULT_CHILD_COMMAND: tuple[str, ...] = (sys.executable, "-m", "skillcheck")
DEFAULT_TERM = "xterm-256color"
CHILD_PATH = "/usr/local/bin:/usr/bin:/bin"
LAUNCHER = Path(__file__).with_name("child_launcher.py")

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


class PtyChild:
    """A running child: its process and the master side of its pty (non-blocking)."""

    def __init__(self, process: asyncio.subprocess.Process, master_fd: int):
        self.process = process
        self.master_fd = master_fd

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
        master_fd, slave_fd = os.openpty()
        try:
            # Raw and sized before the child exists: no echo of early keys, right first frame.
            tty.setraw(slave_fd)
            set_window_size(master_fd, terminal.columns, terminal.rows)
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
        return cls(process, master_fd)

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
                await self.process.wait()
        # Anything the app left behind in its group goes too.
        self.signal_group(signal.SIGKILL)
        return self.process.returncode if self.process.returncode is not None else -1

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.master_fd)
