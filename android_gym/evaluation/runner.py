"""`android-gym evaluate`: any agent over a suite split under a stated protocol.

Episodes run over a Gymnasium vector env of `EpisodeSlot` sub-envs (slots.py): one sub-env
(SyncVectorEnv, in this process) or several (AsyncVectorEnv, one worker process each). The
agents act in this process, one agent per sub-env, so a model is loaded once and the phones
step in parallel; on the simulated phone the device work (rendering, judging) is what takes the
time, and worker processes are what spreads it over cores (threads would share one core through
the GIL). Every ended episode is appended to episodes.jsonl at once, so an interrupted
evaluation resumes where it stopped; an episode that raised (in the agent or on the device) is
recorded as a failure with its `exception_info`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium.vector import AutoresetMode

from android_gym.actions import Action
from android_gym.evaluation.agents import AgentSource
from android_gym.evaluation.results import ResultsWriter
from android_gym.evaluation.slots import error_text, make_slot_env
from android_gym.recording import EpisodeWriter
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


@dataclass
class _Running:
    """An episode in progress on one sub-env."""

    episode: Episode
    agent: Any
    writer: EpisodeWriter | None
    relative_dir: str | None
    started: float = field(default_factory=time.perf_counter)
    steps: int = 0
    invalid: int = 0
    success: bool = False


def run_evaluation(
    episodes: Sequence[Episode],
    source: AgentSource,
    results: ResultsWriter,
    *,
    env_id: str,
    env_kwargs: dict[str, Any],
    envs: int = 1,
    devices: Sequence[str] = ("sim",),
    record: bool = True,
    progress: Any = None,
) -> None:
    """Plays `episodes` (those not in `results` already) and appends each to `results`."""
    todo = [e for e in episodes if e.key not in results.done]
    envs = max(1, min(envs, len(todo)))
    if not todo:
        return
    agents = [source.make(i) for i in range(envs)]
    vector = _vector_env(env_id, env_kwargs, envs, devices)
    queue: Iterator[Episode] = iter(todo)
    running: list[_Running | None] = [None] * envs
    try:
        obs, infos = _hand_out(vector, queue, running, agents, results, record, first=True)
        while any(running):
            actions = [""] * envs
            for i, run in enumerate(running):
                if run is None:
                    continue
                try:
                    actions[i] = _act(run, _at(obs, i), _info_at(infos, i))
                except Exception as exc:
                    _end(run, results, error_text(exc), progress)
                    running[i] = None
            obs, rewards, terminated, truncated, infos = vector.step(tuple(actions))
            for i, run in enumerate(running):
                if run is None:
                    continue
                info = _info_at(infos, i)
                _observe(
                    run, actions[i], _at(obs, i), rewards[i], info, terminated[i], truncated[i]
                )
                if terminated[i] or truncated[i]:
                    _end(run, results, str(info.get("error") or "") or None, progress)
                    running[i] = None
            if any(r is None for r in running):
                obs, infos = _hand_out(vector, queue, running, agents, results, record, obs, infos)
    finally:
        vector.close()


def _vector_env(
    env_id: str, env_kwargs: dict[str, Any], envs: int, devices: Sequence[str]
) -> gym.vector.VectorEnv:
    if len(devices) > 1 and len(devices) < envs:
        raise ValueError(f"--envs {envs} needs {envs} devices, one each; got {list(devices)}")
    fns = [
        functools.partial(
            make_slot_env, env_id, i, {**env_kwargs, "device": devices[i % len(devices)]}
        )
        for i in range(envs)
    ]
    vector_class = gym.vector.SyncVectorEnv if envs == 1 else gym.vector.AsyncVectorEnv
    return vector_class(fns, autoreset_mode=AutoresetMode.DISABLED)


def _hand_out(
    vector: gym.vector.VectorEnv,
    queue: Iterator[Episode],
    running: list[_Running | None],
    agents: list[Any],
    results: ResultsWriter,
    record: bool,
    obs: Any = None,
    infos: dict[str, Any] | None = None,
    *,
    first: bool = False,
) -> tuple[Any, dict[str, Any]]:
    """Resets every free sub-env to the next planned episode (or idles it) in one call."""
    free = [i for i, r in enumerate(running) if r is None]
    plan: dict[int, Episode | None] = {i: next(queue, None) for i in free}
    if not first and all(e is None for e in plan.values()):
        return obs, infos or {}
    seeds = [plan[i].env_seed if plan.get(i) else None for i in range(len(running))]
    options: dict[str, Any] = {
        "episodes": {i: (e.task_index if e else None) for i, e in plan.items()}
    }
    if not first:
        options["reset_mask"] = np.array([i in plan for i in range(len(running))])
    obs, infos = vector.reset(seed=seeds, options=options)
    for i, episode in plan.items():
        if episode is None:
            continue
        run = _Running(episode, agents[i], None, None)
        info = _info_at(infos, i)
        if info.get("error"):  # the reset failed: a failed episode of no step
            _end(run, results, str(info["error"]), None)
            continue
        if callable(getattr(run.agent, "reset", None)):
            run.agent.reset()
        if record:
            directory = results.episode_dir(*episode.key)
            run.relative_dir = directory.relative_to(results.directory).as_posix()
            run.writer = EpisodeWriter(
                directory, metadata={"seed": episode.seed, "trial": episode.trial}
            )
            run.writer.reset(_at(obs, i), info)
        running[i] = run
    if any(r is None for r in running):  # failed resets: hand those sub-envs the next ones
        return _hand_out(vector, queue, running, agents, results, record, obs, infos)
    return obs, infos


def _act(run: _Running, obs: dict[str, Any], info: dict[str, Any]) -> str:
    action = run.agent.act(obs, info)
    if isinstance(action, Action):
        return action.to_autoui()
    if isinstance(action, str):
        return action
    raise TypeError(f"act() returned {type(action).__name__}; expected an Action or a str")


def _observe(
    run: _Running,
    action: str,
    obs: dict[str, Any],
    reward: float,
    info: dict[str, Any],
    terminated: bool,
    truncated: bool,
) -> None:
    run.steps += 1
    run.invalid += bool(info.get("invalid_action", False))
    run.success = run.success or bool(info.get("success", False))
    if run.writer is not None:
        run.writer.step(action, obs, float(reward), bool(terminated), bool(truncated), info)


def _end(run: _Running, results: ResultsWriter, error: str | None, progress: Any) -> None:
    if run.writer is not None:
        run.writer.close({"exception_info": error})
    results.add(
        episode_record(
            run.episode,
            success=run.success and not error,
            length=run.steps,
            run_time=time.perf_counter() - run.started,
            exception_info=error,
            invalid_actions=run.invalid,
            episode_dir=run.relative_dir,
        )
    )
    if progress is not None:
        progress.update(1)


def _at(obs: dict[str, Any], i: int) -> dict[str, Any]:
    return {"screenshot": obs["screenshot"][i], "instruction": obs["instruction"][i]}


def _info_at(infos: dict[str, Any], i: int) -> dict[str, Any]:
    """Sub-env i's info from a vector env's batched info dict (Gymnasium's `_key` masks)."""
    out = {}
    for key, value in infos.items():
        if key.startswith("_"):
            continue
        mask = infos.get(f"_{key}")
        if mask is not None and not mask[i]:
            continue
        out[key] = _info_at(value, i) if isinstance(value, dict) else value[i]
    return out


def oracle_reference_steps(
    env_id: str, env_kwargs: dict[str, Any], episodes: Sequence[dict[str, Any]]
) -> dict[tuple[int, int], int]:
    """The oracle's episode length on the phone of each successful episode (task, seed), on
    the simulated phone: the reference of `steps_vs_oracle`. The oracle's own records serve
    when the agent is the oracle."""
    from android_gym.agents import OracleAgent
    from android_gym.demo import run_episode

    wanted = sorted({(e["task_index"], e["seed"]) for e in episodes if e["is_successful"]})
    if not wanted:
        return {}
    env = gym.make(env_id, **env_kwargs)
    try:
        oracle, steps = OracleAgent(), {}
        for task_index, seed in wanted:
            success, length, _ = run_episode(env, oracle, seed + task_index, task_index)
            if success:
                steps[(task_index, seed)] = length
        return steps
    finally:
        env.close()


def env_id_of(suite: str) -> str:
    """The registered environment of a suite ("general" -> "AndroidGeneral-v0")."""
    from android_gym import ENVIRONMENTS

    for env_id, kwargs in ENVIRONMENTS.items():
        if kwargs.get("suite") == suite:
            return env_id
    return "AndroidGeneral-v0"  # a suite without an id of its own: suite= names it


def evaluate(
    source: AgentSource,
    out: str | Path,
    *,
    suite: str = "general",
    split: str = "test",
    tasks: int | None = None,
    seeds: Sequence[int] = (0,),
    trials: int = 1,
    devices: Sequence[str] = ("sim",),
    envs: int = 1,
    record: bool = True,
    progress: bool = True,
) -> dict[str, Any]:
    """Evaluates `source`'s agent and writes (or resumes) the results directory `out`;
    returns results.json's content."""
    from tqdm import tqdm

    benchmark = Benchmark.load(suite, split, tasks)
    identity = {
        "agent": source.description,
        "benchmark": benchmark.description(),
        "protocol": {
            "trials": trials,
            "seeds": list(seeds),
            "greedy": source.greedy,
            "device": devices[0] if len(devices) == 1 else list(devices),
        },
    }
    results = ResultsWriter.open(out, identity)
    episodes = plan_episodes(benchmark.tasks, seeds, trials)
    env_id = env_id_of(suite)
    env_kwargs = {"suite": suite, "split": split}
    left = sum(1 for e in episodes if e.key not in results.done)
    started = time.perf_counter()
    complete = False
    try:
        with tqdm(
            total=len(episodes), initial=len(episodes) - left, desc=source.description["name"],
            unit="episode", disable=not progress, leave=False,
        ) as bar:  # fmt: skip
            run_evaluation(
                episodes, source, results, env_id=env_id, env_kwargs=env_kwargs, envs=envs,
                devices=devices, record=record, progress=bar,
            )  # fmt: skip
        complete = True
    finally:
        session = time.perf_counter() - started
        reference = None
        if complete and all(d == "sim" for d in devices):
            if source.description["kind"] == "oracle":
                reference = {
                    (r["task_index"], r["seed"]): r["episode_length"]
                    for r in results.records
                    if r["is_successful"]
                }
            else:
                reference = oracle_reference_steps(env_id, env_kwargs, results.records)
        summary = results.finish(session_s=session, complete=complete, oracle_steps=reference)
    return summary
