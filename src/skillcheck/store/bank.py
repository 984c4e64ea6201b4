"""Read and validate a question bank: every `*.toml` in a directory, as one `Bank`.

The bank is the union of the top-level arrays `skills`, `roles`, `credentials`,
`careers` and `questions` over the files; exactly one file carries `[bank] version`.
Validation reports every problem, each as `file:line: message`, so an author can fix
them all in one pass. Line numbers are looked up only when there is a problem.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import tomli
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from skillcheck.domain.models import Bank, BankInfo, Career, Credential, Question, Role, Skill
from skillcheck.errors import UserError
from skillcheck.store import paths
from skillcheck.store.bank_locate import FileLines, KeyPath, toml_error_position
from skillcheck.domain.bank_rules import SourceItem, ValidItems, check_rules

KINDS: dict[str, type[BaseModel]] = {
    "skills": Skill,
    "roles": Role,
    "credentials": Credential,
    "careers": Career,
    "questions": Question,
}
SINGULAR = {
    "skills": "skill",
    "roles": "role",
    "credentials": "credential",
    "careers": "career",
    "questions": "question",
}
BANK_TABLE_KEYS = {"version", "title"}
_DICT_FIELDS = {"weights", "required"}


class BankError(UserError):
    """The bank cannot be used; `problems` holds every problem, one `file:line: message` each."""

    def __init__(self, directory: Path, problems: list[str]) -> None:
        self.problems = problems
        first = problems[0].removesuffix(".") if problems else "an unknown problem"
        super().__init__(
            f"the question bank in {directory} has {len(problems)} problem(s), the first being "
            f"{first}; run `skillcheck validate {directory}` to see them all."
        )


def load_bank(directory: Path | None = None) -> Bank:
    """Load and validate the bank in `directory` (default: `paths.bank_dir()`).

    Raises BankError carrying every problem found.
    """
    folder = paths.bank_dir(directory)
    bank, problems = validate_bank_dir(folder)
    if bank is None:
        raise BankError(folder, problems)
    return bank


def validate_bank_dir(directory: Path) -> tuple[Bank | None, list[str]]:
    """The bank in `directory` and no problems, or None and every problem found."""
    if not directory.is_dir():
        what = "does not exist" if not directory.exists() else "is not a directory"
        return None, [f"{directory}: the bank directory {what}."]
    files = sorted(directory.glob("*.toml"))
    if not files:
        return None, [f"{directory}: the bank directory holds no *.toml files."]
    return _BankReader(files).read()


def bank_sha256(named_contents: list[tuple[str, bytes]]) -> str:
    """Fingerprint of a bank: sha256 over the sorted (file name, bytes) pairs."""
    digest = hashlib.sha256()
    for name, data in sorted(named_contents):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class _BankReader:
    """One validation pass over a bank's files, collecting every problem."""

    def __init__(self, files: list[Path]) -> None:
        self.files = files
        self.texts: dict[str, str] = {}
        self.problems: list[str] = []
        self.items: list[SourceItem] = []
        self.version: str | None = None
        self.version_file: str | None = None
        self.unparsed: list[str] = []
        self._lines: dict[str, FileLines] = {}

    def read(self) -> tuple[Bank | None, list[str]]:
        contents: list[tuple[str, bytes]] = []
        for path in self.files:
            try:
                data = path.read_bytes()
                text = data.decode("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                self.problems.append(f"{path.name}: cannot be read ({exc}).")
                self.unparsed.append(path.name)
                continue
            contents.append((path.name, data))
            self.texts[path.name] = text
            self._read_file(path.name, text)
        if self.version_file is None and not self.unparsed:
            where = "bank.toml" if "bank.toml" in self.texts else str(self.files[0].parent)
            self.problems.append(f'{where}: no file has a [bank] table with version = "...".')
        if not self.unparsed:
            # A bank without these cannot score anyone; say so rather than show empty results.
            where = str(self.files[0].parent)
            for kind in ("skills", "roles", "questions"):
                if not any(item.kind == kind for item in self.items):
                    self.problems.append(f"{where}: the bank defines no {kind}.")
        valid = self._validate_items()
        for finding in check_rules(self.items, valid, self._place):
            self._report(finding.item, finding.key, finding.message)
        if self.problems or self.version is None:
            return None, self.problems
        bank = Bank(
            info=BankInfo(version=self.version, sha256=bank_sha256(contents)),
            skills=[model for _, model in valid.skills],
            roles=[model for _, model in valid.roles],
            credentials=[model for _, model in valid.credentials],
            careers=[model for _, model in valid.careers],
            questions=[model for _, model in valid.questions],
        )
        return bank, []

    # --- one file ---------------------------------------------------------------

    def _read_file(self, name: str, text: str) -> None:
        try:
            document = tomli.loads(text)
        except tomli.TOMLDecodeError as exc:
            message, line, column = toml_error_position(str(exc))
            place = f"{name}:{line}" if line else name
            at_column = f" at column {column}" if column else ""
            self.problems.append(f"{place}: not valid TOML{at_column}: {message}.")
            self.unparsed.append(name)
            return
        for key, value in document.items():
            if key == "bank":
                self._read_bank_table(name, value)
            elif key in KINDS:
                self._collect(name, key, value)
            else:
                expected = ", ".join(["bank", *KINDS])
                self._top_problem(name, key, f'unknown top-level key "{key}" (expected {expected})')

    def _read_bank_table(self, name: str, table: object) -> None:
        if not isinstance(table, dict):
            self._top_problem(name, "bank", "[bank] should be a table")
            return
        if self.version_file is not None:
            self._top_problem(name, "bank", f"[bank] is also in {self.version_file}; keep one")
            return
        self.version_file = name
        for key in table:
            if key not in BANK_TABLE_KEYS:
                self._top_problem(name, "bank", f'[bank] has unknown key "{key}"')
        version = table.get("version")
        if isinstance(version, str) and version.strip():
            self.version = version
        else:
            self._top_problem(name, "bank", '[bank] needs version = "..." (a non-empty string)')

    def _collect(self, name: str, kind: str, value: object) -> None:
        if not isinstance(value, list):
            self._top_problem(name, kind, f'"{kind}" should be an array of tables ([[{kind}]])')
            return
        for position, raw in enumerate(value):
            if isinstance(raw, dict):
                self.items.append(SourceItem(kind, name, position, raw))
            else:
                self._top_problem(name, kind, f"{SINGULAR[kind]} {position + 1} is not a table")

    def _validate_items(self) -> ValidItems:
        valid = ValidItems()
        for item in self.items:
            try:
                model = KINDS[item.kind].model_validate(item.raw)
            except ValidationError as exc:
                for error in exc.errors():
                    self._report(item, tuple(error["loc"]), _schema_message(error))
                continue
            getattr(valid, item.kind).append((item, model))
        return valid

    # --- where a problem is -----------------------------------------------------

    def _file_lines(self, name: str) -> FileLines:
        if name not in self._lines:
            self._lines[name] = FileLines(self.texts[name])
        return self._lines[name]

    def _place(self, item: SourceItem) -> str:
        line = self._file_lines(item.file).item_line(item.kind, item.position, item.item_id)
        return f"{item.file}:{line}" if line else item.file

    def _report(self, item: SourceItem, key: KeyPath, message: str) -> None:
        lines = self._file_lines(item.file)
        line = lines.key_line(item.kind, item.position, key) if key else None
        if line is None:
            line = lines.item_line(item.kind, item.position, item.item_id)
        place = f"{item.file}:{line}" if line else item.file
        self.problems.append(f"{place}: {_describe_item(item)}: {message}.")

    def _top_problem(self, name: str, key: str, message: str) -> None:
        line = self._file_lines(name).top_level_line(key)
        place = f"{name}:{line}" if line else name
        self.problems.append(f"{place}: {message}.")


def _describe_item(item: SourceItem) -> str:
    noun = SINGULAR[item.kind]
    if isinstance(item.item_id, str):
        return f'{noun} "{item.item_id}"'
    return f"{noun} {item.position + 1} (no id)"


def describe_field(loc: KeyPath) -> str:
    """A pydantic location in plain words: ("options", 2, "lean") -> 'option 3, "lean"'."""
    parts: list[str] = []
    step = 0
    while step < len(loc):
        segment = loc[step]
        following = loc[step + 1] if step + 1 < len(loc) else None
        if segment == "options" and isinstance(following, int):
            parts.append(f"option {following + 1}")
            step += 2
        elif isinstance(following, int):
            parts.append(f'"{segment}" item {following + 1}')
            step += 2
        elif segment in _DICT_FIELDS and following is not None:
            parts.append(f'"{segment}" entry "{following}"')
            step += 2
        else:
            parts.append(f'"{segment}"')
            step += 1
    return ", ".join(parts)


def _schema_message(error: ErrorDetails) -> str:
    field_name = describe_field(tuple(error["loc"]))
    kind = error["type"]
    if kind == "missing":
        return f"{field_name} is missing"
    if kind == "extra_forbidden":
        return f"{field_name} is not a known field"
    message = error["msg"]
    if message.startswith("Input should be"):
        message = "should be" + message.removeprefix("Input should be")
    else:
        message = message[:1].lower() + message[1:]
    shown = _short_value(error.get("input"))
    return f"{field_name} {message}" + (f", not {shown}" if shown else "")


def _short_value(value: object) -> str | None:
    """A scalar input as TOML would write it, or None for tables, lists and long text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str) and len(value) <= 40:
        return f'"{value}"'
    return None
