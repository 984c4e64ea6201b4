"""The TUI's autosave: the session in progress, saved atomically after every answer.

A completed session stays in the file (its results may not have been exported) but is
not offered for resuming; starting a new run moves the file aside (`backup_session`).
A file that cannot be read is moved aside, never deleted, with a note saying why: a pipe
or a device in its place is set aside unread (reading it could wait forever) and a
document nested too deeply is named, never a traceback. Fitting a session saved with
another bank is the session's own operation (`Session.fit_to`); this module only reads
and writes the file, and keeps reading the files older versions wrote. Its problems are
worded as every TOML reader's are (`store.toml_file`): the file, the place (a line or a
key path), the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli
import tomli_w
from pydantic import ValidationError

from skillcheck.domain.models import Bank
from skillcheck.domain.session import Session, SessionState
from skillcheck.store import paths
from skillcheck.store.atomic import write_atomic
from skillcheck.store.toml_file import (
    TOML_ERRORS,
    place,
    read_problem,
    syntax_message,
    validation_problem,
)
from skillcheck.store.user_file import special_file_kind

#: What the file is, in messages: "is a pipe, not a saved session".
WHAT = "a saved session"


@dataclass(frozen=True)
class LoadedSession:
    """What `load_session` found: a session to offer (or None) and a note for the user."""

    session: Session | None
    message: str | None = None


def session_to_toml(session: Session) -> str:
    """The autosave file's text."""
    document: dict[str, Any] = {"saved_at": datetime.now().isoformat(timespec="seconds")}
    document.update(session.model_dump(mode="json"))
    return tomli_w.dumps(document)


def save_session(session: Session) -> None:
    """Save `session` to `paths.autosave_path()` atomically (UserError if it cannot);
    a hiring session goes to its own file."""
    write_atomic(paths.autosave_path(session.mode == "hire"), session_to_toml(session))


def load_session(bank: Bank, *, hire: bool = False) -> LoadedSession:
    """The saved session to offer for resuming, fitted to `bank`, with a note if need be.

    No file, a completed session or one with nothing in it: nothing to offer. An
    unreadable file is moved to `session.corrupt-<time>.toml` and the note says where;
    one whose answers all no longer fit the bank is moved to `session.backup-<time>.toml`.
    """
    path = paths.autosave_path(hire)
    kind = special_file_kind(path)
    if kind is not None:  # reading it could wait forever: set it aside unread
        return _set_aside(path, "corrupt", f"is {kind}, not {WHAT}")
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadedSession(None)
    except (OSError, UnicodeDecodeError) as exc:
        return _set_aside(path, "corrupt", read_problem(exc, WHAT))
    try:
        document = tomli.loads(text)
    except TOML_ERRORS as exc:
        line = exc.lineno if isinstance(exc, tomli.TOMLDecodeError) else None
        return _set_aside(path, "corrupt", syntax_message(exc), line)
    try:
        session = Session.model_validate(_upgraded(document))
    except ValidationError as exc:
        return _set_aside(path, "corrupt", validation_problem(exc))
    if session.state is SessionState.COMPLETED or (session.mode == "hire") != hire:
        return LoadedSession(None)
    fit = session.fit_to(bank)
    if fit.lost_everything:
        return _set_aside(path, "backup", "none of its answers fit the current question bank")
    if not session.answers:
        return LoadedSession(None)  # nothing answered yet: nothing worth resuming
    return LoadedSession(session, fit.describe() if fit.changed else None)


def _upgraded(document: dict[str, Any]) -> dict[str, Any]:
    """An autosave document in today's shape, from any version skillcheck has written.

    Earlier versions could save an "aborted" session (now resumed as in progress) and
    stored the bank's `bank_sha256`, which nothing read: the session is fitted to the
    bank it resumes with instead (`Session.fit_to`).
    """
    document = dict(document)
    document.pop("saved_at", None)
    document.pop("bank_sha256", None)
    if document.get("state") == "aborted":
        document["state"] = SessionState.IN_PROGRESS.value
    return document


def _set_aside(path: Path, label: str, problem: str, line: int | None = None) -> LoadedSession:
    """Nothing to resume, and a note: what is wrong where in `path`, and where it went.

    `Your saved session could not be used (session.toml:8: not valid TOML at column 12
    (Invalid value)), so it was moved to .../session.corrupt-<time>.toml and a new one
    starts.` The line is the same in the file moved aside.
    """
    moved = _move_aside(path, label)
    if moved is None:
        finding = f"{place(str(path), line)}: {problem}"
        return LoadedSession(
            None, f"Your saved session could not be used ({finding}); a new one starts."
        )
    finding = f"{place(path.name, line)}: {problem}"
    return LoadedSession(
        None,
        f"Your saved session could not be used ({finding}), so it was moved to {moved} "
        "and a new one starts.",
    )


def _move_aside(path: Path, label: str) -> Path | None:
    """Rename `path` to `session.<label>-<time>.toml` beside it; None if it cannot be moved."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.{label}-{stamp}.toml")
    suffix = 1
    while target.exists():
        target = path.with_name(f"{path.stem}.{label}-{stamp}-{suffix}.toml")
        suffix += 1
    try:
        path.rename(target)
    except OSError:
        return None
    return target


def backup_session(*, hire: bool = False) -> Path | None:
    """For --fresh: move the saved session to `session.backup-<time>.toml`, if there is one."""
    path = paths.autosave_path(hire)
    return _move_aside(path, "backup") if path.exists() else None
