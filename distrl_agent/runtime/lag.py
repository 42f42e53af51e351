"""Policy-lag accounting: how many versions behind the learner each step's behaviour was.

A step acted by version v and seen by the learner at version V has lag V - v. The learner
records it for every step twice: when the trajectory arrives (`arrival`) and each time an
update trains on it (`update`). `LagStats` keeps run totals and the values since the last
report, and summarises them as median, p90 and max.

A negative lag (a step acted by a version newer than the learner's) is never counted: it means
the step's version is not one of this learner's (another run's weights, or a learner that went
back in time), and `LagStats.add` raises `NegativeLagError` before recording anything.
"""

from __future__ import annotations

from collections import Counter

import numpy as np


class NegativeLagError(ValueError):
    """Steps acted by a policy version newer than the learner's (see the module docstring)."""


class LagStats:
    """Counts of lag values (integers >= 0) for the whole run and since the last `interval()`."""

    def __init__(self) -> None:
        self.total: Counter[int] = Counter()
        self.recent: Counter[int] = Counter()

    def add(self, lags: list[int] | np.ndarray) -> None:
        """Records one lag per step; `NegativeLagError` (nothing recorded) if any is negative."""
        values = np.asarray(lags, dtype=np.int64).tolist()
        negative = [lag for lag in values if lag < 0]
        if negative:
            raise NegativeLagError(
                f"{len(negative)} of {len(values)} steps were acted by a policy version newer "
                f"than the learner's (lags {sorted(set(negative))[:5]}); lags must be >= 0"
            )
        for value in values:
            self.total[value] += 1
            self.recent[value] += 1

    def summary(self) -> dict[str, float]:
        """Median, p90, max and mean over the whole run."""
        return summarise(self.total)

    def interval(self) -> dict[str, float]:
        """Median, p90, max and mean since the previous call; then starts a new interval."""
        out = summarise(self.recent)
        self.recent = Counter()
        return out


def summarise(counts: Counter[int]) -> dict[str, float]:
    """Quantiles of a histogram of integer values ({} when empty)."""
    n = sum(counts.values())
    if n == 0:
        return {}
    values = np.array(sorted(counts), dtype=np.float64)
    cumulative = np.cumsum([counts[int(v)] for v in values]) / n

    def quantile(q: float) -> float:
        return float(values[int(np.searchsorted(cumulative, q - 1e-9))])

    mean = float(sum(v * c for v, c in counts.items()) / n)
    return {
        "median": quantile(0.5),
        "p90": quantile(0.9),
        "max": float(values[-1]),
        "mean": mean,
        "steps": float(n),
    }
