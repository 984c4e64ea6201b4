"""The store: every file and path: the bank, answers, results, the autosave, crash logs.

May import: the standard library, tomli/tomli-w, platformdirs, pydantic and
`skillcheck.domain`. Never Textual, `skillcheck.ui`, `.ssh`, `.reports` or `.cli`
(import-linter's contract in pyproject.toml, checked in CI).

A change goes here when it is about reading or writing: a file format, where a file
lives, how a bad file is named to the user. The rules the data obey live in the domain;
the store only turns files into domain objects and back, atomically.
"""
