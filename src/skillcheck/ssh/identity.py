"""Who a candidate is (their public key, never their username) and where their files live."""

from __future__ import annotations

import codecs
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
from skillcheck.store.user_file import special_file_kind

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
    rules apply to everyone, so such lines are accepted for the key alone. Raises
    UserError, one sentence naming the file and the line.
    """
    kind = special_file_kind(path)
    if kind is not None:  # a pipe would keep the server waiting for its end
        raise UserError(f"{path}: is {kind}, not an authorized keys file.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(
            f"{path}: cannot read the authorized keys ({exc.strerror or exc})."
        ) from None
    blobs: set[bytes] = set()
    # An editor's byte-order mark is not part of the first key.
    for number, raw in enumerate(data.removeprefix(codecs.BOM_UTF8).splitlines(), start=1):
        try:
            line = raw.decode("utf-8").strip()
        except UnicodeDecodeError:
            raise UserError(f"{path}:{number}: not UTF-8 text.") from None
        if not line or line.startswith("#"):
            continue
        blobs.add(_parse_key_line(path, number, line))
    if not blobs:
        raise UserError(f"{path}: no public keys in this file.")
    return frozenset(blobs)


def _parse_key_line(path: Path, number: int, line: str) -> bytes:
    fields = line.split()
    # The key is the first "type base64" pair that imports: an option's quoted value
    # (command="ssh-agent ...") may also start like a key type.
    starts = [i for i, field in enumerate(fields) if field.startswith(_KEY_TYPE_PREFIXES)]
    problem = ""
    for start in starts:
        if start + 1 >= len(fields):
            break
        try:
            key = asyncssh.import_public_key(" ".join(fields[start : start + 2]))
        except (asyncssh.KeyImportError, ValueError) as exc:
            problem = problem or f" ({_one_line(str(exc))})"
            continue
        return bytes(key.public_data)
    raise UserError(f"{path}:{number}: not an OpenSSH public key line{problem}.")


def _one_line(text: str) -> str:
    shown = " ".join(text.split())
    return shown if len(shown) <= 80 else shown[:77] + "..."
