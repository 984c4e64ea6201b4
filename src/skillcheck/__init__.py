"""skillcheck: how closely do you fit the AI Engineer and the ML Engineer roles?"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("skillcheck")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"
