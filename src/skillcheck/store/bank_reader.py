"""One validation pass over a bank's files: read each, collect its items, check them
against the domain's rules, and place every problem at its file and line.

`store.bank` is the way in (`load_bank`, `check_bank_dir`); how a problem is worded is
`store.bank_problems`, where in a file it is `store.bank_locate`.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import tomli
from pydantic import BaseModel, ValidationError

from skillcheck.domain.bank_quality import check_quality
from skillcheck.domain.bank_rules import KeyPath, SourceItem, ValidItems, check_rules
from skillcheck.domain.models import Bank, BankInfo, Career, Credential, Role, Skill
from skillcheck.domain.questions import parse_hiring, parse_question
from skillcheck.store.bank_locate import FileLines
from skillcheck.store.bank_problems import SINGULAR, describe_item, schema_problem
from skillcheck.store.toml_file import (
    TOML_ERRORS,
    finding_line,
    read_problem,
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
BANK_TABLE_KEYS = {"version", "title", "document", "sources", "as_of"}


@dataclass(frozen=True)
class BankCheck:
    """What reading a bank directory found."""

    bank: Bank | None  # None when there is a problem: the bank cannot be used
    problems: list[str] = field(default_factory=list)  # each makes the bank unusable
    findings: list[str] = field(default_factory=list)  # quality: loads, but validate rejects


def bank_sha256(named_contents: list[tuple[str, bytes]]) -> str:
    """Fingerprint of a bank: sha256 over the sorted (file name, bytes) pairs."""
    digest = hashlib.sha256()
    for name, data in sorted(named_contents):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class BankReader:
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
                    loc, message = schema_problem(item, error)
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
        found = finding_line(item.file, line, f"{describe_item(item)}: {message}")
        (self.problems if into is None else into).append(found)

    def _top_problem(self, name: str, key: str, message: str) -> None:
        line = self._file_lines(name).top_level_line(key)
        self.problems.append(finding_line(name, line, message))
