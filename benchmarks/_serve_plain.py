"""`skillcheck serve` with the plain Textual app (`baseline_app.py`) as every session's program.

The yardstick for `ssh_load.py`: the same SSH server code, the same limits and the same
one-process-per-session model (started by exec, in its own pty), but the program each
candidate gets is the plain app: a Label, a RadioSet and a Footer. With `--zygote`,
every session is forked from a warm zygote instead (`_plain_zygote.py`), as skillcheck's
are: the yardstick for what a forked session of any Textual app costs.

Usage: python benchmarks/_serve_plain.py --data DIR --port N --log FILE --max-sessions N
           [--zygote]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from skillcheck.ssh import cli as serve_cli
from skillcheck.ssh.hub import ServeConfig
from skillcheck.ssh.limits import ServeLimits

BASELINE_APP = Path(__file__).resolve().with_name("baseline_app.py")
PLAIN_ZYGOTE = Path(__file__).resolve().with_name("_plain_zygote.py")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log", type=Path)
    parser.add_argument("--max-sessions", type=int, default=50)
    parser.add_argument("--zygote", action="store_true", help="fork sessions from a zygote")
    args = parser.parse_args()
    serve_cli._configure_logging(args.log)
    args.data.mkdir(mode=0o700, parents=True, exist_ok=True)
    config = ServeConfig(
        data_dir=args.data,
        port=args.port,
        limits=ServeLimits(max_sessions=args.max_sessions, max_per_address=2 * args.max_sessions),
        child_command=(sys.executable, str(BASELINE_APP)),
        zygote_entry=f"{PLAIN_ZYGOTE}:session" if args.zygote else None,
    )
    try:
        return asyncio.run(serve_cli._serve(config))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
