"""The domain: the bank's models, the session, scoring and advice, as pure functions,
and the words of every result (`wording.py`, `results_text.py`).

May import: the standard library, pydantic and other `skillcheck.domain` modules. Never
Textual, Rich, asyncssh, files, or `skillcheck.store`, `.ui`, `.ssh`, `.reports`, `.cli`
(import-linter's contract in pyproject.toml, checked in CI).

A change goes here when it is a rule: what a bank or an answer must be, how a session
moves or fits a changed bank, how a level, a fit or a piece of advice is worked out,
how a result is worded.
"""
