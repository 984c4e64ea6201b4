"""What makes a credential entry coherent, and which ones have gone stale.

Pure functions over the models; the store turns their findings into `file:line` lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from skillcheck.domain.models import Bank, Credential

#: A key path inside an item and the sentence that says what is wrong there.
CredentialFinding = tuple[tuple[str, ...], str]


def credential_problems(
    credential: Credential, credentials: Mapping[str, Credential]
) -> list[CredentialFinding]:
    """Every problem of one credential that needs the others (or its kind) to see."""
    problems: list[CredentialFinding] = []
    if credential.kind == "degree" and (credential.level != "degree" or not credential.degree):
        problems.append(
            (("level",), 'a degree needs level = "degree" and degree = bachelor|master|phd')
        )
    if credential.kind != "degree" and credential.degree is not None:
        problems.append((("degree",), "only a degree has a degree level"))
    if credential.kind == "practice" and credential.level != "practice":
        problems.append((("level",), 'a practical route needs level = "practice"'))
    if credential.status == "retired" and credential.retired_on is None:
        problems.append((("retired_on",), "a retired credential needs retired_on = YYYY-MM-DD"))
    if credential.successor is not None:
        successor = credentials.get(credential.successor)
        if successor is None:
            problems.append(
                (("successor",), f'successor names unknown credential id "{credential.successor}"')
            )
        elif not successor.active:
            problems.append((("successor",), f'successor "{successor.id}" is itself retired'))
    return problems


def stale_credentials(bank: Bank, today: date | None = None) -> list[Credential]:
    """Credentials retired, or past an announced `retired_on` (by the bank's as_of date, or
    `today`), that name no successor.

    Such a credential can neither be recommended nor replaced: a bank author should add
    its successor or drop it from the advice.
    """
    when = today or bank.as_of
    return [
        c
        for c in bank.credentials
        if c.successor is None
        and (
            c.status == "retired"
            or (c.retired_on is not None and when is not None and c.retired_on <= when)
        )
    ]
