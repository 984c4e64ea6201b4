"""`skillcheck serve` and `skillcheck report` through the real command line."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import tomllib
from pathlib import Path

import asyncssh
import pytest

from skillcheck.cli import build_parser, byte_size, duration, main
from skillcheck.domain.models import Answers, AnswerValue
from skillcheck.domain.position import derive_position
from skillcheck.domain.scoring import score
from skillcheck.options import SHOW_POSITION_ALONE
from skillcheck.reports.team import collect_team
from skillcheck.ssh.child import DEFAULT_CHILD_COMMAND
from skillcheck.ssh.cli import _serve_config
from skillcheck.ssh.host_key import load_or_create_host_key
from skillcheck.ssh.identity import candidates_root, identity_of
from skillcheck.ssh.zygote_protocol import APP_ENTRY
from skillcheck.store.bank import load_bank
from skillcheck.store.position import write_position
from skillcheck.store.results import write_results


@pytest.mark.parametrize(
    ("text", "seconds"), [("90", 90), ("30s", 30), ("15m", 900), ("2h", 7200), ("1.5m", 90)]
)
def test_durations(text: str, seconds: float) -> None:
    assert duration(text) == seconds


@pytest.mark.parametrize(
    ("text", "size"), [("1G", 1 << 30), ("512M", 512 << 20), ("2GiB", 2 << 30)]
)
def test_sizes(text: str, size: int) -> None:
    assert byte_size(text) == size


def test_a_bad_limit_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["serve", "--data", str(tmp_path), "--open", "--idle-timeout", "soon"])
    assert code == 2
    assert "not a duration" in capsys.readouterr().err


def test_serve_needs_a_key_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--data", str(tmp_path)]) == 2
    assert "--authorized-keys" in capsys.readouterr().err


def test_a_port_in_use_is_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = main(["serve", "--data", str(tmp_path), "--open", "--port", str(port)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"cannot listen on 127.0.0.1:{port}: the address is already in use." in err
    assert "Traceback" not in err


def test_an_unwritable_data_folder_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code = main(["serve", "--data", str(blocker / "data"), "--open"])
    err = capsys.readouterr().err
    assert code == 2
    assert "cannot write here" in err and "Traceback" not in err


def test_a_missing_bank_is_one_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["serve", "--data", str(tmp_path), "--open", "--bank", str(tmp_path / "nobank")])
    err = capsys.readouterr().err
    assert code == 2
    assert "nobank" in err and "Traceback" not in err


def test_a_broken_position_is_one_sentence_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "position.toml"
    broken.write_text('name = "Lead"\nroles = ["ai-engineer"]\n[needs.cooking]\n')
    code = main(["serve", "--data", str(tmp_path / "data"), "--open", "--position", str(broken)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(f"skillcheck: {broken}:3: ")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_show_position_needs_a_position(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--data", str(tmp_path), "--open", "--show-position"]) == 2
    assert capsys.readouterr().err == f"skillcheck: {SHOW_POSITION_ALONE}\n"


@pytest.mark.parametrize("show", [[], ["--show-position"]])
def test_every_session_reads_a_copy_of_the_position_made_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, show: list[str]
) -> None:
    original = tmp_path / "position.toml"
    write_position(original, derive_position(load_bank(), {}))
    text = original.read_text()
    monkeypatch.chdir(tmp_path)
    argv = ["serve", "--data", "data", "--open", "--position", "position.toml", *show]
    config = _serve_config(build_parser().parse_args(argv))
    kept = tmp_path / "data" / "position.toml"
    assert config.position == kept
    original.write_text("broken while serving = [")  # sessions never see this
    assert kept.read_text() == text
    arguments = config.app_arguments(tmp_path / "results.toml")
    assert arguments[2:] == ["--position", str(kept), *show]
    # The session's command line parses as the app's, position and all.
    app_args = build_parser().parse_args(arguments)
    assert app_args.position == kept
    assert app_args.show_position is bool(show)


def test_missing_authorized_keys_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["serve", "--data", str(tmp_path), "--authorized-keys", str(tmp_path / "none")])
    assert code == 2
    assert "cannot read the authorized keys" in capsys.readouterr().err


@pytest.mark.slow
async def test_serve_prints_the_fingerprint_and_stops_on_sigterm(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "skillcheck", "serve", "--data", str(tmp_path), "--open",
        "--port", str(port), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    banner = b""
    while b"Candidates connect with" not in banner:
        line = await asyncio.wait_for(process.stdout.readline(), 20)
        assert line, (await process.stderr.read()).decode()
        banner += line
    fingerprint = load_or_create_host_key(tmp_path).get_fingerprint("sha256")
    assert f"Host key fingerprint: {fingerprint}" in banner.decode()
    assert f"ssh -t -p {port} 127.0.0.1" in banner.decode()
    conn = await asyncssh.connect(
        "127.0.0.1", port, client_keys=[asyncssh.generate_private_key("ssh-ed25519")],
        known_hosts=None, agent_path=None, config=[],
    )  # fmt: skip
    conn.close()
    process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(process.wait(), 20) == 0
    log = (await process.stderr.read()).decode()
    assert re.search(r"127\.0\.0\.1:\d+: connect", log)
    assert "auth ok id=" in log
    assert stat_mode(candidates_root(tmp_path)) == 0o700
    zygote = re.search(r"zygote started: pid (\d+)", log)
    assert zygote, log
    assert not Path(f"/proc/{zygote[1]}").exists()  # it stopped with the server


@pytest.mark.parametrize(("flags", "entry"), [([], APP_ENTRY), (["--no-zygote"], None)])
def test_no_zygote_keeps_every_session_a_fresh_process(
    tmp_path: Path, flags: list[str], entry: str | None
) -> None:
    args = build_parser().parse_args(["serve", "--data", str(tmp_path), "--open", *flags])
    config = _serve_config(args)
    assert config.zygote_entry == entry
    assert config.child_command == DEFAULT_CHILD_COMMAND


def stat_mode(path: Path) -> int:
    return os.stat(path).st_mode & 0o777


def make_team(data_dir: Path) -> dict[str, str]:
    """Four candidate folders: finished, in progress, broken, not started."""
    bank = load_bank()
    ids = {name: name[0] * 64 for name in ("finished", "progress", "broken", "empty")}
    folders = {name: candidates_root(data_dir) / cid for name, cid in ids.items()}
    for folder in folders.values():
        folder.mkdir(parents=True)
    answers: dict[str, AnswerValue] = {q.id: 1 for q in bank.questions if q.kind == "rating"}
    write_results(folders["finished"] / "results.toml", score(bank, Answers(values=answers)))
    (folders["progress"] / "session.toml").write_text("mode = 'quick'\n")
    (folders["broken"] / "results.toml").write_text("schema_version = [\n")
    return ids


def test_report_tables_every_candidate_and_names_a_broken_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = make_team(tmp_path)
    output = tmp_path / "team.toml"
    assert main(["report", str(tmp_path), "-o", str(output)]) == 0
    out = capsys.readouterr().out
    for cid in ids.values():
        assert cid[:10] in out
    assert "finished" in out and "in progress" in out and "not started" in out
    assert re.search(r"bbbbbbbbbb: .*results\.toml(:\d+)?: not valid TOML", out.replace("\n", ""))
    team = tomllib.loads(output.read_text())
    by_id = {entry["id"]: entry for entry in team["candidates"]}
    finished = by_id[ids["finished"]]
    assert finished["status"] == "finished"
    assert set(finished["fit"]) == {"ai-engineer", "ml-engineer"}
    assert 0 <= finished["fit"]["ai-engineer"] <= 100
    assert 1 <= len(finished["top_gaps"]) <= 3
    assert finished["top_gaps"][0] in out
    assert len(finished["top_gap_names"]) == len(finished["top_gaps"])
    assert by_id[ids["broken"]]["status"] == "broken"
    assert "not valid TOML" in by_id[ids["broken"]]["problem"]
    assert by_id[ids["progress"]]["status"] == "in progress"


def test_report_names_each_candidate_by_their_key_fingerprint(tmp_path: Path) -> None:
    key = asyncssh.generate_private_key("ssh-ed25519")
    identity = identity_of(key)
    (candidates_root(tmp_path) / identity.safe_id).mkdir(parents=True)
    rows = collect_team(tmp_path)
    assert [row.fingerprint for row in rows] == [key.get_fingerprint("sha256")]


def test_report_on_a_missing_folder_is_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path / "nowhere")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_report_with_no_candidates_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path)]) == 0
    assert "No candidates yet" in capsys.readouterr().out
