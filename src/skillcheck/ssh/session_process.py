"""What a process forked from the zygote does to become one candidate's session.

The same steps the exec path takes (`child.PtyChild.spawn` with `child_launcher.py`),
done in the fork instead of around an exec: a new session with the pty as controlling
terminal on fds 0/1/2, every other inherited fd closed, the environment replaced by the
one the server built, the candidate's folder as cwd, umask 077, the resource limits,
and the signal dispositions and standard streams a fresh interpreter would have.
Standard library only; nothing here imports the app.
"""

from __future__ import annotations

import fcntl
import io
import os
import signal
import sys
import termios

from skillcheck.ssh.child_launcher import apply_limits
from skillcheck.ssh.zygote_protocol import SessionSpec

#: Signals whose handling the zygote may have changed, back to their defaults.
_DEFAULT_SIGNALS = (
    signal.SIGCHLD,
    signal.SIGHUP,
    signal.SIGTERM,
    signal.SIGQUIT,
    signal.SIGALRM,
    signal.SIGUSR1,
    signal.SIGUSR2,
    signal.SIGWINCH,
    signal.SIGTSTP,
    signal.SIGTTIN,
    signal.SIGTTOU,
)


def become_session(spec: SessionSpec, pty_fd: int, keep_fd: int) -> None:
    """Turn this freshly forked process into the candidate's session process.

    `pty_fd` is the slave side of the session's pty; `keep_fd` (the pipe that tells the
    zygote we are ready) is the only other descriptor left open. Raises OSError if a
    step fails: the caller reports it and exits.
    """
    os.setsid()
    for fd in (0, 1, 2):
        os.dup2(pty_fd, fd)
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    close_other_fds(keep_fd)
    os.environ.clear()
    os.environ.update(spec.env)
    os.chdir(spec.cwd)
    # Candidate files are for the server's user only.
    os.umask(0o077)
    apply_limits(spec.memory, spec.files, spec.cpu)
    reset_signals()
    fresh_standard_streams()


def close_other_fds(keep_fd: int) -> None:
    """Close every descriptor but 0, 1, 2 and `keep_fd`: other sessions' ptys, the channel.

    Without exec, close-on-exec flags mean nothing: everything must be closed by hand.
    """
    top = os.sysconf("SC_OPEN_MAX")
    if keep_fd > 2:
        os.closerange(3, keep_fd)
        os.closerange(keep_fd + 1, top)
    else:
        os.closerange(3, top)


def reset_signals() -> None:
    """The dispositions a fresh `python` would start with."""
    signal.set_wakeup_fd(-1)
    for signum in _DEFAULT_SIGNALS:
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # as Python sets it at start-up
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


def fresh_standard_streams() -> None:
    """sys.stdin/stdout/stderr on the pty, buffered as a fresh interpreter makes them.

    The zygote's own streams were made for /dev/null and a pipe (stdout not line
    buffered); Textual writes through `sys.__stderr__` and reads `sys.__stdin__`.
    The old wrappers do not own their descriptors (closefd=False), so they are dropped.
    """
    streams = {
        "stdin": _text_stream(0, "r", errors="strict", line_buffering=False),
        "stdout": _text_stream(1, "w", errors="strict", line_buffering=os.isatty(1)),
        "stderr": _text_stream(2, "w", errors="backslashreplace", line_buffering=True),
    }
    for name, stream in streams.items():
        setattr(sys, name, stream)
        setattr(sys, f"__{name}__", stream)


def _text_stream(fd: int, mode: str, *, errors: str, line_buffering: bool) -> io.TextIOWrapper:
    # UTF-8: every session's LANG is C.UTF-8, as a fresh interpreter would find it.
    binary = open(fd, mode + "b", closefd=False)  # noqa: SIM115 - lives as long as sys.stdin
    return io.TextIOWrapper(
        binary, encoding="utf-8", errors=errors, newline="\n", line_buffering=line_buffering
    )
