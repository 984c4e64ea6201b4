"""Answers files: an `[answers]` table of question id -> value, read and written.

    [answers]
    "programming-rate" = 3      # a rating: a whole number 0..4
    "programming-q1" = "c"      # a choice or a preference: an option key

Other top-level tables are ignored, so a results file (which carries its own
`[answers]`) can be scored again as it is.
"""

from __future__ import annotations

from pathlib import Path

from skillcheck.domain.model_base import MAX_LEVEL
from skillcheck.domain.models import Answers, AnswerValue, Bank
from skillcheck.domain.questions import answer_problem
from skillcheck.errors import UserError
from skillcheck.store.toml_file import toml_value
from skillcheck.store.user_file import read_toml_input, shown


def load_answers(path: Path, bank: Bank) -> Answers:
    """Read the answers file at `path`, checked against `bank`.

    Raises UserError with one sentence naming the file and the first bad entry.
    """
    document = read_toml_input(path, "an answers file")
    table = document.get("answers")
    if not isinstance(table, dict):
        raise UserError(
            f'{path}: no [answers] table; write one line per question, e.g. [answers] "id" = "a".'
        )
    problems = [
        problem
        for qid, value in table.items()
        if (problem := _entry_problem(bank, qid, value)) is not None
    ]
    if problems:
        more = f" ({len(problems) - 1} more like it in this file)" if len(problems) > 1 else ""
        raise UserError(f"{path}: [answers] {problems[0]}{more}.")
    return Answers(values=table)


def _entry_problem(bank: Bank, question_id: str, value: object) -> str | None:
    question = bank.question_by_id.get(question_id)
    if question is None:
        return f"{shown(question_id)}: no question has this id in bank {bank.info.version}"
    problem = answer_problem(question, value)
    if problem is None:
        return None
    return f"{shown(question_id)} = {shown(value)}: {_without_value(problem, value)}"


def _without_value(problem: str, value: object) -> str:
    """answer_problem ends with ", not <value>"; the entry already shows the value."""
    return problem.removesuffix(f", not {value!r}")


def answers_template(bank: Bank) -> str:
    """An answers file listing every question, each answer commented out with its choices."""
    lines = [
        f"# skillcheck answers for bank {bank.info.version}.",
        "# Remove the '#' before an answer and set its value; unanswered questions are skipped.",
        f"# A rating takes a whole number 0..{MAX_LEVEL}; other questions take an option key.",
        "",
        "[answers]",
    ]
    for question in bank.questions:
        lines.append("")
        lines.append(f"# {_one_line(question.prompt)}")
        for option in question.options:
            lines.append(f"#   {option.key}: {_one_line(option.text)}")
        example: AnswerValue = 0 if question.kind == "rating" else question.option_keys[0]
        lines.append(f"# {toml_value(question.id)} = {toml_value(example)}")
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())
