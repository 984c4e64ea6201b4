"""The bridge with a stand-in child: pty, environment, resize, keys, drop, timeouts, reset."""

from __future__ import annotations

import asyncio
import logging
import os
import re

import asyncssh
import pytest
from ssh_processes import child_pid, process_exists, wait_until
from ssh_server_fixture import VIA, StartServer
from ssh_terminal import TerminalClient

from skillcheck.ssh.bridge import TERMINAL_RESET
from skillcheck.ssh.identity import candidate_dir, identity_of
from skillcheck.ssh.limits import ServeLimits
from skillcheck.ssh.server import stop_server

# Each test runs a real SSH server on loopback.
pytestmark = pytest.mark.slow

SERVER_VARIABLES = {
    "HOME",
    "LANG",
    "PATH",
    "PYTHONBREAKPOINT",
    "PYTHONSAFEPATH",
    "SKILLCHECK_DATA_DIR",
    "SKILLCHECK_SERVED",
    "TERM",
}


def unwrapped(screen: str) -> str:
    """The screen's lines joined, so text the terminal wrapped at 80 columns is whole."""
    return "".join(line.rstrip() for line in screen.splitlines())


def env_names(screen: str) -> set[str]:
    # The ENV line may wrap at 80 columns: join the screen's lines first.
    joined = unwrapped(screen)
    match = re.search(r"ENV ([A-Z_,]+?)CTTY", joined)
    assert match, screen
    return set(match[1].split(","))


@pytest.mark.parametrize("via", VIA)
async def test_child_runs_in_its_own_terminal_and_writes_results(
    start: StartServer, client_key: asyncssh.SSHKey, via: str
) -> None:
    server = await start(**VIA[via])
    client = await TerminalClient.open(server.port, client_key)
    screen = await client.wait_for("SIZE 80x24")
    folder = candidate_dir(server.data_dir, identity_of(client_key))
    assert "term=xterm-256color" in screen
    assert "CTTY yes" in screen
    assert f"LIMITS as={ServeLimits().child_memory} nofile={ServeLimits().child_files}" in screen
    assert f"CWD {folder}" in unwrapped(screen)
    assert env_names(screen) == SERVER_VARIABLES

    client.send("q")
    await client.wait_closed()
    assert client.session.exit_status == 0
    assert (folder / "results.toml").read_text() == "done = true\n"
    assert bytes(client.session.raw).endswith(TERMINAL_RESET)


async def test_keys_reach_the_child_without_echo(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start()
    client = await TerminalClient.open(server.port, client_key)
    await client.wait_for("SIZE 80x24")
    client.send("a")
    screen = await client.wait_for("KEY b'a'")
    # The pty was raw before the child started: the key appears once, as the child's echo.
    assert screen.count("a'") == 1
    client.send("\x1b[A")
    await client.wait_for("KEY b'\\x1b[A'")
    await client.close()


async def test_resize_reaches_the_child_and_is_clamped(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start()
    client = await TerminalClient.open(server.port, client_key, size=(120, 40))
    await client.wait_for("SIZE 120x40")
    client.channel.change_terminal_size(100, 30)
    await client.wait_for("SIZE 100x30")
    client.channel.change_terminal_size(1_000_000, 4_000_000_000)
    await client.wait_for("SIZE 500x500")
    client.channel.change_terminal_size(0, 0)
    await client.wait_for("SIZE 80x24")
    await client.close()


@pytest.mark.parametrize("via", VIA)
async def test_client_environment_never_reaches_the_child(
    start: StartServer, client_key: asyncssh.SSHKey, caplog: pytest.LogCaptureFixture, via: str
) -> None:
    caplog.set_level(logging.INFO, logger="skillcheck.ssh")
    server = await start(**VIA[via])
    hostile = {
        "LD_PRELOAD": "/tmp/evil.so",
        "PYTHONSTARTUP": "/tmp/evil.py",
        "PYTHONPATH": "/tmp",
        "TEXTUAL_DRIVER": "evil:Driver",
        "SKILLCHECK_DATA_DIR": "/tmp/elsewhere",
        "HOME": "/root",
        "COLORTERM": "truecolor",
        "NO_COLOR": "1",
    }
    client = await TerminalClient.open(
        server.port, client_key, env=hostile, term_type="xterm;touch /tmp/pwned"
    )
    screen = await client.wait_for("SIZE 80x24")
    assert env_names(screen) == SERVER_VARIABLES | {"COLORTERM", "NO_COLOR"}
    assert "term=xterm-256color" in screen
    folder = candidate_dir(server.data_dir, identity_of(client_key))
    assert f"CWD {folder}" in unwrapped(screen)
    await client.close()
    assert "refused client variables" in caplog.text
    assert "LD_PRELOAD" in caplog.text
    assert "unusable TERM" in caplog.text


@pytest.mark.parametrize("via", VIA)
async def test_dropped_connection_stops_the_child_and_reconnect_finds_the_same_folder(
    start: StartServer, client_key: asyncssh.SSHKey, caplog: pytest.LogCaptureFixture, via: str
) -> None:
    caplog.set_level(logging.INFO, logger="skillcheck.ssh")
    server = await start(**VIA[via])
    client = await TerminalClient.open(server.port, client_key)
    first = await client.wait_for("SIZE 80x24")
    pid = child_pid(first)
    client.conn.abort()
    await wait_until(lambda: not process_exists(pid))
    await wait_until(lambda: server.hub.admission.session_count == 0)
    assert "session finish (client left)" in caplog.text

    again = await TerminalClient.open(server.port, client_key)
    second = await again.wait_for("SIZE 80x24")
    assert child_pid(second) != pid
    folder = candidate_dir(server.data_dir, identity_of(client_key))
    assert f"CWD {folder}" in unwrapped(second)
    await again.close()


@pytest.mark.parametrize(
    ("limits", "message"),
    [
        (ServeLimits(idle_timeout=0.5), "without a key press"),
        (ServeLimits(max_session_time=0.5), "reached its time limit"),
    ],
)
@pytest.mark.parametrize("via", VIA)
async def test_timeouts_end_the_session_with_a_message_and_a_reset(
    start: StartServer, client_key: asyncssh.SSHKey, limits: ServeLimits, message: str, via: str
) -> None:
    server = await start(limits=limits, **VIA[via])
    client = await TerminalClient.open(server.port, client_key)
    pid = child_pid(await client.wait_for("SIZE 80x24"))
    await client.wait_closed(timeout=10)
    raw = bytes(client.session.raw)
    assert TERMINAL_RESET in raw
    assert message.encode() in raw[raw.index(TERMINAL_RESET) :]
    await wait_until(lambda: not process_exists(pid))


async def test_a_flood_into_a_stuck_child_is_held_back(
    start: StartServer, client_key: asyncssh.SSHKey, other_key: asyncssh.SSHKey
) -> None:
    server = await start()
    client = await TerminalClient.open(server.port, client_key)
    await client.wait_for("SIZE 80x24")
    client.send("s")  # the child stops reading for a while
    await client.wait_for("KEY b's'")
    for _ in range(64):
        client.send(b"z" * 32 * 1024)
    # 2 MiB sent; the server keeps at most its window plus a small buffer for this session,
    # and everyone else is still served.
    other = await TerminalClient.open(server.port, other_key)
    await other.wait_for("SIZE 80x24", timeout=5)
    await other.close()
    assert client.channel.get_write_buffer_size() > 0
    await client.close()


async def test_garbage_instead_of_ssh_does_not_hurt_the_server(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start()
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(b"GET / HTTP/1.1\r\n" + os.urandom(4096) + b"\r\n")
    await writer.drain()
    await asyncio.wait_for(reader.read(), 10)  # the server hangs up
    writer.close()
    client = await TerminalClient.open(server.port, client_key)
    await client.wait_for("SIZE 80x24")
    await client.close()


async def test_stopping_the_server_tells_candidates_and_resets_their_terminals(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start()
    client = await TerminalClient.open(server.port, client_key)
    pid = child_pid(await client.wait_for("SIZE 80x24"))
    await stop_server(server.acceptor, server.hub)
    await client.wait_closed()
    raw = bytes(client.session.raw)
    assert raw.index(TERMINAL_RESET) < raw.index(b"shutting down. Your answers are saved.")
    assert not process_exists(pid)


async def test_a_burst_of_resizes_reaches_the_child_as_the_last_size(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start()
    client = await TerminalClient.open(server.port, client_key)
    await client.wait_for("SIZE 80x24")
    for width in range(100, 300):
        client.channel.change_terminal_size(width, 40)
    await client.wait_for("SIZE 299x40")
    await asyncio.sleep(0.2)
    # The child saw a handful of sizes, not one per resize (200 were sent).
    assert bytes(client.session.raw).count(b"SIZE ") < 20
    await client.close()


@pytest.mark.parametrize("via", VIA)
async def test_the_session_ends_when_the_app_exits_even_if_its_pty_stays_open(
    start: StartServer, client_key: asyncssh.SSHKey, via: str
) -> None:
    server = await start(**VIA[via])
    client = await TerminalClient.open(server.port, client_key)
    await client.wait_for("SIZE 80x24")
    client.send("d")
    screen = await client.wait_for("HELPER")
    match = re.search(r"HELPER (\d+)", screen)
    assert match
    await client.wait_closed(timeout=5)
    assert client.session.exit_status == 0
    await wait_until(lambda: not process_exists(int(match[1])))  # its group was stopped
