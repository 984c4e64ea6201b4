"""The server's ed25519 host key: created once under the data folder, then reused."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import asyncssh

from skillcheck.errors import UserError

HOST_KEY_NAME = "host_ed25519"

log = logging.getLogger("skillcheck.ssh")


def host_key_path(data_dir: Path) -> Path:
    return data_dir / HOST_KEY_NAME


def load_or_create_host_key(data_dir: Path) -> asyncssh.SSHKey:
    """Read `DIR/host_ed25519`, creating it (mode 0600) on first use."""
    path = host_key_path(data_dir)
    if not path.exists():
        _create_host_key(path)
    _tighten_mode(path)
    try:
        return asyncssh.read_private_key(path)
    except (OSError, asyncssh.KeyImportError, ValueError) as exc:
        raise UserError(f"{path}: cannot read the host key ({exc}).") from exc


def _create_host_key(path: Path) -> None:
    key = asyncssh.generate_private_key("ssh-ed25519", comment="skillcheck host key")
    data = key.export_private_key("openssh")
    try:
        # O_EXCL: never overwrite a key another server process just made.
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise UserError(f"{path}: cannot create the host key ({exc.strerror or exc}).") from exc
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    log.info("created host key %s", path)


def _tighten_mode(path: Path) -> None:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        log.warning("host key %s was readable by others (mode %o); set to 0600", path, mode)
        try:
            path.chmod(0o600)
        except OSError as exc:
            raise UserError(f"{path}: host key is readable by others and cannot be fixed.") from exc
