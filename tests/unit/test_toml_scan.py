"""The TOML scanner finds headers and keys as TOML reads them, never inside strings."""

from __future__ import annotations

from typing import Any

import tomli
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from skillcheck.store.toml_scan import scan

TRICKY = '''# [[questions]] in a comment
title = "a [[questions]] in a string"
[[questions]]
id = "first"
prompt = """
[[questions]]
id = "decoy"
ends with quotes \\""""""
note = \'\'\'
[[questions]]\'\'\'
list = [
  ["nested"],
  "[[questions]]", # [[questions]]
]
"quoted.key" = 1
inline = { id = "inline-id", text = "id = 'x'" }
[[ questions . "options" ]]
key = "a"
[[questions]]
id = "second"
'''


def test_the_tricky_file_is_valid_toml() -> None:
    assert len(tomli.loads(TRICKY)["questions"]) == 2


def test_only_real_statements_are_found() -> None:
    found = [(s.line + 1, s.kind, s.name) for s in scan(TRICKY).statements]
    assert found == [
        (2, "key", "title"),
        (3, "array", "questions"),
        (4, "key", "id"),
        (5, "key", "prompt"),
        (9, "key", "note"),
        (11, "key", "list"),
        (15, "key", "quoted.key"),
        (16, "key", "inline"),
        (17, "array", "questions.options"),
        (18, "key", "key"),
        (19, "array", "questions"),
        (20, "key", "id"),
    ]


def test_quoted_key_parts_stay_whole() -> None:
    (statement,) = scan('"quoted.key" = 1\n').statements
    assert statement.parts == ("quoted.key",)


def test_assignments_are_found_outside_strings_and_comments() -> None:
    layout = scan(TRICKY)
    assert layout.assignment_lines("id", "decoy") == []
    assert layout.assignment_lines("id", "x") == []
    assert layout.assignment_lines("id", "inline-id") == [15]
    assert layout.assignment_lines("id", "second") == [19]


def test_crlf_line_ends() -> None:
    found = [(s.line, s.name) for s in scan('a = 1\r\n[t]\r\nb = """x\r\n[u]"""\r\n').statements]
    assert found == [(0, "a"), (1, "t"), (2, "b")]


@given(st.text(alphabet=st.sampled_from(list("[]{}\"'#=.\\\n\r ab1")), max_size=200))
@settings(max_examples=300, deadline=None)
def test_any_text_scans_without_error_in_line_order(text: str) -> None:
    lines = [s.line for s in scan(text).statements]
    assert lines == sorted(lines)
    assert all(0 <= line <= text.count("\n") for line in lines)


LINE_TEXT = st.text(alphabet=st.sampled_from(list("[]#=\"'\\\n ab")), max_size=24)


@given(
    st.dictionaries(
        st.from_regex(r"[a-z]{1,6}", fullmatch=True),
        st.lists(
            st.dictionaries(st.from_regex(r"[a-z]{1,6}", fullmatch=True), LINE_TEXT, min_size=1),
            min_size=1,
            max_size=3,
        ),
        max_size=4,
    )
)
@settings(max_examples=40, deadline=None)
def test_array_headers_are_the_lines_tomli_reads_as_headers(document: dict[str, Any]) -> None:
    # Multi-line strings holding "[[...]]" lines are what the old line finder misread.
    text = tomli_w.dumps(document, multiline_strings=True)
    found = {s.line for s in scan(text).statements if s.kind == "array"}
    assert found == _header_lines_by_probing(text)


def _header_lines_by_probing(text: str) -> set[int]:
    """The lines tomli reads as `[[...]]` headers: put a new header there and see."""
    lines = text.split("\n")
    headers = set()
    for index, line in enumerate(lines):
        if not line.lstrip().startswith("[["):
            continue
        probe = "\n".join([*lines[:index], "[[zzz_probe]]", *lines[index + 1 :]])
        try:
            if "zzz_probe" in tomli.loads(probe):
                headers.add(index)
        except tomli.TOMLDecodeError:
            pass
    return headers
