"""Sessions forked from the zygote: set up like exec'd ones, sharing nothing they must not.

The stand-in app (`echo_child.py`) is the zygote's entry here; `test_real_app.py` forks
the real app.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
from pathlib import Path

import asyncssh
import pytest
from cryptography.hazmat.primitives.serialization import load_ssh_private_key
from ssh_processes import (
    child_pid,
    environment_names,
    is_session_leader,
    memory_contains,
    open_fds,
    parent_of,
    process_exists,
    wait_until,
)
from ssh_server_fixture import VIA, RunningServer, StartServer
from ssh_terminal import TerminalClient

from skillcheck.ssh import zygote_client
from skillcheck.ssh.host_key import host_key_path
from skillcheck.ssh.identity import candidate_dir, identity_of
from skillcheck.ssh.limits import ServeLimits
from skillcheck.ssh.server import stop_server
from skillcheck.zygote import immortal

ZYGOTE_VARIABLES = {"LANG", "PATH", "PYTHONBREAKPOINT", "PYTHONSAFEPATH", "SKILLCHECK_SERVED"}


def zygote_pid(server: RunningServer) -> int:
    assert server.hub.zygote is not None
    pid = server.hub.zygote.pid
    assert pid is not None
    return pid


async def session_pid(server: RunningServer, key: asyncssh.SSHKey, **open_args: object) -> int:
    client = await TerminalClient.open(server.port, key, **open_args)  # type: ignore[arg-type]
    return child_pid(await client.wait_for("SIZE 80x24"))


# --- where a session comes from ------------------------------------------------------------


async def test_a_session_is_a_fork_of_the_zygote_which_is_a_process_of_its_own(
    start: StartServer, client_key: asyncssh.SSHKey, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="skillcheck.ssh")
    server = await start()
    pid = await session_pid(server, client_key)
    zygote = zygote_pid(server)
    assert parent_of(pid) == zygote
    assert parent_of(zygote) == os.getpid()  # the server started it
    assert is_session_leader(pid)  # so the server can hang up its whole group
    assert not is_session_leader(os.getpid())
    assert f"session start pid={pid} via=zygote" in caplog.text


async def test_with_no_zygote_a_session_is_a_child_of_the_server(
    start: StartServer, client_key: asyncssh.SSHKey, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="skillcheck.ssh")
    server = await start(**VIA["exec"])
    assert server.hub.zygote is None
    pid = await session_pid(server, client_key)
    assert parent_of(pid) == os.getpid()
    assert f"session start pid={pid} via=exec" in caplog.text


# --- what a session shares: immortal objects (Python 3.12 and later) ----------------------


@pytest.mark.parametrize("via", VIA)
async def test_what_the_zygote_loaded_is_immortal_in_a_forked_session_where_python_allows(
    start: StartServer, client_key: asyncssh.SSHKey, caplog: pytest.LogCaptureFixture, via: str
) -> None:
    caplog.set_level(logging.INFO, logger="skillcheck.ssh")
    server = await start(**VIA[via])
    client = await TerminalClient.open(server.port, client_key)
    await client.wait_for("SIZE 80x24")
    client.send("i")
    forked_here = via == "zygote" and immortal.supported()
    await client.wait_for(f"IMMORTAL loaded={'yes' if forked_here else 'no'} made=no")
    await client.close()
    if via == "zygote":
        said = "objects made immortal" if immortal.supported() else "reference counts as usual"
        assert re.search(rf"zygote ready: pid \d+, loaded in [\d.]+s; [\d,]* ?{said}", caplog.text)


# --- the limits hold for a forked session --------------------------------------------------


@pytest.mark.parametrize("via", VIA)
async def test_the_memory_limit_holds(
    start: StartServer, client_key: asyncssh.SSHKey, via: str
) -> None:
    limit = 768 << 20
    server = await start(limits=ServeLimits(child_memory=limit), **VIA[via])
    client = await TerminalClient.open(server.port, client_key)
    await client.wait_for(f"LIMITS as={limit}")
    client.send("m")  # asks for 64 MiB more than the limit
    await client.wait_for("MEMORY refused")
    await client.close()


@pytest.mark.parametrize("via", VIA)
async def test_the_open_files_limit_holds_and_only_the_terminal_is_open(
    start: StartServer, client_key: asyncssh.SSHKey, via: str
) -> None:
    server = await start(limits=ServeLimits(child_files=32), **VIA[via])
    client = await TerminalClient.open(server.port, client_key)
    await client.wait_for("SIZE 80x24")
    client.send("f")
    # 32 minus stdin, stdout and stderr: nothing else was left open in the child.
    await client.wait_for("FILES 29")
    await client.close()


@pytest.mark.parametrize("via", VIA)
async def test_the_cpu_limit_stops_a_spinning_session(
    start: StartServer,
    client_key: asyncssh.SSHKey,
    caplog: pytest.LogCaptureFixture,
    via: str,
) -> None:
    caplog.set_level(logging.INFO, logger="skillcheck.ssh")
    server = await start(limits=ServeLimits(child_cpu=1), **VIA[via])
    client = await TerminalClient.open(server.port, client_key)
    pid = child_pid(await client.wait_for("SIZE 80x24"))
    client.send("c")
    await client.wait_closed(timeout=20)
    assert not process_exists(pid)
    assert f"status={-signal.SIGXCPU}" in caplog.text  # the kernel's CPU limit ended it
    assert client.session.exit_status == 1


@pytest.mark.parametrize("via", VIA)
async def test_the_app_exit_status_reaches_the_client(
    start: StartServer, client_key: asyncssh.SSHKey, via: str
) -> None:
    server = await start(**VIA[via])
    client = await TerminalClient.open(server.port, client_key)
    await client.wait_for("SIZE 80x24")
    client.send("x")  # the stand-in exits 3
    await client.wait_closed()
    assert client.session.exit_status == 3


# --- nothing shared that must not be -------------------------------------------------------


def host_key_seed(data_dir: Path) -> bytes:
    """The 32 secret bytes of the server's ed25519 host key."""
    key = load_ssh_private_key(host_key_path(data_dir).read_bytes(), password=None)
    secret = key.private_bytes_raw()  # type: ignore[union-attr]
    assert isinstance(secret, bytes) and len(secret) == 32
    return secret


def fork_of_this_process() -> tuple[int, int]:
    """A copy of the server's process (it runs in this test's process), held asleep."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the copy only waits to be looked at
        os.close(write_end)
        os.read(read_end, 1)
        os._exit(0)
    os.close(read_end)
    return pid, write_end


# The copy only reads a pipe and exits, so forking this threaded process is safe here.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
async def test_no_byte_of_the_host_key_is_in_a_session_or_the_zygote(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start()  # loads (here: creates) the host key in this process
    pid = await session_pid(server, client_key)
    control, release = fork_of_this_process()  # what a session forked from the server holds
    try:
        seed = host_key_seed(server.data_dir)  # read after the fork: not in the copy by us
        assert memory_contains(control, seed), "the search must find the key where it is"
        assert not memory_contains(pid, seed)
        assert not memory_contains(zygote_pid(server), seed)
    finally:
        os.close(release)
        os.waitpid(control, 0)


async def test_a_session_holds_only_its_terminal_and_folder_and_nothing_of_another_candidate(
    start: StartServer, client_key: asyncssh.SSHKey, other_key: asyncssh.SSHKey
) -> None:
    server = await start()
    # The other candidate first, with a longer request (a long TERM and COLORTERM): were
    # the zygote's request buffer not cleared, its end would outlive the next, shorter one.
    other = await session_pid(
        server, other_key, term_type="xterm-256color" + "-x" * 25, env={"COLORTERM": "truecolor"}
    )
    pid = await session_pid(server, client_key, term_type="xterm")
    mine = identity_of(client_key).safe_id.encode()
    theirs = identity_of(other_key).safe_id.encode()
    assert os.readlink(f"/proc/{pid}/cwd") == str(
        candidate_dir(server.data_dir, identity_of(client_key))
    )
    fds = open_fds(pid)
    assert set(fds) == {0, 1, 2}
    assert len(set(fds.values())) == 1 and fds[0].startswith("/dev/pts/")
    assert fds[0] != open_fds(other)[0]
    assert memory_contains(pid, mine), "the search must find the candidate's own id"
    assert not memory_contains(pid, theirs)
    zygote = zygote_pid(server)
    assert not memory_contains(zygote, mine)
    assert not memory_contains(zygote, theirs)


async def test_the_zygote_holds_no_terminal_connection_folder_or_candidate_variable(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start()
    await session_pid(server, client_key)
    zygote = zygote_pid(server)
    assert os.readlink(f"/proc/{zygote}/cwd") == "/"
    links = open_fds(zygote).values()
    assert not [link for link in links if link.startswith("/dev/pts/")]
    assert not [link for link in links if str(server.data_dir) in link]
    assert len([link for link in links if link.startswith("socket:")]) == 1  # its channel
    assert environment_names(zygote) == ZYGOTE_VARIABLES


# --- robust --------------------------------------------------------------------------------


async def test_sessions_starting_at_once_are_each_set_up_in_their_own_terminal(
    start: StartServer,
) -> None:
    count = 12
    server = await start(limits=ServeLimits(max_per_address=2 * count))
    keys = [asyncssh.generate_private_key("ssh-ed25519") for _ in range(count)]
    pids = await asyncio.gather(*(session_pid(server, key) for key in keys))
    assert len(set(pids)) == count
    terminals = {open_fds(pid)[0] for pid in pids}
    assert len(terminals) == count
    for key, pid in zip(keys, pids, strict=True):
        assert os.readlink(f"/proc/{pid}/cwd") == str(
            candidate_dir(server.data_dir, identity_of(key))
        )
        assert parent_of(pid) == zygote_pid(server)


async def test_when_the_zygote_dies_sessions_go_on_and_a_new_zygote_takes_over(
    start: StartServer,
    client_key: asyncssh.SSHKey,
    other_key: asyncssh.SSHKey,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="skillcheck.ssh")
    server = await start()
    client = await TerminalClient.open(server.port, client_key)
    pid = child_pid(await client.wait_for("SIZE 80x24"))
    first = zygote_pid(server)
    os.kill(first, signal.SIGKILL)
    assert server.hub.zygote is not None
    zygote = server.hub.zygote
    await wait_until(lambda: zygote.pid not in (None, first))
    assert "zygote stopped" in caplog.text

    client.send("a")  # the running session did not notice
    await client.wait_for("KEY b'a'")
    again = await session_pid(server, other_key)
    assert parent_of(again) == zygote_pid(server) != first
    client.send("q")
    await client.wait_closed()
    await wait_until(lambda: not process_exists(pid))


async def test_a_session_starts_by_exec_while_no_zygote_is_ready(
    start: StartServer,
    client_key: asyncssh.SSHKey,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    caplog.set_level(logging.INFO, logger="skillcheck.ssh")
    monkeypatch.setattr(zygote_client, "READY_WAIT_SECONDS", 0.5)
    # A zygote that cannot load what sessions run: it stops at once, again and again.
    server = await start(zygote_entry=f"{tmp_path / 'missing.py'}:main")
    pid = await session_pid(server, client_key)
    assert parent_of(pid) == os.getpid()
    assert "this session starts by exec" in caplog.text
    assert f"session start pid={pid} via=exec" in caplog.text
    assert "zygote: stopped after an error" in caplog.text


async def test_stopping_the_server_stops_the_zygote(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start()
    await session_pid(server, client_key)
    zygote = zygote_pid(server)
    await stop_server(server.acceptor, server.hub)
    await wait_until(lambda: not process_exists(zygote))
