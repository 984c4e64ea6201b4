"""Every command and flag of `skillcheck`, declared (`build_parser`); `cli.py` parses argv
with it and runs the handler each command sets. `serve`'s flags are in `cli_serve_args`.

Nothing here imports Textual or the SSH library, so `--help` starts fast.
"""

from __future__ import annotations

import argparse
import functools
from pathlib import Path
from typing import Any

from skillcheck import cli_commands as commands
from skillcheck import cli_hiring as hiring
from skillcheck.cli_serve_args import add_serve, positive_int
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
  skillcheck --position position.toml --show-position
                                      the assessment, with the fit to a position shown
  skillcheck serve --data DIR --authorized-keys FILE    host the assessment over SSH
  skillcheck serve --data DIR --authorized-keys FILE --position position.toml
                                      ... and score every candidate against a position
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


@functools.cache
def build_parser() -> argparse.ArgumentParser:
    """The argument parser, every command in it: built once (parsing does not change it;
    a served session is forked from the zygote, which built it)."""
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
    parser.add_argument(
        "--position",
        type=Path,
        metavar="POSITION.toml",
        help="also score the assessment against this position profile (made by `skillcheck "
        "hire`); its fit goes into the results file, and on screen only with --show-position",
    )
    parser.add_argument(
        "--show-position",
        action="store_true",
        help="show the fit to the --position profile on the results",
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
    hire.set_defaults(handler=hiring.hire_command)

    add_serve(subparsers, [bank_option])

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
    report.set_defaults(handler=hiring.report_command)
    return parser
