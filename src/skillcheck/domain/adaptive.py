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

from skillcheck.domain.bank_index import bank_index
from skillcheck.domain.item_model import RATING_CURVES, item_curves
from skillcheck.domain.measurement import Array
from skillcheck.domain.models import Answers, AnswerValue, Bank
from skillcheck.domain.scoring import Measurement, valid_answers
from skillcheck.domain.selection import one_preference_per_source

#: At most this many questions in a quick assessment (about 8 minutes).
QUICK_CAP = 25
#: Every this-many-th question is a preference, until each difference is covered.
PREFERENCE_EVERY = 3
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
    posterior = measurement.posterior
    functionals = _reported_functionals(measurement)  # (r, skills, grid)
    first, variance = posterior.conditional_moments(functionals)  # (r, skills, g)
    total_first, total_variance = first.sum(axis=1), variance.sum(axis=1)  # (r, g)
    weights = posterior.g_weights
    result = np.empty(len(candidates))
    for n, candidate in enumerate(candidates):
        s = candidate.skill
        conditional = posterior.conditional[s]  # (g, grid)
        joint = conditional[None, :, :] * candidate.curves[:, None, :]  # (k, g, grid)
        p_given_g = joint.sum(axis=2)  # (k, g)
        p_given_g = np.maximum(p_given_g, 1e-300)
        f = functionals[:, s, :]  # (r, grid)
        new_first = np.einsum("kgt,rt->rkg", joint, f) / p_given_g[None]
        new_second = np.einsum("kgt,rt->rkg", joint, f * f) / p_given_g[None]
        new_variance = np.maximum(new_second - new_first**2, 0.0)
        others_first = (total_first - first[:, s, :])[:, None, :]  # (r, 1, g)
        others_variance = (total_variance - variance[:, s, :])[:, None, :]
        if candidate.informs_general:
            new_weights = weights[None, :] * p_given_g  # (k, g)
        else:
            new_weights = np.broadcast_to(weights[None, :], p_given_g.shape)
        outcome_p = (weights[None, :] * p_given_g).sum(axis=1)  # (k,)
        new_weights = new_weights / new_weights.sum(axis=1, keepdims=True)
        mean_given_g = others_first + new_first  # (r, k, g)
        mean = np.einsum("kg,rkg->rk", new_weights, mean_given_g)
        second = np.einsum(
            "kg,rkg->rk", new_weights, others_variance + new_variance + mean_given_g**2
        )
        result[n] = float(((second - mean**2) @ (outcome_p / outcome_p.sum())).sum())
    return result


def _reported_functionals(measurement: Measurement) -> Array:
    """Each role's fit, and the difference of the first two roles: what the results report."""
    fits = list(measurement.functionals.values())
    rows = fits + ([fits[0] - fits[1]] if len(fits) >= 2 else [])
    return np.stack(rows)


def uncertainty(measurement: Measurement) -> float:
    """The largest standard deviation among the reported fits and their difference."""
    estimates = measurement.posterior.sums(_reported_functionals(measurement))
    return max(e.sd for e in estimates)


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
