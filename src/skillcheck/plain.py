"""Plain mode (`skillcheck --plain`, or `TERM=dumb`): the assessment as lines of text.

For a screen reader, a terminal without cursor addressing, or a script feeding answers
through a pipe. Each question is printed once, top to bottom, and each answer is read
as a line; nothing is redrawn, nothing moves the cursor, nothing is coloured unless
asked. It runs the same `Session` as the TUI and saves it to the same autosave after
every move, so a run started here resumes in the TUI and the reverse.

It never imports Textual (a test proves it): it starts in a blink on any terminal.

This module is the entry and what ends a run badly; the run itself is
`plain_assessment`, its end `plain_results`, the lines in and out `plain_lines`.
"""

from __future__ import annotations

import contextlib
import io
import sys
from typing import TYPE_CHECKING, TextIO

from skillcheck.crash_report import EXIT_CRASH as EXIT_CRASH  # run_plain's exit codes, here
from skillcheck.crash_report import report_crash
from skillcheck.errors import UserError
from skillcheck.plain_assessment import PlainAssessment
from skillcheck.plain_lines import line_mode

if TYPE_CHECKING:
    from skillcheck.options import TuiOptions

EXIT_OK = 0
EXIT_BANK_PROBLEM = 2
EXIT_INTERRUPTED = 130


def run_plain(
    options: TuiOptions,
    *,
    color: str | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Run the assessment as plain lines; the exit code (0 done or quit, 2 the bank or the
    position cannot be used, 70 an unexpected error: logged to the crash log, told in one
    line).

    `color`: None for none (the default), else a `--color` choice.
    """
    lines_in = sys.stdin if stdin is None else stdin
    out = sys.stdout if stdout is None else stdout
    for stream in (lines_in, out):
        # Bad bytes in, or a character the terminal's encoding lacks out: never a crash.
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")
    assessment: PlainAssessment | None = None
    with line_mode(lines_in):
        try:
            assessment = PlainAssessment.open(options, lines_in, out, color=color)
            assessment.run()
            return EXIT_OK
        except UserError as exc:  # the bank or the position cannot be used
            print(f"skillcheck: {exc}", file=sys.stderr)
            return EXIT_BANK_PROBLEM
        except KeyboardInterrupt:
            if assessment is not None:
                assessment.save_quietly()
            with contextlib.suppress(Exception):
                out.write("\nStopped. Your answers are saved: start skillcheck again to resume.\n")
                out.flush()
            return EXIT_INTERRUPTED
        except BrokenPipeError:
            if assessment is not None:
                assessment.save_quietly()
            raise  # the command line treats a reader gone away as no error
        except Exception as exc:
            if assessment is not None:
                assessment.save_quietly()
            return report_crash(exc, again="start skillcheck again")
