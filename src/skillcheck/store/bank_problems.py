"""A problem in a bank item, in the bank author's words: which item (`question "x"`,
`skill 3 (no id)`), which field (`option 3, "lean"`), and what pydantic found wrong.

Ids and keys are quoted as TOML writes them (`store.toml_file`), so a line break in
one stays `\\n` and every problem is one line.
"""

from __future__ import annotations

from pydantic_core import ErrorDetails

from skillcheck.domain.bank_rules import KeyPath, SourceItem
from skillcheck.domain.questions import QUESTION_RULE, QUESTION_TYPES
from skillcheck.store.toml_file import field_problem, short_value, toml_value

SINGULAR = {
    "skills": "skill",
    "roles": "role",
    "credentials": "credential",
    "careers": "career",
    "questions": "question",
    "hiring": "hiring question",
}
_DICT_FIELDS = {"weights", "required", "needs"}


def describe_item(item: SourceItem) -> str:
    noun = SINGULAR[item.kind]
    if isinstance(item.item_id, str):
        return f"{noun} {toml_value(item.item_id)}"
    return f"{noun} {item.position + 1} (no id)"


def describe_field(loc: KeyPath) -> str:
    """A pydantic location in plain words: ("options", 2, "lean") -> 'option 3, "lean"'.

    Keys are quoted as TOML writes them, so a line break in one stays `\\n`.
    """
    parts: list[str] = []
    step = 0
    while step < len(loc):
        segment = loc[step]
        following = loc[step + 1] if step + 1 < len(loc) else None
        if segment == "options" and isinstance(following, int):
            parts.append(f"option {following + 1}")
            step += 2
        elif isinstance(following, int):
            parts.append(f"{_key(segment)} item {following + 1}")
            step += 2
        elif segment in _DICT_FIELDS and following is not None:
            parts.append(f"{_key(segment)} entry {_key(following)}")
            step += 2
        else:
            parts.append(_key(segment))
            step += 1
    return ", ".join(parts)


def _key(part: str | int) -> str:
    """A key of a location, quoted as TOML writes a string: "lean", "two\\nlines"."""
    return toml_value(str(part))


def schema_problem(item: SourceItem, error: ErrorDetails) -> tuple[KeyPath, str]:
    """Where in the item a pydantic error is, and what it says, in the bank's words."""
    loc = tuple(error["loc"])
    kind = item.raw.get("kind")
    if item.kind != "questions":
        return loc, field_problem(error, describe_field(loc))
    if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
        choices = " or ".join(", ".join(repr(k) for k in QUESTION_TYPES).rsplit(", ", 1))
        if "kind" not in item.raw:
            return ("kind",), '"kind" is missing'
        shown = short_value(kind)
        return ("kind",), f'"kind" should be {choices}' + (f", not {shown}" if shown else "")
    loc = loc[1:] if loc[:1] == (kind,) else loc  # a tagged union puts the kind first
    name = loc[0] if len(loc) == 1 else None
    if error["type"] == QUESTION_RULE:
        return loc, error["msg"]
    if error["type"] == "missing" and isinstance(name, str):
        article = "" if name.endswith("s") else "an " if name[:1] in "aeiou" else "a "
        return loc, f'a {kind} needs {article}"{name}"'
    if error["type"] == "extra_forbidden" and isinstance(name, str):
        takers = [k for k, model in QUESTION_TYPES.items() if name in model.model_fields]
        if takers:
            return loc, f'only {" and ".join(takers)} questions take "{name}"'
    return loc, field_problem(error, describe_field(loc))
