"""One SSH session channel: refuse what is not an interactive terminal, else run the child."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import asyncssh

from skillcheck.ssh.bridge import PtyBridge
from skillcheck.ssh.child import (
    ChildTerminal,
    PtyChild,
    plain_flag,
    terminal_from_client,
    valid_term,
)
from skillcheck.ssh.hub import MAX_CLIENT_VARIABLES, STOP_GRACE_SECONDS, ServerHub, log, shown
from skillcheck.ssh.identity import CandidateIdentity, candidate_dir, results_path
from skillcheck.ssh.limits import clamp_terminal_size
from skillcheck.ssh.start_gate import Turn
from skillcheck.ssh.zygote_link import ZygoteUnavailable

RESIZE_COALESCE_SECONDS = 0.05
# After the app exits, how long its last output may take to arrive.
EXIT_DRAIN_SECONDS = 0.5
# The watchdog's longest sleep; also how often the client's variables are counted.
WATCHDOG_TICK_SECONDS = 1.0


class CandidateSession(asyncssh.SSHServerSession[bytes]):
    """Lives from the channel opening to its close; owns at most one child."""

    def __init__(
        self,
        hub: ServerHub,
        address: str,
        identity: CandidateIdentity,
        connect: str,
        on_closed: Callable[[], None],
    ):
        self._hub = hub
        self._on_closed = on_closed
        self._address = address
        self._identity = identity
        self._connect_hint = connect
        self._channel: asyncssh.SSHServerChannel[bytes] | None = None
        self._term_type: str | None = None
        self._size = (0, 0)
        self._refusal: tuple[str, str] | None = None
        self._bridge: PtyBridge | None = None
        self._ended = asyncio.Event()
        self._end_reason = ""
        self._end_message: str | None = None
        self._client_gone = False
        self._task: asyncio.Task[None] | None = None
        self._resize_pending = False

    # --- what the client asks for --------------------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self._channel = chan
        self._hub.sessions.add(self)
        # The client must ask for a shell or command about as soon as it could log in.
        asyncio.get_running_loop().call_later(
            self._hub.config.limits.login_timeout, self._check_started
        )

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: object
    ) -> bool:
        if valid_term(term_type) is None:
            log.info("%s: unusable TERM %s replaced by the default", self._who, shown(term_type))
        self._term_type = term_type
        self._size = clamp_terminal_size(term_size[0], term_size[1])
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        # Accepted only to say why in words; the command itself is never run nor logged.
        self._refusal = (
            "exec request",
            "skillcheck runs the assessment only; commands are not allowed here.\r\n"
            f"Connect without a command: {self._connect_hint}",
        )
        return True

    def subsystem_requested(self, subsystem: str) -> bool:
        # A subsystem (sftp) speaks a binary protocol: no words can reach the user.
        log.info("%s: refused subsystem %s", self._who, shown(subsystem))
        return False

    def session_started(self) -> None:
        if self._refusal is None and self._term_type is None:
            self._refusal = (
                "no pty",
                "skillcheck needs an interactive terminal.\r\n"
                f"Connect from a terminal with: {self._connect_hint}",
            )
        if self._refusal is None and self._channel is not None:
            variables = len(self._channel.get_environment_bytes())
            if variables > MAX_CLIENT_VARIABLES:
                self._refusal = (
                    f"session with {variables} environment variables",
                    "skillcheck: too many environment variables.",
                )
        if self._refusal is not None:
            reason, message = self._refusal
            self._refuse(reason, message)
            return
        self._task = asyncio.create_task(self._run())

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        if self._bridge is not None:
            self._bridge.feed_input(data)
        self._check_client_variables()

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self._size = clamp_terminal_size(width, height)
        # Each resize makes the app redraw: coalesce a burst into one, the latest size.
        if not self._resize_pending:
            self._resize_pending = True
            asyncio.get_running_loop().call_later(RESIZE_COALESCE_SECONDS, self._apply_size)

    def _apply_size(self) -> None:
        self._resize_pending = False
        if self._bridge is not None:
            self._bridge.resize(*self._size)

    def eof_received(self) -> bool:
        # Keep the channel: the child decides when the session is over.
        return True

    def break_received(self, msec: int) -> bool:
        return False

    def pause_writing(self) -> None:
        if self._bridge is not None:
            self._bridge.pause_output()

    def resume_writing(self) -> None:
        if self._bridge is not None:
            self._bridge.resume_output()

    def connection_lost(self, exc: Exception | None) -> None:
        self._client_gone = True
        self._hub.sessions.discard(self)
        self._end("client left")
        self._on_closed()

    # --- ending --------------------------------------------------------------------------

    def shut_down(self, message: str) -> None:
        self._end("server shutting down", message)

    def _end(self, reason: str, message: str | None = None) -> None:
        if not self._ended.is_set():
            self._end_reason = reason
            self._end_message = message
            self._ended.set()

    def _refuse(self, reason: str, message: str) -> None:
        log.info("%s: refused %s", self._who, reason)
        channel = self._channel
        if channel is None:
            return
        text = (message + "\r\n").encode()
        with contextlib.suppress(OSError):
            if self._term_type is None:
                channel.write_stderr(text)
            else:
                channel.write(text)
            channel.exit(1)

    def _check_started(self) -> None:
        if self._task is None and self._refusal is None and not self._client_gone:
            log.info("%s: refused session that never asked for a shell", self._who)
            if self._channel is not None:
                self._channel.close()

    def _check_client_variables(self) -> None:
        channel = self._channel
        if channel is not None and len(channel.get_environment_bytes()) > MAX_CLIENT_VARIABLES:
            self._end("too many environment variables")

    @property
    def _who(self) -> str:
        return f"{self._address} id={self._identity.short_id}"

    # --- running the child ---------------------------------------------------------------

    async def _run(self) -> None:
        channel = self._channel
        assert channel is not None
        refusal = self._hub.admission.admit_session(self._identity.safe_id)
        if refusal is not None:
            self._refuse("session (limit reached)", refusal)
            return
        try:
            # Wait for a turn to start (ssh/start_gate.py); the turn ends with the first
            # frame, the session's end, or TURN_SECONDS, whichever comes first.
            turn = await self._hub.start_gate.wait_turn()
            try:
                if not self._ended.is_set():  # the client may have left while it waited
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
            self._term_type or "", *self._size, channel.get_environment()
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
            *self._size,
        )
        bridge = PtyBridge(channel, child, lambda: self._end("app exited"), on_output=turn.output)
        self._bridge = bridge
        bridge.start()
        # The pty closing (EIO) normally ends the session; if something the app started
        # still holds the pty after the app exits, its exit ends the session instead.
        exit_watch = asyncio.create_task(child.process.wait())
        exit_watch.add_done_callback(
            lambda _: asyncio.get_running_loop().call_later(
                EXIT_DRAIN_SECONDS, self._end, "app exited"
            )
        )
        try:
            await self._watch(bridge, started)
        finally:
            bridge.detach()
            status = await child.stop(STOP_GRACE_SECONDS)
            child.close()
        if not self._client_gone:
            bridge.reset_client_terminal(self._end_message)
            with contextlib.suppress(OSError):
                channel.exit(status if status >= 0 else 1)
        log.info(
            "%s: session finish (%s) after %.0fs, status=%d, %d bytes in, %d out, results=%s",
            self._who,
            self._end_reason,
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
        while not self._ended.is_set():
            idle_left = limits.idle_timeout - bridge.idle_seconds()
            time_left = limits.max_session_time - (time.monotonic() - started)
            if idle_left <= 0:
                minutes = max(1, round(limits.idle_timeout / 60))
                self._end(
                    "idle timeout",
                    f"Closed after {minutes} min without a key press. Your answers are saved: "
                    "connect again to resume.",
                )
            elif time_left <= 0:
                self._end(
                    "session time limit",
                    "This session reached its time limit. Your answers are saved: "
                    "connect again to resume.",
                )
            else:
                self._check_client_variables()
                wait = min(idle_left, time_left, WATCHDOG_TICK_SECONDS)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._ended.wait(), wait)


def _fresh_results(path: Path, since: float) -> str:
    """The results file if this session wrote it, else "none"."""
    try:
        written = path.stat().st_mtime >= since - 1
    except OSError:
        written = False
    return str(path) if written else "none"
