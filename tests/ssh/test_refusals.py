"""What the server turns down: commands, sftp, no pty, forwarding, unknown keys, over-limit."""

from __future__ import annotations

import asyncio
import logging
from typing import ClassVar

import asyncssh
import pytest
from ssh_server_fixture import StartServer
from ssh_terminal import ScreenSession, TerminalClient, connect

from skillcheck.ssh.limits import ServeLimits

# Each test runs a real SSH server on loopback.
pytestmark = pytest.mark.slow


async def test_exec_is_refused_in_words(start: StartServer, client_key: asyncssh.SSHKey) -> None:
    server = await start()
    conn = await connect(server.port, client_key)
    result = await conn.run("cat /etc/passwd", encoding="utf-8")
    assert result.exit_status == 1
    assert "commands are not allowed" in str(result.stderr)
    assert result.stdout == ""
    conn.close()


async def test_sftp_is_refused(start: StartServer, client_key: asyncssh.SSHKey) -> None:
    server = await start()
    conn = await connect(server.port, client_key)
    with pytest.raises((asyncssh.ChannelOpenError, asyncssh.SFTPError)):
        await conn.start_sftp_client()
    conn.close()


async def test_scp_is_refused(start: StartServer, client_key: asyncssh.SSHKey) -> None:
    server = await start()
    conn = await connect(server.port, client_key)
    result = await conn.run("scp -f results.toml", encoding="utf-8")
    assert result.exit_status == 1
    conn.close()


async def test_a_session_without_a_terminal_is_told_to_use_one(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start()
    conn = await connect(server.port, client_key)
    process = await conn.create_process(encoding="utf-8")  # a shell, but no pty
    result = await process.wait()
    assert result.exit_status == 1
    assert "needs an interactive terminal" in str(result.stderr)
    assert "ssh -t -p" in str(result.stderr)
    conn.close()


async def test_port_forwarding_is_refused_both_ways(
    start: StartServer, client_key: asyncssh.SSHKey, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="skillcheck.ssh")
    server = await start()
    conn = await connect(server.port, client_key)
    with pytest.raises(asyncssh.ChannelOpenError, match="not allowed"):
        await conn.open_connection("127.0.0.1", server.port)
    with pytest.raises(asyncssh.ChannelOpenError, match="not allowed"):
        await conn.open_unix_connection("/run/docker.sock")
    with pytest.raises(asyncssh.ChannelListenError):
        await conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 9)
    with pytest.raises(asyncssh.ChannelListenError):
        await conn.forward_remote_path("/tmp/skillcheck-test.sock", "/tmp/elsewhere.sock")
    conn.close()
    assert caplog.text.count("refused") >= 4


async def test_agent_and_x11_forwarding_are_refused(
    start: StartServer, client_key: asyncssh.SSHKey, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="asyncssh")
    server = await start()
    conn = await connect(server.port, client_key)
    with pytest.raises(asyncssh.ChannelOpenError):
        await conn.create_session(
            asyncssh.SSHClientSession,
            term_type="xterm",
            x11_forwarding=True,
            x11_display="127.0.0.1:9",
        )
    conn.close()
    agent_conn = await asyncssh.connect(
        "127.0.0.1",
        server.port,
        client_keys=[client_key],
        known_hosts=None,
        agent_path="/nonexistent/agent.sock",
        agent_forwarding=True,
        config=[],
    )
    channel, session = await agent_conn.create_session(
        lambda: ScreenSession(80, 24), term_type="xterm", encoding=None
    )
    client = TerminalClient(agent_conn, channel, session)
    screen = await client.wait_for("SIZE 80x24")
    assert "SSH_AUTH_SOCK" not in screen
    await client.close()
    assert "X11 forwarding request denied" in caplog.text
    assert "Agent forwarding request denied" in caplog.text


async def test_an_unknown_key_is_refused_and_counted(
    start: StartServer,
    client_key: asyncssh.SSHKey,
    other_key: asyncssh.SSHKey,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="skillcheck.ssh")
    server = await start(authorized_keys=frozenset({client_key.public_data}))
    with pytest.raises(asyncssh.PermissionDenied):
        await connect(server.port, other_key)
    assert "auth refused for unknown key" in caplog.text
    assert other_key.get_fingerprint("sha256") in caplog.text
    conn = await connect(server.port, client_key)  # the listed key still gets in
    conn.close()


async def test_repeated_failures_lock_the_address_out_for_a_while(
    start: StartServer, client_key: asyncssh.SSHKey, other_key: asyncssh.SSHKey
) -> None:
    server = await start(
        authorized_keys=frozenset({client_key.public_data}),
        limits=ServeLimits(auth_failures_per_minute=2),
    )
    for _ in range(2):
        with pytest.raises(asyncssh.PermissionDenied):
            await connect(server.port, other_key)
    with pytest.raises(asyncssh.DisconnectError, match="too many failed logins"):
        await connect(server.port, client_key)


class BannerClient(asyncssh.SSHClient):
    banners: ClassVar[list[str]] = []

    def auth_banner_received(self, msg: str, lang: str) -> None:
        self.banners.append(msg)


async def test_a_client_without_a_key_is_told_how_to_make_one(
    start: StartServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="skillcheck.ssh")
    server = await start()
    with pytest.raises(asyncssh.PermissionDenied):
        await asyncssh.connect(
            "127.0.0.1",
            server.port,
            client_factory=BannerClient,
            client_keys=None,  # None: no keys; [] would load ~/.ssh/id_* if there are any
            known_hosts=None,
            agent_path=None,
            password="guess",
            config=[],
        )
    assert any("ssh-keygen -t ed25519" in banner for banner in BannerClient.banners)
    for _ in range(100):  # the server sees the connection go a moment later
        if server.hub.admission.connection_count == 0:
            break
        await asyncio.sleep(0.05)
    assert caplog.text.count("left without signing in with a key") == 1


async def test_the_session_limit_is_answered_with_a_message(
    start: StartServer, client_key: asyncssh.SSHKey, other_key: asyncssh.SSHKey
) -> None:
    server = await start(limits=ServeLimits(max_sessions=1))
    first = await TerminalClient.open(server.port, client_key)
    await first.wait_for("SIZE 80x24")
    second = await TerminalClient.open(server.port, other_key)
    await second.wait_closed()
    assert "skillcheck is full" in second.text()
    assert second.session.exit_status == 1
    await first.close()


async def test_one_key_gets_a_limited_number_of_sessions(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start(limits=ServeLimits(max_per_identity=1))
    first = await TerminalClient.open(server.port, client_key)
    await first.wait_for("SIZE 80x24")
    second = await TerminalClient.open(server.port, client_key)
    await second.wait_closed()
    assert "most sessions allowed open at once (1)" in second.text()
    await first.close()


async def test_connections_per_address_are_limited(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start(limits=ServeLimits(max_per_address=2))
    kept = [await connect(server.port, client_key) for _ in range(2)]
    with pytest.raises(asyncssh.DisconnectError, match="too many connections"):
        await connect(server.port, client_key)
    for conn in kept:
        conn.close()


async def test_a_connection_that_never_opens_a_session_is_closed(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start(limits=ServeLimits(login_timeout=0.5))
    conn = await connect(server.port, client_key)
    await asyncio.wait_for(conn.wait_closed(), 5)


async def test_a_session_flooded_with_environment_variables_is_refused(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start()
    flood = {f"VAR_{n}": "x" * 100 for n in range(500)}
    client = await TerminalClient.open(server.port, client_key, env=flood)
    await client.wait_closed()
    assert "too many environment variables" in client.text()
    assert client.session.exit_status == 1
