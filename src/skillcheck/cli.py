"""The command line: the only place that reads argv; it dispatches to the store, report and UI.

Imports are lazy on purpose: `--help`, `score`, `show` and `validate` never load
Textual, and nothing but `serve`/`report` loads the SSH server.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from skillcheck.errors import UserError
from skillcheck.options import COLOR_CHOICES, TuiOptions

EXIT_OK = 0
EXIT_FAULTS = 1  # validate found problems
EXIT_USAGE = 2  # a user error: bad file, bad path, bad flag
EXIT_CRASH = 70  # an unexpected error, logged to the crash log
EXIT_INTERRUPTED = 130

SERVER_COMMANDS = ("serve", "report")
_SERVER_MODULE = "skillcheck.ssh.cli"
#: Top-level flags that take a value, so the subcommand can be found without parsing.
_FLAGS_WITH_VALUE = {"--bank", "--output", "-o", "--color", "--mode"}

EPILOG = """\
examples:
  skillcheck                          take the assessment in the terminal (resumable)
  skillcheck --fresh --mode quick     start a new quick assessment
  skillcheck template -o answers.toml write an answers file to fill in
  skillcheck score answers.toml       score an answers file and show the report
  skillcheck score answers.toml -o results.toml
  skillcheck show results.toml        show a saved results file
  skillcheck validate path/to/bank    check a question bank, every problem with file:line

environment:
  SKILLCHECK_BANK      the question bank folder (as --bank)
  SKILLCHECK_COLOR     auto, 16, 256 or truecolor (as --color)
  SKILLCHECK_DATA_DIR  where the autosave and the crash log are kept

exit codes: 0 done, 1 validate found problems, 2 a problem with a file or flag,
70 an unexpected error (the crash log says what happened)
"""

Handler = Callable[[argparse.Namespace], int]


def main(argv: list[str] | None = None) -> int:
    """Run skillcheck with `argv` (default: the process's arguments); return the exit code."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(with_server=_subcommand(arguments) in SERVER_COMMANDS)
    try:
        args = parser.parse_args(arguments)
    except SystemExit as exit_request:  # --help, --version, or a usage error
        code = exit_request.code
        return code if isinstance(code, int) else EXIT_OK if code is None else EXIT_USAGE
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


def build_parser(*, with_server: bool = False) -> argparse.ArgumentParser:
    """The argument parser; the SSH commands are loaded only when `with_server` is set."""
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
    parser.set_defaults(handler=run_tui_command)

    # Subcommands also take --bank after their name; SUPPRESS keeps a top-level --bank.
    bank_option = argparse.ArgumentParser(add_help=False)
    bank_option.add_argument(
        "--bank", type=Path, metavar="DIR", default=argparse.SUPPRESS, help="question bank folder"
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    score = commands.add_parser(
        "score", parents=[bank_option], help="score an answers file", description=_SCORE_HELP
    )
    score.add_argument("answers", type=Path, metavar="ANSWERS.toml")
    score.add_argument("-o", "--output", type=Path, metavar="RESULTS.toml", help="write here")
    score.set_defaults(handler=score_command)

    show = commands.add_parser("show", parents=[bank_option], help="show a saved results file")
    show.add_argument("results", type=Path, metavar="RESULTS.toml")
    show.set_defaults(handler=show_command)

    validate = commands.add_parser(
        "validate", parents=[bank_option], help="check a question bank and list every problem"
    )
    validate.add_argument(
        "directory", type=Path, nargs="?", metavar="DIR", help="default: the bank in use"
    )
    validate.set_defaults(handler=validate_command)

    template = commands.add_parser(
        "template", parents=[bank_option], help="write an answers file listing every question"
    )
    template.add_argument("-o", "--output", type=Path, metavar="ANSWERS.toml", help="write here")
    template.set_defaults(handler=template_command)

    _add_server_commands(commands, load=with_server)
    return parser


_SCORE_HELP = (
    "Score an answers file ([answers] table of question id = value: a rating takes a "
    "whole number 0..4, other questions an option key) and show the report, or write "
    "the results with -o."
)


# --- the SSH engineer's commands: `serve` and `report` live in skillcheck.ssh.cli ---------


def _add_server_commands(subparsers: Any, *, load: bool) -> None:
    """Add `serve` and `report` from `skillcheck.ssh.cli.add_parsers(subparsers)`.

    That module pulls in the SSH library, so it is imported only when one of its
    commands is run; otherwise the commands are listed with a short help line.
    Nothing is added when the module is missing.
    """
    if importlib.util.find_spec(_SERVER_MODULE) is None:
        return
    if not load:
        subparsers.add_parser("serve", help="host the assessment over SSH (see serve --help)")
        subparsers.add_parser("report", help="every served candidate's results in one table")
        return
    from importlib import import_module

    import_module(_SERVER_MODULE).add_parsers(subparsers)


def _subcommand(arguments: list[str]) -> str | None:
    """The first positional argument (the subcommand name), skipping top-level flag values."""
    skip = False
    for argument in arguments:
        if skip:
            skip = False
        elif argument in _FLAGS_WITH_VALUE:
            skip = True
        elif not argument.startswith("-"):
            return argument
    return None


# --- handlers ---------------------------------------------------------------------------


def _bank_dir(args: argparse.Namespace) -> Path:
    """--bank, then SKILLCHECK_BANK, then the bundled bank: `paths.bank_dir` decides."""
    from skillcheck.store import paths

    return paths.bank_dir(args.bank)


def _color(args: argparse.Namespace) -> str:
    if args.color is not None:
        return str(args.color)
    from_env = os.environ.get("SKILLCHECK_COLOR", "").strip().lower()
    if not from_env:
        return "auto"
    if from_env not in COLOR_CHOICES:
        raise UserError(f"SKILLCHECK_COLOR={from_env} is not one of {', '.join(COLOR_CHOICES)}.")
    return from_env


def run_tui_command(args: argparse.Namespace) -> int:
    """No subcommand: the terminal app."""
    options = TuiOptions(
        bank_dir=_bank_dir(args),
        output=args.output,
        fresh=args.fresh,
        color=_color(args),
        served=os.environ.get("SKILLCHECK_SERVED") == "1",
        mode=args.mode,
    )
    try:
        from skillcheck.ui.app import run_tui
    except ImportError as exc:
        raise UserError(
            f"the terminal app cannot start ({exc}); "
            "`skillcheck score ANSWERS.toml` works without it."
        ) from None
    return run_tui(options)


def score_command(args: argparse.Namespace) -> int:
    """`skillcheck score ANSWERS.toml [-o RESULTS.toml]`."""
    from skillcheck.domain.scoring import score
    from skillcheck.store.answers import load_answers
    from skillcheck.store.bank import load_bank

    bank = load_bank(_bank_dir(args))
    results = score(bank, load_answers(args.answers, bank))
    if args.output is None:
        from skillcheck.report import print_report

        print_report(results, bank)
        return EXIT_OK
    from skillcheck.store.results import write_results

    write_results(args.output, results)
    print(f"Results written to {args.output} ({results.answered} of {results.total} answered).")
    return EXIT_OK


def show_command(args: argparse.Namespace) -> int:
    """`skillcheck show RESULTS.toml`: the report, warning when another bank made it."""
    from skillcheck.report import print_report
    from skillcheck.store.bank import BankError, load_bank
    from skillcheck.store.results import check_bank_matches, load_results

    results = load_results(args.results)
    try:
        bank = load_bank(_bank_dir(args))
    except BankError as exc:
        bank = None
        # The BankError names the folder and its first problem.
        print(f"skillcheck: warning: the results are shown as saved, as {exc}", file=sys.stderr)
    mismatch = check_bank_matches(results, bank) if bank is not None else None
    if mismatch:
        print(f"skillcheck: warning: {args.results}: {mismatch}.", file=sys.stderr)
    print_report(results, bank)
    return EXIT_OK


def validate_command(args: argparse.Namespace) -> int:
    """`skillcheck validate [DIR]`: every problem on its own line, or a one-line summary."""
    from collections import Counter

    from skillcheck.store.bank import validate_bank_dir

    directory = args.directory or _bank_dir(args)
    bank, problems = validate_bank_dir(directory)
    if bank is None:
        for problem in problems:
            print(problem)
        print(f"{directory}: {len(problems)} problem(s).", file=sys.stderr)
        return EXIT_FAULTS
    kinds = Counter(q.kind for q in bank.questions)
    by_kind = ", ".join(f"{kinds[k]} {k}" for k in ("rating", "choice", "preference"))
    print(
        f"{directory}: bank {bank.info.version} is valid: {len(bank.skills)} skills, "
        f"{len(bank.roles)} roles, {len(bank.questions)} questions ({by_kind}), "
        f"{len(bank.credentials)} credentials, {len(bank.careers)} careers."
    )
    return EXIT_OK


def template_command(args: argparse.Namespace) -> int:
    """`skillcheck template [-o ANSWERS.toml]`: an answers file with every question listed."""
    from skillcheck.store.answers import answers_template
    from skillcheck.store.atomic import write_atomic
    from skillcheck.store.bank import load_bank

    text = answers_template(load_bank(_bank_dir(args)))
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    # os.path.lexists never raises: an unreadable folder fails below, as a UserError.
    if os.path.lexists(args.output):
        raise UserError(f"{args.output}: already exists; choose another name or remove it.")
    write_atomic(args.output, text)
    print(f"Answers template written to {args.output}: fill it in, then run skillcheck score.")
    return EXIT_OK
