"""Pure parts of the SSH server: limits bookkeeping, identities, key files, the host key."""

from __future__ import annotations

import stat
from pathlib import Path

import asyncssh
import pytest

from skillcheck.errors import UserError
from skillcheck.ssh.child import terminal_from_client, valid_term
from skillcheck.ssh.host_key import host_key_path, load_or_create_host_key
from skillcheck.ssh.hub import shown
from skillcheck.ssh.identity import (
    CandidateIdentity,
    candidate_dir,
    identity_of,
    load_authorized_keys,
)
from skillcheck.ssh.limits import Admission, ServeLimits, clamp_terminal_size


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("size", "expected"),
    [((80, 24), (80, 24)), ((0, 0), (80, 24)), ((10**9, 501), (500, 500)), ((1, 1), (1, 1))],
)
def test_terminal_sizes_are_clamped(size: tuple[int, int], expected: tuple[int, int]) -> None:
    assert clamp_terminal_size(*size) == expected


def test_sessions_are_limited_in_total_and_per_identity() -> None:
    admission = Admission(ServeLimits(max_sessions=3, max_per_identity=2))
    assert admission.admit_session("a") is None
    assert admission.admit_session("a") is None
    assert "sessions allowed open at once (2)" in str(admission.admit_session("a"))
    assert admission.admit_session("b") is None
    assert "skillcheck is full" in str(admission.admit_session("c"))
    admission.release_session("a")
    assert admission.admit_session("c") is None
    assert admission.session_count == 3


def test_connections_over_the_limit_are_refused_then_dropped() -> None:
    admission = Admission(ServeLimits(max_per_address=2))
    assert [admission.admit_connection("10.0.0.1").admitted for _ in range(2)] == [True, True]
    refused = admission.admit_connection("10.0.0.1")
    assert not refused.admitted and not refused.drop and refused.refusal
    admission.admit_connection("10.0.0.1")
    assert admission.admit_connection("10.0.0.1").drop  # twice the limit: no more words
    assert admission.admit_connection("10.0.0.2").admitted
    for _ in range(4):
        admission.release_connection("10.0.0.1")
    assert admission.connection_count == 1


def test_failed_logins_block_an_address_for_a_minute() -> None:
    clock = FakeClock()
    admission = Admission(ServeLimits(auth_failures_per_minute=3), clock=clock)
    for _ in range(3):
        assert not admission.auth_blocked("10.0.0.1")
        admission.record_auth_failure("10.0.0.1")
    assert admission.auth_blocked("10.0.0.1")
    assert not admission.auth_blocked("10.0.0.2")
    assert "failed logins" in str(admission.admit_connection("10.0.0.1").refusal)
    clock.now += 61
    assert not admission.auth_blocked("10.0.0.1")


def test_identity_comes_from_the_key_alone() -> None:
    key = asyncssh.generate_private_key("ssh-ed25519")
    identity = identity_of(key)
    assert identity == identity_of(asyncssh.import_public_key(key.export_public_key()))
    assert identity.fingerprint == key.get_fingerprint("sha256")
    assert len(identity.safe_id) == 64 and identity.safe_id.isalnum()
    assert candidate_dir(Path("/srv"), identity) == Path("/srv/candidates") / identity.safe_id


def test_a_folder_name_is_never_taken_from_anything_but_a_hash() -> None:
    forged = CandidateIdentity(fingerprint="SHA256:x", safe_id="../../etc")
    with pytest.raises(ValueError):
        candidate_dir(Path("/srv"), forged)


def test_authorized_keys_are_read_with_comments_and_options(tmp_path: Path) -> None:
    first = asyncssh.generate_private_key("ssh-ed25519")
    second = asyncssh.generate_private_key("ssh-ed25519")
    path = tmp_path / "authorized_keys"
    path.write_text(
        "# the team\n\n"
        + first.export_public_key().decode()
        + 'from="10.0.0.0/8",no-pty '
        + second.export_public_key().decode().strip()
        + " alice@laptop\n"
    )
    assert load_authorized_keys(path) == {first.public_data, second.public_data}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "no public keys"),
        ("ssh-ed25519\n", ":1: not an OpenSSH public key line"),
        ("# ok\nssh-ed25519 AAAAnotbase64!! bob\n", ":2: not an OpenSSH public key line"),
        ("password123\n", ":1: not an OpenSSH public key line"),
    ],
)
def test_a_broken_authorized_keys_file_is_named_with_its_line(
    tmp_path: Path, text: str, problem: str
) -> None:
    path = tmp_path / "keys"
    path.write_text(text)
    with pytest.raises(UserError, match=problem):
        load_authorized_keys(path)


def test_a_missing_authorized_keys_file_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="cannot read the authorized keys"):
        load_authorized_keys(tmp_path / "nope")


def test_the_host_key_is_created_once_private_and_reused(tmp_path: Path) -> None:
    first = load_or_create_host_key(tmp_path)
    path = host_key_path(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert first.algorithm == b"ssh-ed25519"
    again = load_or_create_host_key(tmp_path)
    assert again.get_fingerprint() == first.get_fingerprint()
    path.chmod(0o644)
    load_or_create_host_key(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    ("term", "valid"),
    [
        ("xterm-256color", True),
        ("screen.xterm+new_1", True),
        ("", False),
        ("xterm;rm -rf /", False),
        ("x" * 65, False),
        ("../../../bin/sh", False),
        ("xterm\n", False),
    ],
)
def test_term_names_are_validated(term: str, valid: bool) -> None:
    assert (valid_term(term) is not None) == valid


def test_only_colour_variables_pass_from_the_client() -> None:
    terminal, dropped = terminal_from_client(
        "xterm",
        100,
        40,
        {"COLORTERM": "truecolor", "NO_COLOR": "1", "LD_PRELOAD": "x", "TEXTUAL_FPS": "1"},
    )
    assert (terminal.colorterm, terminal.no_color, terminal.columns) == ("truecolor", True, 100)
    assert dropped == ["LD_PRELOAD", "TEXTUAL_FPS"]
    odd, _ = terminal_from_client("xterm", 80, 24, {"COLORTERM": "true color; x"})
    assert odd.colorterm is None


def test_client_text_in_log_lines_is_escaped_and_short() -> None:
    line = shown("evil\n2026-01-01 auth ok" + "x" * 200)
    assert "\n" not in line and len(line) <= 64
