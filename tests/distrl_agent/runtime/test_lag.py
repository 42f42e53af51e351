"""Policy-lag statistics."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from distrl_agent.runtime.lag import LagStats, NegativeLagError


@given(st.lists(st.integers(0, 50), min_size=1, max_size=200))
def test_summary_matches_numpy_quantiles(values):
    stats = LagStats()
    stats.add(values)
    summary = stats.summary()
    ordered = np.sort(values)
    n = len(values)
    assert summary["median"] == ordered[-(-n // 2) - 1]
    assert summary["p90"] == ordered[-(-9 * n // 10) - 1]
    assert summary["max"] == ordered[-1]
    assert summary["mean"] == np.mean(values) and summary["steps"] == n


def test_intervals_reset_but_totals_do_not():
    stats = LagStats()
    stats.add([0, 0, 5])
    assert stats.interval()["max"] == 5
    stats.add([1, 0])
    assert stats.interval() == {"median": 0.0, "p90": 1.0, "max": 1.0, "mean": 0.5, "steps": 2.0}
    assert stats.interval() == {}
    assert stats.summary()["steps"] == 5


def test_a_negative_lag_is_an_error_and_records_nothing():
    stats = LagStats()
    stats.add([2])
    with pytest.raises(NegativeLagError, match="newer than the learner"):
        stats.add([1, -3])
    assert stats.summary()["steps"] == 1 and stats.interval()["max"] == 2
