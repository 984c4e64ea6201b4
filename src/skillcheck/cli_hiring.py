"""The hiring side's commands: `hire`, `serve` and `report` (`cli_args` declares them).

Imports are lazy on purpose, as in `cli_commands`: `report` on a pipe never loads
Textual, and only `serve` loads the SSH library.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from skillcheck.cli_commands import bank_dir_of, color_of
from skillcheck.options import COLOR_CHOICES, TuiOptions


def hire_command(args: argparse.Namespace) -> int:
    """`skillcheck hire [-o POSITION.toml]`: the hiring questions, then a position profile."""
    options = TuiOptions(
        bank_dir=bank_dir_of(args), fresh=args.fresh, color=color_of(args), mode="hire"
    )
    from skillcheck.ui.hire_app import run_hire

    return run_hire(options, args.output)


def report_command(args: argparse.Namespace) -> int:
    """`skillcheck report DIR [--format F] [-o FILE] [--position P]`.

    On a terminal, with neither --format nor -o, the dashboard; otherwise text, TOML or
    CSV. Without --position, the profile `serve --position` kept in DIR ranks them, if
    there is one. The bank is loaded only when needed: to score against a position, or
    to show a candidate's results in the dashboard.
    """
    from rich.console import Console

    from skillcheck.reports.team import Ranking
    from skillcheck.reports.team_formats import print_team_report
    from skillcheck.store.served import served_position_path

    dashboard = args.format is None and args.output is None and _on_terminal()
    position_file = args.position
    if position_file is None and _is_file(served_position_path(args.data)):
        position_file = served_position_path(args.data)
    ranking = None
    bank = None
    if position_file is not None or dashboard:
        from skillcheck.store.bank import load_bank

        bank = load_bank(bank_dir_of(args))
    if position_file is not None and bank is not None:
        from skillcheck.reports.position_fit import load_position

        ranking = Ranking(load_position(position_file, bank), bank)
    if dashboard and bank is not None:
        from skillcheck.reports.team import collect_team
        from skillcheck.ui.team import run_team

        rows = collect_team(args.data, ranking)
        position = ranking.position.name if ranking is not None else None
        return run_team(rows, bank, args.data, position, color=_color_from_env())
    return print_team_report(args.data, args.output, Console(), kind=args.format, ranking=ranking)


def _on_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _color_from_env() -> str:
    from_env = os.environ.get("SKILLCHECK_COLOR", "").strip().lower()
    return from_env if from_env in COLOR_CHOICES else "auto"


def serve_command(args: argparse.Namespace) -> int:
    """`skillcheck serve ...`: the only command that loads the SSH library."""
    from skillcheck.ssh.cli import serve

    return serve(args)


def _is_file(path: Path) -> bool:
    """Whether `path` is a file; a name the system refuses (too long...) is not one.

    The folder itself is checked, and its problem named, when the report reads it.
    """
    try:
        return path.is_file()
    except OSError:
        return False
