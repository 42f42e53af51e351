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
from android_gym.evaluation.protocol import Benchmark, Episode, episode_record, plan_episodes
from android_gym.evaluation.results import ResultsWriter
from android_gym.evaluation.slots import Abandon, error_text, make_slot_env


@dataclass
class _Running:
    """An episode in progress on one sub-env."""

    episode: Episode
    agent: Any
    obs: dict[str, Any]
    info: dict[str, Any]
    """The observation to act on (the last one the env returned)."""
    relative_dir: str | None = None
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
    try:
        _Loop(vector, iter(todo), agents, results, record, progress).run()
    finally:
        vector.close()


def _vector_env(
    env_id: str, env_kwargs: dict[str, Any], envs: int, devices: Sequence[str]
) -> gym.vector.VectorEnv:
    fns = [
        functools.partial(
            make_slot_env,
            env_id,
            i,
            {**env_kwargs, "device": devices[i % len(devices)]},
            own_process=envs > 1,
        )
        for i in range(envs)
    ]
    vector_class = gym.vector.SyncVectorEnv if envs == 1 else gym.vector.AsyncVectorEnv
    return vector_class(fns, autoreset_mode=AutoresetMode.DISABLED)


@dataclass
class _Loop:
    """The evaluation loop over one vector env (see the module docstring)."""

    vector: gym.vector.VectorEnv
    queue: Iterator[Episode]
    agents: list[Any]
    results: ResultsWriter
    record: bool
    progress: Any
    running: list[_Running | None] = field(default_factory=list)

    def run(self) -> None:
        self.running = [None] * len(self.agents)
        self.hand_out(first=True)
        while any(self.running):
            actions: list[str | Abandon] = [""] * len(self.running)
            for i, run in enumerate(self.running):
                if run is None:
                    continue
                try:
                    actions[i] = _act(run)
                except Exception as exc:  # the agent's fault: a failed episode, recorded
                    actions[i] = Abandon(error_text(exc))  # the sub-env closes it and idles
                    self.end(i, actions[i].error)
            obs, _, terminated, truncated, infos = self.vector.step(tuple(actions))
            for i, run in enumerate(self.running):
                if run is None:
                    continue
                info = _info_at(infos, i)
                _observe(run, _at(obs, i), info)
                if terminated[i] or truncated[i]:
                    self.end(i, str(info.get("error") or "") or None)
            if any(r is None for r in self.running):
                self.hand_out()

    def hand_out(self, *, first: bool = False) -> None:
        """Resets every free sub-env to the next planned episode in one masked reset (the others
        keep their episode and observation); a failed reset is a failed episode, and that
        sub-env is handed the next one."""
        while True:
            free = [i for i, r in enumerate(self.running) if r is None]
            plan = {i: next(self.queue, None) for i in free}
            touched = {i for i, e in plan.items() if e is not None}
            if not first and not touched:
                return
            options: dict[str, Any] = {"episodes": {i: self.slot_plan(e) for i, e in plan.items()}}
            if not first:
                options["reset_mask"] = np.array([i in touched for i in range(len(self.running))])
            seeds = [plan[i].env_seed if plan.get(i) else None for i in range(len(self.running))]
            obs, infos = self.vector.reset(seed=seeds, options=options)
            first = False
            for i, episode in plan.items():
                if episode is not None:
                    self.start(i, episode, _at(obs, i), _info_at(infos, i))
            if all(self.running) or all(e is None for e in plan.values()):
                return

    def slot_plan(self, episode: Episode | None) -> dict[str, Any] | None:
        """What the sub-env is handed: the task and where to record it (an emptied folder)."""
        if episode is None:
            return None
        record = str(self.results.episode_dir(*episode.key)) if self.record else None
        meta = {"seed": episode.seed, "trial": episode.trial}
        return {"task_index": episode.task_index, "record": record, "metadata": meta}

    def start(self, i: int, episode: Episode, obs: dict[str, Any], info: dict[str, Any]) -> None:
        run = _Running(episode, self.agents[i], obs, info)
        self.running[i] = run
        if info.get("error"):  # the reset failed: a failed episode of no step
            self.end(i, str(info["error"]))
            return
        if callable(getattr(run.agent, "reset", None)):
            run.agent.reset()
        if self.record:
            directory = self.results.episode_dir(*episode.key, create=False)
            run.relative_dir = directory.relative_to(self.results.directory).as_posix()

    def end(self, i: int, error: str | None) -> None:
        """Appends sub-env i's episode to the results (a failure when `error`)."""
        run = self.running[i]
        self.running[i] = None
        self.results.add(
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
        if self.progress is not None:
            self.progress.update(1)


def _act(run: _Running) -> str:
    action = run.agent.act(run.obs, run.info)
    if isinstance(action, Action):
        return action.to_autoui()
    if isinstance(action, str):
        return action
    raise TypeError(f"act() returned {type(action).__name__}; expected an Action or a str")


def _observe(run: _Running, obs: dict[str, Any], info: dict[str, Any]) -> None:
    run.obs, run.info = obs, info
    run.steps += 1
    run.invalid += bool(info.get("invalid_action", False))
    run.success = run.success or bool(info.get("success", False))


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
    env_options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Evaluates `source`'s agent and writes (or resumes) the results directory `out`;
    returns results.json's content. `env_options` go to every `AndroidEnv` (e.g.
    `device_options` of an adb device)."""
    from tqdm import tqdm

    if list(devices) != ["sim"] and len(devices) < envs:  # a real device serves one env
        raise ValueError(f"--envs {envs} needs {envs} devices, one each; got {list(devices)}")
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
    env_kwargs = {**(env_options or {}), "suite": suite, "split": split}
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
