"""An SSH client with a terminal emulator: what a candidate would see, for the SSH tests."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable

import asyncssh
import pyte


class ScreenSession(asyncssh.SSHClientSession[bytes]):
    """Feeds everything the server sends into a pyte screen and keeps the raw bytes."""

    def __init__(self, columns: int, rows: int):
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.stderr = bytearray()
        self.changed = asyncio.Event()
        self.closed = asyncio.Event()
        self.exit_status: int | None = None

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        if datatype == asyncssh.EXTENDED_DATA_STDERR:
            self.stderr.extend(data)
        else:
            self.raw.extend(data)
            self.stream.feed(data)
        self.changed.set()

    def exit_status_received(self, status: int) -> None:
        self.exit_status = status

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed.set()
        self.changed.set()

    def text(self) -> str:
        return "\n".join(self.screen.display)


class TerminalClient:
    """One connected candidate: send keys, wait for the screen to show something."""

    def __init__(
        self,
        conn: asyncssh.SSHClientConnection,
        channel: asyncssh.SSHClientChannel[bytes],
        session: ScreenSession,
    ):
        self.conn = conn
        self.channel = channel
        self.session = session

    @classmethod
    async def open(
        cls,
        port: int,
        key: asyncssh.SSHKey,
        size: tuple[int, int] = (80, 24),
        env: dict[str, str] | None = None,
        term_type: str = "xterm-256color",
    ) -> TerminalClient:
        conn = await connect(port, key)
        channel, session = await conn.create_session(
            lambda: ScreenSession(*size),
            term_type=term_type,
            term_size=size,
            env=env or {},
            encoding=None,
        )
        return cls(conn, channel, session)

    def send(self, keys: str | bytes) -> None:
        self.channel.write(keys.encode() if isinstance(keys, str) else keys)

    def text(self) -> str:
        return self.session.text()

    async def wait_for(self, condition: str | Callable[[str], bool], timeout: float = 10.0) -> str:
        """Wait until the screen contains `condition` (or satisfies it); the screen text."""

        def met(screen: str) -> bool:
            return condition in screen if isinstance(condition, str) else condition(screen)

        deadline = time.monotonic() + timeout
        while True:
            screen = self.text()
            if met(screen):
                return screen
            remaining = deadline - time.monotonic()
            if remaining <= 0 or self.session.closed.is_set():
                raise AssertionError(f"screen never showed {condition!r}:\n{screen}")
            self.session.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.session.changed.wait(), remaining)

    async def wait_closed(self, timeout: float = 10.0) -> None:
        await asyncio.wait_for(self.session.closed.wait(), timeout)

    async def close(self) -> None:
        self.conn.close()
        await self.conn.wait_closed()


async def connect(port: int, key: asyncssh.SSHKey) -> asyncssh.SSHClientConnection:
    """A loopback connection offering only `key` (never the agent or ~/.ssh)."""
    return await asyncssh.connect(
        "127.0.0.1",
        port,
        username="candidate",
        client_keys=[key],
        known_hosts=None,
        agent_path=None,
        config=[],
        password=None,
        kbdint_auth=False,
    )
