"""Sessions start a few at a time: turns, their end at the first frame, their time limit."""

from __future__ import annotations

import asyncio
import os
from typing import Any, cast

from skillcheck.ssh.bridge import PtyBridge
from skillcheck.ssh.start_gate import FIRST_FRAME_BYTES, QUIET_SECONDS, StartGate


async def test_a_session_waits_for_a_turn_while_as_many_as_there_are_slots_start() -> None:
    gate = StartGate(slots=2, turn_seconds=60)
    first = await gate.wait_turn()
    second = await gate.wait_turn()
    third = asyncio.create_task(gate.wait_turn())
    await asyncio.sleep(0.01)
    assert not third.done()

    second.done()
    turn = await asyncio.wait_for(third, 5)
    assert turn.held and first.held and not second.held


async def test_a_turn_given_back_twice_frees_one_slot_only() -> None:
    gate = StartGate(slots=1, turn_seconds=60)
    turn = await gate.wait_turn()
    turn.done()
    turn.done()
    await gate.wait_turn()
    waiting = asyncio.create_task(gate.wait_turn())
    await asyncio.sleep(0.01)
    assert not waiting.done()
    waiting.cancel()


async def test_a_session_slow_to_draw_gives_its_turn_back_when_the_time_is_up() -> None:
    gate = StartGate(slots=1, turn_seconds=0.05)
    stuck = await gate.wait_turn()
    await asyncio.wait_for(gate.wait_turn(), 5)
    assert not stuck.held


async def test_a_turn_ends_at_the_first_frame_or_when_the_output_pauses() -> None:
    gate = StartGate(slots=2, turn_seconds=60)
    framed = await gate.wait_turn()
    framed.output(300)  # the app's set-up sequences
    assert framed.held
    framed.output(300 + FIRST_FRAME_BYTES)
    assert not framed.held

    small = await gate.wait_turn()  # a first screen smaller than a frame (plain mode)
    small.output(500)
    await asyncio.sleep(QUIET_SECONDS / 2)
    small.output(900)  # more output: the pause starts again
    await asyncio.sleep(QUIET_SECONDS * 0.75)
    assert small.held
    await asyncio.sleep(QUIET_SECONDS)
    assert not small.held


class _Channel:
    def __init__(self) -> None:
        self.written = bytearray()

    def write(self, data: bytes) -> None:
        self.written += data


class _Child:
    def __init__(self, fd: int) -> None:
        self.master_fd = fd


async def test_the_bridge_reports_the_bytes_sent_so_far_after_each_read() -> None:
    read_fd, write_fd = os.pipe()
    os.set_blocking(read_fd, False)
    channel = _Channel()
    reports: list[tuple[int, int]] = []
    bridge = PtyBridge(
        cast(Any, channel),
        cast(Any, _Child(read_fd)),
        lambda: None,
        on_output=lambda total: reports.append((total, len(channel.written))),
    )
    bridge.start()
    try:
        os.write(write_fd, b"\x1b[?1049h")
        await _until(lambda: len(reports) == 1)
        os.write(write_fd, b"x" * 100)
        await _until(lambda: len(reports) == 2)
        # Told before the bytes go on, so a turn is given back as the frame goes out.
        assert reports == [(8, 0), (108, 8)]
    finally:
        bridge.detach()
        os.close(read_fd)
        os.close(write_fd)


async def _until(condition: Any) -> None:
    for _ in range(500):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the bridge never passed the bytes on")
