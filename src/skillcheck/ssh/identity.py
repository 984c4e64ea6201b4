"""Who a candidate is (their public key, never their username) and where their files live."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import asyncssh

from skillcheck.errors import UserError

# The folder layout lives in store: the team report reads it without the SSH library.
from skillcheck.store.served import SHORT_ID_LENGTH as SHORT_ID_LENGTH
from skillcheck.store.served import candidates_root as candidates_root
from skillcheck.store.served import results_path as results_path

_SAFE_ID = re.compile(r"[0-9a-f]{64}")
# Key types OpenSSH writes in authorized_keys; anything before one of them is options.
_KEY_TYPE_PREFIXES = ("ssh-", "ecdsa-sha2-", "sk-")


@dataclass(frozen=True)
class CandidateIdentity:
    """One candidate: the key they authenticated with."""

    fingerprint: str
    """OpenSSH's `SHA256:...` form, what `ssh-keygen -lf` shows the candidate."""
    safe_id: str
    """Hex SHA-256 of the public key blob: a folder name no client input can shape."""

    @property
    def short_id(self) -> str:
        return self.safe_id[:SHORT_ID_LENGTH]


def identity_of(key: asyncssh.SSHKey) -> CandidateIdentity:
    blob = key.public_data
    return CandidateIdentity(
        fingerprint=key.get_fingerprint("sha256"),
        safe_id=hashlib.sha256(blob).hexdigest(),
    )


def candidate_dir(data_dir: Path, identity: CandidateIdentity) -> Path:
    """`DIR/candidates/<safe id>/`: the only folder this candidate's child may write."""
    if not _SAFE_ID.fullmatch(identity.safe_id):
        raise ValueError("candidate id is not a hex SHA-256")
    return candidates_root(data_dir) / identity.safe_id


def load_authorized_keys(path: Path) -> frozenset[bytes]:
    """The public key blobs listed in an OpenSSH authorized_keys file.

    Options before a key (`from=...`, `command=...`) are not honoured: the server's own
    rules apply to everyone, so such lines are accepted for the key alone.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read the authorized keys ({exc}).") from exc
    blobs: set[bytes] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        blobs.add(_parse_key_line(path, number, line))
    if not blobs:
        raise UserError(f"{path}: no public keys in this file.")
    return frozenset(blobs)


def _parse_key_line(path: Path, number: int, line: str) -> bytes:
    fields = line.split()
    start = next(
        (i for i, field in enumerate(fields) if field.startswith(_KEY_TYPE_PREFIXES)), None
    )
    if start is None or start + 1 >= len(fields):
        raise UserError(f"{path}:{number}: not an OpenSSH public key line.")
    try:
        key = asyncssh.import_public_key(" ".join(fields[start : start + 2]))
    except (asyncssh.KeyImportError, ValueError) as exc:
        raise UserError(f"{path}:{number}: not an OpenSSH public key line ({exc}).") from exc
    return bytes(key.public_data)
