"""The layers keep apart: the import contracts in pyproject.toml hold, and they can fail.

`lint-imports` (import-linter) checks the contracts in .ci/run. These tests show that
each contract catches a module that breaks it (a temporary copy of the package with
one bad import added), and that importing the domain really loads nothing from the
outside layers (import-linter reads the source; this runs it).
"""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w

import skillcheck
import skillcheck.domain

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path(skillcheck.__file__).resolve().parent
CONTRACTS: dict[str, object] = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"][
    "importlinter"
]

DOMAIN_MODULES = sorted(
    f"skillcheck.domain.{m.name}" for m in pkgutil.iter_modules(skillcheck.domain.__path__)
)
FORBIDDEN_AT_RUNTIME = (
    "textual",
    "rich",
    "asyncssh",
    "skillcheck.store",
    "skillcheck.ui",
    "skillcheck.ssh",
)

PROBE = """
import importlib, sys
importlib.import_module({module!r})
print("\\n".join(sorted(sys.modules)))
"""


def lint_imports(package_parent: Path, config_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter with the project's contracts on the package under `package_parent`."""
    config = config_dir / "contracts.toml"
    config.write_text(tomli_w.dumps({"tool": {"importlinter": CONTRACTS}}), encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            str(config),
            "--no-cache",
            "--no-logo",
        ],
        capture_output=True,
        text=True,
        cwd=config_dir,
        # The copy comes first on the path, ahead of the installed package.
        env={"PYTHONPATH": str(package_parent), "PATH": "/usr/bin:/bin"},
        check=False,
    )


def contract_named(fragment: str) -> str:
    contracts = CONTRACTS["contracts"]
    assert isinstance(contracts, list)
    names = [str(c["name"]) for c in contracts if fragment in str(c["name"])]
    assert len(names) == 1, names
    return names[0]


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the skillcheck package to break, in `<tmp>/src/skillcheck`."""
    target = tmp_path / "src" / "skillcheck"
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__", "questions"))
    return target


def test_the_contracts_hold_for_the_package_as_it_is(package_copy: Path, tmp_path: Path) -> None:
    result = lint_imports(package_copy.parent, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


DOMAIN = "domain is pure"
STORE = "store never"
SSH = "ssh never"
REPORTS = "reports never"
ASYNCSSH = "only the SSH server"
PLAIN = "plain mode never"


@pytest.mark.parametrize(
    ("module", "bad_import", "contracts"),
    [
        ("domain/leak.py", "import textual", [DOMAIN]),
        ("domain/leak.py", "from rich.text import Text", [DOMAIN]),
        ("domain/leak.py", "import asyncssh", [DOMAIN, ASYNCSSH]),
        ("domain/leak.py", "from skillcheck.store import paths", [DOMAIN]),
        ("domain/leak.py", "from skillcheck.reports import results", [DOMAIN]),
        ("store/leak.py", "from skillcheck.ui import app", [STORE]),
        ("store/leak.py", "from skillcheck.ssh import server", [STORE]),
        ("store/leak.py", "from skillcheck.reports import team", [STORE]),
        ("reports/leak.py", "from skillcheck.ui.app import make_app", [REPORTS]),
        ("reports/leak.py", "import textual.app", [REPORTS]),
        ("ssh/leak.py", "from skillcheck.ui.app import make_app", [SSH]),
        ("ssh/leak.py", "import textual.app", [SSH]),
        ("ui/leak.py", "import asyncssh", [ASYNCSSH]),
        ("leak.py", "import asyncssh", [ASYNCSSH]),
        ("plain.py", "import textual.app", [PLAIN]),
        ("plain.py", "from skillcheck.ui.screens.question import answer_value", [PLAIN]),
    ],
)
def test_a_forbidden_import_breaks_its_contract(
    package_copy: Path, tmp_path: Path, module: str, bad_import: str, contracts: list[str]
) -> None:
    # Inside a function, as the app's lazy imports are: those count too.
    (package_copy / module).write_text(f"def load() -> None:\n    {bad_import}\n")
    result = lint_imports(package_copy.parent, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = [line for line in result.stdout.splitlines() if line.endswith("BROKEN")]
    assert sorted(broken) == sorted(f"{contract_named(c)} BROKEN" for c in contracts)
    assert f"skillcheck.{module.removesuffix('.py').replace('/', '.')}" in result.stdout


def test_the_domain_has_modules() -> None:
    assert {"skillcheck.domain.scoring", "skillcheck.domain.session"} <= set(DOMAIN_MODULES)


@pytest.mark.parametrize("module", ["skillcheck.domain", *DOMAIN_MODULES])
def test_importing_the_domain_loads_nothing_from_outside_it(module: str) -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert module in loaded
    offending = [
        m
        for m in loaded
        if m.split(".")[0] in FORBIDDEN_AT_RUNTIME or m.startswith(FORBIDDEN_AT_RUNTIME)
    ]
    assert offending == []
