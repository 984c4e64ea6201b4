"""Autosave: round trip, old files, corrupt files moved aside, --fresh backups, bank changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from skillcheck.domain.models import Bank, BankInfo
from skillcheck.domain.session import Mode, Session, SessionState
from skillcheck.store import autosave, paths
from skillcheck.store.autosave import backup_session, load_session, save_session
from skillcheck.store.bank import load_bank
from skillcheck.store.crash_log import log_crash

DATA = Path(__file__).parent.parent / "data"
GOOD_BANK = DATA / "banks" / "good"
#: Autosaves written by skillcheck before `Session.abort` and `bank_sha256` were removed
#: (named good-*, so the malformed-files test does not expect them in cases.toml).
OLD_AUTOSAVES = sorted((DATA / "autosave").glob("good-old-format-*.toml"))


@pytest.fixture(autouse=True)
def _private_data_dir(data_dir: Path) -> None:
    """Every test gets its own SKILLCHECK_DATA_DIR (the `data_dir` fixture in tests/)."""


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(GOOD_BANK)


def started(bank: Bank, mode: Mode = "full") -> Session:
    """Two of three questions answered; "full", so a third advance completes it."""
    session = Session.start(mode, ["programming-rate", "programming-q1", "pref-focus"])
    session.answer(bank, 3)
    session.advance(bank)
    session.answer(bank, "c")
    session.advance(bank)
    return session


def test_round_trip(bank: Bank, data_dir: Path) -> None:
    session = started(bank)
    save_session(session)
    loaded = load_session(bank)
    assert loaded.message is None
    assert loaded.session == session
    # Atomic: only the session file is left, no temp file beside it.
    assert [p.name for p in data_dir.iterdir()] == ["session.toml"]


def test_nothing_saved(bank: Bank) -> None:
    assert load_session(bank).session is None
    assert load_session(bank).message is None


def test_completed_session_is_not_offered(bank: Bank) -> None:
    session = started(bank)
    session.advance(bank)
    assert session.state is SessionState.COMPLETED
    save_session(session)
    assert load_session(bank).session is None


def test_the_old_files_are_there() -> None:
    assert [p.name for p in OLD_AUTOSAVES] == [
        "good-old-format-aborted.toml",
        "good-old-format-in-progress.toml",
    ]


@pytest.mark.parametrize("old", OLD_AUTOSAVES, ids=lambda p: p.name)
def test_an_autosave_in_the_old_format_resumes(bank: Bank, data_dir: Path, old: Path) -> None:
    data_dir.mkdir()
    paths.autosave_path().write_bytes(old.read_bytes())
    loaded = load_session(bank)
    assert loaded.message is None
    # The old files were written by a quick session: it resumes as one, nothing lost.
    assert loaded.session == started(bank, "quick")
    assert loaded.session.state is SessionState.IN_PROGRESS
    # Saved again, it is in today's shape.
    save_session(loaded.session)
    text = paths.autosave_path().read_text(encoding="utf-8")
    assert "bank_sha256" not in text and 'state = "in_progress"' in text


def test_session_without_answers_is_not_offered(bank: Bank) -> None:
    save_session(Session.start("full", ["programming-rate"]))
    assert load_session(bank).session is None


@pytest.mark.parametrize(
    "content",
    [
        'mode = "quick"\nquestion_ids = [\n',  # malformed TOML
        'mode = "sprint"\nquestion_ids = []\n',  # not a mode
        "answers = 3\n",  # wrong shape
    ],
)
def test_corrupt_file_is_moved_aside(bank: Bank, data_dir: Path, content: str) -> None:
    data_dir.mkdir()
    paths.autosave_path().write_text(content)
    loaded = load_session(bank)
    assert loaded.session is None
    assert loaded.message is not None
    moved = list(data_dir.glob("session.corrupt-*.toml"))
    assert len(moved) == 1
    assert moved[0].read_text() == content
    assert str(moved[0]) in loaded.message
    assert not paths.autosave_path().exists()


def test_fresh_backs_up_the_old_session(bank: Bank, data_dir: Path) -> None:
    assert backup_session() is None
    save_session(started(bank))
    first = backup_session()
    assert first is not None
    assert first.name.startswith("session.backup-")
    assert not paths.autosave_path().exists()
    # Two backups in the same second do not overwrite each other.
    save_session(started(bank))
    second = backup_session()
    assert second is not None
    assert second != first
    assert len(list(data_dir.glob("session.backup-*.toml"))) == 2


def test_bank_change_keeps_what_still_fits(bank: Bank) -> None:
    session = started(bank)
    session.question_ids.insert(1, "gone-q1")
    session.answers["gone-q1"] = "a"
    session.position = 3
    save_session(session)
    changed = bank.model_copy(update={"info": BankInfo(version="test-2", sha256="f" * 64)})
    loaded = load_session(changed)
    assert loaded.session is not None
    assert loaded.session.question_ids == ["programming-rate", "programming-q1", "pref-focus"]
    assert loaded.session.answers == {"programming-rate": 3, "programming-q1": "c"}
    assert loaded.session.current_id == "pref-focus"
    assert loaded.message is not None
    assert "1 question(s) and 1 answer(s)" in loaded.message
    assert paths.autosave_path().exists()  # kept until the next save replaces it


def test_bank_change_that_leaves_nothing(bank: Bank, data_dir: Path) -> None:
    session = Session(mode="quick", question_ids=["gone-q1"], answers={"gone-q1": "a"})
    save_session(session)
    loaded = load_session(bank)
    assert loaded.session is None
    assert loaded.message is not None
    assert len(list(data_dir.glob("session.backup-*.toml"))) == 1


def test_log_crash_appends_with_timestamp() -> None:
    for n in range(2):
        try:
            raise RuntimeError(f"boom {n}")
        except RuntimeError as exc:
            path = log_crash(exc)
    assert path == paths.crash_log_path()
    text = path.read_text()
    assert text.count("==== ") == 2
    assert "RuntimeError: boom 0" in text
    assert "RuntimeError: boom 1" in text
    assert "Traceback" in text


def test_a_broken_hire_autosave_is_named_with_its_line(bank: Bank, data_dir: Path) -> None:
    data_dir.mkdir()
    paths.autosave_path(hire=True).write_text('mode = "hire"\nposition = [\n')
    loaded = load_session(bank, hire=True)
    assert loaded.session is None
    (moved,) = data_dir.glob("hire-session.corrupt-*.toml")
    assert loaded.message == (
        "Your saved session could not be used (hire-session.toml:3: not valid TOML at column 1 "
        f"(Invalid value)), so it was moved to {moved} and a new one starts."
    )


def test_an_autosave_that_cannot_be_moved_is_named_in_full(
    bank: Bank, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(autosave, "_move_aside", lambda path, label: None)
    data_dir.mkdir()
    paths.autosave_path().write_text('mode = "quick"\nquestion_ids = []\nanswers = 3\n')
    loaded = load_session(bank)
    assert loaded.message == (
        f"Your saved session could not be used ({paths.autosave_path()}: answers should be "
        "a table, not 3); a new one starts."
    )
