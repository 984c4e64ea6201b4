"""Read and validate a question bank: every `*.toml` in a directory, as one `Bank`.

The bank is the union of the top-level arrays `skills`, `roles`, `credentials`,
`careers`, `questions` and `hiring` (the questions `skillcheck hire` asks the person
hiring) over the files; exactly one file carries the `[bank]` table
(version, title, the document the bank is drawn from and its section headings).
Validation reports every problem, each as `file:line: message`, so an author can fix
them all in one pass. Line numbers are looked up only when there is a problem. Ids and
keys from the files are quoted as TOML writes them, and no problem holds a control
character (a file's name may): each is one line, safe to print on a terminal. A pipe or
a device among the files is named, never opened (reading it could wait forever).

The rules themselves are the domain's (`domain.models`, `domain.bank_rules`,
`domain.bank_quality`); this module reads the files and says where each finding is.
Two grades: a *problem* makes the bank unusable (`load_bank` refuses it); a *quality
finding* (answer cues, too few knowledge questions) lets it load, but `skillcheck
validate` rejects it.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import tomli
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from skillcheck.domain.bank_quality import check_quality
from skillcheck.domain.bank_rules import KeyPath, SourceItem, ValidItems, check_rules
from skillcheck.domain.models import (
    QUESTION_RULE,
    QUESTION_TYPES,
    Bank,
    BankInfo,
    Career,
    Credential,
    Role,
    Skill,
    parse_hiring,
    parse_question,
)
from skillcheck.errors import UserError, escape_controls
from skillcheck.store import paths
from skillcheck.store.bank_locate import FileLines
from skillcheck.store.toml_file import (
    TOML_ERRORS,
    field_problem,
    finding_line,
    read_problem,
    short_value,
    syntax_problem,
    toml_value,
)
from skillcheck.store.user_file import special_file_kind

#: How each top-level array's tables become models (pydantic's ValidationError if not).
KINDS: dict[str, Callable[[object], BaseModel]] = {
    "skills": Skill.model_validate,
    "roles": Role.model_validate,
    "credentials": Credential.model_validate,
    "careers": Career.model_validate,
    "questions": parse_question,
    "hiring": parse_hiring,
}
SINGULAR = {
    "skills": "skill",
    "roles": "role",
    "credentials": "credential",
    "careers": "career",
    "questions": "question",
    "hiring": "hiring question",
}
BANK_TABLE_KEYS = {"version", "title", "document", "sources", "as_of"}
_DICT_FIELDS = {"weights", "required", "needs"}


class BankError(UserError):
    """The bank cannot be used; `problems` holds every problem, one `file:line: message` each."""

    def __init__(self, directory: Path, problems: list[str]) -> None:
        self.problems = problems
        first = problems[0].removesuffix(".") if problems else "an unknown problem"
        super().__init__(
            f"the question bank in {directory} has {len(problems)} problem(s), the first being "
            f"{first}; run `skillcheck validate {directory}` to see them all."
        )


@dataclass(frozen=True)
class BankCheck:
    """What reading a bank directory found."""

    bank: Bank | None  # None when there is a problem: the bank cannot be used
    problems: list[str] = field(default_factory=list)  # each makes the bank unusable
    findings: list[str] = field(default_factory=list)  # quality: loads, but validate rejects


def load_bank(directory: Path | None = None) -> Bank:
    """Load and validate the bank in `directory` (default: `paths.bank_dir()`).

    Raises BankError carrying every problem found. Quality findings do not stop it:
    a bank with answer cues still scores; `skillcheck validate` is where they show.
    """
    folder = paths.bank_dir(directory)
    check = check_bank_dir(folder, quality=False)
    if check.bank is None:
        raise BankError(folder, check.problems)
    return check.bank


def validate_bank_dir(directory: Path) -> tuple[Bank | None, list[str]]:
    """What `skillcheck validate` says: the bank and no findings, or None and every one.

    Problems come first, then quality findings, each as `file:line: message.`
    """
    check = check_bank_dir(directory)
    findings = check.problems + check.findings
    return (None, findings) if findings else (check.bank, [])


def check_bank_dir(directory: Path, *, quality: bool = True) -> BankCheck:
    """Read the bank in `directory` and check it: the bank, its problems and findings.

    `quality=False` skips the quality rules (no findings): loading for use needs only
    the problems, and placing findings costs a second read of the files' text.
    """
    check = _check_bank_dir(directory, quality=quality)
    return BankCheck(
        check.bank,
        [escape_controls(problem) for problem in check.problems],
        [escape_controls(finding) for finding in check.findings],
    )


def _check_bank_dir(directory: Path, *, quality: bool) -> BankCheck:
    try:
        is_folder = directory.is_dir()
        exists = is_folder or directory.exists()
    except OSError as exc:  # a name too long for the file system, say
        reason = exc.strerror or str(exc)
        return BankCheck(None, [f"{directory}: the bank directory cannot be used ({reason})."])
    if not is_folder:
        what = "does not exist" if not exists else "is not a directory"
        return BankCheck(None, [f"{directory}: the bank directory {what}."])
    files = sorted(directory.glob("*.toml"))
    if not files:
        return BankCheck(None, [f"{directory}: the bank directory holds no *.toml files."])
    return _BankReader(files).read(quality=quality)


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
        self.findings: list[str] = []
        self.version: str | None = None
        self.as_of: datetime.date | None = None
        self.document: str | None = None
        self.sources: list[str] | None = None
        self.version_file: str | None = None
        self.unparsed: list[str] = []
        self._lines: dict[str, FileLines] = {}

    def read(self, *, quality: bool) -> BankCheck:
        contents: list[tuple[str, bytes]] = []
        for path in self.files:
            kind = special_file_kind(path)
            try:
                if kind is not None:  # never opened: reading it could wait forever
                    self.problems.append(f"{path.name}: is {kind}, not a bank file.")
                    self.unparsed.append(path.name)
                    continue
                data = path.read_bytes()
                text = data.decode("utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                self.problems.append(f"{path.name}: {read_problem(exc, 'a bank file')}.")
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
        for finding in check_rules(self.items, valid, self._place, self.sources):
            self._report(finding.item, finding.key, finding.message)
        if quality:
            self._check_quality(valid)
        if self.problems or self.version is None:
            return BankCheck(None, self.problems, self.findings)
        bank = Bank(
            info=BankInfo(version=self.version, sha256=bank_sha256(contents)),
            as_of=self.as_of,
            skills=[model for _, model in valid.skills],
            roles=[model for _, model in valid.roles],
            credentials=[model for _, model in valid.credentials],
            careers=[model for _, model in valid.careers],
            questions=[model for _, model in valid.questions],
            hiring=[model for _, model in valid.hiring],
            document=self.document or "",
            sources=self.sources or [],
        )
        return BankCheck(bank, [], self.findings)

    def _check_quality(self, valid: ValidItems) -> None:
        item_findings, group_findings = check_quality(valid)
        for finding in item_findings:
            self._report(finding.item, finding.key, finding.message, self.findings)
        where = str(self.files[0].parent)
        for group in group_findings:
            self.findings.append(finding_line(group.file or where, None, group.message))

    # --- one file ---------------------------------------------------------------

    def _read_file(self, name: str, text: str) -> None:
        try:
            document = tomli.loads(text)
        except TOML_ERRORS as exc:
            self.problems.append(syntax_problem(name, exc))
            self.unparsed.append(name)
            return
        for key, value in document.items():
            if key == "bank":
                self._read_bank_table(name, value)
            elif key in KINDS:
                self._collect(name, key, value)
            else:
                expected = ", ".join(["bank", *KINDS])
                self._top_problem(
                    name, key, f"unknown top-level key {toml_value(key)} (expected {expected})"
                )

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
                self._top_problem(name, "bank", f"[bank] has unknown key {toml_value(key)}")
        as_of = table.get("as_of")
        if as_of is not None and not isinstance(as_of, datetime.date):
            self._top_problem(name, "bank", "[bank] as_of should be a date (as_of = 2026-11-30)")
        elif isinstance(as_of, datetime.date):
            self.as_of = as_of
        version = table.get("version")
        if isinstance(version, str) and version.strip():
            self.version = version
        else:
            self._top_problem(name, "bank", '[bank] needs version = "..." (a non-empty string)')
        self._read_sources(name, table)

    def _read_sources(self, name: str, table: dict[str, object]) -> None:
        """`document`: what the bank is drawn from; `sources`: its headings items may cite."""
        document = table.get("document")
        if isinstance(document, str) and document.strip():
            self.document = document
        else:
            self._top_problem(
                name, "bank", '[bank] needs document = "..." (what the bank is drawn from)'
            )
        sources = table.get("sources")
        if not (
            isinstance(sources, list)
            and sources
            and all(isinstance(s, str) and s.strip() for s in sources)
        ):
            self._top_problem(
                name,
                "bank",
                '[bank] needs sources = ["...", ...], the headings of the document '
                'that items name in "source"',
            )
            return
        for heading in sorted({s for s in sources if sources.count(s) > 1}):
            self._top_problem(
                name, "bank", f"[bank] sources lists {toml_value(heading)} more than once"
            )
        self.sources = sources

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
                model = KINDS[item.kind](item.raw)
            except ValidationError as exc:
                for error in exc.errors():
                    loc, message = _schema_problem(item, error)
                    self._report(item, loc, message)
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

    def _report(
        self, item: SourceItem, key: KeyPath, message: str, into: list[str] | None = None
    ) -> None:
        """Add `message` about `item` (at `key` within it) to the problems, or to `into`."""
        lines = self._file_lines(item.file)
        line = lines.key_line(item.kind, item.position, key) if key else None
        if line is None:
            line = lines.item_line(item.kind, item.position, item.item_id)
        found = finding_line(item.file, line, f"{_describe_item(item)}: {message}")
        (self.problems if into is None else into).append(found)

    def _top_problem(self, name: str, key: str, message: str) -> None:
        line = self._file_lines(name).top_level_line(key)
        self.problems.append(finding_line(name, line, message))


def _describe_item(item: SourceItem) -> str:
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


def _schema_problem(item: SourceItem, error: ErrorDetails) -> tuple[KeyPath, str]:
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
