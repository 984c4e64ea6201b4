"""The zygote's channel: the messages, and the zygote process driven by hand over a socket pair."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from ssh_server_fixture import ECHO_ENTRY

from skillcheck.ssh import zygote_protocol as protocol
from skillcheck.ssh.zygote_protocol import SessionSpec

SPEC = SessionSpec(
    argv=("--output", "/srv/candidates/ab/results.toml"),
    env={"TERM": "xterm", "HOME": "/srv/candidates/ab"},
    memory=1 << 30,
    files=256,
    cpu=900,
    cwd="/srv/candidates/ab",
)


def test_a_spawn_request_round_trips_and_ends_with_the_folder() -> None:
    message = protocol.encode_spawn(7, SPEC)
    assert protocol.spawn_request_id(message) == 7
    assert protocol.decode_spawn(message) == SPEC
    assert message.rstrip(b'"}').endswith(SPEC.cwd.encode())


@pytest.mark.parametrize(
    "reply",
    [
        protocol.Ready(pid=10, seconds=1.5),
        protocol.Started(request_id=3, pid=11),
        protocol.Failed(request_id=3, reason="no such folder"),
        protocol.Exited(pid=11, status=-9),
        protocol.Notice(message="warm-up failed"),
    ],
)
def test_replies_round_trip(reply: protocol.Reply) -> None:
    assert protocol.decode_reply(protocol.encode_reply(reply)) == reply


@pytest.mark.parametrize(
    "message",
    [
        b"",
        b"SPWN",
        b"NOPE" + bytes(8) + b"{}",
        protocol.SPAWN_HEADER.pack(b"SPWN", 1) + b"not json",
        protocol.SPAWN_HEADER.pack(b"SPWN", 1) + b'{"argv": [1], "env": {}, "limits": [1, 2, 3]}',
        protocol.SPAWN_HEADER.pack(b"SPWN", 1)
        + b'{"argv": [], "env": {"A": 1}, "limits": [1, 2, 3], "cwd": "/"}',
    ],
)
def test_a_malformed_spawn_request_is_refused(message: bytes) -> None:
    with pytest.raises(protocol.ProtocolError):
        protocol.decode_spawn(message)


@pytest.mark.parametrize("message", [b"", b"{}", b'{"type": "wat"}', b'{"type": "ready"}', b"[1]"])
def test_a_malformed_reply_is_refused(message: bytes) -> None:
    with pytest.raises(protocol.ProtocolError):
        protocol.decode_reply(message)


# --- the zygote process, by hand -----------------------------------------------------------


ENTRY = ("--entry", ECHO_ENTRY)


class HandDriven:
    """A zygote running the stand-in app, and our end of its channel."""

    def __init__(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.channel = ours
        self.process = subprocess.Popen(
            [sys.executable, "-m", "skillcheck.zygote", "--fd", str(theirs.fileno()), *ENTRY],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        theirs.close()
        self.channel.settimeout(30)

    def reply(self) -> protocol.Reply:
        return protocol.decode_reply(self.channel.recv(protocol.MAX_MESSAGE))

    def spawn(self, request_id: int, spec: SessionSpec, fds: list[int]) -> None:
        socket.send_fds(self.channel, [protocol.encode_spawn(request_id, spec)], fds)


@pytest.fixture
def zygote() -> Iterator[HandDriven]:
    driven = HandDriven()
    assert isinstance(driven.reply(), protocol.Ready)
    yield driven
    driven.channel.close()
    driven.process.wait(10)


def test_a_child_that_cannot_set_itself_up_is_reported_in_words(
    zygote: HandDriven, tmp_path: Path
) -> None:
    master, slave = os.openpty()
    spec = SessionSpec(
        argv=("--output", "x"), env={}, memory=1 << 30, files=64, cpu=10, cwd=str(tmp_path / "gone")
    )
    zygote.spawn(5, spec, [slave])
    os.close(slave)
    failed = zygote.reply()
    assert isinstance(failed, protocol.Failed)
    assert failed.request_id == 5
    assert "could not be set up" in failed.reason and "gone" in failed.reason
    exited = zygote.reply()
    assert isinstance(exited, protocol.Exited) and exited.status == 127
    os.close(master)


def test_a_request_without_a_terminal_is_refused(zygote: HandDriven) -> None:
    zygote.spawn(6, SPEC, [])
    assert zygote.reply() == protocol.Failed(6, "the request carried no terminal")


def test_the_zygote_exits_when_the_server_closes_the_channel(zygote: HandDriven) -> None:
    zygote.channel.close()
    assert zygote.process.wait(10) == 0
    assert zygote.process.stderr is not None
    assert zygote.process.stderr.read() == b""


def test_a_started_session_is_reported_with_its_pid_and_later_its_exit(
    zygote: HandDriven, tmp_path: Path
) -> None:
    master, slave = os.openpty()
    spec = SessionSpec(
        argv=("--output", str(tmp_path / "out")),
        env={"TERM": "xterm"},
        memory=1 << 30,
        files=64,
        cpu=10,
        cwd=str(tmp_path),
    )
    zygote.spawn(8, spec, [slave])
    os.close(slave)
    started = zygote.reply()
    assert isinstance(started, protocol.Started) and started.request_id == 8
    os.write(master, b"q\n")  # the stand-in writes its output file and exits 0
    assert zygote.reply() == protocol.Exited(started.pid, 0)
    assert (tmp_path / "out").read_text() == "done = true\n"
    os.close(master)
