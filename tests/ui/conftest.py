"""Fixtures for the app tests: a temporary data folder, the banks, and the app factory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pilot_moves import UI_BANK_DIR, MakeApp

from skillcheck.domain.models import Bank
from skillcheck.options import TuiOptions
from skillcheck.store.bank import load_bank
from skillcheck.ui.app import SkillcheckApp, make_app


@pytest.fixture(autouse=True)
def _private_data_dir(data_dir: Path) -> None:
    """Every test gets its own SKILLCHECK_DATA_DIR (the `data_dir` fixture in tests/)."""


@pytest.fixture(scope="session")
def ui_bank() -> Bank:
    return load_bank(UI_BANK_DIR)


@pytest.fixture(scope="session")
def real_bank() -> Bank:
    return load_bank()


@pytest.fixture
def work_dir(tmp_path: Path) -> Path:
    """Where the export dialogs save relative names (the app's working directory)."""
    folder = tmp_path / "work"
    folder.mkdir()
    return folder


@pytest.fixture
def app_for(work_dir: Path) -> MakeApp:
    """`app_for(bank, **options)`: the app as the CLI makes it, saving into `work_dir`."""

    def build(bank: Bank, **options: Any) -> SkillcheckApp:
        return make_app(bank, TuiOptions(**options), work_dir=work_dir)

    return build
