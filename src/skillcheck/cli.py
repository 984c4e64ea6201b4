"""The command line: the only place that reads argv. Every command is declared here.

What each command does is in `cli_commands`; nothing here imports Textual or the SSH
library, so `--help`, `score`, `show` and `report` start fast.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from skillcheck import cli_commands as commands
from skillcheck.cli_commands import EXIT_CRASH, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from skillcheck.errors import UserError
from skillcheck.options import COLOR_CHOICES

EPILOG = """\
examples:
  skillcheck                          take the assessment in the terminal (resumable)
  skillcheck --fresh --mode quick     start a new quick assessment
  skillcheck --plain                  the assessment as plain lines (screen readers, pipes)
  skillcheck template -o answers.toml write an answers file to fill in
  skillcheck score answers.toml       score an answers file and show the report
  skillcheck score answers.toml -o results.toml
  skillcheck show results.toml        show a saved results file
  skillcheck history                  list the results of every finished assessment
  skillcheck compare OLD.toml NEW.toml    what changed between two results
  skillcheck validate path/to/bank    check a question bank, every problem with file:line
  skillcheck hire -o position.toml    describe a position: which role, which skills
  skillcheck score answers.toml --position position.toml
  skillcheck validate position.toml   check a position profile
  skillcheck serve --data DIR --authorized-keys FILE    host the assessment over SSH
  skillcheck report DIR               every served candidate: a dashboard on a terminal
  skillcheck report DIR --format csv  ... or text, TOML or CSV for a pipe or a spreadsheet

environment:
  SKILLCHECK_BANK      the question bank folder (as --bank)
  SKILLCHECK_COLOR     auto, 16, 256 or truecolor (as --color)
  SKILLCHECK_DATA_DIR  where the autosave, the kept results and the crash log live
  TERM=dumb            plain mode, as --plain

exit codes: 0 done, 1 validate found problems, 2 a problem with a file or flag,
70 an unexpected error (the crash log says what happened)
"""

_SCORE_HELP = (
    "Score an answers file ([answers] table of question id = value: a rating takes a "
    "whole number 0..4, other questions an option key) and show the report, or write "
    "the results with -o. The questions asked are those the file lists in `asked` (a "
    "results file does), otherwise every question of the bank."
)

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


class _ShowVersion(argparse.Action):
    """--version, with the version looked up only when asked for (it costs an import)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs: Any) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *args: object, **kwargs: object) -> None:
        import skillcheck

        print(f"skillcheck {skillcheck.__version__}")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, every command in it."""
    parser = argparse.ArgumentParser(
        prog="skillcheck",
        description="How closely do you fit the AI Engineer and the ML Engineer roles, "
        "and what should you study next? Without a command, starts the assessment.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_ShowVersion)
    parser.add_argument("--bank", type=Path, metavar="DIR", help="question bank folder")
    parser.add_argument(
        "--output", type=Path, metavar="FILE", help="also write the results here when done"
    )
    parser.add_argument(
        "--fresh", action="store_true", help="back up the saved session and start over"
    )
    parser.add_argument("--color", choices=COLOR_CHOICES, help="colours to use (default: auto)")
    parser.add_argument(
        "--mode", choices=("quick", "full"), help="skip the welcome screen's choice of length"
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="plain lines, one question at a time, answers read as lines: for a screen "
        "reader, a dumb terminal or a script (default when TERM=dumb)",
    )
    parser.set_defaults(handler=commands.run_tui_command)

    # Subcommands also take --bank after their name; SUPPRESS keeps a top-level --bank.
    bank_option = argparse.ArgumentParser(add_help=False)
    bank_option.add_argument(
        "--bank", type=Path, metavar="DIR", default=argparse.SUPPRESS, help="question bank folder"
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    score = subparsers.add_parser(
        "score", parents=[bank_option], help="score an answers file", description=_SCORE_HELP
    )
    score.add_argument("answers", type=Path, metavar="ANSWERS.toml")
    score.add_argument("-o", "--output", type=Path, metavar="RESULTS.toml", help="write here")
    score.add_argument(
        "--position",
        type=Path,
        metavar="POSITION.toml",
        help="also score the fit to this position profile (made by `skillcheck hire`)",
    )
    score.set_defaults(handler=commands.score_command)

    show = subparsers.add_parser("show", parents=[bank_option], help="show a saved results file")
    show.add_argument("results", type=Path, metavar="RESULTS.toml")
    show.set_defaults(handler=commands.show_command)

    compare = subparsers.add_parser(
        "compare",
        help="what changed between two results files",
        description="Compare two results files: each role's fit (with its range) and each "
        "skill's gaps and level. Results made with different banks are compared on what "
        "both hold, with a warning.",
    )
    compare.add_argument("old", type=Path, metavar="OLD.toml")
    compare.add_argument("new", type=Path, metavar="NEW.toml")
    compare.set_defaults(handler=commands.compare_command)

    history = subparsers.add_parser(
        "history",
        help="list the results kept of every finished assessment",
        description="List the results kept in the data folder's history, oldest first: "
        "one file per finished assessment.",
    )
    history.add_argument(
        "--keep", type=positive_int, metavar="N", help="keep only the newest N (default: all)"
    )
    history.set_defaults(handler=commands.history_command)

    validate = subparsers.add_parser(
        "validate",
        parents=[bank_option],
        help="check a question bank or a position profile and list every problem",
    )
    validate.add_argument(
        "directory",
        type=Path,
        nargs="?",
        metavar="DIR|POSITION.toml",
        help="a bank folder (default: the bank in use), or a position profile to check "
        "against the bank in use",
    )
    validate.set_defaults(handler=commands.validate_command)

    template = subparsers.add_parser(
        "template", parents=[bank_option], help="write an answers file listing every question"
    )
    template.add_argument("-o", "--output", type=Path, metavar="ANSWERS.toml", help="write here")
    template.set_defaults(handler=commands.template_command)

    hire = subparsers.add_parser(
        "hire",
        parents=[bank_option],
        help="for hiring managers: describe the position, get a position profile",
        description="Answer questions about the work, the project and your team; "
        "skillcheck says which role the project needs (AI Engineer, ML Engineer or either) "
        "and why, and writes a position profile to score candidates against "
        "(score --position). Answers are saved as you go; run it again to resume.",
    )
    hire.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="POSITION.toml",
        help="where to write the profile (default: position.toml here; never replaced "
        "without asking)",
    )
    hire.add_argument(
        "--fresh", action="store_true", help="back up the saved hiring answers and start over"
    )
    hire.set_defaults(handler=commands.hire_command)

    _add_serve(subparsers, bank_option)

    report = subparsers.add_parser(
        "report",
        parents=[bank_option],
        help="every served candidate's results in one table",
        description="Summarise the candidates under a `skillcheck serve --data` folder. "
        "On a terminal it opens a dashboard (sort, filter, open a candidate's results); "
        "on a pipe, or with --format, it prints text, TOML or CSV.",
    )
    report.add_argument("data", type=Path, metavar="DIR", help="the serve --data folder")
    report.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="also write the table here (TOML, or as --format or the .csv/.txt suffix says)",
    )
    report.add_argument(
        "--format", choices=("text", "toml", "csv"), help="print (or write) this, no dashboard"
    )
    report.add_argument(
        "--position",
        type=Path,
        metavar="FILE",
        help="a position profile (position.toml): rank the candidates by their fit to it",
    )
    report.set_defaults(handler=commands.report_command)
    return parser


# --- serve: its options, declared without the SSH library --------------------------------

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


def _add_serve(subparsers: Any, bank_option: argparse.ArgumentParser) -> None:
    from skillcheck.ssh.limits import ServeLimits  # plain numbers: no SSH library

    serve = subparsers.add_parser(
        "serve",
        parents=[bank_option],
        help="host the assessment over SSH for many candidates at once",
        description="Host skillcheck over SSH: each candidate signs in with their SSH key "
        "and takes the assessment in their own terminal. --bank (default: SKILLCHECK_BANK "
        "or the bundled bank) is the question bank for every candidate.",
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
    serve.set_defaults(handler=commands.serve_command)
