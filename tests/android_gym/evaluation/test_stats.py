"""The statistics of results.json against values computed by hand."""

from __future__ import annotations

import math

import pytest

from android_gym.evaluation.stats import (
    mean_interval,
    pass_at_k,
    standard_error,
    summarize,
    wilson_interval,
)


def test_wilson_interval_matches_the_formula_worked_by_hand() -> None:
    # 8 of 10, z = 1.96: centre (0.8 + 0.19208) / 1.38416 = 0.71674,
    # half 1.96 * sqrt(0.016 + 0.0009604) / 1.38416 = 0.18440
    low, high = wilson_interval(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-4) and high == pytest.approx(0.9433, abs=1e-4)
    assert wilson_interval(0, 5)[0] == 0.0 and wilson_interval(0, 5)[1] > 0.4
    assert wilson_interval(5, 5)[1] == pytest.approx(1.0) and wilson_interval(0, 0) == (0.0, 1.0)
    assert standard_error(8, 10) == pytest.approx(math.sqrt(0.8 * 0.2 / 10))


def test_pass_at_k_is_the_unbiased_estimator() -> None:
    assert pass_at_k(3, 1, 1) == pytest.approx(1 / 3)
    assert pass_at_k(3, 1, 2) == pytest.approx(1 - 1 / 3)  # 1 - C(2,2)/C(3,2)
    assert pass_at_k(5, 2, 3) == pytest.approx(1 - 1 / 10)  # 1 - C(3,3)/C(5,3)
    assert pass_at_k(4, 0, 2) == 0.0 and pass_at_k(4, 3, 2) == 1.0
    with pytest.raises(ValueError, match="0 < k <= n"):
        pass_at_k(2, 1, 3)


def test_mean_interval_over_seeds_uses_students_t() -> None:
    out = mean_interval([0.5, 0.7])
    assert out["mean"] == pytest.approx(0.6) and out["std"] == pytest.approx(math.sqrt(0.02))
    half = 12.706 * math.sqrt(0.02) / math.sqrt(2)
    assert out["ci95"] == pytest.approx([0.6 - half, 0.6 + half])
    assert mean_interval([0.4])["ci95"] is None


def _record(task: int, seed: int, trial: int, ok: bool, steps: int, **extra) -> dict:
    return {
        "task_index": task,
        "seed": seed,
        "trial": trial,
        "is_successful": ok,
        "episode_length": steps,
        "family": "a" if task == 0 else "b",
        "exception_info": extra.get("error"),
        "invalid_actions": extra.get("invalid", 0),
    }


def test_summarize_counts_errors_as_failures_and_computes_every_metric() -> None:
    records = [
        _record(0, 0, 0, True, 4),
        _record(0, 0, 1, False, 10, invalid=5),
        _record(1, 0, 0, True, 6),
        _record(1, 0, 1, False, 0, error="RuntimeError: agent"),
    ]
    metrics, families = summarize(
        records, trials=2, wall_clock_s=10.0, oracle_steps={(0, 0): 2, (1, 0): 3}
    )
    assert metrics["episodes"] == 4 and metrics["successes"] == 2
    assert metrics["success_rate"] == 0.5 and metrics["errored"] == 1 and metrics["completed"] == 3
    assert metrics["mean_steps"] == 5.0 and metrics["mean_steps_successful"] == 5.0
    assert metrics["steps_vs_oracle"] == pytest.approx((4 / 2 + 6 / 3) / 2)
    assert metrics["invalid_action_rate"] == pytest.approx(5 / 20)
    assert metrics["env_steps_per_s"] == 2.0 and metrics["episodes_per_min"] == 24.0
    assert metrics["pass_at_k"] == {"1": 0.5, "2": 1.0}
    assert metrics["success_rate_ci95"] == pytest.approx(list(wilson_interval(2, 4)))
    assert families["a"]["success_rate"] == 0.5 and families["b"]["episodes"] == 2
    assert "pass_at_k" not in summarize(records, trials=1, wall_clock_s=1.0)[0]
