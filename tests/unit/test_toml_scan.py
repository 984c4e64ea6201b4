"""The TOML scanner finds headers and keys as TOML reads them, never inside strings."""

from __future__ import annotations

import tomli

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
