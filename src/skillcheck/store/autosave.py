"""The TUI's autosave: the session in progress, saved atomically after every answer.

A completed session is not offered for resuming (`load_session` ignores it and the app
calls `clear_session`). A file that cannot be read is moved aside, never deleted, and
a session saved with another bank keeps every question and answer that still fits.
"""

from __future__ import annotations

import contextlib
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import ValidationError

from skillcheck.domain.models import Bank, answer_problem
from skillcheck.domain.session import Session, SessionState
from skillcheck.store import paths
from skillcheck.store.atomic import write_atomic
from skillcheck.store.crash_log import log_crash
from skillcheck.store.user_file import special_file_kind

__all__ = [
    "LoadedSession",
    "backup_session",
    "clear_session",
    "load_session",
    "log_crash",
    "save_session",
]


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
    """Save `session` to `paths.autosave_path()` atomically (UserError if it cannot)."""
    write_atomic(paths.autosave_path(), session_to_toml(session))


def load_session(bank: Bank) -> LoadedSession:
    """The saved session to offer for resuming, fitted to `bank`, with a note if need be.

    No file, a completed session or one with nothing in it: nothing to offer. An
    unreadable file is moved to `session.corrupt-<time>.toml` and the note says where.
    """
    path = paths.autosave_path()
    kind = special_file_kind(path)
    if kind is not None:  # reading it could wait forever: set it aside unread
        return LoadedSession(None, _move_aside_message(path, "corrupt", f"it is {kind}"))
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        document.pop("saved_at", None)
        session = Session.model_validate(document)
    except FileNotFoundError:
        return LoadedSession(None)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError) as exc:
        return LoadedSession(None, _move_aside_message(path, "corrupt", _reason(exc)))
    except RecursionError:
        reason = "arrays or tables nested too deeply"
        return LoadedSession(None, _move_aside_message(path, "corrupt", reason))
    if session.state is SessionState.COMPLETED:
        return LoadedSession(None)
    if session.state is SessionState.ABORTED:
        session.state = SessionState.IN_PROGRESS  # resuming takes it up again
    return _fit_to_bank(path, session, bank)


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"]) or "the file"
        return f"{where}: {error['msg'].lower()}"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _fit_to_bank(path: Path, session: Session, bank: Bank) -> LoadedSession:
    """Keep the questions and answers that still exist in `bank`; say what was dropped."""
    questions = bank.question_by_id
    current = session.current_id if 0 <= session.position < session.total else None
    kept_ids = [qid for qid in dict.fromkeys(session.question_ids) if qid in questions]
    kept_answers = {
        qid: value
        for qid, value in session.answers.items()
        if qid in kept_ids and answer_problem(questions[qid], value) is None
    }
    dropped_questions = len(session.question_ids) - len(kept_ids)
    dropped_answers = len(session.answers) - len(kept_answers)
    if not kept_answers:
        if session.answers:
            reason = "none of its answers fit the current question bank"
            return LoadedSession(None, _move_aside_message(path, "backup", reason))
        return LoadedSession(None)  # nothing answered yet: nothing worth resuming
    session.question_ids = kept_ids
    session.answers = kept_answers
    session.bank_sha256 = bank.info.sha256
    if current in kept_ids:
        session.position = kept_ids.index(current)
    else:
        session.position = session.resume_position()
    if not (dropped_questions or dropped_answers):
        return LoadedSession(session)
    return LoadedSession(
        session,
        f"The question bank changed since your session was saved: "
        f"{dropped_questions} question(s) and {dropped_answers} answer(s) no longer fit "
        f"and were dropped; the other {len(kept_answers)} answer(s) were kept.",
    )


def _move_aside_message(path: Path, label: str, reason: str) -> str:
    moved = _move_aside(path, label)
    if moved is None:
        return f"Your saved session ({path}) could not be used ({reason}); a new one starts."
    return (
        f"Your saved session could not be used ({reason}), so it was moved to {moved} "
        "and a new one starts."
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


def backup_session() -> Path | None:
    """For --fresh: move the saved session to `session.backup-<time>.toml`, if there is one."""
    path = paths.autosave_path()
    return _move_aside(path, "backup") if path.exists() else None


def clear_session() -> None:
    """Forget the saved session (the assessment is complete)."""
    with contextlib.suppress(FileNotFoundError):
        paths.autosave_path().unlink()
