"""The measurement model behind a skill level: a grid of abilities, a prior, item curves.

Ability lives on a grid a little wider than the 0..4 level scale, because a 4 means
"4 or beyond" and a 0 "0 or below": without the margin a perfect record could never
reach 4 and a blank one never 0. Reported levels are posterior means clamped to 0..4.

A knowledge (choice) item follows a one-parameter logistic curve with a guessing floor:

    P(right | ability) = c + (1 - c) / (1 + exp(-SLOPE * (ability - location)))

with `location` from the author's difficulty tag and `c = 1 / number of options`.
Every such curve rises with ability, so the likelihood ratio of "right" to "wrong"
rises too; multiplying a distribution by a rising function can only move its mean up.
The self-rating prior is a normal curve centred on the rating, and moving the centre up
also multiplies by a rising function. Those two facts are why the level is monotone.
"""

from __future__ import annotations

import math
import operator
from functools import lru_cache

from skillcheck.domain.models import MAX_LEVEL, Difficulty

GRID_LOW = -1.5
GRID_HIGH = MAX_LEVEL + 1.5
GRID_STEP = 0.1
#: Abilities the posterior is computed on.
GRID: tuple[float, ...] = tuple(
    round(GRID_LOW + i * GRID_STEP, 10)
    for i in range(round((GRID_HIGH - GRID_LOW) / GRID_STEP) + 1)
)

#: Where on the 0..4 scale a candidate has even odds (above guessing) of getting an item right.
DIFFICULTY_LOCATION: dict[Difficulty, float] = {"easy": 1.0, "medium": 2.0, "hard": 3.0}
#: Logistic slope per level: one level above an item's location, the odds are ~4 to 1.
SLOPE = 1.5
#: Width (standard deviation, in levels) of the prior around a self-rating. Wide on
#: purpose: self-ratings correlate only about 0.3 with measured ability, so two or three
#: knowledge items should outweigh one.
PRIOR_WIDTH = 1.5

Curve = tuple[float, ...]
#: One answered knowledge item as the model sees it: (location, guessing floor, right?).
ItemOutcome = tuple[float, float, bool]

FLAT_PRIOR: Curve = tuple(1.0 for _ in GRID)
#: Information of a self-rating: the precision of its prior.
RATING_INFORMATION = 1.0 / (PRIOR_WIDTH * PRIOR_WIDTH)


def correct_probability(ability: float, location: float, guessing: float) -> float:
    """P(right answer) for a candidate of `ability` on an item at `location`."""
    return guessing + (1.0 - guessing) / (1.0 + math.exp(-SLOPE * (ability - location)))


def item_information(guessing: float) -> float:
    """Fisher information of a choice item at its own location (where it tells most)."""
    p = (1.0 + guessing) / 2.0
    return SLOPE * SLOPE * ((p - guessing) / (1.0 - guessing)) ** 2 * (1.0 - p) / p


# Kept: a bank's items share a handful of (difficulty, options) pairs, so one scoring
# reuses each curve dozens of times (the cache halves a first score's time).
@lru_cache(maxsize=64)
def outcome_curve(outcome: ItemOutcome) -> Curve:
    """The likelihood of one answer (right or wrong) at every grid point."""
    location, guessing, right = outcome
    curve = [correct_probability(a, location, guessing) for a in GRID]
    return tuple(curve) if right else tuple(1.0 - p for p in curve)


def likelihood(outcomes: list[ItemOutcome]) -> Curve:
    """The joint likelihood of some answers, at every grid point."""
    weights = FLAT_PRIOR
    for outcome in outcomes:
        weights = tuple(map(operator.mul, weights, outcome_curve(outcome)))
    return weights


def rating_prior(self_rated: float | None) -> Curve:
    """The prior over the grid implied by a (mean) self-rating; flat without one."""
    if self_rated is None:
        return FLAT_PRIOR
    scale = 2.0 * PRIOR_WIDTH * PRIOR_WIDTH
    return tuple(math.exp(-((a - self_rated) ** 2) / scale) for a in GRID)


def posterior_level(self_rated: float | None, outcomes: list[ItemOutcome]) -> float:
    """Posterior mean ability given a self-rating (or none) and knowledge answers, in 0..4."""
    # Sorted: the product, to the last bit, does not depend on the bank's item order.
    weights = tuple(map(operator.mul, rating_prior(self_rated), likelihood(sorted(outcomes))))
    mean = math.fsum(map(operator.mul, weights, GRID)) / math.fsum(weights)
    # Clamping is non-decreasing, so it keeps the mean's monotonicity.
    return min(float(MAX_LEVEL), max(0.0, mean))
