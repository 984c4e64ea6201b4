"""Where a TOML file's statements are: its table headers and keys, by line.

tomli keeps no positions, so a problem is placed by reading the text again. A line that
merely looks like a header or a key is not one when it sits inside a string (above all a
multi-line one), a comment or a multi-line array; this scanner reads strings, comments
and brackets as TOML does, so only real statements count. It expects text that tomli
has already parsed; on anything else it skips to the end of the line rather than fail.
"""

from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass
from typing import Literal

import tomli

_BARE_KEY = frozenset(string.ascii_letters + string.digits + "_-")
_SPACE = " \t"


@dataclass(frozen=True)
class Statement:
    """A header (`[name]`, `[[name]]`) or a `key = value` at the start of a line."""

    line: int  # 0-based index of the line it starts on
    kind: Literal["table", "array", "key"]
    parts: tuple[str, ...]  # the dotted name, each part unquoted

    @property
    def name(self) -> str:
        return ".".join(self.parts)


@dataclass(frozen=True)
class TomlLayout:
    """The statements of a TOML text, and which characters are strings or comments."""

    text: str
    statements: list[Statement]
    masked: list[tuple[int, int]]  # sorted [start, end) spans of strings and comments
    line_starts: list[int]

    def line_of(self, offset: int) -> int:
        """The 0-based line the character at `offset` is on."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def is_masked(self, offset: int) -> bool:
        """Whether the character at `offset` is inside a string or a comment."""
        index = bisect.bisect_right(self.masked, (offset, len(self.text) + 1)) - 1
        return index >= 0 and self.masked[index][0] <= offset < self.masked[index][1]

    def assignment_lines(self, key: str, value: str) -> list[int]:
        """0-based lines where `key = "value"` is written, in a table or an inline table."""
        pattern = re.compile(
            rf"""(?<![\w"'.-]){re.escape(key)}[ \t]*=[ \t]*(["']){re.escape(value)}\1"""
        )
        return [
            self.line_of(match.start())
            for match in pattern.finditer(self.text)
            if not self.is_masked(match.start())
        ]


def scan(text: str) -> TomlLayout:
    """The layout of `text`, a TOML document."""
    scanner = _Scanner(text)
    scanner.run()
    starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]
    return TomlLayout(text, scanner.statements, scanner.masked, starts)


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0
        self.statements: list[Statement] = []
        self.masked: list[tuple[int, int]] = []
        self._line = 0
        self._counted = 0

    def _line_at(self, offset: int) -> int:
        self._line += self.text.count("\n", self._counted, offset)
        self._counted = offset
        return self._line

    def _peek(self, ahead: int = 0) -> str:
        index = self.at + ahead
        return self.text[index] if index < len(self.text) else ""

    def _skip(self, chars: str) -> None:
        while self._peek() and self._peek() in chars:
            self.at += 1

    def run(self) -> None:
        while True:
            self._skip(_SPACE + "\r\n")
            char = self._peek()
            if not char:
                return
            if char == "#":
                self._comment()
            elif char == "[":
                self._header()
            else:
                self._key_value()

    def _header(self) -> None:
        start = self.at
        is_array = self.text.startswith("[[", self.at)
        self.at += 2 if is_array else 1
        parts = self._key()
        self._skip(_SPACE)
        closing = "]]" if is_array else "]"
        if self.text.startswith(closing, self.at):
            self.at += len(closing)
            kind: Literal["table", "array"] = "array" if is_array else "table"
            self.statements.append(Statement(self._line_at(start), kind, parts))
        self._end_of_line()

    def _key_value(self) -> None:
        start = self.at
        parts = self._key()
        self._skip(_SPACE)
        if parts and self._peek() == "=":
            self.at += 1
            self.statements.append(Statement(self._line_at(start), "key", parts))
            self._value()
        self._end_of_line()

    def _key(self) -> tuple[str, ...]:
        parts: list[str] = []
        while True:
            self._skip(_SPACE)
            char = self._peek()
            start = self.at
            if char == '"':
                self._basic_string()
                parts.append(_unquote(self.text[start : self.at]))
            elif char == "'":
                self._literal_string()
                parts.append(self.text[start + 1 : self.at - 1])
            else:
                while self._peek() and self._peek() in _BARE_KEY:
                    self.at += 1
                if self.at == start:
                    return tuple(parts)
                parts.append(self.text[start : self.at])
            self._skip(_SPACE)
            if self._peek() != ".":
                return tuple(parts)
            self.at += 1

    def _value(self) -> None:
        """Skip a value, through strings and across the lines of an array."""
        depth = 0
        while char := self._peek():
            if char == "\n" and depth <= 0:
                return
            if self.text.startswith('"""', self.at) or self.text.startswith("'''", self.at):
                self._multi_line_string()
            elif char == '"':
                self._basic_string()
            elif char == "'":
                self._literal_string()
            elif char == "#":
                self._comment()
            else:
                depth += (char in "[{") - (char in "]}")
                self.at += 1

    def _end_of_line(self) -> None:
        """Skip a trailing comment and anything else up to and including the newline."""
        while (char := self._peek()) and char != "\n":
            if char == "#":
                self._comment()
            else:
                self.at += 1
        self.at += 1

    def _comment(self) -> None:
        start = self.at
        end = self.text.find("\n", self.at)
        self.at = len(self.text) if end < 0 else end
        self.masked.append((start, self.at))

    def _basic_string(self) -> None:
        start = self.at
        self.at += 1
        while (char := self._peek()) and char not in '"\n':
            self.at += 2 if char == "\\" else 1
        if self._peek() == '"':
            self.at += 1
        self.masked.append((start, self.at))

    def _literal_string(self) -> None:
        start = self.at
        end = self.text.find("'", self.at + 1)
        newline = self.text.find("\n", self.at + 1)
        if end < 0 or 0 <= newline < end:
            end = len(self.text) if newline < 0 else newline - 1
        self.at = end + 1
        self.masked.append((start, self.at))

    def _multi_line_string(self) -> None:
        start = self.at
        delimiter = self.text[self.at : self.at + 3]
        self.at += 3
        while char := self._peek():
            if char == "\\" and delimiter == '"""':
                self.at += 2
            elif self.text.startswith(delimiter, self.at):
                self.at += 3
                # Up to two quotes may end the content right before the delimiter.
                for _ in range(2):
                    if self._peek() == delimiter[0]:
                        self.at += 1
                break
            else:
                self.at += 1
        self.masked.append((start, self.at))


def _unquote(quoted: str) -> str:
    """A basic-string key's value, escapes and all (as written, if it is not valid)."""
    try:
        value = tomli.loads(f"k = {quoted}")["k"]
    except tomli.TOMLDecodeError:
        return quoted.strip('"')
    return value if isinstance(value, str) else quoted.strip('"')
