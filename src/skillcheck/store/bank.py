"""Read and validate a question bank: every `*.toml` in a directory, as one `Bank`.

The bank is the union of the top-level arrays `skills`, `roles`, `credentials`,
`careers`, `questions` and `hiring` (the questions `skillcheck hire` asks the person
hiring) over the files; exactly one file carries the `[bank]` table
(version, title, the document the bank is drawn from and its section headings).
Validation reports every problem, each as `file:line: message`, so an author can fix
them all in one pass. Line numbers are looked up only when there is a problem. Ids and
keys from the files are quoted as TOML writes them, and no problem holds a control
character (a file's name may): each is one line, safe to print on a terminal. A pipe or
a device among the files is named, never opened (reading it could wait forever).

The rules themselves are the domain's (`domain.models`, `domain.questions`,
`domain.bank_rules`, `domain.bank_quality`); `store.bank_reader` reads the files and says
where each finding is, in the words of `store.bank_problems`. This module is the way in.
Two grades: a *problem* makes the bank unusable (`load_bank` refuses it); a *quality
finding* (answer cues, too few knowledge questions) lets it load, but `skillcheck
validate` rejects it.
"""

from __future__ import annotations

from pathlib import Path

from skillcheck.domain.models import Bank
from skillcheck.errors import UserError, escape_controls
from skillcheck.store import paths
from skillcheck.store.bank_reader import BankCheck as BankCheck  # what check_bank_dir returns
from skillcheck.store.bank_reader import BankReader


class BankError(UserError):
    """The bank cannot be used; `problems` holds every problem, one `file:line: message` each."""

    def __init__(self, directory: Path, problems: list[str]) -> None:
        self.problems = problems
        first = problems[0].removesuffix(".") if problems else "an unknown problem"
        super().__init__(
            f"the question bank in {directory} has {len(problems)} problem(s), the first being "
            f"{first}; run `skillcheck validate {directory}` to see them all."
        )


def load_bank(directory: Path | None = None) -> Bank:
    """Load and validate the bank in `directory` (default: `paths.bank_dir()`).

    Raises BankError carrying every problem found. Quality findings do not stop it:
    a bank with answer cues still scores; `skillcheck validate` is where they show.
    """
    folder = paths.bank_dir(directory)
    check = check_bank_dir(folder, quality=False)
    if check.bank is None:
        raise BankError(folder, check.problems)
    return check.bank


def validate_bank_dir(directory: Path) -> tuple[Bank | None, list[str]]:
    """What `skillcheck validate` says: the bank and no findings, or None and every one.

    Problems come first, then quality findings, each as `file:line: message.`
    """
    check = check_bank_dir(directory)
    findings = check.problems + check.findings
    return (None, findings) if findings else (check.bank, [])


def check_bank_dir(directory: Path, *, quality: bool = True) -> BankCheck:
    """Read the bank in `directory` and check it: the bank, its problems and findings.

    `quality=False` skips the quality rules (no findings): loading for use needs only
    the problems, and placing findings costs a second read of the files' text.
    """
    check = _check_bank_dir(directory, quality=quality)
    return BankCheck(
        check.bank,
        [escape_controls(problem) for problem in check.problems],
        [escape_controls(finding) for finding in check.findings],
    )


def _check_bank_dir(directory: Path, *, quality: bool) -> BankCheck:
    try:
        is_folder = directory.is_dir()
        exists = is_folder or directory.exists()
    except OSError as exc:  # a name too long for the file system, say
        reason = exc.strerror or str(exc)
        return BankCheck(None, [f"{directory}: the bank directory cannot be used ({reason})."])
    if not is_folder:
        what = "does not exist" if not exists else "is not a directory"
        return BankCheck(None, [f"{directory}: the bank directory {what}."])
    files = sorted(directory.glob("*.toml"))
    if not files:
        return BankCheck(None, [f"{directory}: the bank directory holds no *.toml files."])
    return BankReader(files).read(quality=quality)
