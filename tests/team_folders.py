"""A `skillcheck serve --data` folder with every kind of candidate, for the report's tests."""

from __future__ import annotations

import os
from pathlib import Path

from skillcheck.domain.models import Bank

#: The candidates `served_team` makes: folder name (hex key hash) -> what is in it.
TEAM = {
    "a" * 64: "finished, strong",
    "c" * 64: "finished, weak",
    "d" * 64: "finished, an old file without intervals",
    "e" * 64: "in progress",
    "b" * 64: "broken: a half-written results file",
    "f" * 64: "not started",
}
#: Each folder's last change: a fixed time, an hour apart, so the order never varies.
TEAM_TIMES = {cid: 1_750_000_000 + 3600 * n for n, cid in enumerate(TEAM)}


def served_team(data_dir: Path, bank: Bank) -> Path:
    """A `serve --data` folder holding every kind of candidate folder (see TEAM)."""
    from skillcheck.domain.models import Answers, AnswerValue
    from skillcheck.domain.scoring import score
    from skillcheck.store.results import results_to_toml, write_results

    root = data_dir / "candidates"
    folders = {cid: root / cid for cid in TEAM}
    for folder in folders.values():
        folder.mkdir(parents=True)

    def answered(rating: int, right: bool) -> dict[str, AnswerValue]:
        values: dict[str, AnswerValue] = {}
        for question in bank.questions:
            if question.kind == "rating":
                values[question.id] = rating
            elif question.kind == "choice" and question.answer is not None:
                wrong = next(k for k in question.option_keys if k != question.answer)
                values[question.id] = question.answer if right else wrong
        return values

    strong = score(bank, Answers(values=answered(4, True)))
    weak = score(bank, Answers(values=answered(1, False)))
    write_results(folders["a" * 64] / "results.toml", strong)
    write_results(folders["c" * 64] / "results.toml", weak)
    # Before schema 3 a results file had no intervals: the same results without them.
    old = weak.model_copy(
        update={
            "roles": {
                role_id: role.model_copy(update={"fit_low": None, "fit_high": None})
                for role_id, role in weak.roles.items()
            }
        }
    )
    write_results(folders["d" * 64] / "results.toml", old)
    (folders["e" * 64] / "session.toml").write_text("mode = 'quick'\n")
    half = results_to_toml(strong)
    (folders["b" * 64] / "results.toml").write_text(half[: len(half) // 2])
    for cid, folder in folders.items():
        for path in [*folder.iterdir(), folder]:
            os.utime(path, (TEAM_TIMES[cid], TEAM_TIMES[cid]))
    return data_dir
