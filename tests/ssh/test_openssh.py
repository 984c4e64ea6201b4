"""The OpenSSH client, in a real pty, against the server: what a candidate actually runs."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import asyncssh
import pyte
import pytest
from ssh_server_fixture import REAL_APP, StartServer

from skillcheck.ssh.bridge import TERMINAL_RESET
from skillcheck.ssh.child import set_window_size

SSH = shutil.which("ssh")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SSH is None, reason="the OpenSSH client is not installed"),
]


class OpenSshTerminal:
    """`ssh` running in a pty of its own, its screen read through pyte."""

    def __init__(self, process: asyncio.subprocess.Process, master_fd: int):
        self.process = process
        self.master_fd = master_fd
        self.screen = pyte.Screen(90, 30)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.changed = asyncio.Event()
        asyncio.get_running_loop().add_reader(master_fd, self._read)

    @classmethod
    async def run(cls, *ssh_args: str) -> OpenSshTerminal:
        master_fd, slave_fd = os.openpty()
        set_window_size(slave_fd, 90, 30)
        assert SSH is not None
        process = await asyncio.create_subprocess_exec(
            SSH,
            *ssh_args,
            stdin=slave_fd,
            stdout=slave_fd,
            stderr=slave_fd,
            start_new_session=True,
        )
        os.close(slave_fd)
        os.set_blocking(master_fd, False)
        return cls(process, master_fd)

    def _read(self) -> None:
        try:
            data = os.read(self.master_fd, 65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            asyncio.get_running_loop().remove_reader(self.master_fd)
        self.raw.extend(data)
        self.stream.feed(data)
        self.changed.set()

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def send(self, keys: str) -> None:
        os.write(self.master_fd, keys.encode())

    async def wait_for(self, condition: str | Callable[[str], bool], timeout: float = 30) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not (
            condition in self.text() if isinstance(condition, str) else condition(self.text())
        ):
            assert loop.time() < deadline, f"never showed {condition!r}:\n{self.text()}"
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), deadline - loop.time())

    async def finish(self, timeout: float = 15) -> int:
        code = await asyncio.wait_for(self.process.wait(), timeout)
        await asyncio.sleep(0.1)  # the last bytes
        with contextlib.suppress(ValueError, OSError):
            asyncio.get_running_loop().remove_reader(self.master_fd)
        os.close(self.master_fd)
        return code


@pytest.fixture
def key_file(tmp_path: Path, client_key: asyncssh.SSHKey) -> Path:
    path = tmp_path / "id_ed25519"
    client_key.write_private_key(path)
    path.chmod(0o600)
    return path


def ssh_args(port: int, key_file: Path, *extra: str) -> list[str]:
    return [
        "-F", "/dev/null",
        "-p", str(port),
        "-i", str(key_file),
        "-o", "IdentitiesOnly=yes",
        "-o", "IdentityAgent=none",
        "-o", "BatchMode=yes",
        "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null",
        "-o", "LogLevel=ERROR",
        *extra,
    ]  # fmt: skip


async def test_openssh_candidate_starts_the_app_and_quits_cleanly(
    start: StartServer, key_file: Path
) -> None:
    server = await start(**REAL_APP)
    terminal = await OpenSshTerminal.run(
        "-tt", *ssh_args(server.port, key_file, "-o", "SetEnv=LD_PRELOAD=/x"), "127.0.0.1"
    )
    await terminal.wait_for("Quick")
    await terminal.wait_for("Quit")
    terminal.send("\r")
    await terminal.wait_for("Question 1 of")
    terminal.send("q")  # quit; the answers so far are saved
    assert await terminal.finish() == 0
    assert TERMINAL_RESET.rstrip(b"\r\n") in terminal.raw


async def test_openssh_command_and_no_terminal_are_refused_in_words(
    start: StartServer, key_file: Path
) -> None:
    server = await start()
    command = await OpenSshTerminal.run(*ssh_args(server.port, key_file), "127.0.0.1", "id")
    assert await command.finish() == 1
    assert b"commands are not allowed" in command.raw

    no_tty = await OpenSshTerminal.run("-T", *ssh_args(server.port, key_file), "127.0.0.1")
    assert await no_tty.finish() == 1
    assert b"needs an interactive terminal" in no_tty.raw
