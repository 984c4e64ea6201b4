"""What every model of the question bank shares: ids, levels and an immutable base."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

RoleId = str
SkillId = str

#: Levels run 0..4; each rating question has one option per level.
MAX_LEVEL = 4
LEVELS = range(MAX_LEVEL + 1)
#: A rating's option keys, in order: one per level.
RATING_KEYS = [str(level) for level in LEVELS]

Difficulty = Literal["easy", "medium", "hard"]


class Frozen(BaseModel):
    """Immutable once built, and an unknown field is an error (a typo in the bank)."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
