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
import contextlib
import logging
import socket
import sys
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from skillcheck.ssh import zygote_protocol as protocol
from skillcheck.ssh.zygote_link import ForkedProcess, ZygoteLink, ZygoteUnavailable
from skillcheck.ssh.zygote_protocol import SessionSpec

log = logging.getLogger("skillcheck.ssh")

ZYGOTE_MODULE = "skillcheck.zygote"
#: How long a new session waits for a (re)starting zygote before it starts by exec.
READY_WAIT_SECONDS = 20.0
#: Waits before each restart after the zygote died; a zygote up this long resets them.
RESTART_DELAYS = (0.5, 1.0, 2.0, 5.0, 10.0, 30.0)
STABLE_SECONDS = 60.0
STOP_WAIT_SECONDS = 5.0


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


class Zygote:
    """Keeps one zygote running for the server; `spawn` forks a session from it."""

    def __init__(self, entry: str, bank_dir: Path | None, path: str):
        self.entry = entry
        self.bank_dir = bank_dir
        self._path = path
        self._link: ZygoteLink | None = None
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
        link = ZygoteLink(process, server_end)
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

    def _read(self, link: ZygoteLink) -> None:
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

    async def _watch_exit(self, link: ZygoteLink) -> None:
        status = await link.process.wait()
        self._lose(link, f"pid {link.process.pid} exited with status {status}")

    async def _log_stderr(self, link: ZygoteLink) -> None:
        stream = link.process.stderr
        assert stream is not None
        while line := await stream.readline():
            log.warning("zygote: %s", line.decode("utf-8", "replace").rstrip())

    def _lose(self, link: ZygoteLink, reason: str) -> None:
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
