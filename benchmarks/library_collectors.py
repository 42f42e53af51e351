"""Environment steps per second inside each RL library's collector, and in our own vector env,
in one run; prints one JSON line.

Every library steps the same env (`make_sb3_env("elements")` over the General suite's
launch-app train tasks, renders at a quarter of the size), `--envs` copies in worker processes
(or, for RLlib, in its EnvRunner), with uniformly random actions, so what differs is the
library's collection machinery:

- `android_gym`: our vector env as `make_vector_env` builds it (Gymnasium's AsyncVectorEnv,
  shared memory, SAME_STEP autoreset), over the same chain;
- `sb3`: Stable-Baselines3's `SubprocVecEnv`;
- `torchrl`: TorchRL's `Collector` over `make_torchrl_env` (ParallelEnv of GymWrapper), a
  `RandomPolicy`;
- `tianshou`: Tianshou's `Collector` over `SubprocVectorEnv`, a `RandomActionPolicy`;
- `rllib`: RLlib's `SingleAgentEnvRunner.sample(random_actions=True)` (the new API stack's
  collector, FlattenObservations connector, its env vectorized as RLlib configures it).

A library that is not installed is reported as skipped. Each is warmed up (worker start,
first resets) before `--steps` env steps are timed. Run RLlib inside a loopback-only network
namespace. Usage: python benchmarks/library_collectors.py [--envs 2] [--steps 400]
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import platform
import subprocess
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import gymnasium as gym
import numpy as np

import android_gym  # noqa: F401
from android_gym.tasks import load_suite
from android_gym.wrappers import make_sb3_env


def env_kwargs() -> dict[str, Any]:
    tasks = [t for t in load_suite("general", "train") if t.family == "launch_app"]
    return {"observation": "elements", "tasks": tasks, "render_scale": 0.25}


def _timed(step: Callable[[], int], steps: int) -> float:
    """Steps per second of calling `step` (which returns how many env steps it made) until
    `steps` env steps are done."""
    done, start = 0, time.perf_counter()
    while done < steps:
        done += step()
    return done / (time.perf_counter() - start)


def ours(n: int, steps: int) -> float:
    envs = gym.vector.AsyncVectorEnv(
        [partial(make_sb3_env, **env_kwargs())] * n,
        shared_memory=True,
        autoreset_mode=gym.vector.AutoresetMode.SAME_STEP,
    )
    try:
        envs.reset(seed=0)
        envs.action_space.seed(0)
        for _ in range(10):
            envs.step(envs.action_space.sample())
        return _timed(lambda: envs.step(envs.action_space.sample()) and n, steps)
    finally:
        envs.close()


def sb3(n: int, steps: int) -> float:
    from stable_baselines3.common.vec_env import SubprocVecEnv

    envs = SubprocVecEnv([partial(make_sb3_env, **env_kwargs())] * n)
    try:
        envs.reset()
        sample = lambda: np.array([envs.action_space.sample() for _ in range(n)])  # noqa: E731
        for _ in range(10):
            envs.step(sample())
        return _timed(lambda: envs.step(sample()) and n, steps)
    finally:
        envs.close()


def torchrl(n: int, steps: int) -> float:
    from torchrl.collectors import Collector, RandomPolicy

    from android_gym.wrappers.torchrl_env import make_torchrl_env

    env = make_torchrl_env(n, **env_kwargs())
    batch = 20 * n
    collector = Collector(
        env, RandomPolicy(env.action_spec), frames_per_batch=batch, total_frames=-1
    )
    try:
        it = iter(collector)
        next(it)
        return _timed(lambda: next(it).numel(), steps)
    finally:
        collector.shutdown()


def tianshou(n: int, steps: int) -> float:
    from tianshou.algorithm.algorithm_base import RandomActionPolicy
    from tianshou.data import Collector, VectorReplayBuffer
    from tianshou.env import SubprocVectorEnv

    envs = SubprocVectorEnv([partial(make_sb3_env, **env_kwargs())] * n)
    try:
        buffer = VectorReplayBuffer(steps + 100 * n, buffer_num=n)
        collector = Collector(RandomActionPolicy(envs.action_space[0]), envs, buffer)
        collector.collect(n_step=10 * n, reset_before_collect=True)
        return _timed(lambda: collector.collect(n_step=20 * n).n_collected_steps, steps)
    finally:
        envs.close()


def rllib(n: int, steps: int) -> float:
    from ray.rllib.env.single_agent_env_runner import SingleAgentEnvRunner

    from android_gym.wrappers.rllib_env import ppo_config

    config = ppo_config(env_kwargs(), num_envs_per_env_runner=n)
    runner = SingleAgentEnvRunner(config=config)
    try:
        runner.sample(num_timesteps=10 * n, random_actions=True)

        def sampled() -> int:
            episodes = runner.sample(num_timesteps=20 * n, random_actions=True)
            return sum(len(e) for e in episodes)

        return _timed(sampled, steps)
    finally:
        runner.stop()


LIBRARIES = {
    "android_gym": ours,
    "sb3": sb3,
    "torchrl": torchrl,
    "tianshou": tianshou,
    "rllib": rllib,
}
MODULES = {
    "sb3": "stable_baselines3",
    "torchrl": "torchrl",
    "tianshou": "tianshou",
    "rllib": "ray.rllib",
}


def installed(name: str) -> bool:
    module = MODULES.get(name)
    if module is None:
        return True
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--envs", type=int, default=2)
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--libraries", default=",".join(LIBRARIES))
    args = parser.parse_args()
    figures: dict[str, Any] = {}
    for name in args.libraries.split(","):
        if not installed(name):
            figures[name] = "skipped: not installed"
            continue
        figures[name] = round(LIBRARIES[name](args.envs, args.steps), 1)
    base = figures.get("android_gym")
    ratios = {k: round(v / base, 2) for k, v in figures.items() if isinstance(v, float) and base}
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    print(
        json.dumps(
            {
                "benchmark": "library_collectors",
                "env_steps_per_s": figures,
                "ratio_to_android_gym": ratios,
                "envs": args.envs,
                "steps": args.steps,
                "versions": {
                    m: _version(m)
                    for m in ("gymnasium", "stable_baselines3", "torchrl", "tianshou", "ray")
                },
                "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                "commit": commit.stdout.strip(),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                "loadavg": os.getloadavg()[0],
            }
        )
    )


def _version(module: str) -> str | None:
    try:
        return __import__(module).__version__
    except ImportError:
        return None


if __name__ == "__main__":
    main()
