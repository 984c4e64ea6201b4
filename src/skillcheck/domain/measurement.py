"""From answers to a posterior over every skill's level, and fits with their uncertainty.

The population model (written up in docs/scoring.md):

    g   ~ Normal(POPULATION_MEAN, POPULATION_SD)     a candidate's general level
    θ_s = g + u_s,  u_s ~ Normal(0, SKILL_SPREAD)    each skill scatters around it

Knowledge answers of skill s depend on θ_s through the item curves, and a self-rating
through the (flat) rating curve; see item_model. Skills are correlated through g, so
answers in one skill say a little about the others: that is what lets a short, adaptive
assessment place a candidate at all.

Self-ratings inform their own skill only, never g (a "cut" in the model): a person's
optimism is shared by all their ratings, so twenty high ratings say more about the
person's optimism than about their level. Letting them move g would let a confident
candidate lift every skill at once.

Everything is computed exactly on grids: g on G_GRID, each θ_s on item_model.GRID.
Given g the skills are independent, so every quantity below is a sum over skills of
one-dimensional sums, averaged over g.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from skillcheck.domain.item_model import GRID, Vector
from skillcheck.domain.model_base import MAX_LEVEL

Array = npt.NDArray[np.float64]

#: A candidate with no evidence is assumed to have used a skill a little (level 1).
POPULATION_MEAN = 1.0
#: Spread of candidates' general level.
POPULATION_SD = 1.0
#: Spread of one person's skills around their general level.
SKILL_SPREAD = 0.8
G_GRID: Vector = np.round(np.arange(-2.0, 4.5 + 0.125, 0.25), 10)
#: z for a two-sided 80 % interval (every level, fit and difference shown). When the
#: difference's interval excludes zero, the named role is the closer one with a posterior
#: probability of at least 90 % (one side of it).
Z80 = 1.2815515655446004
#: The posterior of the level, clipped to the 0..4 scale, at every grid point.
LEVEL_ON_GRID: Vector = np.clip(GRID, 0.0, float(MAX_LEVEL))

_KERNEL: Array = np.exp(-((GRID[None, :] - G_GRID[:, None]) ** 2) / (2 * SKILL_SPREAD**2))
#: p(θ | g) on the grid, one row per g: each row sums to 1.
KERNEL: Array = _KERNEL / _KERNEL.sum(axis=1, keepdims=True)
_LOG_G_PRIOR: Vector = -((G_GRID - POPULATION_MEAN) ** 2) / (2 * POPULATION_SD**2)


@dataclass(frozen=True)
class SkillEvidence:
    """What the answers say about one skill, as log-likelihoods over GRID."""

    items: Vector
    rating: Vector

    @staticmethod
    def none() -> SkillEvidence:
        zero = np.zeros_like(GRID)
        return SkillEvidence(zero, zero)


def _normalise_log(log_values: Array, axis: int = -1) -> Array:
    shifted = np.exp(log_values - log_values.max(axis=axis, keepdims=True))
    normalised: Array = shifted / shifted.sum(axis=axis, keepdims=True)
    return normalised


@dataclass(frozen=True)
class Estimate:
    """A posterior mean with its standard deviation and 80 % interval."""

    mean: float
    sd: float
    low: float
    high: float


class Posterior:
    """The joint posterior of the general level and every skill, given the evidence."""

    def __init__(self, evidence: list[SkillEvidence]) -> None:
        items = np.stack([e.items for e in evidence]) if evidence else np.zeros((0, len(GRID)))
        ratings = np.stack([e.rating for e in evidence]) if evidence else items
        # p(items of s | g) for every skill and g: the rating is cut from g (see above).
        item_weights = _normalise_log(items)
        marginal = np.einsum("gt,st->sg", KERNEL, item_weights)
        log_g = _LOG_G_PRIOR + np.log(np.maximum(marginal, 1e-300)).sum(axis=0)
        self.g_weights: Vector = _normalise_log(log_g)
        #: p(θ_s | g, answers of s): shape (skills, g, grid).
        self.conditional: Array = self._conditional(items + ratings)
        self._items = items

    @staticmethod
    def _conditional(log_likelihood: Array) -> Array:
        likelihood = _normalise_log(log_likelihood)
        joint = KERNEL[None, :, :] * likelihood[:, None, :]
        conditional: Array = joint / joint.sum(axis=2, keepdims=True)
        return conditional

    # --- skills ---------------------------------------------------------------------

    def marginals(self) -> Array:
        """(skills, grid): each skill's posterior over ability."""
        marginals: Array = np.einsum("g,sgt->st", self.g_weights, self.conditional)
        return marginals

    def levels(self) -> list[Estimate]:
        """Each skill's level on the 0..4 scale: mean, sd and 80 % interval."""
        return [_estimate(weights, LEVEL_ON_GRID) for weights in self.marginals()]

    def tested_levels(self) -> Vector:
        """Each skill's mean level from the knowledge answers alone (no self-rating)."""
        items_only = self._conditional(self._items)
        marginals = np.einsum("g,sgt->st", self.g_weights, items_only)
        tested: Vector = marginals @ LEVEL_ON_GRID
        return tested

    # --- sums over skills -------------------------------------------------------------

    def conditional_moments(self, functionals: Array) -> tuple[Array, Array]:
        """For F = sum over skills of f_s(θ_s), one F per row of `functionals` (r, skills, grid):
        E[f_s | g] and Var[f_s | g], each of shape (r, skills, g)."""
        first = np.einsum("sgt,rst->rsg", self.conditional, functionals)
        second = np.einsum("sgt,rst->rsg", self.conditional, functionals * functionals)
        return first, np.maximum(second - first * first, 0.0)

    def sums(self, functionals: Array, z: float = Z80) -> list[Estimate]:
        """Mean, sd and interval (80 % unless `z` says otherwise) of each F = sum over
        skills of f_s(θ_s)."""
        first, variance = self.conditional_moments(functionals)
        given_g = first.sum(axis=1)  # (r, g)
        spread_given_g = variance.sum(axis=1)
        mean = given_g @ self.g_weights
        total = (spread_given_g + given_g * given_g) @ self.g_weights - mean * mean
        sd = np.sqrt(np.maximum(total, 0.0))
        return [
            Estimate(float(m), float(s), float(m - z * s), float(m + z * s))
            for m, s in zip(mean, sd, strict=True)
        ]

    def spread_by_skill(self, functional: Array) -> Vector:
        """How much each skill adds to the uncertainty of F (its expected variance given g)."""
        _, variance = self.conditional_moments(functional[None, :, :])
        spread: Vector = variance[0] @ self.g_weights
        return spread


def _estimate(weights: Vector, values: Vector) -> Estimate:
    mean = float(weights @ values)
    sd = float(np.sqrt(max(float(weights @ (values * values)) - mean * mean, 0.0)))
    cumulative = np.cumsum(weights)
    low = float(values[min(int(np.searchsorted(cumulative, 0.1)), len(values) - 1)])
    high = float(values[min(int(np.searchsorted(cumulative, 0.9)), len(values) - 1)])
    return Estimate(mean, sd, min(low, mean), max(high, mean))
