"""Types the SSH tests share (kept out of conftest.py, which is not importable by name)."""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from skillcheck.ssh.child import DEFAULT_CHILD_COMMAND
from skillcheck.ssh.hub import ServerHub
from skillcheck.ssh.zygote_protocol import APP_ENTRY

ECHO_FILE = Path(__file__).with_name("echo_child.py")
#: The stand-in app started by exec (`--no-zygote`), and forked from a zygote.
ECHO_CHILD = (sys.executable, str(ECHO_FILE))
ECHO_ENTRY = f"{ECHO_FILE}:main"
#: `start(**VIA[via])` starts sessions forked from the zygote (the default) or by exec.
VIA: dict[str, dict[str, object]] = {"zygote": {}, "exec": {"zygote_entry": None}}
#: `start(**REAL_APP)` serves the real app (forked from a zygote that preloads it).
REAL_APP: dict[str, object] = {"child_command": DEFAULT_CHILD_COMMAND, "zygote_entry": APP_ENTRY}


@dataclass
class RunningServer:
    acceptor: asyncssh.SSHAcceptor
    port: int
    hub: ServerHub
    data_dir: Path


StartServer = Callable[..., Awaitable[RunningServer]]
