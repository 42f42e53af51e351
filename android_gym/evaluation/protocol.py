"""What an evaluation runs and how each episode is recorded: the benchmark (a suite split's
first tasks, with a hash of the task list), the planned episodes (task, seed, trial) and the
line each episode adds to episodes.jsonl."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from android_gym.tasks import Task, load_suite

JUDGE = "android_gym.families"
"""The success judge: each family's programmatic check of the device state (no VLM)."""


@dataclass
class Benchmark:
    """The tasks evaluated: the first `count` of a suite split."""

    suite: str
    split: str
    tasks: list[Task]

    @classmethod
    def load(cls, suite: str, split: str, count: int | None = None) -> Benchmark:
        tasks = load_suite(suite, split)
        return cls(suite, split, tasks[:count] if count else tasks)

    def description(self) -> dict[str, Any]:
        """results.json's `benchmark`."""
        return {
            "suite": self.suite,
            "split": self.split,
            "tasks": len(self.tasks),
            "task_list_sha256": task_list_sha256(self.tasks),
            "max_steps": max(t.max_steps for t in self.tasks),
            "judge": JUDGE,
        }


def task_list_sha256(tasks: Sequence[Task]) -> str:
    """A hash of what decides the episodes: each task's id, instruction, family, parameters
    and step budget, in order."""
    data = [[t.id, t.instruction, t.family, t.params, t.max_steps] for t in tasks]
    return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class Episode:
    """One planned episode: a task under a seed, for one trial."""

    task_index: int
    task: Task
    seed: int
    trial: int

    @property
    def key(self) -> tuple[int, int, int]:
        return self.task_index, self.seed, self.trial

    @property
    def env_seed(self) -> int:
        """The phone's seed: `seed + task_index`, as distrl's evaluations seed it."""
        return self.seed + self.task_index


def plan_episodes(tasks: Sequence[Task], seeds: Sequence[int], trials: int) -> list[Episode]:
    """Seed by seed, trial by trial, every task in order."""
    return [
        Episode(i, task, seed, trial)
        for seed in seeds
        for trial in range(trials)
        for i, task in enumerate(tasks)
    ]


def episode_record(
    episode: Episode,
    *,
    success: bool,
    length: int,
    run_time: float,
    exception_info: str | None,
    invalid_actions: int,
    episode_dir: str | None,
) -> dict[str, Any]:
    """One line of episodes.jsonl: AndroidWorld's per-episode keys, then ours."""
    return {
        "goal": episode.task.instruction,
        "task_template": episode.task.id,
        "seed": episode.seed,
        "is_successful": bool(success),
        "episode_length": int(length),
        "run_time": float(run_time),
        "exception_info": exception_info,
        "task_id": episode.task.id,
        "task_index": episode.task_index,
        "family": episode.task.family,
        "trial": episode.trial,
        "env_seed": episode.env_seed,
        "invalid_actions": int(invalid_actions),
        "episode_dir": episode_dir,
    }
