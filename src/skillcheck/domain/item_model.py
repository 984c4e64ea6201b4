"""How an answer depends on a skill level: the item curves behind every estimate.

Ability lives on a grid a little wider than the 0..4 level scale, because a 4 means
"4 or beyond" and a 0 "0 or below". Reported levels are posterior means of the ability
clipped to 0..4.

A knowledge (choice) item follows a one-parameter logistic curve with a guessing floor:

    P(right | ability) = c + (1 - c) / (1 + exp(-ITEM_SLOPE * (ability - location)))

with `location` from the author's difficulty tag and `c = 1 / number of options`.

A self-rating follows an ordered-logit curve that is deliberately flat (RATING_SLOPE):
people rate themselves about half a level above what they show (RATING_OPTIMISM) and
their ratings track their measured skill only loosely (r of about 0.3 in the
self-assessment literature), so a rating moves a level far less than a knowledge answer.

Every such curve has a monotone likelihood ratio in ability (a right answer, or a higher
rating, is relatively likelier the abler the candidate), which is why every estimate
built on them rises with every right answer and every higher rating.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from skillcheck.domain.model_base import MAX_LEVEL, Difficulty

Vector = npt.NDArray[np.float64]

GRID_LOW = -1.5
GRID_HIGH = MAX_LEVEL + 1.5
GRID_STEP = 0.1
#: Abilities every curve and posterior is computed on.
GRID: Vector = np.round(np.arange(GRID_LOW, GRID_HIGH + GRID_STEP / 2, GRID_STEP), 10)

#: Where on the 0..4 scale a candidate has even odds (above guessing) of getting an item right.
DIFFICULTY_LOCATION: dict[Difficulty, float] = {"easy": 1.0, "medium": 2.0, "hard": 3.0}
#: Logistic slope per level: one level above an item's location, the odds are ~4 to 1.
ITEM_SLOPE = 1.5
#: Slope of the self-rating curve: about a fifth of a knowledge item's information.
RATING_SLOPE = 0.6
#: How far above their measured level people rate themselves, on average.
RATING_OPTIMISM = 0.5

#: One answered knowledge item as the model sees it: (location, guessing floor, right?).
ItemOutcome = tuple[float, float, bool]


def _logistic(x: Vector) -> Vector:
    return 1.0 / (1.0 + np.exp(-x))


def correct_probability(ability: Vector | float, location: float, guessing: float) -> Vector:
    """P(right answer) at `ability` for an item at `location` with floor `guessing`."""
    return guessing + (1.0 - guessing) * _logistic(ITEM_SLOPE * (np.asarray(ability) - location))


@lru_cache(maxsize=64)
def item_curves(location: float, guessing: float) -> npt.NDArray[np.float64]:
    """(2, grid): the likelihood of a wrong answer (row 0) and a right one (row 1).

    Cached and read-only: items share a handful of (location, guessing) pairs.
    """
    right = correct_probability(GRID, location, guessing)
    curves: npt.NDArray[np.float64] = np.stack([1.0 - right, right])
    curves.setflags(write=False)
    return curves


def outcome_curve(outcome: ItemOutcome) -> Vector:
    """The likelihood of one answer (right or wrong) at every grid point."""
    location, guessing, right = outcome
    curve: Vector = item_curves(location, guessing)[1 if right else 0]
    return curve


def rating_curves() -> npt.NDArray[np.float64]:
    """(levels, grid): P(rating = k | ability) for k = 0..4, an ordered logit."""
    at_least = [np.ones_like(GRID)]
    for k in range(1, MAX_LEVEL + 1):
        # Someone at ability a rates k or more with even odds when a + optimism = k - 0.5.
        at_least.append(_logistic(RATING_SLOPE * (GRID + RATING_OPTIMISM - (k - 0.5))))
    at_least.append(np.zeros_like(GRID))
    return np.stack([at_least[k] - at_least[k + 1] for k in range(MAX_LEVEL + 1)])


RATING_CURVES = rating_curves()


def item_information(guessing: float) -> float:
    """Fisher information of a choice item at its own location (where it tells most)."""
    p = (1.0 + guessing) / 2.0
    return ITEM_SLOPE * ITEM_SLOPE * ((p - guessing) / (1.0 - guessing)) ** 2 * (1.0 - p) / p


#: Information of a self-rating near the middle of the scale (for the evidence share).
RATING_INFORMATION = RATING_SLOPE * RATING_SLOPE * 0.25 * (1.0 - math.exp(-1.0))
