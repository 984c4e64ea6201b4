"""`skillcheck serve` gives a client whose terminal is dumb the plain, line-by-line mode."""

from __future__ import annotations

import asyncssh
import pytest
from ssh_server_fixture import REAL_APP, StartServer
from ssh_terminal import TerminalClient

from skillcheck.ssh.bridge import TERMINAL_RESET
from skillcheck.ssh.child import ChildTerminal, plain_flag
from skillcheck.ssh.identity import candidate_dir, identity_of
from skillcheck.store.results import load_results

APP_START_SECONDS = 30.0
ENDED = "End of the results."


def awaits_answer(screen: str) -> bool:
    """The last line is a question's answer prompt, nothing typed yet."""
    last = screen.rstrip().splitlines()[-1]
    return last.startswith("Answer 1-") and last.endswith("q quit:")


@pytest.mark.parametrize(
    ("term", "flag"),
    [("dumb", ["--plain"]), ("DUMB", ["--plain"]), ("xterm-256color", []), ("linux", [])],
)
def test_only_a_dumb_terminal_gets_the_plain_flag(term: str, flag: list[str]) -> None:
    assert plain_flag(ChildTerminal(term=term)) == flag


@pytest.mark.slow
async def test_a_dumb_client_takes_the_assessment_as_lines(
    start: StartServer, client_key: asyncssh.SSHKey
) -> None:
    server = await start(**REAL_APP)
    client = await TerminalClient.open(server.port, client_key, term_type="dumb")
    await client.wait_for("Start: 1 quick, 2 full, q quit:", timeout=APP_START_SECONDS)
    client.send("1\r")
    await client.wait_for("Question 1 of")
    answered = 0
    while True:
        screen = await client.wait_for(lambda text: awaits_answer(text) or ENDED in text)
        if ENDED in screen:
            break
        answered += 1
        assert answered <= 40, "the run did not end"
        client.send("1\r")
        following = f"Question {answered + 1} of"
        await client.wait_for(lambda text, following=following: following in text or ENDED in text)
    await client.wait_closed()
    assert client.session.exit_status == 0
    raw = bytes(client.session.raw).removesuffix(TERMINAL_RESET)
    assert b"\x1b" not in raw  # lines only, until the server's own reset on the way out
    assert b"AI Engineer: fit " in raw
    results = load_results(candidate_dir(server.data_dir, identity_of(client_key)) / "results.toml")
    assert results.answered == answered
