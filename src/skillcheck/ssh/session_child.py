"""The child side of one SSH session, from its admission to its exit status.

Admitted (`limits.Admission`), it waits for a start turn (`start_gate`), starts the app
(forked from the zygote, else by exec) in its own pty, bridges it to the channel, and
ends it when the app exits, the client is idle too long or the session's time is up;
then it stops the child, tells the client why and logs how the session went. The
channel's side (what a client may ask for, refusals) is `session.CandidateSession`.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import asyncssh

from skillcheck.ssh.bridge import PtyBridge
from skillcheck.ssh.child import ChildTerminal, PtyChild, plain_flag, terminal_from_client
from skillcheck.ssh.hub import STOP_GRACE_SECONDS, ServerHub, log, shown
from skillcheck.ssh.identity import CandidateIdentity, candidate_dir, results_path
from skillcheck.ssh.start_gate import Turn
from skillcheck.ssh.zygote_link import ZygoteUnavailable

# After the app exits, how long its last output may take to arrive.
EXIT_DRAIN_SECONDS = 0.5
# The watchdog's longest sleep; also how often the client's variables are counted.
WATCHDOG_TICK_SECONDS = 1.0


class SessionEnd:
    """Why a session ends: the first reason given wins, with the words the client sees."""

    def __init__(self) -> None:
        self.event = asyncio.Event()
        self.reason = ""
        self.message: str | None = None
        self.client_gone = False
        """The client left: nothing can be written to it any more."""

    def end(self, reason: str, message: str | None = None) -> None:
        if not self.event.is_set():
            self.reason = reason
            self.message = message
            self.event.set()

    def is_set(self) -> bool:
        return self.event.is_set()


class SessionChild:
    """Runs one session's app; `bridge` is set while the app runs (keys go through it)."""

    def __init__(
        self,
        hub: ServerHub,
        channel: asyncssh.SSHServerChannel[bytes],
        identity: CandidateIdentity,
        *,
        who: str,
        term_type: str,
        size: Callable[[], tuple[int, int]],
        ending: SessionEnd,
        refuse: Callable[[str, str], None],
        check_client: Callable[[], None],
    ) -> None:
        self._hub = hub
        self._channel = channel
        self._identity = identity
        self._who = who
        self._term_type = term_type
        self._size = size
        """The client's terminal size now (it may change while the session waits)."""
        self._ending = ending
        self._refuse = refuse
        """Say no to the client in words: (reason logged, message shown)."""
        self._check_client = check_client
        """Ends the session when the client is no longer a terminal; called every tick."""
        self.bridge: PtyBridge | None = None

    async def run(self) -> None:
        channel = self._channel
        refusal = self._hub.admission.admit_session(self._identity.safe_id)
        if refusal is not None:
            self._refuse("session (limit reached)", refusal)
            return
        try:
            # Wait for a turn to start (ssh/start_gate.py); the turn ends with the first
            # frame, the session's end, or TURN_SECONDS, whichever comes first.
            turn = await self._hub.start_gate.wait_turn()
            try:
                if not self._ending.is_set():  # the client may have left while it waited
                    await self._run_admitted(channel, turn)
            finally:
                turn.done()
        finally:
            self._hub.admission.release_session(self._identity.safe_id)

    async def _run_admitted(self, channel: asyncssh.SSHServerChannel[bytes], turn: Turn) -> None:
        config = self._hub.config
        folder = candidate_dir(config.data_dir, self._identity)
        results = results_path(folder)
        terminal, dropped = terminal_from_client(
            self._term_type, *self._size(), channel.get_environment()
        )
        if dropped:
            log.info("%s: refused client variables %s", self._who, shown(dropped[:10]))
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            arguments = [*config.app_arguments(results), *plain_flag(terminal)]
            child = await self._start_child(arguments, terminal, folder)
        except OSError as exc:
            log.error("%s: cannot start the assessment: %s", self._who, exc)
            self._refuse("session (child failed)", "skillcheck could not start; please try later.")
            return
        started = time.monotonic()
        log.info(
            "%s: session start pid=%d via=%s term=%s size=%dx%d",
            self._who,
            child.pid,
            child.via,
            terminal.term,
            *self._size(),
        )
        ending = self._ending
        bridge = PtyBridge(channel, child, lambda: ending.end("app exited"), on_output=turn.output)
        self.bridge = bridge
        bridge.start()
        # The pty closing (EIO) normally ends the session; if something the app started
        # still holds the pty after the app exits, its exit ends the session instead.
        exit_watch = asyncio.create_task(child.process.wait())
        exit_watch.add_done_callback(
            lambda _: asyncio.get_running_loop().call_later(
                EXIT_DRAIN_SECONDS, ending.end, "app exited"
            )
        )
        try:
            await self._watch(bridge, started)
        finally:
            bridge.detach()
            status = await child.stop(STOP_GRACE_SECONDS)
            child.close()
        if not ending.client_gone:
            bridge.reset_client_terminal(ending.message)
            with contextlib.suppress(OSError):
                channel.exit(status if status >= 0 else 1)
        log.info(
            "%s: session finish (%s) after %.0fs, status=%d, %d bytes in, %d out, results=%s",
            self._who,
            ending.reason,
            time.monotonic() - started,
            status,
            bridge.bytes_from_client,
            bridge.bytes_to_client,
            _fresh_results(results, since=time.time() - (time.monotonic() - started)),
        )

    async def _start_child(
        self, arguments: list[str], terminal: ChildTerminal, folder: Path
    ) -> PtyChild:
        """Fork the session from the zygote; by exec if there is none (or it is not ready)."""
        config = self._hub.config
        zygote = self._hub.zygote
        if zygote is not None:
            try:
                return await PtyChild.fork(zygote, arguments, terminal, folder, config.limits)
            except ZygoteUnavailable as exc:
                log.warning("%s: %s; this session starts by exec", self._who, exc)
        command = [*config.child_command, *arguments]
        return await PtyChild.spawn(command, terminal, folder, config.limits)

    async def _watch(self, bridge: PtyBridge, started: float) -> None:
        limits = self._hub.config.limits
        ending = self._ending
        while not ending.is_set():
            idle_left = limits.idle_timeout - bridge.idle_seconds()
            time_left = limits.max_session_time - (time.monotonic() - started)
            if idle_left <= 0:
                minutes = max(1, round(limits.idle_timeout / 60))
                ending.end(
                    "idle timeout",
                    f"Closed after {minutes} min without a key press. Your answers are saved: "
                    "connect again to resume.",
                )
            elif time_left <= 0:
                ending.end(
                    "session time limit",
                    "This session reached its time limit. Your answers are saved: "
                    "connect again to resume.",
                )
            else:
                self._check_client()
                wait = min(idle_left, time_left, WATCHDOG_TICK_SECONDS)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(ending.event.wait(), wait)


def _fresh_results(path: Path, since: float) -> str:
    """The results file if this session wrote it, else "none"."""
    try:
        written = path.stat().st_mtime >= since - 1
    except OSError:
        written = False
    return str(path) if written else "none"
