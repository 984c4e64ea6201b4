"""Moves bytes between an SSH channel and a child's pty, on the event loop, with backpressure."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import os
import time
from collections.abc import Callable

from asyncssh import SSHServerChannel

from skillcheck.ssh.child import PtyChild
from skillcheck.ssh.limits import INPUT_BUFFER_LIMIT

READ_CHUNK = 64 * 1024

# Undo whatever a full-screen app may have switched on, so a candidate's terminal is
# usable after any ending: mouse reporting (all modes), focus events, bracketed paste,
# in-band resize, the kitty keyboard protocol (popped before leaving the alternate
# screen: each screen has its own stack), application cursor keys and keypad; then
# autowrap and cursor on, colours reset.
TERMINAL_RESET = (
    b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?1016l"
    b"\x1b[?1004l\x1b[?2004l\x1b[?2048l\x1b[<u\x1b[?1l\x1b>"
    b"\x1b[?1049l\x1b[?7h\x1b[?25h\x1b[0m\r\n"
)


class PtyBridge:
    """Pumps one child's pty to one channel and back, counting bytes and idle time.

    Output: read the pty master when readable, write to the channel; while the channel's
    send buffer is over its high-water mark (`pause_output`) the pty is not read, so a
    slow client slows the child instead of growing memory. Input: write keys to the
    master; when the child is not reading, keep at most INPUT_BUFFER_LIMIT bytes and stop
    reading the channel, so the SSH window pushes back on the client.
    """

    def __init__(
        self,
        channel: SSHServerChannel[bytes],
        child: PtyChild,
        on_child_output_closed: Callable[[], None],
        on_output: Callable[[int], None] | None = None,
    ):
        self._channel = channel
        self._child = child
        self._on_output_closed = on_child_output_closed
        self._on_output = on_output
        """Told the bytes sent to the client so far, after each read of the pty."""
        self._loop = asyncio.get_running_loop()
        self._pending_input = bytearray()
        self._reading_output = False
        self._output_paused = False
        self._closed = False
        self.bytes_from_client = 0
        self.bytes_to_client = 0
        self.last_input_at = time.monotonic()

    def start(self) -> None:
        self._watch_output()

    # --- child -> client ---------------------------------------------------------------

    def _watch_output(self) -> None:
        if not self._reading_output and not self._output_paused and not self._closed:
            self._loop.add_reader(self._child.master_fd, self._read_output)
            self._reading_output = True

    def _unwatch_output(self) -> None:
        if self._reading_output:
            self._loop.remove_reader(self._child.master_fd)
            self._reading_output = False

    def _read_output(self) -> None:
        try:
            data = os.read(self._child.master_fd, READ_CHUNK)
        except BlockingIOError:
            return
        except OSError as exc:
            # EIO: every slave fd is closed, i.e. the child has gone.
            if exc.errno not in (errno.EIO, errno.EBADF):
                raise
            data = b""
        if not data:
            self._unwatch_output()
            self._on_output_closed()
            return
        self.bytes_to_client += len(data)
        if self._on_output is not None:
            self._on_output(self.bytes_to_client)
        try:
            self._channel.write(data)
        except OSError:
            # The channel closed under us; connection_lost ends the session.
            self._unwatch_output()

    def pause_output(self) -> None:
        self._output_paused = True
        self._unwatch_output()

    def resume_output(self) -> None:
        self._output_paused = False
        self._watch_output()

    # --- client -> child ---------------------------------------------------------------

    def feed_input(self, data: bytes) -> None:
        if self._closed or not data:
            return
        self.last_input_at = time.monotonic()
        self.bytes_from_client += len(data)
        if self._pending_input:
            self._pending_input.extend(data)
        else:
            written = self._write_master(data)
            if written < len(data):
                self._pending_input.extend(data[written:])
                self._loop.add_writer(self._child.master_fd, self._flush_input)
        if self._pending_input:
            self._channel.pause_reading()
            if len(self._pending_input) > INPUT_BUFFER_LIMIT:
                # Only reachable if the client ignores the SSH window; drop the flood.
                del self._pending_input[INPUT_BUFFER_LIMIT:]

    def _write_master(self, data: bytes | bytearray) -> int:
        try:
            return os.write(self._child.master_fd, data)
        except BlockingIOError:
            return 0
        except OSError:
            # The child is gone; its exit is reported through the output side.
            self._pending_input.clear()
            return len(data)

    def _flush_input(self) -> None:
        written = self._write_master(self._pending_input)
        del self._pending_input[:written]
        if not self._pending_input:
            self._loop.remove_writer(self._child.master_fd)
            if not self._closed:
                self._channel.resume_reading()

    def resize(self, columns: int, rows: int) -> None:
        self._child.resize(columns, rows)

    def idle_seconds(self) -> float:
        return time.monotonic() - self.last_input_at

    # --- ending --------------------------------------------------------------------------

    def detach(self) -> None:
        """Stop moving bytes either way (the child is about to be stopped)."""
        self._closed = True
        self._unwatch_output()
        with contextlib.suppress(ValueError, OSError):
            self._loop.remove_writer(self._child.master_fd)
        self._pending_input.clear()

    def reset_client_terminal(self, message: str | None = None) -> None:
        """Send the reset sequences (and a closing line) if the channel is still open."""
        text = TERMINAL_RESET
        if message:
            text += message.encode("utf-8", "replace") + b"\r\n"
        with contextlib.suppress(OSError, BrokenPipeError):
            self._channel.write(text)
