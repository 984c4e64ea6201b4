"""`skillcheck serve`'s flags and the value types the flags take, declared without the SSH
library (the server reads them in `skillcheck.ssh.cli`). Only declared here: `cli.py`
parses argv."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from skillcheck.cli_hiring import serve_command

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


#: The limits `serve` takes: flag, type, metavar, help, default as shown ("": the number).
_LIMIT_FLAGS: list[tuple[str, Callable[[str], Any], str, str, str]] = [
    ("--max-sessions", positive_int, "N", "candidates at once", ""),
    ("--max-per-identity", positive_int, "N", "sessions per key", ""),
    ("--max-per-address", positive_int, "N", "connections per client address", ""),
    ("--login-timeout", duration, "TIME", "time to sign in", "30s"),
    ("--idle-timeout", duration, "TIME", "end a session after this long idle", "15m"),
    ("--max-session-time", duration, "TIME", "longest session", "2h"),
    ("--auth-failures-per-minute", positive_int, "N", "failed logins per address a minute", ""),
    ("--child-memory", byte_size, "SIZE", "address space per session (RLIMIT_AS)", "1G"),
    ("--child-files", positive_int, "N", "open files per session (RLIMIT_NOFILE)", ""),
    ("--child-cpu", positive_int, "SECONDS", "CPU time per session (RLIMIT_CPU)", ""),
]


def add_serve(subparsers: Any, parents: list[argparse.ArgumentParser]) -> None:
    """The `serve` subcommand; `parents` carries the options every command shares."""
    from skillcheck.ssh.limits import ServeLimits  # plain numbers: no SSH library

    serve = subparsers.add_parser(
        "serve",
        parents=parents,
        help="host the assessment over SSH for many candidates at once",
        description="Host skillcheck over SSH: each candidate signs in with their SSH key "
        "and takes the assessment in their own terminal. --bank (default: SKILLCHECK_BANK "
        "or the bundled bank) is the question bank for every candidate. With --position, "
        "every candidate is also scored against a position profile; the fit is written to "
        "their results file (for `skillcheck report DIR --position`) and shown to them "
        "only with --show-position.",
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
    # SUPPRESS: a top-level --position / --show-position before `serve` still counts.
    serve.add_argument(
        "--position",
        type=Path,
        metavar="POSITION.toml",
        default=argparse.SUPPRESS,
        help="also score every candidate against this position profile (made by "
        "`skillcheck hire`); the fit goes into their results file",
    )
    serve.add_argument(
        "--show-position",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show candidates their fit to the position (default: they see nothing of it)",
    )
    serve.add_argument(
        "--no-zygote",
        action="store_true",
        help="start every session as a fresh process instead of forking a warm one",
    )
    limits = serve.add_argument_group("limits")
    defaults = ServeLimits()
    for flag, kind, metavar, text, shown_default in _LIMIT_FLAGS:
        default = getattr(defaults, flag[2:].replace("-", "_"))
        limits.add_argument(
            flag,
            type=kind,
            default=default,
            metavar=metavar,
            help=f"{text} (default {shown_default or default})",
        )
    serve.set_defaults(handler=serve_command)
