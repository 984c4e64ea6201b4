"""How a question is put to the candidate, in words any view can use: its kind's label,
its skill, and which answer a numbered option stands for.

The TUI's question screen and the plain line-by-line mode both ask questions; they
word them from here, so the two never drift apart.
"""

from __future__ import annotations

from skillcheck.domain.models import AnswerValue, Bank
from skillcheck.domain.questions import Question

KIND_LABELS = {
    "rating": "Rate yourself",
    "choice": "Knowledge check",
    "preference": "What you prefer",
    "hiring": "About the position",
}


def kind_label(question: Question) -> str:
    """`Knowledge check`, `Rate yourself` or `What you prefer`."""
    return KIND_LABELS.get(question.kind, question.kind)


def skill_names(bank: Bank, question: Question) -> list[str]:
    """The names of the skills `question` measures (none for a preference)."""
    return [bank.skill_by_id[s].name for s in question.skill_ids if s in bank.skill_by_id]


def answer_value(question: Question, index: int) -> AnswerValue:
    """The answer the option at `index` stands for (a rating's is its integer level)."""
    key = question.options[index].key
    return int(key) if question.kind == "rating" else key


def option_index(question: Question, value: AnswerValue | None) -> int | None:
    """Where the option for an earlier answer `value` sits, or None."""
    if value is None:
        return None
    keys = question.option_keys
    return keys.index(str(value)) if str(value) in keys else None
