"""The adaptive quick assessment: which question to ask next, and when to stop.

`next_question(bank, answers, asked)` picks, among the questions not yet asked, the one
whose answer is expected to shrink most the uncertainty of what the results report: the
variance of each role's fit plus the variance of their difference (the headline). The
expectation is exact under the measurement model: for every possible answer it updates
the skill's posterior and the general level (self-ratings are cut from the general level,
as in scoring), weighs the outcomes by how likely the model finds them, and compares.

Every third question is a preference question until each difference the bank's
preferences cover has been asked once, so the interest lean is measured too. The
assessment stops at QUICK_CAP questions, or earlier once every fit and the difference are
known to within STOP_SD points and the preferences are done.

Deterministic: the same bank, answers and asked list give the same next question. A
skipped question stays asked (it is never offered again); an answer changed with Back
changes what is asked next, and nothing given is lost.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from skillcheck.domain.bank_index import bank_index, per_bank
from skillcheck.domain.item_model import GRID, RATING_CURVES, item_curves
from skillcheck.domain.measurement import Array
from skillcheck.domain.models import Answers, AnswerValue, Bank
from skillcheck.domain.scoring import Measurement, valid_answers
from skillcheck.domain.selection import one_preference_per_source

#: At most this many questions in a quick assessment (about 8 minutes).
QUICK_CAP = 25
#: Every this-many-th question is a preference, until each difference is covered.
PREFERENCE_EVERY = 3
#: How much more the variance of the fit difference (the headline) counts than that of
#: each fit when choosing a question. The difference varies far less than the fits, so
#: unweighted it would hardly steer the choice, and a short assessment could never tell
#: the roles apart.
DIFFERENCE_WEIGHT = 1.0
#: Stop early once every fit and the fit difference have a standard deviation below this.
STOP_SD = 5.0


@dataclass(frozen=True)
class _Candidate:
    question_id: str
    skill: int
    #: (outcomes, grid): the likelihood of each possible answer.
    curves: Array
    #: Whether the answer informs the general level (knowledge items) or not (ratings).
    informs_general: bool


def _candidates(bank: Bank, asked: set[str], skill_order: dict[str, int]) -> list[_Candidate]:
    """Unasked skill questions, one per distinct (skill, curve): the rest tell the same."""
    index = bank_index(bank)
    seen: set[tuple[int, float, float, bool]] = set()
    found: list[_Candidate] = []
    for skill_id, items in index.skills.items():
        skill = skill_order.get(skill_id)
        if skill is None:
            continue
        for qid in items.ratings:
            if qid not in asked and (skill, 0.0, 0.0, False) not in seen:
                seen.add((skill, 0.0, 0.0, False))
                found.append(_Candidate(qid, skill, RATING_CURVES, informs_general=False))
        for item in items.choices:
            location, guessing, _ = item.right
            key = (skill, location, guessing, True)
            if item.question.id in asked or key in seen:
                continue
            seen.add(key)
            found.append(_Candidate(item.question.id, skill, item_curves(location, guessing), True))
    return found


def expected_variances(measurement: Measurement, candidates: list[_Candidate]) -> Array:
    """For each candidate, the expected total variance (fits + difference) after its answer."""
    result = np.empty(len(candidates))
    # Knowledge items (two outcomes) and ratings (five) are computed as two batches.
    for informs in (True, False):
        batch = [n for n, c in enumerate(candidates) if c.informs_general is informs]
        if batch:
            result[batch] = _expected_variances(measurement, [candidates[n] for n in batch])
    return result


def _expected_variances(measurement: Measurement, candidates: list[_Candidate]) -> Array:
    """All candidates at once, as arrays (candidate, outcome, g, grid)."""
    posterior = measurement.posterior
    functionals = _reported_functionals(measurement, DIFFERENCE_WEIGHT)  # (r, skills, grid)
    first, variance = posterior.conditional_moments(functionals)  # (r, skills, g)
    total_first, total_variance = first.sum(axis=1), variance.sum(axis=1)  # (r, g)
    weights = posterior.g_weights
    outcomes = max(c.curves.shape[0] for c in candidates)
    curves = np.zeros((len(candidates), outcomes, len(GRID)))
    for n, candidate in enumerate(candidates):
        curves[n, : candidate.curves.shape[0]] = candidate.curves
    skills = np.array([c.skill for c in candidates])
    informs = np.array([c.informs_general for c in candidates])
    joint = posterior.conditional[skills][:, None, :, :] * curves[:, :, None, :]  # (c, k, g, t)
    p_given_g = joint.sum(axis=3)  # (c, k, g)
    safe = np.maximum(p_given_g, 1e-300)
    f = functionals[:, skills, :]  # (r, c, t)
    new_first = np.einsum("ckgt,rct->rckg", joint, f) / safe[None]
    new_second = np.einsum("ckgt,rct->rckg", joint, f * f) / safe[None]
    new_variance = np.maximum(new_second - new_first**2, 0.0)
    others_first = (total_first[:, None, :] - first[:, skills, :])[:, :, None, :]  # (r, c, 1, g)
    others_variance = (total_variance[:, None, :] - variance[:, skills, :])[:, :, None, :]
    outcome_p = p_given_g @ weights  # (c, k)
    # Knowledge answers move the general level; ratings are cut from it (see measurement).
    moved = weights * p_given_g
    kept = np.broadcast_to(weights, p_given_g.shape)
    new_weights = np.where(informs[:, None, None], moved, kept)
    new_weights = new_weights / np.maximum(new_weights.sum(axis=2, keepdims=True), 1e-300)
    mean_given_g = others_first + new_first  # (r, c, k, g)
    mean = np.einsum("ckg,rckg->rck", new_weights, mean_given_g)
    second = np.einsum(
        "ckg,rckg->rck", new_weights, others_variance + new_variance + mean_given_g**2
    )
    outcome_share = outcome_p / outcome_p.sum(axis=1, keepdims=True)
    expected: Array = np.einsum("rck,ck->c", second - mean**2, outcome_share)
    return expected


def _reported_functionals(measurement: Measurement, difference_weight: float = 1.0) -> Array:
    """Each role's fit, and the difference of the first two roles: what the results report.

    The difference's row is scaled so that its variance counts `difference_weight` times.
    """
    fits = list(measurement.functionals.values())
    scale = float(np.sqrt(difference_weight))
    rows = fits + ([scale * (fits[0] - fits[1])] if len(fits) >= 2 else [])
    return np.stack(rows)


def uncertainty(measurement: Measurement) -> float:
    """The largest standard deviation among the reported fits and their difference."""
    estimates = measurement.posterior.sums(_reported_functionals(measurement))
    return max(e.sd for e in estimates)


@per_bank
def first_question(bank: Bank) -> str | None:
    """The question every quick run starts with: it depends on the bank alone."""
    return next_question(bank, {}, [])


def next_question(
    bank: Bank, answers: Mapping[str, AnswerValue], asked: Sequence[str]
) -> str | None:
    """The question a quick assessment asks next, or None when it is done."""
    if len(asked) >= QUICK_CAP:
        return None
    asked_set = set(asked)
    preferences = [q for q in one_preference_per_source(bank) if q not in asked_set]
    if preferences and (len(asked) + 1) % PREFERENCE_EVERY == 0:
        return preferences[0]
    index = bank_index(bank)
    values = {q: v for q, v in answers.items() if q in asked_set}
    measurement = Measurement(bank, valid_answers(index, Answers(values=values)))
    skill_order = {s: i for i, s in enumerate(measurement.skill_ids)}
    candidates = _candidates(bank, asked_set, skill_order)
    if not candidates or not measurement.functionals or uncertainty(measurement) <= STOP_SD:
        return preferences[0] if preferences else None
    expected = expected_variances(measurement, candidates)
    best = int(np.argmin(expected))  # first in bank order on a tie: deterministic
    return candidates[best].question_id
