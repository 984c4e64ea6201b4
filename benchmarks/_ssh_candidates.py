"""`ssh_load.py`'s candidates: an asyncssh client that reads the session's bytes (or, with
`--pyte`, emulates its screen), and what it types."""

from __future__ import annotations

import asyncio
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import asyncssh
import pyte

QUESTION = re.compile(r"Question (\d+) of (\d+)")
#: The welcome screen once the bank is in: the Quick choice shows its size.
QUICK_SIZED = re.compile(r"Quick\s+(up to )?\d+ questions")
PLAIN_QUESTIONS = 30
#: A cursor move: in the text read from raw bytes it stands for a line break.
CURSOR_MOVE = re.compile(rb"\x1b\[[0-9;]*[HfABCDEFG]")
#: Any other escape sequence (CSI, OSC, or a two-byte escape): dropped from the text.
ESCAPE = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


def text_of(data: bytes) -> str:
    """The text in a terminal's byte stream: escapes dropped, a cursor move as a line break."""
    return ESCAPE.sub(b"", CURSOR_MOVE.sub(b"\n", data)).decode(errors="replace")


WAIT_SECONDS = 180.0


# --- a candidate's screen --------------------------------------------------------------


class BenchScreen(asyncssh.SSHClientSession[bytes]):
    """A session's output, read raw or on a pyte screen, that notes when the bytes that
    satisfy a predicate arrived."""

    def __init__(self, raw: bool = True) -> None:
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)
        self.bytes_received = 0
        self.raw = raw
        """Bytes are only kept (since the connect, then since the last key), not fed to
        the pyte screen: emulating it cost these clients, which share the machine with
        the server, about 15-30 ms of CPU per candidate up to the first question."""
        self.since_key = bytearray()
        self.closed = asyncio.Event()
        self.exit_status: int | None = None
        self._waiting: tuple[Callable[[], bool], asyncio.Future[float]] | None = None

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        arrived = time.perf_counter()
        self.bytes_received += len(data)
        if self.raw:
            self.since_key.extend(data)
        else:
            self.stream.feed(data)
        if self._waiting is not None:
            predicate, future = self._waiting
            if predicate() and not future.done():
                future.set_result(arrived)
                self._waiting = None

    def exit_status_received(self, status: int) -> None:
        self.exit_status = status

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed.set()
        if self._waiting is not None and not self._waiting[1].done():
            self._waiting[1].set_exception(ConnectionError("the session closed"))

    def text(self) -> str:
        """What the screen shows (raw: the text of the bytes since the connect or key)."""
        if self.raw:
            return text_of(bytes(self.since_key))
        return "\n".join(self.screen.display)

    def row(self, y: int) -> tuple[object, ...]:
        """Row y's characters and their colours and attributes."""
        return tuple(
            (c.data, c.fg, c.bg, c.bold, c.reverse) for c in self.screen.buffer[y].values()
        )

    def line(self, y: int) -> str:
        """Row y's characters."""
        row = self.screen.buffer[y]
        return "".join(row[x].data for x in range(self.screen.columns))

    def snapshot(self) -> list[tuple[object, ...]]:
        return [self.row(y) for y in range(self.screen.lines)]

    def changed_from(self, before: list[tuple[object, ...]]) -> Callable[[], bool]:
        """True once a row differs from `before`: only rows pyte marked dirty are compared.

        The screen's `dirty` set must be cleared when `before` is taken. Comparing the
        few rows a chunk touched, not the whole screen per chunk, keeps these clients'
        CPU (which shares the machine with the server) small.
        """

        def changed() -> bool:
            dirty, self.screen.dirty = self.screen.dirty, set()
            return any(self.row(y) != before[y] for y in dirty if y < len(before))

        return changed

    def shows_on_a_changed_row(self, text: str) -> Callable[[], bool]:
        """True once `text` is on a row drawn since `dirty` was cleared."""

        def shows() -> bool:
            dirty, self.screen.dirty = self.screen.dirty, set()
            return any(text in self.line(y) for y in dirty)

        return shows

    def output_arrived(self) -> Callable[[], bool]:
        """Raw mode: True once any byte has come since the key."""
        return lambda: len(self.since_key) > 0

    def bytes_arrived(self, text: str) -> Callable[[], bool]:
        """Raw mode: True once `text` is in the bytes that came since the key."""
        needle = text.encode()
        return lambda: needle in self.since_key

    async def until(self, predicate: Callable[[], bool], timeout: float = WAIT_SECONDS) -> float:
        """Wait for `predicate()`; the perf_counter time the deciding bytes arrived."""
        if predicate():
            return time.perf_counter()
        future: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._waiting = (predicate, future)
        return await asyncio.wait_for(future, timeout)


# --- what a candidate does, per program -------------------------------------------------


class Flow:
    """The skillcheck app: welcome, Enter (quick), per question a digit then Enter, `q`."""

    saves_results = True

    def painted(self, screen: BenchScreen) -> Callable[[], bool]:
        """The first frame: the welcome text, its choices and the Footer."""
        return lambda: "Quick" in screen.text() and "Quit" in screen.text()

    def welcomed(self, screen: BenchScreen) -> Callable[[], bool]:
        """Ready: the bank is loaded and the choices show their sizes."""
        return lambda: QUICK_SIZED.search(screen.text()) is not None and "Quit" in screen.text()

    async def begin(self, channel: asyncssh.SSHClientChannel[bytes], screen: BenchScreen) -> int:
        channel.write(b"\r")
        await screen.until(lambda: QUESTION.search(screen.text()) is not None)
        match = QUESTION.search(screen.text())
        assert match
        return int(match[2])

    def keys(self, screen: BenchScreen, k: int, total: int) -> list[tuple[bytes, object]]:
        """The two keys of question k and what each must show (None: any change)."""
        expected = f"Question {k + 1} of {total}" if k < total else f"answered {total} of"
        return [(b"1", None), (b"\r", expected)]


class PlainFlow(Flow):
    """The plain app: its label and Footer, then Down and Up in the RadioSet, `q`."""

    saves_results = False

    def painted(self, screen: BenchScreen) -> Callable[[], bool]:
        return self.welcomed(screen)

    def welcomed(self, screen: BenchScreen) -> Callable[[], bool]:
        return lambda: "Baseline ready" in screen.text() and "Quit" in screen.text()

    async def begin(self, channel: asyncssh.SSHClientChannel[bytes], screen: BenchScreen) -> int:
        return PLAIN_QUESTIONS

    def keys(self, screen: BenchScreen, k: int, total: int) -> list[tuple[bytes, object]]:
        return [(b"\x1b[B", None), (b"\x1b[A", None)]


@dataclass
class ClientRun:
    painted_s: float | None = None
    welcome_s: float | None = None
    welcomed_at: float | None = None
    """perf_counter() when its welcome was ready."""
    sent_at: list[float] = field(default_factory=list)
    """perf_counter() when each key was sent, in the order of first_ms/second_ms pairs."""
    first_ms: list[float] = field(default_factory=list)
    second_ms: list[float] = field(default_factory=list)
    questions: int = 0
    error: str = ""


async def press(
    channel: asyncssh.SSHClientChannel[bytes], screen: BenchScreen, key: bytes, shows: object
) -> float:
    """Send `key`; milliseconds until the screen shows `shows` (or changes, for None)."""
    if screen.raw:
        screen.since_key.clear()
        predicate = screen.output_arrived() if shows is None else screen.bytes_arrived(str(shows))
    else:
        screen.screen.dirty.clear()
        if shows is None:
            predicate = screen.changed_from(screen.snapshot())
        else:
            predicate = screen.shows_on_a_changed_row(str(shows))
    sent = time.perf_counter()
    channel.write(key)
    return (await screen.until(predicate) - sent) * 1000


@dataclass
class Plan:
    """How one candidate behaves in a scenario."""

    arrive_after: float = 0.0
    answer: bool = True
    think: float = 1.0
    """Seconds between an answer and the next (the digit), jittered +-50%."""
    enter_after: tuple[float, float] = (0.1, 0.3)
    """Seconds between the digit and Enter, as a fraction range of `think`."""
    raw: bool = True
    """Read the bytes without emulating the screen (see `ssh_load.py`'s docstring)."""
    welcome_from_arrival: bool = False
    """Time the welcome from this candidate's own connect (else from the storm's start)."""


async def candidate(
    port: int,
    flow: Flow,
    plan: Plan,
    run: ClientRun,
    started: float,
    welcomed: Callable[[], None],
    go: asyncio.Event,
) -> None:
    await asyncio.sleep(plan.arrive_after)
    key = asyncssh.generate_private_key("ssh-ed25519")
    arrived = time.perf_counter()
    try:
        conn = await asyncssh.connect(
            "127.0.0.1", port, client_keys=[key], known_hosts=None, agent_path=None, config=[]
        )
    except (OSError, asyncssh.Error) as exc:
        run.error = f"connect: {type(exc).__name__}: {exc}"
        welcomed()
        return
    try:
        channel, screen = await conn.create_session(
            lambda: BenchScreen(plan.raw),
            term_type="xterm-256color",
            term_size=(80, 24),
            encoding=None,
        )
        since = arrived if plan.welcome_from_arrival else started
        run.painted_s = await screen.until(flow.painted(screen)) - since
        run.welcomed_at = await screen.until(flow.welcomed(screen))
        run.welcome_s = run.welcomed_at - since
        welcomed()
        await go.wait()
        if plan.answer:
            await asyncio.sleep(random.uniform(0.0, plan.think))
            total = await flow.begin(channel, screen)
            for k in range(1, total + 1):
                await asyncio.sleep(plan.think * random.uniform(0.5, 1.5))
                (first, first_shows), (second, second_shows) = flow.keys(screen, k, total)
                run.sent_at.append(time.perf_counter())
                run.first_ms.append(await press(channel, screen, first, first_shows))
                await asyncio.sleep(plan.think * random.uniform(*plan.enter_after))
                run.second_ms.append(await press(channel, screen, second, second_shows))
            run.questions = total
        await asyncio.sleep(0.3)
        channel.write(b"q")
        await asyncio.wait_for(screen.closed.wait(), 60)
        if screen.exit_status != 0:
            run.error = f"exit status {screen.exit_status}"
    except Exception as exc:
        run.error = f"{type(exc).__name__}: {exc}"
        welcomed()
    finally:
        conn.close()
