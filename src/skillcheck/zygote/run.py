"""The zygote's main: load, freeze, serve fork requests; in a forked child, run the session."""

from __future__ import annotations

import argparse
import gc
import os
import signal
import socket
import sys
import time
from pathlib import Path

from skillcheck.errors import UserError
from skillcheck.ssh import zygote_protocol as protocol
from skillcheck.ssh.session_process import become_session
from skillcheck.zygote.forkserver import READY_FAILED, READY_OK, ChildWork, ForkServer
from skillcheck.zygote.immortal import immortalize_heap
from skillcheck.zygote.preload import SessionEntry, load_entry, remove_warm_up_folder

EXIT_PROBLEM = 70
#: A child that could not become a session exits with this (the server is told why).
EXIT_SET_UP_FAILED = 127


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m skillcheck.zygote")
    parser.add_argument("--fd", type=int, required=True, help="the inherited channel")
    parser.add_argument("--entry", default=protocol.APP_ENTRY, help="what sessions run")
    parser.add_argument("--bank", type=Path, help="the question bank sessions use")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """The zygote until the server closes the channel (0); in a forked child, its session."""
    args = parse_arguments(argv)
    channel = socket.socket(fileno=args.fd)
    channel.setblocking(True)

    def send(reply: protocol.Reply) -> None:
        channel.send(protocol.encode_reply(reply))

    def notice(message: str) -> None:
        send(protocol.Notice(message))

    try:
        # Ctrl+C at the server's terminal is for the server, which then closes the channel.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # The server stops a zygote with SIGTERM, maybe while it warms up.
        signal.signal(signal.SIGTERM, _stop)
        started = time.monotonic()
        entry = load_entry(args.entry, args.bank, notice)
        # Everything loaded so far is shared with every session: keep reference counts
        # (on Python 3.12 and later) and the collector off it, or each session would
        # copy the pages it uses (immortal.py) and the pages the collector walks.
        gc.collect()
        immortal = immortalize_heap()
        gc.freeze()
        send(protocol.Ready(os.getpid(), round(time.monotonic() - started, 3), immortal))
        work = ForkServer(channel, send).serve()
    except (BrokenPipeError, ConnectionResetError):
        return 0  # the server has gone: nothing left to serve or tell
    except UserError as exc:  # the bank cannot be loaded: one sentence (the server logs it)
        print(f"cannot start: {exc}", file=sys.stderr, flush=True)
        return EXIT_PROBLEM
    except Exception as exc:
        print(f"stopped after an error: {type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
        return EXIT_PROBLEM
    if work is None:
        return 0
    return run_session(work, entry)


def _stop(signum: int, frame: object) -> None:
    """SIGTERM: remove the warm-up's folder if it is there, and exit now.

    Not by unwinding (SystemExit): a signal that lands in the warm-up's own clean-up
    would cut that short and leave the folder behind.
    """
    remove_warm_up_folder()
    os._exit(0)


def run_session(work: ChildWork, entry: SessionEntry) -> int:
    """In a forked child: become the candidate's session, tell the zygote, run the app."""
    try:
        spec = protocol.decode_spawn(work.request)
        become_session(spec, work.pty_fd, work.ready_fd)
    except (OSError, protocol.ProtocolError) as exc:
        reason = f"the session could not be set up: {exc}"
        try:
            os.write(work.ready_fd, READY_FAILED + reason.encode("utf-8", "replace"))
        finally:
            os._exit(EXIT_SET_UP_FAILED)
    os.write(work.ready_fd, READY_OK)
    os.close(work.ready_fd)
    sys.argv = ["skillcheck", *spec.argv]
    return entry(list(spec.argv))
