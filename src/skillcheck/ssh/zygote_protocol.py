"""The private channel between `skillcheck serve` and its zygote (standard library only).

The channel is one end of a Unix `SOCK_SEQPACKET` socket pair that the zygote inherits:
no path in the file system, so no other process can connect to it, and one datagram is
one message. The server sends only spawn requests, each with the slave side of the
session's pseudo-terminal attached (SCM_RIGHTS). The zygote answers with small JSON
messages: ready, started (the session's pid), failed, exited (its exit status).

A spawn request is a fixed header (magic, request id) followed by the JSON of a
`SessionSpec`. The zygote reads only the header: the candidate's folder and terminal are
parsed by the forked child, so no candidate's data ever becomes an object in the
zygote's heap, which every later session would inherit.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Mapping
from dataclasses import dataclass

#: The zygote entry that means "the skillcheck app" (anything else is FILE.py:FUNCTION).
APP_ENTRY = "skillcheck"
#: A datagram larger than this is not ours (a request is well under 4 KiB).
MAX_MESSAGE = 64 * 1024
SPAWN_MAGIC = b"SPWN"
SPAWN_HEADER = struct.Struct("!4sQ")


class ProtocolError(ValueError):
    """A message that does not follow this protocol."""


@dataclass(frozen=True)
class SessionSpec:
    """Everything a forked child needs to become one candidate's session."""

    argv: tuple[str, ...]
    """The app's arguments, as `skillcheck ARGS...` would get them."""
    env: Mapping[str, str]
    """The whole environment, built by the server."""
    memory: int
    files: int
    cpu: int
    cwd: str
    """The candidate's folder (last in the JSON: see `encode_spawn`)."""


def encode_spawn(request_id: int, spec: SessionSpec) -> bytes:
    # The folder comes last so that a short request never leaves the end of a longer,
    # earlier one readable in a reused buffer (the zygote also zeroes it: belt and braces).
    body = {
        "argv": list(spec.argv),
        "env": dict(spec.env),
        "limits": [spec.memory, spec.files, spec.cpu],
        "cwd": spec.cwd,
    }
    return SPAWN_HEADER.pack(SPAWN_MAGIC, request_id) + json.dumps(body).encode()


def spawn_request_id(message: bytes | bytearray | memoryview) -> int:
    """The request id in a spawn request's header (the only part the zygote reads)."""
    if len(message) < SPAWN_HEADER.size:
        raise ProtocolError("short spawn request")
    magic, request_id = SPAWN_HEADER.unpack_from(message)
    if magic != SPAWN_MAGIC:
        raise ProtocolError("not a spawn request")
    return int(request_id)


def decode_spawn(message: bytes | bytearray | memoryview) -> SessionSpec:
    """The session spec of a spawn request (parsed in the forked child only)."""
    spawn_request_id(message)
    try:
        body = json.loads(bytes(message[SPAWN_HEADER.size :]))
        memory, files, cpu = (int(value) for value in body["limits"])
        argv, env, cwd = body["argv"], body["env"], body["cwd"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ProtocolError(f"bad spawn request ({exc})") from None
    if not (
        isinstance(argv, list)
        and all(isinstance(item, str) for item in argv)
        and isinstance(env, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in env.items())
        and isinstance(cwd, str)
    ):
        raise ProtocolError("bad spawn request (a field of the wrong type)")
    return SessionSpec(argv=tuple(argv), env=env, memory=memory, files=files, cpu=cpu, cwd=cwd)


# --- replies (zygote -> server): JSON, never anything a candidate sent ---------------------


@dataclass(frozen=True)
class Ready:
    """The zygote has loaded everything and waits for requests."""

    pid: int
    seconds: float
    """How long loading took."""
    immortal: int = 0
    """How many objects it made immortal (0: not on this Python; `zygote/immortal.py`)."""


@dataclass(frozen=True)
class Started:
    """Request `request_id` is running as `pid` (a session leader on its pty)."""

    request_id: int
    pid: int


@dataclass(frozen=True)
class Failed:
    """Request `request_id` could not be started; `reason` says why, in words."""

    request_id: int
    reason: str


@dataclass(frozen=True)
class Exited:
    """Session `pid` has ended: `status` is its exit code, or -N if signal N ended it."""

    pid: int
    status: int


@dataclass(frozen=True)
class Notice:
    """Something the server should log (e.g. the warm-up failed; sessions still start)."""

    message: str


Reply = Ready | Started | Failed | Exited | Notice
_REPLY_TYPES: dict[str, type[Reply]] = {
    "ready": Ready,
    "started": Started,
    "failed": Failed,
    "exited": Exited,
    "notice": Notice,
}
_REPLY_NAMES = {kind: name for name, kind in _REPLY_TYPES.items()}


def encode_reply(reply: Reply) -> bytes:
    return json.dumps({"type": _REPLY_NAMES[type(reply)], **reply.__dict__}).encode()


def decode_reply(message: bytes) -> Reply:
    try:
        fields = json.loads(message)
        kind = _REPLY_TYPES[fields.pop("type")]
        return kind(**fields)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ProtocolError(f"bad reply from the zygote ({exc})") from None
