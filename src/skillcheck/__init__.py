"""skillcheck: how closely do you fit the AI Engineer and the ML Engineer roles?"""

from __future__ import annotations


def __getattr__(name: str) -> str:
    # Looked up on first use: importlib.metadata costs ~60 ms at import, and every
    # command (and each served session) imports this package.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("skillcheck")
        except PackageNotFoundError:  # pragma: no cover - running from a source tree
            return "0.0.0"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
