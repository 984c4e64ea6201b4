"""One running zygote as the server sees it: its channel, its requests, its sessions.

The zygote is the parent of every session it forks, so it reaps them and reports each
exit status (only a parent can collect one). If it dies, its sessions carry on and are
watched through a pidfd instead, their exit status unknown.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import itertools
import logging
import os
import signal
import socket
import time

from skillcheck.ssh import zygote_protocol as protocol
from skillcheck.ssh.zygote_protocol import SessionSpec

log = logging.getLogger("skillcheck.ssh")

#: How long a fork may take to be reported, however busy the machine.
SPAWN_TIMEOUT_SECONDS = 30.0
#: The exit status reported for a session whose zygote died before it ended.
EXIT_STATUS_UNKNOWN = 1


class ZygoteUnavailable(Exception):
    """No zygote to fork from right now: the session starts by exec instead."""


class ZygoteSpawnError(OSError):
    """The zygote forked, but the child could not become a session (the reason in words)."""


class ForkedProcess:
    """A session forked by the zygote: its pid, and its exit status once reported."""

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        self._exited: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._pidfd: int | None = None
        self._poll: asyncio.Task[None] | None = None

    async def wait(self) -> int:
        return await asyncio.shield(self._exited)

    def exited(self, status: int) -> None:
        if not self._exited.done():
            self.returncode = status
            self._exited.set_result(status)
        self._stop_watching()

    def orphan(self) -> None:
        """The zygote is gone: learn of this process's end from a pidfd instead."""
        if self._exited.done():
            return
        loop = asyncio.get_running_loop()
        try:
            self._pidfd = os.pidfd_open(self.pid)
        except ProcessLookupError:
            self.exited(EXIT_STATUS_UNKNOWN)
            return
        except OSError:  # no pidfd (Linux < 5.3): ask every half second
            self._poll = loop.create_task(self._poll_until_gone())
            return
        loop.add_reader(self._pidfd, self.exited, EXIT_STATUS_UNKNOWN)

    async def _poll_until_gone(self) -> None:
        while not self._exited.done():
            try:
                os.kill(self.pid, 0)
            except ProcessLookupError:
                self.exited(EXIT_STATUS_UNKNOWN)
            await asyncio.sleep(0.5)

    def _stop_watching(self) -> None:
        if self._pidfd is not None:
            asyncio.get_running_loop().remove_reader(self._pidfd)
            os.close(self._pidfd)
            self._pidfd = None


class ZygoteLink:
    """One running zygote process and the server's end of its channel."""

    def __init__(self, process: asyncio.subprocess.Process, channel: socket.socket):
        self.process = process
        self.channel = channel
        self.ready = asyncio.Event()
        self.ready_at = 0.0
        self.lost = False
        self.pending: dict[int, asyncio.Future[ForkedProcess]] = {}
        self.children: dict[int, ForkedProcess] = {}
        self.outbox: collections.deque[tuple[bytes, int]] = collections.deque()
        self._ids = itertools.count(1)
        self._loop = asyncio.get_running_loop()

    async def spawn(self, spec: SessionSpec, pty_fd: int) -> ForkedProcess:
        request_id = next(self._ids)
        answer: asyncio.Future[ForkedProcess] = self._loop.create_future()
        self.pending[request_id] = answer
        try:
            self._send(protocol.encode_spawn(request_id, spec), pty_fd)
            return await asyncio.wait_for(answer, SPAWN_TIMEOUT_SECONDS)
        except TimeoutError:
            raise ZygoteUnavailable(
                f"the zygote did not answer within {SPAWN_TIMEOUT_SECONDS:.0f} s"
            ) from None
        finally:
            # A child whose request was given up on is stopped when it is reported.
            self.pending.pop(request_id, None)

    def _send(self, message: bytes, fd: int) -> None:
        if not self.outbox:
            try:
                socket.send_fds(self.channel, [message], [fd])
                return
            except BlockingIOError:
                pass
            except OSError as exc:
                raise ZygoteUnavailable(f"the zygote's channel failed ({exc})") from None
        # The caller may close its fd before the queue drains: keep a copy of our own.
        self.outbox.append((message, os.dup(fd)))
        if len(self.outbox) == 1:
            self._loop.add_writer(self.channel, self._flush)

    def _flush(self) -> None:
        while self.outbox:
            message, fd = self.outbox[0]
            try:
                socket.send_fds(self.channel, [message], [fd])
            except BlockingIOError:
                return
            except OSError:
                pass  # the channel broke: the reader sees it and fails the requests
            self.outbox.popleft()
            os.close(fd)
        self._loop.remove_writer(self.channel)

    def handle(self, reply: protocol.Reply) -> None:
        if isinstance(reply, protocol.Ready):
            self.ready_at = time.monotonic()
            self.ready.set()
            shared = (
                f"{reply.immortal:,} objects made immortal"
                if reply.immortal
                else "reference counts as usual (immortal objects need Python 3.12)"
            )
            log.info("zygote ready: pid %d, loaded in %.1fs; %s", reply.pid, reply.seconds, shared)
        elif isinstance(reply, protocol.Started):
            process = ForkedProcess(reply.pid)
            self.children[reply.pid] = process
            answer = self.pending.pop(reply.request_id, None)
            if answer is not None and not answer.done():
                answer.set_result(process)
            else:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.killpg(reply.pid, signal.SIGKILL)
        elif isinstance(reply, protocol.Failed):
            answer = self.pending.pop(reply.request_id, None)
            if answer is not None and not answer.done():
                answer.set_exception(ZygoteSpawnError(reply.reason))
        elif isinstance(reply, protocol.Exited):
            child = self.children.pop(reply.pid, None)
            if child is not None:
                child.exited(reply.status)
        else:
            log.warning("zygote: %s", reply.message)

    def drop(self, reason: str) -> None:
        """The zygote is gone: fail what waits on it, watch its sessions by pidfd."""
        self.lost = True
        with contextlib.suppress(ValueError, OSError):
            self._loop.remove_reader(self.channel)
            self._loop.remove_writer(self.channel)
        self.channel.close()
        while self.outbox:
            os.close(self.outbox.popleft()[1])
        for answer in self.pending.values():
            if not answer.done():
                answer.set_exception(ZygoteUnavailable(f"the zygote stopped ({reason})"))
        for child in self.children.values():
            child.orphan()
        if self.children:
            log.info(
                "%d session(s) keep running without the zygote; their exit status will "
                "not be known",
                len(self.children),
            )
        self.children.clear()

    def kill(self) -> None:
        if self.process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
