"""The statistics of an evaluation: success rate with its standard error and Wilson interval,
the unbiased pass@k estimator, a mean with its t interval over seeds, and the metrics and
per-family breakdown that `results.json` holds, computed from the episode records."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

Z95 = 1.959963984540054
"""The 97.5% quantile of the standard normal: a two-sided 95% interval."""
CI_METHOD = "wilson"

# Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom (then the normal's).
_T95 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
        2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064,
        2.060, 2.056, 2.052, 2.048, 2.045, 2.042)  # fmt: skip


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a binomial proportion (sound at 0% and 100%, unlike the
    normal approximation); (0, 1) when there is no trial."""
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def standard_error(successes: int, n: int) -> float:
    """sqrt(p (1 - p) / n): the standard error of a success rate over n episodes."""
    if n <= 0:
        return 0.0
    p = successes / n
    return math.sqrt(p * (1 - p) / n)


def pass_at_k(n: int, c: int, k: int) -> float:
    """The unbiased estimator of pass@k (Chen et al. 2021): the chance that at least one of k
    attempts drawn without replacement from n attempts, c of them successful, succeeds."""
    if not 0 < k <= n or not 0 <= c <= n:
        raise ValueError(f"pass@k needs 0 < k <= n and 0 <= c <= n, got n={n}, c={c}, k={k}")
    if n - c < k:
        return 1.0
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


def mean_interval(values: Sequence[float]) -> dict[str, Any]:
    """Mean, sample standard deviation and the 95% t interval of the mean (over seeds)."""
    n = len(values)
    mean = sum(values) / n if n else 0.0
    if n < 2:
        return {"mean": mean, "std": None, "ci95": None, "n": n}
    std = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    t = _T95[n - 2] if n - 2 < len(_T95) else Z95
    half = t * std / math.sqrt(n)
    return {"mean": mean, "std": std, "ci95": [mean - half, mean + half], "n": n}


def success_block(successes: int, n: int) -> dict[str, Any]:
    """Success rate, standard error and 95% interval of `successes` out of `n`."""
    low, high = wilson_interval(successes, n)
    return {
        "episodes": n,
        "successes": successes,
        "success_rate": successes / n if n else 0.0,
        "success_rate_se": standard_error(successes, n),
        "success_rate_ci95": [low, high],
    }


def summarize(
    episodes: Sequence[Mapping[str, Any]],
    *,
    trials: int,
    wall_clock_s: float,
    oracle_steps: Mapping[tuple[int, int], int] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(metrics, per_family) of the episode records (the keys of episodes.jsonl).

    An errored episode counts as a failure. `oracle_steps` maps (task_index, seed) to the
    oracle's episode length on that phone; `steps_vs_oracle` is the mean, over successful
    episodes with a reference, of the agent's length over the oracle's.
    """
    n = len(episodes)
    wins = sum(bool(e["is_successful"]) for e in episodes)
    errored = sum(1 for e in episodes if e.get("exception_info"))
    steps = sum(int(e["episode_length"]) for e in episodes)
    invalid = sum(int(e.get("invalid_actions", 0)) for e in episodes)
    won = [e for e in episodes if e["is_successful"]]
    ratios = [
        e["episode_length"] / oracle_steps[(e["task_index"], e["seed"])]
        for e in won
        if oracle_steps and oracle_steps.get((e["task_index"], e["seed"]))
    ]
    by_seed: dict[int, list[bool]] = defaultdict(list)
    for e in episodes:
        by_seed[int(e["seed"])].append(bool(e["is_successful"]))
    metrics: dict[str, Any] = {
        **success_block(wins, n),
        "ci_method": CI_METHOD,
        "completed": n - errored,
        "errored": errored,
        "mean_steps": steps / n if n else 0.0,
        "mean_steps_successful": sum(e["episode_length"] for e in won) / len(won) if won else None,
        "steps_vs_oracle": sum(ratios) / len(ratios) if ratios else None,
        "invalid_action_rate": invalid / steps if steps else 0.0,
        "env_steps": steps,
        "wall_clock_s": wall_clock_s,
        "env_steps_per_s": steps / wall_clock_s if wall_clock_s > 0 else None,
        "episodes_per_min": 60.0 * n / wall_clock_s if wall_clock_s > 0 else None,
        "per_seed": {str(seed): sum(runs) / len(runs) for seed, runs in sorted(by_seed.items())},
        "over_seeds": mean_interval([sum(r) / len(r) for _, r in sorted(by_seed.items())]),
    }
    if trials > 1:
        metrics["pass_at_k"] = pass_at_k_table(episodes, trials)
    return metrics, per_family(episodes)


def pass_at_k_table(episodes: Iterable[Mapping[str, Any]], trials: int) -> dict[str, float]:
    """pass@1 .. pass@trials, each the mean over tasks of the unbiased estimator, a task's
    attempts being all its episodes (every seed and trial)."""
    attempts: dict[int, list[bool]] = defaultdict(list)
    for e in episodes:
        attempts[int(e["task_index"])].append(bool(e["is_successful"]))
    table = {}
    for k in range(1, trials + 1):
        values = [pass_at_k(len(r), sum(r), k) for r in attempts.values() if len(r) >= k]
        table[str(k)] = sum(values) / len(values) if values else 0.0
    return table


def per_family(episodes: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Success block of each family, families in alphabetical order."""
    runs: dict[str, list[bool]] = defaultdict(list)
    for e in episodes:
        runs[str(e["family"])].append(bool(e["is_successful"]))
    return {name: success_block(sum(r), len(r)) for name, r in sorted(runs.items())}
