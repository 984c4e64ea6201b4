"""The `serve` and `report` subcommands; `skillcheck.cli` calls `add_parsers`."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import logging
import os
import re
import signal
import socket
import sys
import tempfile
from pathlib import Path
from typing import Any

import asyncssh
from rich.console import Console

from skillcheck.errors import UserError
from skillcheck.ssh.child import DEFAULT_CHILD_COMMAND
from skillcheck.ssh.host_key import host_key_path
from skillcheck.ssh.hub import ServeConfig, log
from skillcheck.ssh.identity import candidates_root, load_authorized_keys
from skillcheck.ssh.limits import ServeLimits
from skillcheck.ssh.server import start_server, stop_server
from skillcheck.ssh.team_report import print_team_report
from skillcheck.ssh.zygote_protocol import APP_ENTRY
from skillcheck.store.bank import load_bank

EXIT_USAGE = 2
# Requests asyncssh itself turns down (we disable them), reported in its own words.
ASYNCSSH_REFUSALS = ("Agent forwarding request denied", "X11 forwarding request denied")
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smh]?)")
_SIZE = re.compile(r"(\d+)\s*([KMG]?)(?:i?B)?", re.IGNORECASE)
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600}
_BYTES = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def duration(text: str) -> float:
    """`90`, `90s`, `15m`, `2h` -> seconds."""
    match = _DURATION.fullmatch(text.strip().lower())
    if not match or float(match[1]) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a duration like 30s, 15m or 2h")
    return float(match[1]) * _SECONDS[match[2]]


def byte_size(text: str) -> int:
    """`1G`, `512M`, `1GiB`, `1073741824` -> bytes."""
    match = _SIZE.fullmatch(text.strip())
    if not match or int(match[1]) <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 512M or 1G")
    return int(match[1]) * _BYTES[match[2].lower()]


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


def add_parsers(subparsers: Any) -> None:
    """Add `serve` and `report` to the main parser's subparsers."""
    defaults = ServeLimits()
    serve = subparsers.add_parser(
        "serve",
        help="host the assessment over SSH for many candidates at once",
        description="Host skillcheck over SSH: each candidate signs in with their SSH key "
        "and takes the assessment in their own terminal.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=2222, help="port to listen on (2222)")
    serve.add_argument(
        "--data",
        type=Path,
        required=True,
        metavar="DIR",
        help="folder for the host key and the candidates' files",
    )
    who = serve.add_mutually_exclusive_group(required=True)
    who.add_argument(
        "--authorized-keys", type=Path, metavar="FILE", help="only these public keys may sign in"
    )
    who.add_argument("--open", action="store_true", help="any SSH public key may sign in")
    serve.add_argument("--log", type=Path, metavar="FILE", help="also append the log here")
    serve.add_argument(
        "--bank",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="question bank for every candidate (default: SKILLCHECK_BANK or the bundled one)",
    )
    serve.add_argument(
        "--no-zygote",
        action="store_true",
        help="start every session as a fresh process instead of forking a warm one",
    )
    limits = serve.add_argument_group("limits")
    limit_flags: list[tuple[str, Any, str, str, str]] = [
        ("--max-sessions", positive_int, "N", "candidates at once", ""),
        ("--max-per-identity", positive_int, "N", "sessions per key", ""),
        ("--max-per-address", positive_int, "N", "connections per client address", ""),
        ("--login-timeout", duration, "TIME", "time to sign in", "30s"),
        ("--idle-timeout", duration, "TIME", "end a session after this long idle", "15m"),
        ("--max-session-time", duration, "TIME", "longest session", "2h"),
        (
            "--auth-failures-per-minute",
            positive_int,
            "N",
            "failed logins per address per minute",
            "",
        ),
        ("--child-memory", byte_size, "SIZE", "address space per session (RLIMIT_AS)", "1G"),
        ("--child-files", positive_int, "N", "open files per session (RLIMIT_NOFILE)", ""),
        ("--child-cpu", positive_int, "SECONDS", "CPU time per session (RLIMIT_CPU)", ""),
    ]
    for flag, kind, metavar, text, shown_default in limit_flags:
        name = flag[2:].replace("-", "_")
        default = getattr(defaults, name)
        limits.add_argument(
            flag,
            type=kind,
            default=default,
            metavar=metavar,
            help=f"{text} (default {shown_default or default})",
        )
    serve.set_defaults(handler=serve_command)

    report = subparsers.add_parser(
        "report",
        help="every served candidate's results in one table",
        description="Summarise the candidates under a `skillcheck serve --data` folder.",
    )
    report.add_argument("data", type=Path, metavar="DIR", help="the serve --data folder")
    report.add_argument("-o", "--output", type=Path, help="also write the table as TOML here")
    report.set_defaults(handler=report_command)


def report_command(args: argparse.Namespace) -> int:
    console = Console()
    try:
        return print_team_report(args.data, args.output, console)
    except UserError as exc:
        print(f"skillcheck report: {exc}", file=sys.stderr)
        return EXIT_USAGE


def serve_command(args: argparse.Namespace) -> int:
    _configure_logging(args.log)
    try:
        config = _serve_config(args)
        return asyncio.run(_serve(config))
    except UserError as exc:
        print(f"skillcheck serve: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130


def _serve_config(args: argparse.Namespace) -> ServeConfig:
    limits = ServeLimits(
        **{
            name: getattr(args, name)
            for name in ServeLimits.__dataclass_fields__
            if hasattr(args, name)
        }
    )
    data_dir: Path = args.data.expanduser().resolve()
    _prepare_data_dir(data_dir)
    authorized = None if args.open else load_authorized_keys(args.authorized_keys)
    bank = getattr(args, "bank", None) or os.environ.get("SKILLCHECK_BANK")
    bank_dir = Path(bank).expanduser().resolve() if bank else None
    load_bank(bank_dir)  # a broken bank stops here, in one sentence, not in every session
    return ServeConfig(
        data_dir=data_dir,
        host=args.host,
        port=args.port,
        authorized_keys=authorized,
        limits=limits,
        child_command=DEFAULT_CHILD_COMMAND,
        zygote_entry=None if getattr(args, "no_zygote", False) else APP_ENTRY,
        bank_dir=bank_dir,
    )


def _prepare_data_dir(data_dir: Path) -> None:
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        candidates_root(data_dir).mkdir(mode=0o700, exist_ok=True)
        with tempfile.TemporaryFile(dir=data_dir):
            pass
    except OSError as exc:
        raise UserError(f"{data_dir}: cannot write here ({exc.strerror or exc}).") from None


def _configure_logging(log_file: Path | None) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_file is not None:
        try:
            handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
        except OSError as exc:
            print(f"skillcheck serve: {log_file}: cannot write the log ({exc})", file=sys.stderr)
    for handler in handlers:
        handler.addFilter(keep_asyncssh_refusals)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", handlers=handlers
    )


def keep_asyncssh_refusals(record: logging.LogRecord) -> bool:
    """asyncssh's INFO lines repeat ours; keep only the refusals it makes on its own."""
    if not record.name.startswith("asyncssh") or record.levelno >= logging.WARNING:
        return True
    return any(refusal in record.getMessage() for refusal in ASYNCSSH_REFUSALS)


async def _serve(config: ServeConfig) -> int:
    try:
        acceptor, hub = await start_server(config)
    except OSError as exc:
        reason = "the address is already in use" if exc.errno == errno.EADDRINUSE else exc
        raise UserError(f"cannot listen on {config.host}:{config.port}: {reason}.") from None
    fingerprint = _host_fingerprint(config)
    host = config.host if config.host not in ("0.0.0.0", "::", "") else socket.gethostname()
    print(
        f"skillcheck is served on {config.host}:{config.port} (data in {config.data_dir}).\n"
        f"Host key fingerprint: {fingerprint}\n"
        f"Candidates connect with:  ssh -t -p {config.port} {host}",
        flush=True,
    )
    if config.authorized_keys is None:
        log.warning("--open: any SSH key may sign in")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        log.info("shutting down")
        with contextlib.suppress(Exception):
            await stop_server(acceptor, hub)
    return 0


def _host_fingerprint(config: ServeConfig) -> str:
    key = asyncssh.read_private_key(host_key_path(config.data_dir))
    return str(key.get_fingerprint("sha256"))
