"""One SSH session channel: refuse what is not an interactive terminal, else run the child.

This is the channel's side (what the client asks for, refusals, keys and resizes passed
on); the child's side, from admission to exit status, is `session_child.SessionChild`.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

import asyncssh

from skillcheck.ssh.bridge import PtyBridge
from skillcheck.ssh.child import valid_term
from skillcheck.ssh.hub import MAX_CLIENT_VARIABLES, ServerHub, log, shown
from skillcheck.ssh.identity import CandidateIdentity
from skillcheck.ssh.limits import clamp_terminal_size
from skillcheck.ssh.session_child import SessionChild, SessionEnd

RESIZE_COALESCE_SECONDS = 0.05


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
        self._ending = SessionEnd()
        self._child: SessionChild | None = None
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
        assert self._channel is not None
        self._child = SessionChild(
            self._hub,
            self._channel,
            self._identity,
            who=self._who,
            term_type=self._term_type or "",
            size=lambda: self._size,
            ending=self._ending,
            refuse=self._refuse,
            check_client=self._check_client_variables,
        )
        self._task = asyncio.create_task(self._child.run())

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
        self._ending.client_gone = True
        self._hub.sessions.discard(self)
        self._ending.end("client left")
        self._on_closed()

    # --- ending --------------------------------------------------------------------------

    def shut_down(self, message: str) -> None:
        self._ending.end("server shutting down", message)

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
        if self._task is None and self._refusal is None and not self._ending.client_gone:
            log.info("%s: refused session that never asked for a shell", self._who)
            if self._channel is not None:
                self._channel.close()

    def _check_client_variables(self) -> None:
        channel = self._channel
        if channel is not None and len(channel.get_environment_bytes()) > MAX_CLIENT_VARIABLES:
            self._ending.end("too many environment variables")

    @property
    def _who(self) -> str:
        return f"{self._address} id={self._identity.short_id}"

    @property
    def _bridge(self) -> PtyBridge | None:
        """The child's bridge while the app runs: keys, resizes and flow control go to it."""
        return self._child.bridge if self._child is not None else None
