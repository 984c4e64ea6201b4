"""What each command does with its parsed arguments; `cli.py` reads argv and picks one.

Imports are lazy on purpose: `--help`, `score`, `show` and `validate` never load
Textual. The hiring side's commands (hire, serve, report) are in `cli_hiring`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from skillcheck.errors import UserError, escape_controls
from skillcheck.options import COLOR_CHOICES, SHOW_POSITION_ALONE, TuiOptions

EXIT_OK = 0
EXIT_FAULTS = 1  # validate found problems
EXIT_USAGE = 2  # a user error: bad file, bad path, bad flag
EXIT_CRASH = 70  # an unexpected error, logged to the crash log
EXIT_INTERRUPTED = 130


def bank_dir_of(args: argparse.Namespace) -> Path:
    """--bank, then SKILLCHECK_BANK, then the bundled bank: `paths.bank_dir` decides."""
    from skillcheck.store import paths

    return paths.bank_dir(args.bank)


def color_of(args: argparse.Namespace) -> str:
    if args.color is not None:
        return str(args.color)
    from_env = os.environ.get("SKILLCHECK_COLOR", "").strip().lower()
    if not from_env:
        return "auto"
    if from_env not in COLOR_CHOICES:
        raise UserError(f"SKILLCHECK_COLOR={from_env} is not one of {', '.join(COLOR_CHOICES)}.")
    return from_env


def run_tui_command(args: argparse.Namespace) -> int:
    """No subcommand: the terminal app, or plain lines with --plain or on a dumb terminal."""
    options = TuiOptions(
        bank_dir=bank_dir_of(args),
        output=args.output,
        fresh=args.fresh,
        color=color_of(args),
        served=os.environ.get("SKILLCHECK_SERVED") == "1",
        mode=args.mode,
        position=args.position,
        show_position=args.show_position,
    )
    if args.show_position and args.position is None:
        raise UserError(SHOW_POSITION_ALONE)
    if args.plain or os.environ.get("TERM", "").strip().lower() == "dumb":
        from skillcheck.plain import run_plain

        # Plain mode has no colour unless asked for (--color or SKILLCHECK_COLOR).
        asked = args.color is not None or bool(os.environ.get("SKILLCHECK_COLOR", "").strip())
        return run_plain(options, color=options.color if asked else None)
    from skillcheck.ui.app import run_tui

    return run_tui(options)


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

    bank = load_bank(bank_dir_of(args))
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
        bank = load_bank(bank_dir_of(args))
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


def compare_command(args: argparse.Namespace) -> int:
    """`skillcheck compare OLD.toml NEW.toml`: what changed, warning when the banks differ."""
    from skillcheck.domain.comparison import compare_results
    from skillcheck.domain.progress_wording import (
        NOTHING_TO_COMPARE,
        bank_warning,
        describe_comparison,
        when_text,
    )
    from skillcheck.reports.progress import comparison_lines, print_lines
    from skillcheck.store.history import time_of
    from skillcheck.store.results import load_results

    old, new = load_results(args.old), load_results(args.new)
    comparison = compare_results(old, new)
    if not comparison.comparable:
        raise UserError(f"{args.old}, {args.new}: {NOTHING_TO_COMPARE}.")
    warning = bank_warning(comparison)
    if warning:
        print(f"skillcheck: warning: {args.old}, {args.new}: {warning}.", file=sys.stderr)
    when = time_of(args.old)
    since = when_text(when) if when else args.old.name
    words = describe_comparison(comparison, since)
    print_lines(comparison_lines(words, with_warning=False))
    return EXIT_OK


def history_command(args: argparse.Namespace) -> int:
    """`skillcheck history [--keep N]`: the kept results, after removing the oldest."""
    from skillcheck.domain.progress_wording import (
        NO_HISTORY,
        HistoryEntryText,
        history_entry,
        history_title,
        pruned_note,
        unreadable_entry,
    )
    from skillcheck.reports.progress import history_lines, print_lines
    from skillcheck.store import paths
    from skillcheck.store.history import load_history, prune_history

    removed = prune_history(args.keep) if args.keep is not None else []
    kept = load_history()
    if not kept:
        print(f"{NO_HISTORY} ({paths.history_dir()})")
    else:
        entries: list[tuple[HistoryEntryText | str, str]] = [
            (history_entry(k.when, k.results), str(k.path))
            if k.results is not None
            else (unreadable_entry(k.problem or ""), "")
            for k in kept
        ]
        print_lines(history_lines(history_title(len(kept)), entries))
    if removed:
        print(pruned_note(len(removed), len(kept)))
    return EXIT_OK


def validate_command(args: argparse.Namespace) -> int:
    """`skillcheck validate [DIR]`: every problem on its own line, or a one-line summary."""
    from collections import Counter

    from skillcheck.domain.credential_rules import stale_credentials
    from skillcheck.store.bank import validate_bank_dir

    if args.directory is not None and _is_a_file(args.directory):
        return _validate_position(args)
    directory = args.directory or bank_dir_of(args)
    bank, problems = validate_bank_dir(directory)
    if bank is None:
        for problem in problems:
            print(problem)
        # The folder's name may hold a line break: escaped, the count stays one line.
        print(escape_controls(f"{directory}: {len(problems)} problem(s)."), file=sys.stderr)
        return EXIT_FAULTS
    for credential in stale_credentials(bank):
        when = f" on {credential.retired_on}" if credential.retired_on else ""
        print(
            escape_controls(
                f'{directory}: warning: credential "{credential.id}" was retired{when} and '
                "names no successor, so it is never recommended; add its successor or drop it."
            ),
            file=sys.stderr,
        )
    kinds = Counter(q.kind for q in bank.questions)
    by_kind = ", ".join(f"{kinds[k]} {k}" for k in ("rating", "choice", "preference"))
    print(
        escape_controls(
            f"{directory}: bank {bank.info.version} is valid: {len(bank.skills)} skills, "
            f"{len(bank.roles)} roles, {len(bank.questions)} questions ({by_kind}), "
            f"{len(bank.hiring)} hiring questions, {len(bank.credentials)} credentials, "
            f"{len(bank.careers)} careers."
        )
    )
    return EXIT_OK


def _is_a_file(path: Path) -> bool:
    """`path` is there and not a folder (a position profile to validate, then)."""
    try:
        return not path.is_dir() and path.exists()
    except OSError:  # a name too long, say: the bank reader names the problem
        return False


def _validate_position(args: argparse.Namespace) -> int:
    """`skillcheck validate position.toml`: a position profile against the bank in use."""
    from skillcheck.store.bank import load_bank
    from skillcheck.store.position import check_position

    bank = load_bank(bank_dir_of(args))
    position, problems = check_position(args.directory, bank)
    if position is None:
        for problem in problems:
            print(escape_controls(problem))
        print(escape_controls(f"{args.directory}: {len(problems)} problem(s)."), file=sys.stderr)
        return EXIT_FAULTS
    names = " or ".join(bank.role_by_id[r].name for r in position.roles)
    central = sum(1 for need in position.needs.values() if need.importance == 3)
    print(
        escape_controls(
            f"{args.directory}: position {position.name!r} is valid: based on {names}, "
            f"{len(position.needs)} skills ({central} central), checked against bank "
            f"{bank.info.version}."
        )
    )
    return EXIT_OK


def template_command(args: argparse.Namespace) -> int:
    """`skillcheck template [-o ANSWERS.toml]`: an answers file with every question listed."""
    from skillcheck.store.answers import answers_template
    from skillcheck.store.atomic import write_atomic
    from skillcheck.store.bank import load_bank

    text = answers_template(load_bank(bank_dir_of(args)))
    if args.output is None:
        sys.stdout.write(text)
        return EXIT_OK
    # os.path.lexists never raises: an unreadable folder fails below, as a UserError.
    if os.path.lexists(args.output):
        raise UserError(f"{args.output}: already exists; choose another name or remove it.")
    write_atomic(args.output, text)
    print(f"Answers template written to {args.output}: fill it in, then run skillcheck score.")
    return EXIT_OK
