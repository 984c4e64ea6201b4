"""The command line: the only place that reads argv. Every command is declared in
`cli_args` (and `serve`'s flags in `cli_serve_args`); what each does is in `cli_commands`.

Nothing here imports Textual or the SSH library, so `--help`, `score`, `show` and `report`
start fast.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from skillcheck.cli_args import build_parser
from skillcheck.cli_commands import EXIT_CRASH, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from skillcheck.cli_serve_args import byte_size, duration, positive_int
from skillcheck.errors import UserError

__all__ = ["build_parser", "byte_size", "duration", "main", "positive_int"]

Handler = Callable[[argparse.Namespace], int]


def main(argv: list[str] | None = None) -> int:
    """Run skillcheck with `argv` (default: the process's arguments); return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else list(argv))
    except SystemExit as exit_request:  # --help, --version or a usage error, already printed
        code = exit_request.code
        return code if isinstance(code, int) else EXIT_USAGE
    handler: Handler = args.handler
    try:
        return handler(args)
    except UserError as exc:
        print(f"skillcheck: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`skillcheck show r.toml | head`): not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        from skillcheck.store.crash_log import log_crash

        path = log_crash(exc)
        print(
            f"skillcheck: unexpected error ({type(exc).__name__}); the details are in {path}.",
            file=sys.stderr,
        )
        return EXIT_CRASH
