"""Greedy evaluation of a policy on a split: the success rate before, during and after RL.

Tasks are taken in order (the first `tasks` of the split, as DigiRL and DistRL evaluate on the
first tasks of the test set) with fixed seeds, so two evaluations of the same policy see the
same phones. `threads` environments run side by side (their device latency overlaps).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from distrl_agent.config import RunConfig
from distrl_agent.policies.base import Policy
from distrl_agent.rollout import run_episode
from distrl_agent.runtime.components import make_env
from distrl_agent.runtime.replica import ActingView, Replica


@dataclass
class EvalResult:
    """Successes per task, in task order, and how long the evaluation took."""

    split: str
    task_ids: list[str]
    families: list[str]
    successes: list[bool]
    elapsed_s: float
    steps: int = 0

    @property
    def success_rate(self) -> float:
        return sum(self.successes) / max(1, len(self.successes))

    @property
    def per_family(self) -> dict[str, float]:
        """Success rate of each task family, families in alphabetical order."""
        by_family: dict[str, list[bool]] = {}
        for family, success in zip(self.families, self.successes, strict=True):
            by_family.setdefault(family, []).append(success)
        return {k: sum(v) / len(v) for k, v in sorted(by_family.items())}

    def to_dict(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "tasks": len(self.successes),
            "success_rate": self.success_rate,
            "successes": [bool(s) for s in self.successes],
            "task_ids": self.task_ids,
            "per_family": self.per_family,
            "elapsed_s": self.elapsed_s,
            "steps": self.steps,
        }


def evaluate(
    policy: Policy,
    config: RunConfig,
    *,
    tasks: int | None = None,
    split: str | None = None,
    latency: bool = False,
    threads: int = 1,
    progress: Any = None,
    before_act: Callable[[], None] | None = None,
) -> EvalResult:
    """Greedy success of `policy` on the first `tasks` tasks of `split` (default: the config's)."""
    split = split or config.eval.split
    devices = config.env.eval_devices
    envs = [
        make_env(
            config,
            split,
            seed=config.eval.seed + i,
            latency=latency,
            device_name=devices[i] if i < len(devices) else None,
        )
        for i in range(threads)
    ]
    total = len(envs[0].unwrapped.tasks)
    count = total if tasks is None else min(tasks, total)
    replica = Replica(policy)
    free = list(envs)
    free_lock = threading.Lock()
    started = time.perf_counter()

    def one(index: int):
        with free_lock:
            env = free.pop()
        try:
            trajectory = run_episode(
                env,
                ActingView(replica, before_act),
                seed=config.eval.seed + index,
                options={"task_index": index},
                greedy=True,
            )
        finally:
            with free_lock:
                free.append(env)
        if progress is not None:
            progress.update(1)
        return trajectory

    with ThreadPoolExecutor(max_workers=threads) as pool:
        trajectories = list(pool.map(one, range(count)))
    for env in envs:
        env.close()
    return EvalResult(
        split=split,
        task_ids=[t.task_id for t in trajectories],
        families=[t.family for t in trajectories],
        successes=[t.success for t in trajectories],
        elapsed_s=time.perf_counter() - started,
        steps=sum(len(t) for t in trajectories),
    )
