"""The domain is pure: importing any of it loads neither Textual nor the store or the UI."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import pytest

import skillcheck.domain

DOMAIN_MODULES = sorted(
    f"skillcheck.domain.{m.name}" for m in pkgutil.iter_modules(skillcheck.domain.__path__)
)
FORBIDDEN = ("textual", "skillcheck.store", "skillcheck.ui", "skillcheck.ssh")

PROBE = """
import importlib, sys
importlib.import_module({module!r})
print("\\n".join(sorted(sys.modules)))
"""


def test_the_domain_has_modules() -> None:
    assert {"skillcheck.domain.scoring", "skillcheck.domain.selection"} <= set(DOMAIN_MODULES)


@pytest.mark.parametrize("module", ["skillcheck.domain", *DOMAIN_MODULES])
def test_domain_module_imports_nothing_outside_the_domain(module: str) -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert module in loaded
    offending = [m for m in loaded if m.split(".")[0] in FORBIDDEN or m.startswith(FORBIDDEN)]
    assert offending == []
