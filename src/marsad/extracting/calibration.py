"""Confidence as a calibrated probability: of the events given confidence p, about p are right.

The raw score of a learned event (P(type) × P(pair)) and the rules' own confidence are
mapped, each with its own monotone step function, onto the share of events with such a
score that matched a gold event on held-out folds (isotonic regression by pooling
adjacent violators). The steps are stored with the model.
"""

from __future__ import annotations

from bisect import bisect_left

BINS = 10


def fit_steps(scored: list[tuple[float, bool]]) -> list[tuple[float, float]]:
    """(upper score, probability) steps from (raw score, was it right) pairs, non-decreasing in probability."""
    if not scored:
        return []
    scored = sorted(scored)
    size = max(1, len(scored) // BINS)
    blocks = []  # [upper score, right, total]
    for start in range(0, len(scored), size):
        chunk = scored[start:start + size]
        blocks.append([chunk[-1][0], sum(ok for _, ok in chunk), len(chunk)])
    pooled: list[list] = []
    for block in blocks:  # pool adjacent violators: merge while a block is less right than the one before
        pooled.append(block)
        while len(pooled) > 1 and pooled[-2][1] / pooled[-2][2] >= pooled[-1][1] / pooled[-1][2]:
            upper, right, total = pooled.pop()
            pooled[-1] = [upper, pooled[-1][1] + right, pooled[-1][2] + total]
    return [(round(upper, 6), round(right / total, 4)) for upper, right, total in pooled]


def calibrated(steps: list[tuple[float, float]], score: float) -> float:
    """The probability of the first step whose upper score reaches `score` (the last step beyond them)."""
    if not steps:
        return score
    uppers = [upper for upper, _ in steps]
    return steps[min(bisect_left(uppers, score), len(steps) - 1)][1]
