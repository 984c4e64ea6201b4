"""Fixtures shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest

#: The variables skillcheck reads (store/paths.py, the CLI) that a developer's shell may
#: set; every test starts without them.
SKILLCHECK_VARIABLES = (
    "SKILLCHECK_DATA_DIR",
    "SKILLCHECK_BANK",
    "SKILLCHECK_COLOR",
    "SKILLCHECK_SERVED",
)
#: Where platformdirs looks before ~ (the data folder's default is XDG_DATA_HOME's).
XDG_FOLDERS = {
    "XDG_DATA_HOME": ".local/share",
    "XDG_CONFIG_HOME": ".config",
    "XDG_CACHE_HOME": ".cache",
    "XDG_STATE_HOME": ".local/state",
}


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home folder of the test's own, empty: nothing in the developer's ~ (a key in
    ~/.ssh, an autosave, a crash log) nor a SKILLCHECK_* setting changes what it sees.

    Apart from `tmp_path`, so a test that lists its own folder finds only what it made.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for variable, folder in XDG_FOLDERS.items():
        monkeypatch.setenv(variable, str(home / folder))
    for variable in SKILLCHECK_VARIABLES:
        monkeypatch.delenv(variable, raising=False)
    return home


@pytest.fixture(autouse=True)
def steps_back(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The nice values a served app that finished asked for, recorded, not taken: taken,
    the test run itself (and the terminal session it runs in) would go on at a lower
    CPU priority. `tests/ui/test_priority.py` takes them in processes of their own."""
    from skillcheck.ui import priority

    asked: list[int] = []

    def record(niceness: int = priority.FINISHED_NICENESS) -> bool:
        asked.append(niceness)
        return True

    monkeypatch.setattr(priority, "step_back", record)
    return asked


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private SKILLCHECK_DATA_DIR (autosave, backups, crash log) for one test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("SKILLCHECK_DATA_DIR", str(folder))
    return folder
