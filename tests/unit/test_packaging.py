"""The wheel carries the question bank, and the bank inside it loads."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from skillcheck.store.bank import load_bank
from skillcheck.store.paths import bundled_bank_dir

REPO = Path(__file__).resolve().parents[2]


def test_the_installed_bank_is_the_repositorys_bank() -> None:
    # Editable installs read questions/ itself; a wheel install carries a copy.
    installed = {p.name: p.read_bytes() for p in bundled_bank_dir().glob("*.toml")}
    in_repo = {p.name: p.read_bytes() for p in (REPO / "questions").glob("*.toml")}
    assert installed == in_repo


@pytest.mark.slow
def test_the_wheel_carries_the_bank_and_it_loads(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
    )
    (wheel,) = tmp_path.glob("skillcheck-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        bank_files = [n for n in names if n.startswith("skillcheck/questions/")]
        assert "skillcheck/questions/bank.toml" in bank_files
        assert {Path(n).name for n in bank_files} == {
            p.name for p in (REPO / "questions").glob("*.toml")
        }
        archive.extractall(tmp_path / "unpacked", [n for n in bank_files])
    bank = load_bank(tmp_path / "unpacked" / "skillcheck" / "questions")
    assert len(bank.questions) == len(load_bank(REPO / "questions").questions)
