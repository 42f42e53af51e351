"""Environment steps per second of vectorized AndroidEnvs; prints one JSON line.

For each observation size (540x1200, the default render, and a reduced one) it times one env
stepped in this process (`single`, the baseline), Gymnasium's SyncVectorEnv and AsyncVectorEnv
(shared memory, SAME_STEP autoreset, `copy=True` as by default) with N = 1, 2, 4, 8 sub-envs,
and two independent single-env processes at once (`two_processes`: what this machine's cores
give with no communication at all, the ceiling of any vector env).

The action stream: sub-env i follows `RandomAgent(seed=i)`, tasks drawn from the General train
split by the reset seeds. Every sub-env takes the same number of steps, so each phone's screen
caches hold as much in every configuration (a longer stream would overflow them and make a
"warm" pass partly cold). Each configuration runs in a fresh interpreter, the identical stream
twice over one vector env: `cold` is the first pass (every cache empty: glyphs, tiles, laid-out
screens), `warm` the second (the same screens again, served from the caches, as in training on
a fixed task set). Only `env.step` is timed (not the agent); auto-resets fall inside steps.

A last measurement slows each screenshot by `--slow-device-ms` (a sleep, the CPU idle), as a
phone over adb is slow: what vectorization gives when the device, not the host, is the limit.

Usage: python benchmarks/vector_env.py [--steps 400] [--sizes full,reduced] [--n 1,2,4,8]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from functools import partial
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium.vector import AsyncVectorEnv, AutoresetMode, SyncVectorEnv
from gymnasium.vector.utils import concatenate, create_empty_array

import android_gym  # noqa: F401
from android_gym.agents import RandomAgent
from android_gym.devices.sim import SimDevice

SIZES = {"full": None, "reduced": (120, 54)}
"""Observation (height, width): None is the render size, 1200x540; (120, 54) is a tenth."""


def _batch(envs: gym.vector.VectorEnv, actions: list) -> dict[str, Any]:
    space = envs.single_action_space
    values = [a.to_space(space["typed_text"].max_length) for a in actions]
    return concatenate(space, values, create_empty_array(space, len(values)))


class SlowDevice(SimDevice):
    """The simulated phone taking `latency_ms` longer for each screenshot, as a phone over adb
    does (`screencap` takes 100 ms and more), the host's CPU idle meanwhile."""

    def __init__(self, latency_ms: float) -> None:
        super().__init__()
        self.latency = latency_ms / 1e3

    def screenshot(self) -> np.ndarray:
        time.sleep(self.latency)
        return super().screenshot()


def make_env(obs_size: tuple[int, int] | None, latency_ms: float) -> gym.Env:
    """The benchmarked env: the simulated phone, slowed by `latency_ms` when positive."""
    device = SlowDevice(latency_ms) if latency_ms > 0 else "sim"
    return gym.make("AndroidGeneral-v0", obs_size=obs_size, device=device)


def vector_passes(
    mode: str, n: int, obs_size: tuple[int, int] | None, steps: int, latency_ms: float
) -> dict:
    """Env steps per second of two identical passes of `steps` vector steps (`steps * n` env
    steps) over one vector env (built as `gym.make_vec` builds it): cold, then warm."""
    vector_env = {"sync": SyncVectorEnv, "async": AsyncVectorEnv}[mode]
    envs = vector_env(
        [partial(make_env, obs_size, latency_ms)] * n, autoreset_mode=AutoresetMode.SAME_STEP
    )
    out = {}
    for name in ("cold", "warm"):
        agents = [RandomAgent(seed=i) for i in range(n)]
        obs, _ = envs.reset(seed=0)
        elapsed = 0.0
        for _ in range(steps):
            actions = [agents[i].act({"instruction": obs["instruction"][i]}, {}) for i in range(n)]
            batch = _batch(envs, actions)
            start = time.perf_counter()
            obs, *_ = envs.step(batch)
            elapsed += time.perf_counter() - start
        out[name] = round(steps * n / elapsed)
    envs.close()
    return out


def single_passes(obs_size: tuple[int, int] | None, steps: int, latency_ms: float) -> dict:
    """The same for one env stepped in this process with sub-env 0's stream (reset on
    episode end, timed as part of the step, as the vector envs' autoreset is)."""
    env = make_env(obs_size, latency_ms)
    out = {}
    for name in ("cold", "warm"):
        agent = RandomAgent(seed=0)
        obs, _ = env.reset(seed=0)
        elapsed = 0.0
        for _ in range(steps):
            action = agent.act(obs, {})
            start = time.perf_counter()
            obs, _, terminated, truncated, _ = env.step(action)
            if terminated or truncated:
                obs, _ = env.reset()
            elapsed += time.perf_counter() - start
        out[name] = round(steps / elapsed)
    env.close()
    return out


def measure(size: str, mode: str, n: int, steps: int, latency_ms: float, copies: int = 1) -> dict:
    """One configuration, in a fresh interpreter so that no cache of an earlier one (glyphs,
    tiles, laid-out screens) is warm in it or, through fork, in its workers. With `copies`,
    that many interpreters run it at once and their rates add up: for `single`, the most that
    independent processes get out of this machine's cores, the ceiling of any vector env."""
    command = [sys.executable, __file__, "--one", size, mode, str(n), "--steps", str(steps)]
    command += ["--latency-ms", str(latency_ms)]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, text=True) for _ in range(copies)]
    rates = []
    for run in runs:
        out, _ = run.communicate()
        if run.returncode:
            raise RuntimeError(f"{' '.join(command)} failed with exit status {run.returncode}")
        rates.append(json.loads(out.strip().splitlines()[-1]))
    return {k: sum(r[k] for r in rates) for k in rates[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=400, help="steps per sub-env and pass")
    parser.add_argument("--sizes", default="full,reduced")
    parser.add_argument("--n", default="1,2,4,8")
    parser.add_argument(
        "--slow-device-ms",
        type=float,
        default=50.0,
        help="also measure 1200x540 with screenshots this much slower (0: skip)",
    )
    parser.add_argument("--slow-device-steps", type=int, default=40)
    parser.add_argument("--latency-ms", type=float, default=0.0, help=argparse.SUPPRESS)
    parser.add_argument("--one", nargs=3, metavar=("SIZE", "MODE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        size, mode, n = args.one
        if mode == "single":
            print(json.dumps(single_passes(SIZES[size], args.steps, args.latency_ms)))
        else:
            print(json.dumps(vector_passes(mode, int(n), SIZES[size], args.steps, args.latency_ms)))
        return
    counts = [int(v) for v in args.n.split(",")]
    load_before = os.getloadavg()
    results: dict[str, Any] = {}
    runs = [(name, args.steps, 0.0) for name in args.sizes.split(",")]
    if args.slow_device_ms > 0:
        runs.append(("full", args.slow_device_steps, args.slow_device_ms))
    for name, steps, latency in runs:
        size = SIZES[name]
        label = "1200x540" if size is None else f"{size[0]}x{size[1]}"
        if latency:
            label += f", screenshots {latency:g} ms slower"
        figures: dict[str, Any] = {
            "single": measure(name, "single", 1, steps, latency),
            "two_processes": measure(name, "single", 1, steps, latency, copies=2),
        }
        for mode in ("sync", "async"):
            figures[mode] = {n: measure(name, mode, n, steps, latency) for n in counts}
        if 2 in counts:
            for key, rates in (
                ("async2", figures["async"][2]),
                ("two_processes", figures["two_processes"]),
            ):
                figures[f"{key}_over_single"] = {
                    k: round(rates[k] / figures["single"][k], 2) for k in ("cold", "warm")
                }
        results[label] = figures
    print(
        json.dumps(
            {
                "benchmark": "vector_env",
                "date": datetime.datetime.now().isoformat(timespec="minutes"),
                "machine": f"{platform.machine()} {platform.processor() or ''} "
                f"{os.cpu_count()} cores".replace("  ", " "),
                "python": platform.python_version(),
                "gymnasium": gym.__version__,
                "load_average": {"before": load_before[0], "after": os.getloadavg()[0]},
                "config": {
                    "steps_per_sub_env_and_pass": args.steps,
                    "slow_device_steps_per_sub_env_and_pass": args.slow_device_steps,
                    "action_stream": "RandomAgent(seed=i) for sub-env i, General train tasks",
                    "vector": "Sync/AsyncVectorEnv as gym.make_vec builds them, shared memory, "
                    "copy=True, autoreset SAME_STEP",
                    "timed": "env.step only",
                },
                "steps_per_second": results,
            }
        )
    )


if __name__ == "__main__":
    main()
