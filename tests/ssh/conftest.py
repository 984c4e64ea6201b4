"""Fixtures for the SSH tests: a server on a random loopback port with a temp data folder."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import asyncssh
import pytest
from ssh_server_fixture import ECHO_CHILD, ECHO_ENTRY, RunningServer, StartServer

from skillcheck.ssh.hub import ServeConfig, ServerHub
from skillcheck.ssh.limits import ServeLimits
from skillcheck.ssh.server import start_server, stop_server


@pytest.fixture(scope="session")
def client_key() -> asyncssh.SSHKey:
    return asyncssh.generate_private_key("ssh-ed25519")


@pytest.fixture(scope="session")
def other_key() -> asyncssh.SSHKey:
    return asyncssh.generate_private_key("ssh-ed25519")


@pytest.fixture
async def start(tmp_path: Path) -> AsyncIterator[StartServer]:
    """`await start(**ServeConfig fields, limits=ServeLimits(...))`; stopped after the test."""
    running: list[tuple[asyncssh.SSHAcceptor, ServerHub]] = []

    async def _start(**overrides: Any) -> RunningServer:
        config = ServeConfig(
            data_dir=tmp_path / "serve",
            port=0,
            child_command=ECHO_CHILD,
            zygote_entry=ECHO_ENTRY,
            limits=ServeLimits(),
        )
        config = replace(config, **overrides)
        config.data_dir.mkdir(parents=True, exist_ok=True)
        acceptor, hub = await start_server(config)
        running.append((acceptor, hub))
        return RunningServer(acceptor, acceptor.get_port(), hub, config.data_dir)

    yield _start
    for acceptor, hub in running:
        await stop_server(acceptor, hub)
