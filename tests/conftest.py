"""Fixtures shared by every test folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private SKILLCHECK_DATA_DIR (autosave, backups, crash log) for one test."""
    folder = tmp_path / "data"
    monkeypatch.setenv("SKILLCHECK_DATA_DIR", str(folder))
    return folder
