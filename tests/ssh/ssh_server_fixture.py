"""Types the SSH tests share (kept out of conftest.py, which is not importable by name)."""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from skillcheck.ssh.hub import ServerHub

ECHO_CHILD = (sys.executable, str(Path(__file__).with_name("echo_child.py")))


@dataclass
class RunningServer:
    acceptor: asyncssh.SSHAcceptor
    port: int
    hub: ServerHub
    data_dir: Path


StartServer = Callable[..., Awaitable[RunningServer]]
