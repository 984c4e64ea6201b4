"""`skillcheck serve`: builds the SSH server from the parsed flags (declared in `skillcheck.cli`).

The one command module that imports the SSH library; `skillcheck.cli_commands` imports
it only when `serve` runs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import logging
import os
import signal
import socket
import sys
import tempfile
from pathlib import Path

import asyncssh

from skillcheck.errors import UserError
from skillcheck.options import SHOW_POSITION_ALONE
from skillcheck.ssh.child import DEFAULT_CHILD_COMMAND
from skillcheck.ssh.host_key import host_key_path
from skillcheck.ssh.hub import ServeConfig, log
from skillcheck.ssh.identity import candidates_root, load_authorized_keys
from skillcheck.ssh.limits import ServeLimits
from skillcheck.ssh.server import start_server, stop_server
from skillcheck.ssh.zygote_protocol import APP_ENTRY
from skillcheck.store.atomic import write_atomic
from skillcheck.store.bank import load_bank
from skillcheck.store.position import load_position
from skillcheck.store.served import served_position_path

# Requests asyncssh itself turns down (we disable them), reported in its own words.
ASYNCSSH_REFUSALS = ("Agent forwarding request denied", "X11 forwarding request denied")


def serve(args: argparse.Namespace) -> int:
    """Serve until SIGINT or SIGTERM; a UserError (bad flag, folder, bank) stops it first."""
    _configure_logging(args.log)
    return asyncio.run(_serve(_serve_config(args)))


def _serve_config(args: argparse.Namespace) -> ServeConfig:
    limits = ServeLimits(
        **{
            name: getattr(args, name)
            for name in ServeLimits.__dataclass_fields__
            if hasattr(args, name)
        }
    )
    position = getattr(args, "position", None)
    show_position = bool(getattr(args, "show_position", False))
    if show_position and position is None:
        raise UserError(SHOW_POSITION_ALONE)
    data_dir = _absolute(args.data)
    _prepare_data_dir(data_dir)
    authorized = None if args.open else load_authorized_keys(args.authorized_keys)
    bank_flag = getattr(args, "bank", None) or os.environ.get("SKILLCHECK_BANK")
    bank_dir = _absolute(Path(bank_flag)) if bank_flag else None
    # A broken bank or position stops here, in one sentence, not in every session.
    bank = load_bank(bank_dir)
    position_file = _absolute(position) if position is not None else None
    if position_file is not None:
        load_position(position_file, bank)
        position_file = _keep_position(position_file, data_dir)
    return ServeConfig(
        data_dir=data_dir,
        host=args.host,
        port=args.port,
        authorized_keys=authorized,
        limits=limits,
        child_command=DEFAULT_CHILD_COMMAND,
        zygote_entry=None if getattr(args, "no_zygote", False) else APP_ENTRY,
        bank_dir=bank_dir,
        position=position_file,
        show_position=show_position,
    )


def _keep_position(checked: Path, data_dir: Path) -> Path:
    """A copy of the checked profile in the data folder, the one every session reads:
    editing (or breaking) the original while serving changes nothing until a restart,
    as with the bank."""
    kept = served_position_path(data_dir)
    if kept != checked:
        try:
            text = checked.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(f"{checked}: cannot be read ({exc}).") from None
        write_atomic(kept, text)
    return kept


def _absolute(path: Path) -> Path:
    """`path` made absolute with its links followed; a symlink loop is named, not a crash."""
    try:
        return path.expanduser().resolve()
    except RuntimeError:  # Python 3.11's word for a symlink loop
        raise UserError(f"{path}: cannot be used (Too many levels of symbolic links).") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be used ({exc.strerror or exc}).") from None


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
