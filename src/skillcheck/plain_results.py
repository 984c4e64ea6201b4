"""The end of a plain run: score it, keep it in the history, write `--output`, and show
the report as spoken lines (in colour only when asked)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from skillcheck.errors import UserError

if TYPE_CHECKING:
    from skillcheck.domain.models import Bank
    from skillcheck.domain.position import Position
    from skillcheck.domain.results import Results
    from skillcheck.domain.session import Session
    from skillcheck.options import TuiOptions
    from skillcheck.plain_lines import PlainLines

#: Colour names as rich spells them, for --color.
_COLOR_SYSTEMS = {"auto": "auto", "16": "standard", "256": "256", "truecolor": "truecolor"}


def finish_run(
    lines: PlainLines,
    bank: Bank,
    session: Session,
    options: TuiOptions,
    position: Position | None,
) -> None:
    """Score the completed `session` (against `position` too), keep and write the results,
    then show the report."""
    from skillcheck.domain.position import as_shown
    from skillcheck.domain.scoring import score

    scored = score(bank, session.to_answers(), session.question_ids, position)
    # The file keeps the fit to the position; the candidate sees it only if shown.
    results = as_shown(scored, options.show_position)
    lines.say("")
    lines.say("That was the last question. Your results follow.")
    _keep_in_history(lines, results)
    if options.output is not None:
        from skillcheck.store.results import write_results

        try:
            write_results(options.output, scored)
            lines.say(f"The results are also written to {options.output}.")
        except UserError as exc:
            lines.say(f"{exc} The results are shown below only.")
    lines.say("")
    if lines.color is None:
        from skillcheck.reports.results import report_text

        lines.write(report_text(results, bank, ascii_only=lines.ascii_only, spoken=True))
    else:
        _print_in_colour(lines, results, bank)
    lines.say("")
    lines.say("End of the results. Start skillcheck again for a new assessment.")


def _keep_in_history(lines: PlainLines, results: Results) -> None:
    """Keep the run in the history, as the app does, so `skillcheck history` and the
    app's progress section see it too."""
    from skillcheck.store.history import keep_results

    try:
        path = keep_results(results)
        lines.say(f"The results are kept in your history ({path.name}).")
    except UserError as exc:
        lines.say(f"{exc} They are not kept in the history.")


def _print_in_colour(lines: PlainLines, results: Results, bank: Bank) -> None:
    from rich.console import Console

    from skillcheck.reports.results import render_report

    console = Console(
        file=lines.out,
        force_terminal=True,
        color_system=_COLOR_SYSTEMS.get(lines.color or "auto", "auto"),  # type: ignore[arg-type]
        highlight=False,
        width=80,
    )
    report = render_report(results, bank, ascii_only=lines.ascii_only, spoken=True)
    console.print(report, soft_wrap=True)
