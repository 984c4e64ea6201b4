"""The server's side of the zygote: start it, ask it for sessions, restart it if it dies.

The zygote is `python -m skillcheck.zygote`, a process of its own with an environment
built from scratch, started before the host key is loaded; this module never imports
it (it imports the app). They talk over a socket pair (`zygote_protocol`).

The zygote is the parent of every session it forks, so it reaps them and reports each
exit status: only a parent can collect one. If it dies, running sessions carry on (they
hold their own pty; the server still hangs them up by process group) and are watched
through a pidfd instead, their exit status unknown. A new zygote is started, and until
it is ready new sessions wait for it, then start by exec (today's `--no-zygote` path).
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
import sys
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from skillcheck.ssh import zygote_protocol as protocol
from skillcheck.ssh.zygote_protocol import SessionSpec

log = logging.getLogger("skillcheck.ssh")

ZYGOTE_MODULE = "skillcheck.zygote"
#: How long a new session waits for a (re)starting zygote before it starts by exec.
READY_WAIT_SECONDS = 20.0
#: How long a fork may take to be reported, however busy the machine.
SPAWN_TIMEOUT_SECONDS = 30.0
#: Waits before each restart after the zygote died; a zygote up this long resets them.
RESTART_DELAYS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
STABLE_SECONDS = 60.0
STOP_WAIT_SECONDS = 5.0
#: The exit status reported for a session whose zygote died before it ended.
EXIT_STATUS_UNKNOWN = 1


class ZygoteUnavailable(Exception):
    """No zygote to fork from right now: the session starts by exec instead."""


class ZygoteSpawnError(OSError):
    """The zygote forked, but the child could not become a session (the reason in words)."""


def zygote_environment(path: str) -> dict[str, str]:
    """The zygote's whole environment: what every session shares, nothing per candidate.

    Modules read some variables when imported; sessions get their own environment
    (`child.child_environment`) after the fork, on top of these same values.
    """
    return {
        "LANG": "C.UTF-8",
        "PATH": path,
        "PYTHONBREAKPOINT": "0",
        "PYTHONSAFEPATH": "1",
        "SKILLCHECK_SERVED": "1",
    }


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


class _Link:
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
            log.info("zygote ready: pid %d, loaded in %.1fs", reply.pid, reply.seconds)
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


class Zygote:
    """Keeps one zygote running for the server; `spawn` forks a session from it."""

    def __init__(self, entry: str, bank_dir: Path | None, path: str):
        self.entry = entry
        self.bank_dir = bank_dir
        self._path = path
        self._link: _Link | None = None
        self._changed = asyncio.Event()
        self._closing = False
        self._failures = 0
        self._restart: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def pid(self) -> int | None:
        """The running zygote's pid (None while there is none)."""
        link = self._link
        return link.process.pid if link is not None and not link.lost else None

    async def start(self) -> None:
        """Start the zygote process; it loads in the background (`spawn` waits for it)."""
        if self._closing:
            return
        server_end, zygote_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        argv = [sys.executable, "-m", ZYGOTE_MODULE, "--fd", str(zygote_end.fileno())]
        argv += ["--entry", self.entry]
        if self.bank_dir is not None:
            argv += ["--bank", str(self.bank_dir)]
        try:
            process = await asyncio.create_subprocess_exec(
                *argv,
                pass_fds=(zygote_end.fileno(),),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.PIPE,
                cwd="/",
                env=zygote_environment(self._path),
                start_new_session=True,
            )
        except OSError as exc:
            server_end.close()
            log.error("cannot start the zygote (%s); sessions start by exec", exc)
            self._failures += 1
            self._schedule_restart()
            return
        finally:
            zygote_end.close()
        server_end.setblocking(False)
        link = _Link(process, server_end)
        self._link = link
        self._changed.set()
        loop = asyncio.get_running_loop()
        loop.add_reader(server_end, self._read, link)
        self._track(self._watch_exit(link))
        self._track(self._log_stderr(link))
        log.info("zygote started: pid %d", process.pid)

    async def spawn(self, spec: SessionSpec, pty_fd: int) -> ForkedProcess:
        """Fork a session; ZygoteUnavailable if no zygote is ready in time."""
        deadline = time.monotonic() + READY_WAIT_SECONDS
        while True:
            link = self._link
            if self._closing:
                raise ZygoteUnavailable("the server is stopping")
            if link is not None and not link.lost and link.ready.is_set():
                return await link.spawn(spec, pty_fd)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ZygoteUnavailable(
                    f"no zygote ready after {READY_WAIT_SECONDS:.0f} s"
                    if link is None or link.lost
                    else f"the zygote is still loading after {READY_WAIT_SECONDS:.0f} s"
                )
            self._changed.clear()
            waits = [asyncio.ensure_future(self._changed.wait())]
            if link is not None and not link.lost:
                waits.append(asyncio.ensure_future(link.ready.wait()))
            _, waiting = await asyncio.wait(
                waits, timeout=remaining, return_when=asyncio.FIRST_COMPLETED
            )
            for task in waiting:
                task.cancel()

    async def close(self) -> None:
        """Stop the zygote; the sessions it forked are not touched (they are the server's)."""
        self._closing = True
        self._changed.set()
        if self._restart is not None:
            self._restart.cancel()
        link = self._link
        if link is not None and not link.lost:
            link.drop("the server is stopping")
            # It holds nothing worth a goodbye: stop it even if it is still loading.
            with contextlib.suppress(ProcessLookupError):
                link.process.terminate()
            try:
                await asyncio.wait_for(link.process.wait(), STOP_WAIT_SECONDS)
            except TimeoutError:
                link.kill()
        # The stderr reader ends at the zygote's exit; let it, so its pipe is closed.
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=STOP_WAIT_SECONDS)
        for task in list(self._tasks):
            task.cancel()

    # --- the running zygote --------------------------------------------------------------

    def _read(self, link: _Link) -> None:
        while not link.lost:
            try:
                message = link.channel.recv(protocol.MAX_MESSAGE)
            except BlockingIOError:
                return
            except OSError as exc:
                self._lose(link, f"its channel failed: {exc}")
                return
            if not message:
                self._lose(link, "its channel closed")
                return
            try:
                reply = protocol.decode_reply(message)
            except protocol.ProtocolError as exc:
                log.warning("zygote: %s", exc)
                continue
            if isinstance(reply, protocol.Ready):
                self._changed.set()
            link.handle(reply)

    async def _watch_exit(self, link: _Link) -> None:
        status = await link.process.wait()
        self._lose(link, f"pid {link.process.pid} exited with status {status}")

    async def _log_stderr(self, link: _Link) -> None:
        stream = link.process.stderr
        assert stream is not None
        while line := await stream.readline():
            log.warning("zygote: %s", line.decode("utf-8", "replace").rstrip())

    def _lose(self, link: _Link, reason: str) -> None:
        if link.lost:
            return
        link.drop(reason)
        link.kill()  # if only its channel broke, it must not linger
        self._changed.set()
        if self._closing:
            return
        stable = link.ready.is_set() and time.monotonic() - link.ready_at >= STABLE_SECONDS
        self._failures = 0 if stable else self._failures + 1
        log.warning(
            "zygote stopped (%s); starting a new one, new sessions wait for it or start by exec",
            reason,
        )
        self._schedule_restart()

    def _schedule_restart(self) -> None:
        if self._closing:
            return
        delay = RESTART_DELAYS[min(self._failures, len(RESTART_DELAYS) - 1)]
        loop = asyncio.get_running_loop()
        self._restart = loop.call_later(delay, lambda: self._track(self.start()))

    def _track(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task: asyncio.Task[None] = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
