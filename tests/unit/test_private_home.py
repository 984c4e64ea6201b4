"""Every test has a home of its own (tests/conftest.py): the developer's ~ never leaks in."""

from __future__ import annotations

import os
from pathlib import Path

from skillcheck.store import paths


def test_the_default_data_folder_is_under_the_tests_own_home(private_home: Path) -> None:
    assert "SKILLCHECK_DATA_DIR" not in os.environ
    assert paths.data_dir().is_relative_to(private_home)
    assert Path("~").expanduser() == private_home


def test_a_skillcheck_setting_from_the_shell_does_not_reach_a_test() -> None:
    assert not [name for name in os.environ if name.startswith("SKILLCHECK_")]
    assert paths.bank_dir() == paths.bundled_bank_dir()
