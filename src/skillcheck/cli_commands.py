"""What each command does with its parsed arguments; `cli.py` reads argv and picks one.

Imports are lazy on purpose: `--help`, `score`, `show`, `validate` and `report` never
load Textual, and only `serve` loads the SSH library.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from skillcheck.errors import UserError
from skillcheck.options import COLOR_CHOICES, TuiOptions

EXIT_OK = 0
EXIT_FAULTS = 1  # validate found problems
EXIT_USAGE = 2  # a user error: bad file, bad path, bad flag
EXIT_CRASH = 70  # an unexpected error, logged to the crash log
EXIT_INTERRUPTED = 130


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
    from skillcheck.ui.app import run_tui

    return run_tui(options)


def hire_command(args: argparse.Namespace) -> int:
    """`skillcheck hire [-o POSITION.toml]`: the hiring questions, then a position profile."""
    options = TuiOptions(
        bank_dir=_bank_dir(args), fresh=args.fresh, color=_color(args), mode="hire"
    )
    from skillcheck.ui.hire_app import run_hire

    return run_hire(options, args.output)


def score_command(args: argparse.Namespace) -> int:
    """`skillcheck score ANSWERS.toml [-o RESULTS.toml]`.

    The questions asked are those the file lists in `asked` (a results file does), else
    every question of the bank: an answers file answers some of them and skips the rest.
    """
    from skillcheck.domain.scoring import score
    from skillcheck.domain.wording import answered_phrase
    from skillcheck.store.answers import load_answers
    from skillcheck.store.bank import load_bank
    from skillcheck.store.results import load_asked

    bank = load_bank(_bank_dir(args))
    position = None
    if args.position is not None:
        from skillcheck.store.position import load_position

        position = load_position(args.position, bank)
    answers = load_answers(args.answers, bank)
    results = score(bank, answers, load_asked(args.answers, bank), position=position)
    if args.output is None:
        from skillcheck.reports.results import print_report

        print_report(results, bank)
        return EXIT_OK
    from skillcheck.store.results import write_results

    write_results(args.output, results)
    print(f"Results written to {args.output}: {answered_phrase(results)}.")
    return EXIT_OK


def show_command(args: argparse.Namespace) -> int:
    """`skillcheck show RESULTS.toml`: the report, warning when another bank made it."""
    from skillcheck.reports.results import print_report
    from skillcheck.store.bank import BankError, load_bank
    from skillcheck.store.results import check_bank_matches, load_results

    results = load_results(args.results)
    try:
        bank = load_bank(_bank_dir(args))
    except BankError as exc:
        # The BankError names the folder and its first problem.
        print(f"skillcheck: warning: the results are shown as saved, as {exc}", file=sys.stderr)
        print_report(results, None)
        return EXIT_OK
    mismatch = check_bank_matches(results, bank)
    if mismatch:
        print(f"skillcheck: warning: {args.results}: {mismatch}.", file=sys.stderr)
    print_report(results, bank)
    return EXIT_OK


def validate_command(args: argparse.Namespace) -> int:
    """`skillcheck validate [DIR]`: every problem on its own line, or a one-line summary."""
    from collections import Counter

    from skillcheck.domain.credential_rules import stale_credentials
    from skillcheck.store.bank import validate_bank_dir

    if args.directory is not None and not args.directory.is_dir() and args.directory.exists():
        return _validate_position(args)
    directory = args.directory or _bank_dir(args)
    bank, problems = validate_bank_dir(directory)
    if bank is None:
        for problem in problems:
            print(problem)
        print(f"{directory}: {len(problems)} problem(s).", file=sys.stderr)
        return EXIT_FAULTS
    for credential in stale_credentials(bank):
        when = f" on {credential.retired_on}" if credential.retired_on else ""
        print(
            f'{directory}: warning: credential "{credential.id}" was retired{when} and names '
            "no successor, so it is never recommended; add its successor or drop it.",
            file=sys.stderr,
        )
    kinds = Counter(q.kind for q in bank.questions)
    by_kind = ", ".join(f"{kinds[k]} {k}" for k in ("rating", "choice", "preference"))
    print(
        f"{directory}: bank {bank.info.version} is valid: {len(bank.skills)} skills, "
        f"{len(bank.roles)} roles, {len(bank.questions)} questions ({by_kind}), "
        f"{len(bank.credentials)} credentials, {len(bank.careers)} careers."
    )
    return EXIT_OK


def _validate_position(args: argparse.Namespace) -> int:
    """`skillcheck validate position.toml`: a position profile against the bank in use."""
    from skillcheck.store.bank import load_bank
    from skillcheck.store.position import check_position

    bank = load_bank(_bank_dir(args))
    position, problems = check_position(args.directory, bank)
    if position is None:
        for problem in problems:
            print(problem)
        print(f"{args.directory}: {len(problems)} problem(s).", file=sys.stderr)
        return EXIT_FAULTS
    names = " or ".join(bank.role_by_id[r].name for r in position.roles)
    central = sum(1 for need in position.needs.values() if need.importance == 3)
    print(
        f"{args.directory}: position {position.name!r} is valid: based on {names}, "
        f"{len(position.needs)} skills ({central} central), checked against bank "
        f"{bank.info.version}."
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


def report_command(args: argparse.Namespace) -> int:
    """`skillcheck report DIR [-o team.toml]`: every served candidate in one table."""
    from rich.console import Console

    from skillcheck.reports.team import print_team_report

    return print_team_report(args.data, args.output, Console())


def serve_command(args: argparse.Namespace) -> int:
    """`skillcheck serve ...`: the only command that loads the SSH library."""
    from skillcheck.ssh.cli import serve

    return serve(args)
