"""Greedy evaluation of a policy on a split: the success rate before, during and after RL.

Tasks are taken in order (the first `tasks` of the split, as DigiRL and DistRL evaluate on the
first tasks of the test set) with fixed seeds, so two evaluations of the same policy see the
same phones. `threads` environments run side by side (their device latency overlaps).

With `out`, the evaluation is also a results directory (android_gym's format and writer,
docs/evaluation.md): each episode's line is appended as it ends and, with `record`, its
recording kept (PNG frames: what recording costs is in docs/evaluation.md). `train` writes
`RUN_DIR/evaluations/before` and `after` this way; periodic evaluations send their episode
lines to the learner, which writes `evaluations/periodic-vN` (no recordings).
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from android_gym.evaluation import Benchmark, Episode, ResultsWriter, episode_record
from distrl_agent.config import RunConfig
from distrl_agent.policies.base import Policy
from distrl_agent.rollout import run_episode
from distrl_agent.runtime.components import make_env
from distrl_agent.runtime.replica import ActingView, Replica
from distrl_agent.trajectory import Trajectory


@dataclass
class EvalResult:
    """Successes per task, in task order, and how long the evaluation took."""

    split: str
    task_ids: list[str]
    families: list[str]
    successes: list[bool]
    elapsed_s: float
    steps: int = 0
    identity: dict[str, Any] = field(default_factory=dict)
    records: list[dict[str, Any]] = field(default_factory=list)
    solved: list[Trajectory] = field(default_factory=list)
    """The successful episodes, frames PNG-compressed, in task order (`keep_solved` only)."""

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

    def to_dict(self, records: bool = False) -> dict[str, Any]:
        """The summary (and, with `records`, the results directory's identity and episode
        lines, what a periodic evaluation sends the learner)."""
        extra = {"identity": self.identity, "records": self.records} if records else {}
        return {
            **extra,
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
    out: str | Path | None = None,
    record: bool = False,
    label: str = "eval",
    keep_solved: bool = False,
) -> EvalResult:
    """Greedy success of `policy` on the first `tasks` tasks of `split` (default: the config's);
    with `out`, also a results directory there (replacing one that is there), episodes recorded
    when `record`; with `keep_solved`, the successful episodes themselves (`EvalResult.solved`)."""
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
    benchmark = Benchmark(config.env.suite, split, list(envs[0].unwrapped.tasks[:count]))
    identity = results_identity(config, benchmark, label)
    results = _open_results(Path(out), identity) if out is not None else None
    records: list[dict[str, Any]] = []
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
        episode = Episode(index, benchmark.tasks[index], config.eval.seed, 0)
        with free_lock:
            records.append(_write_episode(results, episode, trajectory, record))
        if progress is not None:
            progress.update(1)
        return trajectory

    with ThreadPoolExecutor(max_workers=threads) as pool:
        trajectories = list(pool.map(one, range(count)))
    for env in envs:
        env.close()
    elapsed = time.perf_counter() - started
    if results is not None:
        results.finish(session_s=elapsed, complete=True)
    return EvalResult(
        split=split,
        task_ids=[t.task_id for t in trajectories],
        families=[t.family for t in trajectories],
        successes=[t.success for t in trajectories],
        elapsed_s=elapsed,
        steps=sum(len(t) for t in trajectories),
        identity=identity,
        records=sorted(records, key=lambda r: r["task_index"]),
        solved=[t.compress_frames() for t in trajectories if t.success] if keep_solved else [],
    )


def results_identity(config: RunConfig, benchmark: Benchmark, label: str) -> dict[str, Any]:
    """results.json's agent, benchmark and protocol of an evaluation of a run's policy."""
    devices = config.env.eval_devices
    return {
        "agent": {
            "kind": "distrl",
            "name": f"{config.name} ({config.algorithm.name}) {label}",
            "algorithm": config.algorithm.name,
            "mode": config.runtime.mode,
            "policy": config.policy.kind,
            "seed": config.seed,
            "label": label,
        },
        "benchmark": benchmark.description(),
        "protocol": {
            "trials": 1,
            "seeds": [config.eval.seed],
            "greedy": True,
            "device": list(devices) if devices else "sim",
        },
    }


def _open_results(out: Path, identity: dict[str, Any]) -> ResultsWriter:
    if out.exists():  # a run's evaluation of the same label is redone whole, never mixed
        shutil.rmtree(out)
    return ResultsWriter.open(out, identity)


def _write_episode(
    results: ResultsWriter | None, episode: Episode, trajectory: Any, record: bool
) -> dict[str, Any]:
    """The episode's line (appended to `results`, with its recording when `record`)."""
    directory = None
    if results is not None and record:
        path = trajectory.save(results.episode_dir(*episode.key))
        directory = path.relative_to(results.directory).as_posix()
    line = episode_record(
        episode,
        success=trajectory.success,
        length=len(trajectory),
        run_time=trajectory.timings["episode_s"],
        exception_info=trajectory.device_fault or None,
        invalid_actions=sum(step.invalid for step in trajectory.steps),
        episode_dir=directory,
    )
    if results is not None:
        results.add(line)
    return line


def write_results(
    out: str | Path, identity: dict[str, Any], records: Sequence[dict[str, Any]], elapsed_s: float
) -> Path:
    """A results directory of episode lines already run (a periodic evaluation's)."""
    results = _open_results(Path(out), identity)
    for line in records:
        results.add(line)
    results.finish(session_s=elapsed_s, complete=True)
    return results.directory
