"""Find the line a bank problem is on, from the file's statements (`store.toml_scan`).

A problem is placed by locating the item's `[[kind]]` header and, inside it, its
`id = "..."` line or the offending key's line. Headers and keys are found as TOML reads
them, so `[[questions]]` inside a multi-line string, a comment or an array is not a
header. Only used when there is a problem to report: a clean bank never pays for it.
"""

from __future__ import annotations

from functools import cached_property

from skillcheck.domain.bank_rules import KeyPath
from skillcheck.store.toml_scan import Statement, TomlLayout, scan


class FileLines:
    """One TOML file's statements, scanned on first use."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def layout(self) -> TomlLayout:
        return scan(self.text)

    @cached_property
    def _headers(self) -> list[tuple[int, str, bool]]:
        """(0-based line, dotted name, is an array of tables) for every header."""
        return [
            (s.line, s.name, s.kind == "array") for s in self.layout.statements if s.kind != "key"
        ]

    @cached_property
    def _keys(self) -> list[Statement]:
        return [s for s in self.layout.statements if s.kind == "key"]

    def _span_end(self, start: int, inside: str) -> int:
        """Where the block opened at `start` ends: the next header not nested in `inside`."""
        for index, name, _ in self._headers:
            if index > start and not name.startswith(inside + "."):
                return index
        return self.text.count("\n") + 1

    def item_span(self, kind: str, position: int) -> tuple[int, int] | None:
        """Line range [start, end) of the `position`-th `[[kind]]` table, if written that way."""
        starts = [i for i, name, is_array in self._headers if is_array and name == kind]
        if position >= len(starts):
            return None
        return starts[position], self._span_end(starts[position], kind)

    def _find_key(self, key: str, start: int, end: int) -> int | None:
        """The first line in [start, end) that assigns `key` (or a dotted `key.sub`)."""
        return next(
            (s.line for s in self._keys if start <= s.line < end and s.parts[0] == key), None
        )

    def item_line(self, kind: str, position: int, item_id: object) -> int | None:
        """1-based line of the item's `id = ...` (or its header), else of any matching id line."""
        span = self.item_span(kind, position)
        if span is not None:
            found = self._find_key("id", *span)
            return (found if found is not None else span[0]) + 1
        if isinstance(item_id, str):
            lines = self.layout.assignment_lines("id", item_id)
            return lines[0] + 1 if lines else None
        return None

    def key_line(self, kind: str, position: int, path: KeyPath) -> int | None:
        """1-based line of the key at `path` inside the item, or None when it cannot be found."""
        span = self.item_span(kind, position)
        if span is None:
            return None
        start, end = span
        table = kind
        found: int | None = None
        for step, segment in enumerate(path):
            if isinstance(segment, int):
                continue
            follows = path[step + 1] if step + 1 < len(path) else None
            sub_table = f"{table}.{segment}"
            headers = [
                (i, is_array)
                for i, name, is_array in self._headers
                if start <= i < end and name == sub_table
            ]
            if headers:
                # A `[[kind.options]]` list (pick the n-th) or a `[kind.weights]` table.
                pick = follows if isinstance(follows, int) and headers[0][1] else 0
                if pick >= len(headers):
                    return found
                start = headers[pick][0]
                end = self._span_end(start, sub_table)
                table = sub_table
                found = start
                continue
            line = self._find_key(segment, start + (found is not None), end)
            if line is None:
                return found
            found = line
            start = line
        return None if found is None else found + 1

    def top_level_line(self, key: str) -> int | None:
        """1-based line where top-level `key` is written (`key = ...`, `[key]` or `[[key]]`)."""
        for index, name, _ in self._headers:
            if name == key or name.startswith(key + "."):
                return index + 1
        first_header = self._headers[0][0] if self._headers else self.text.count("\n") + 1
        found = self._find_key(key, 0, first_header)
        return None if found is None else found + 1
