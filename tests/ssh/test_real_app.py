"""The real skillcheck app over SSH: a whole quick run, and a dropped line resumed."""

from __future__ import annotations

import asyncio
import logging
import re
import shutil
import tempfile
from pathlib import Path

import asyncssh
import pytest
from ssh_server_fixture import REAL_APP, RunningServer, StartServer
from ssh_terminal import TerminalClient

from skillcheck.domain.adaptive import next_question
from skillcheck.domain.position import derive_position
from skillcheck.ssh.bridge import TERMINAL_RESET
from skillcheck.ssh.identity import candidate_dir, identity_of
from skillcheck.ssh.server import stop_server
from skillcheck.store.bank import load_bank
from skillcheck.store.paths import bundled_bank_dir
from skillcheck.store.position import write_position
from skillcheck.store.results import load_results
from skillcheck.zygote.preload import WARM_UP_PREFIX

# Each test runs a real SSH server on loopback.
pytestmark = pytest.mark.slow

APP_START_SECONDS = 30.0
#: How long a test that needs the zygote path waits for the zygote to be ready.
ZYGOTE_READY_SECONDS = 90.0
QUESTION = re.compile(r"Question (\d+) of (\d+)")


async def start_quick_mode(client: TerminalClient) -> int:
    """From the welcome screen into question 1 of the quick mode; the question count."""
    await client.wait_for("Quick", timeout=APP_START_SECONDS)
    await client.wait_for(lambda screen: "Quit" in screen)  # the footer: fully painted
    client.send("\r")
    screen = await client.wait_for("Question 1 of")
    match = QUESTION.search(screen)
    assert match
    return int(match[2])


async def answer(client: TerminalClient, first: int, last: int, total: int) -> None:
    """Pick option 1 for questions `first`..`last`, waiting for each next screen."""
    for k in range(first, last + 1):
        client.send("1")
        client.send("\r")
        if k < total:
            await client.wait_for(f"Question {k + 1} of {total}")


@pytest.fixture
async def app_server(start: StartServer) -> RunningServer:
    return await start(**REAL_APP)


async def test_a_whole_quick_run_writes_the_results_file(
    app_server: RunningServer, client_key: asyncssh.SSHKey
) -> None:
    server = app_server
    client = await TerminalClient.open(server.port, client_key)
    total = await start_quick_mode(client)
    await answer(client, 1, total, total)
    await client.wait_for(f"you answered {total} of {total}")
    client.send("q")
    await client.wait_closed()
    assert client.session.exit_status == 0
    assert bytes(client.session.raw).endswith(TERMINAL_RESET)
    folder = candidate_dir(server.data_dir, identity_of(client_key))
    results = load_results(folder / "results.toml")
    assert results.answered == len(results.answers) == total
    assert set(results.roles) == {"ai-engineer", "ml-engineer"}


async def test_a_served_candidate_is_scored_against_the_position_without_seeing_it(
    start: StartServer,
    client_key: asyncssh.SSHKey,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="skillcheck.ssh")
    position = derive_position(load_bank(), {}).model_copy(update={"name": "Scanner lead"})
    write_position(tmp_path / "position.toml", position)
    server = await start(**REAL_APP, position=tmp_path / "position.toml")
    for _ in range(int(ZYGOTE_READY_SECONDS / 0.1)):  # a busy machine loads it slowly
        if "zygote ready" in caplog.text:
            break
        await asyncio.sleep(0.1)
    client = await TerminalClient.open(server.port, client_key)
    total = await start_quick_mode(client)
    await answer(client, 1, total, total)
    screen = await client.wait_for(f"you answered {total} of {total}")
    client.send("q")
    await client.wait_closed()
    assert re.search(r"session start pid=\d+ via=zygote", caplog.text)  # the default path
    folder = candidate_dir(server.data_dir, identity_of(client_key))
    results = load_results(folder / "results.toml")
    assert results.position is not None
    assert results.position.name == "Scanner lead"
    assert results.position.fit_low <= results.position.fit <= results.position.fit_high
    assert "Position" not in screen and "Scanner lead" not in screen


async def test_a_dropped_candidate_resumes_where_they_were(
    app_server: RunningServer, client_key: asyncssh.SSHKey, other_key: asyncssh.SSHKey
) -> None:
    server = app_server
    client = await TerminalClient.open(server.port, client_key)
    total = await start_quick_mode(client)
    await answer(client, 1, 3, total)
    await client.wait_for(f"Question 4 of {total}")
    client.conn.abort()  # the line drops: no goodbye
    hub = server.hub
    for _ in range(100):
        if hub.admission.session_count == 0:
            break
        await asyncio.sleep(0.05)

    back = await TerminalClient.open(server.port, client_key)
    await back.wait_for(f"3 of {total} answered", timeout=APP_START_SECONDS)
    await back.wait_for(lambda screen: "Quit" in screen)
    back.send("\r")  # Resume is the first choice
    await back.wait_for(f"Question 4 of {total}")

    # Another key sees a fresh start, not this candidate's answers.
    stranger = await TerminalClient.open(server.port, other_key)
    screen = await stranger.wait_for("Quick", timeout=APP_START_SECONDS)
    assert "Resume" not in screen
    await stranger.close()
    await back.close()


@pytest.mark.slow
async def test_the_bank_is_loaded_once_so_a_change_on_disk_needs_a_restart(
    start: StartServer, client_key: asyncssh.SSHKey, other_key: asyncssh.SSHKey, tmp_path: Path
) -> None:
    bank_dir = tmp_path / "bank"
    shutil.copytree(bundled_bank_dir(), bank_dir)
    bank = load_bank(bank_dir)
    first = next_question(bank, {}, [])  # what a quick run asks first
    assert first is not None
    prompt = bank.question_by_id[first].prompt
    forked = await start(**REAL_APP, bank_dir=bank_dir)
    early = await TerminalClient.open(forked.port, client_key)
    await early.wait_for("Quick", timeout=APP_START_SECONDS)  # the zygote has loaded the bank
    await early.close()

    edited = next(path for path in bank_dir.glob("*.toml") if prompt in path.read_text())
    edited.write_text(edited.read_text().replace(prompt, "Edited: " + prompt))
    late = await TerminalClient.open(forked.port, client_key)
    await start_quick_mode(late)
    assert prompt[:40] in late.text() and "Edited:" not in late.text()
    await late.close()

    # Started by exec, a session reads the bank afresh: the edit shows.
    fresh = await start(**{**REAL_APP, "zygote_entry": None}, bank_dir=bank_dir)
    other = await TerminalClient.open(fresh.port, other_key)
    await start_quick_mode(other)
    assert "Edited: " + prompt[:30] in other.text()
    await other.close()


@pytest.mark.slow
async def test_a_zygote_stopped_while_warming_up_leaves_no_folder_behind(
    start: StartServer,
) -> None:
    server = await start(**REAL_APP)
    zygote = server.hub.zygote
    assert zygote is not None and zygote.pid is not None
    pid = zygote.pid
    warm_up = Path(tempfile.gettempdir())
    pattern = f"{WARM_UP_PREFIX}{pid}-*"
    for _ in range(400):  # the zygote imports the app, then warms up in this folder
        if list(warm_up.glob(pattern)):
            break
        await asyncio.sleep(0.025)
    assert list(warm_up.glob(pattern)), "the warm-up never started"
    await stop_server(server.acceptor, server.hub)
    assert not Path(f"/proc/{pid}").exists()
    assert not list(warm_up.glob(pattern))
