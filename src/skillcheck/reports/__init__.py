"""What the command line prints: one candidate's results (`score`, `show`) and the team (`report`).

Layout only: the words of a result come from `skillcheck.domain.wording`. Nothing here
imports Textual or the SSH library; rich is imported only to style a terminal's output.

May import: `skillcheck.domain`, `skillcheck.store`, Rich. Never Textual, `skillcheck.ui`,
`.ssh` or `.cli` (import-linter's contract in pyproject.toml, checked in CI).
"""
