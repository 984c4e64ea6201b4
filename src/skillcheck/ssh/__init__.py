"""The SSH front door: the server, its limits, identities and the per-session child process.

May import: asyncssh, Rich, the standard library, `skillcheck.domain` and `skillcheck.store`.
Never Textual or `skillcheck.ui` (import-linter's contract in pyproject.toml, checked in
CI): each session runs `skillcheck` as a child process in a pseudo-terminal of its own.
It is the only package that imports asyncssh (another contract).

A change goes here when it is about connections, sign-in, limits or the session's
process; what the candidate sees is the app's, in `skillcheck.ui`.
"""
