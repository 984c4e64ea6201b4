"""The zygote's loop: wait for spawn requests, fork, report pids and exit statuses.

Single-threaded on purpose (forking a process with threads is unsafe): one `poll` over
the channel, a self-pipe for SIGCHLD and the "ready" pipes of children still setting
themselves up. In the child, `serve` returns the work to do instead of looping, so the
child leaves the zygote's frames the ordinary way and runs the session from `run.main`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import signal
import socket
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

from skillcheck.ssh import zygote_protocol as protocol

#: First byte a child writes on its ready pipe: set up (0) or failed (1, then the reason).
READY_OK = b"\x00"
READY_FAILED = b"\x01"


@dataclass
class ChildWork:
    """What a freshly forked child must do: the request, its pty and its ready pipe."""

    request: bytes
    pty_fd: int
    ready_fd: int


@dataclass
class _SettingUp:
    request_id: int
    pid: int


class ForkServer:
    """Serves one channel until the server closes it.

    `send` replies to the server. The request buffer is zeroed after every fork, so a
    later child never inherits an earlier candidate's request.
    """

    def __init__(self, channel: socket.socket, send: Callable[[protocol.Reply], None]):
        self._channel = channel
        self._send = send
        self._buffer = bytearray(protocol.MAX_MESSAGE)
        self._setting_up: dict[int, _SettingUp] = {}  # by ready pipe fd
        self._children: set[int] = set()
        self._poller = select.poll()
        self._wake_r, self._wake_w = os.pipe()

    def serve(self) -> ChildWork | None:
        """Loop until the channel closes (None), or return in a forked child its work."""
        for fd in (self._wake_r, self._wake_w):
            os.set_blocking(fd, False)
        # SIGCHLD's default is to be ignored, which would not wake poll(): handle it.
        signal.signal(signal.SIGCHLD, _ignore_signal)
        signal.set_wakeup_fd(self._wake_w)
        self._poller.register(self._channel.fileno(), select.POLLIN)
        self._poller.register(self._wake_r, select.POLLIN)
        try:
            while True:
                for fd, _ in self._poller.poll():
                    if fd == self._channel.fileno():
                        work = self._receive()
                        if work is not None:
                            return work
                    elif fd == self._wake_r:
                        _drain(self._wake_r)
                    elif fd in self._setting_up:
                        self._finish_set_up(fd)
                self._reap()
        except _ChannelClosed:
            return None

    # --- requests ------------------------------------------------------------------------

    def _receive(self) -> ChildWork | None:
        size, ancillary, flags, _ = self._channel.recvmsg_into([self._buffer], socket.CMSG_SPACE(4))
        fds = _received_fds(ancillary)
        if size == 0:
            for fd in fds:
                os.close(fd)
            raise _ChannelClosed
        try:
            request_id = protocol.spawn_request_id(memoryview(self._buffer)[:size])
        except protocol.ProtocolError as exc:
            self._send(protocol.Notice(f"ignored a message: {exc}"))
            request_id = -1
        if request_id < 0 or len(fds) != 1 or flags & (socket.MSG_TRUNC | socket.MSG_CTRUNC):
            for fd in fds:
                os.close(fd)
            if request_id >= 0:
                self._send(protocol.Failed(request_id, "the request carried no terminal"))
            self._forget_request(size)
            return None
        return self._fork(request_id, size, fds[0])

    def _fork(self, request_id: int, size: int, pty_fd: int) -> ChildWork | None:
        ready_r, ready_w = os.pipe()
        # Anything buffered would be written twice, once by each process.
        sys.stdout.flush()
        sys.stderr.flush()
        if threading.active_count() > 1:
            self._send(protocol.Notice("the zygote has threads; forking it is not safe"))
        try:
            pid = os.fork()
        except OSError as exc:
            for fd in (ready_r, ready_w, pty_fd):
                os.close(fd)
            self._forget_request(size)
            self._send(protocol.Failed(request_id, f"fork failed: {exc.strerror or exc}"))
            return None
        if pid == 0:
            os.close(ready_r)
            return self._become_child(size, pty_fd, ready_w)
        os.close(ready_w)
        os.close(pty_fd)
        self._forget_request(size)
        self._children.add(pid)
        self._setting_up[ready_r] = _SettingUp(request_id, pid)
        self._poller.register(ready_r, select.POLLIN)
        return None

    def _forget_request(self, size: int) -> None:
        """Zero the request: the next fork must not carry this candidate's folder."""
        self._buffer[:size] = bytes(size)

    def _become_child(self, size: int, pty_fd: int, ready_fd: int) -> ChildWork:
        """In the child: drop the zygote's hold on signals and the channel."""
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        request = bytes(self._buffer[:size])
        # Detach, not close: the descriptors are closed by number when the child sets
        # itself up, and a socket object closing "its" number later could close a file
        # the app has opened under the same number since.
        self._channel.detach()
        return ChildWork(request=request, pty_fd=pty_fd, ready_fd=ready_fd)

    # --- children ----------------------------------------------------------------------

    def _finish_set_up(self, ready_fd: int) -> None:
        """A child wrote to (or closed) its ready pipe: report it started or failed."""
        pending = self._setting_up.pop(ready_fd)
        self._poller.unregister(ready_fd)
        try:
            data = _read_all(ready_fd)
        finally:
            os.close(ready_fd)
        if data[:1] == READY_OK:
            self._send(protocol.Started(pending.request_id, pending.pid))
            return
        reason = data[1:].decode("utf-8", "replace").strip() or "it stopped while starting"
        self._send(protocol.Failed(pending.request_id, reason))

    def _reap(self) -> None:
        while self._children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                self._children.clear()
                return
            if pid == 0:
                return
            self._children.discard(pid)
            # Its "started" (or "failed") goes first, so the server knows the pid.
            for ready_fd, pending in list(self._setting_up.items()):
                if pending.pid == pid:
                    self._finish_set_up(ready_fd)
            self._send(protocol.Exited(pid, os.waitstatus_to_exitcode(status)))


class _ChannelClosed(Exception):
    """The server closed its end: the zygote's work is over."""


def _ignore_signal(signum: int, frame: object) -> None:
    """A handler that does nothing: its only use is that the wakeup fd is written."""


def _received_fds(ancillary: list[tuple[int, int, bytes]]) -> list[int]:
    fds: list[int] = []
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            usable = len(data) - len(data) % 4
            fds.extend(int.from_bytes(data[i : i + 4], sys.byteorder) for i in range(0, usable, 4))
    return fds


def _drain(fd: int) -> None:
    with contextlib.suppress(BlockingIOError):
        while os.read(fd, 4096):
            pass


def _read_all(fd: int) -> bytes:
    """What a child wrote on its ready pipe (it writes once, then closes or exits)."""
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError as exc:
            if exc.errno == errno.EINTR:
                continue
            break
        if not chunk:
            break
        chunks.append(chunk)
        if chunk[:1] == READY_OK:
            break  # the child keeps running: do not wait for the pipe to close
    return b"".join(chunks)
