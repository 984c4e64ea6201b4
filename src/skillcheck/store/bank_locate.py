"""Find the line a bank problem is on, by reading the raw TOML text.

tomllib keeps no positions, so a problem is placed by locating the item's
`[[kind]]` header and, inside it, its `id = "..."` line or the offending key's line.
Only used when there is a problem to report: a clean bank never pays for it.
"""

from __future__ import annotations

import re
from functools import cached_property

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_ERROR_POSITION = re.compile(
    r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$"
)

#: A path into an item, as pydantic reports it: field names and list positions.
KeyPath = tuple[str | int, ...]


def _key_pattern(key: str) -> re.Pattern[str]:
    escaped = re.escape(key)
    return re.compile(rf"""^\s*(?:{escaped}|"{escaped}"|'{escaped}')\s*=""")


def toml_error_position(message: str) -> tuple[str, int | None, int | None]:
    """Split tomllib's "Invalid value (at line 2, column 5)" into message, line and column."""
    match = _TOML_ERROR_POSITION.match(message)
    if match is None:
        return message, None, None
    return match["msg"], int(match["line"]), int(match["col"])


class FileLines:
    """The lines of one TOML file, with its table headers indexed on first use."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()

    @cached_property
    def _headers(self) -> list[tuple[int, str, bool]]:
        """(0-based line index, dotted name, is an array of tables) for every header."""
        found = []
        for index, line in enumerate(self.lines):
            match = _HEADER.match(line)
            if match:
                name = re.sub(r"\s*\.\s*", ".", match[2]).replace('"', "").replace("'", "")
                found.append((index, name, match[1] == "[["))
        return found

    def _span_end(self, start: int, inside: str) -> int:
        """Where the block opened at `start` ends: the next header not nested in `inside`."""
        for index, name, _ in self._headers:
            if index > start and not name.startswith(inside + "."):
                return index
        return len(self.lines)

    def item_span(self, kind: str, position: int) -> tuple[int, int] | None:
        """Line range [start, end) of the `position`-th `[[kind]]` table, if written that way."""
        starts = [i for i, name, is_array in self._headers if is_array and name == kind]
        if position >= len(starts):
            return None
        return starts[position], self._span_end(starts[position], kind)

    def _find_key(self, key: str, start: int, end: int) -> int | None:
        pattern = _key_pattern(key)
        return next((i for i in range(start, end) if pattern.match(self.lines[i])), None)

    def item_line(self, kind: str, position: int, item_id: object) -> int | None:
        """1-based line of the item's `id = ...` (or its header), else of any matching id line."""
        span = self.item_span(kind, position)
        if span is not None:
            found = self._find_key("id", *span)
            return (found if found is not None else span[0]) + 1
        if isinstance(item_id, str):
            pattern = re.compile(rf"""^\s*id\s*=\s*["']{re.escape(item_id)}["']""")
            return next((i + 1 for i, line in enumerate(self.lines) if pattern.match(line)), None)
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
        first_header = self._headers[0][0] if self._headers else len(self.lines)
        found = self._find_key(key, 0, first_header)
        return None if found is None else found + 1
