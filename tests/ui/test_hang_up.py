"""A session whose terminal goes away (the server died, the terminal window was closed)
saves and ends at once. Before, it asked Textual to exit cleanly, and Textual's output
thread, dead from writing to the closed terminal, could leave it waiting forever with
its memory held: 2 of 6 tries in tmux (`kill-session` after an answer), and two
processes found still waiting an hour and a half later."""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time
import tomllib
from pathlib import Path

import pytest
from pilot_moves import UI_BANK_DIR

from skillcheck.ui.saver import EXIT_HUNG_UP
from skillcheck.ui.terminal import terminal_hung_up


def test_a_terminal_has_hung_up_once_its_other_end_is_closed() -> None:
    master, slave = pty.openpty()
    try:
        assert not terminal_hung_up(slave)
        os.close(master)
        assert terminal_hung_up(slave)
    finally:
        os.close(slave)


def read_until(fd: int, text: bytes, seconds: float = 20.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + seconds
    while text not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"{text!r} never came; the screen had {seen[-300:]!r}"
        if select.select([fd], [], [], left)[0]:
            seen += os.read(fd, 65536)
    return seen


def wait_for_exit(pid: int, seconds: float) -> int | None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.05)
    return None


@pytest.mark.slow
def test_a_session_whose_terminal_closes_saves_its_answers_and_ends(tmp_path: Path) -> None:
    pid, master = pty.fork()
    if pid == 0:  # the session, on the pty as its controlling terminal
        env = {**os.environ, "SKILLCHECK_DATA_DIR": str(tmp_path), "TERM": "xterm-256color"}
        argv = [sys.executable, "-m", "skillcheck", "--bank", str(UI_BANK_DIR)]
        os.execve(sys.executable, argv, env)
    try:
        read_until(master, b"Quit")
        os.write(master, b"\r")  # Quick
        read_until(master, b"Question 1 ")
        os.write(master, b"1")
        time.sleep(0.3)
        os.write(master, b"\r")
        read_until(master, b"Question 2 ")
        os.close(master)  # the other end goes away, as when the server dies
        master = -1
        code = wait_for_exit(pid, 10)
        if code is not None:
            pid = 0  # reaped
        assert code == EXIT_HUNG_UP
        with (tmp_path / "session.toml").open("rb") as saved:
            assert len(tomllib.load(saved)["answers"]) == 1  # the answer given is kept
    finally:
        if master >= 0:
            os.close(master)
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
