"""Environment steps per second of vectorized AndroidEnvs; prints one JSON line.

For each observation size (540x1200, the default render, and a reduced one) it times one env
stepped in this process (`single`, the baseline) and Gymnasium's SyncVectorEnv and
AsyncVectorEnv (shared memory, SAME_STEP autoreset, `copy=True` as by default) with N = 1, 2,
4, 8 sub-envs. The action stream: sub-env i follows `RandomAgent(seed=i)`, tasks drawn from
the General train split by the reset seeds. Each configuration runs in a fresh interpreter,
the identical stream twice over one vector env: `cold` is the first pass (every cache empty:
glyphs, tiles, laid-out screens), `warm` the second (the same screens again, served from the
caches, as in training on a fixed task set). Only `env.step` is timed (not the agent);
auto-resets fall inside steps.

Usage: python benchmarks/vector_env.py [--steps 1600] [--sizes full,reduced] [--n 1,2,4,8]
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
from typing import Any

import gymnasium as gym
from gymnasium.vector.utils import concatenate, create_empty_array

import android_gym
from android_gym.agents import RandomAgent

SIZES = {"full": None, "reduced": (120, 54)}
"""Observation (height, width): None is the render size, 1200x540; (120, 54) is a tenth."""


def _batch(envs: gym.vector.VectorEnv, actions: list) -> dict[str, Any]:
    space = envs.single_action_space
    values = [a.to_space(space["typed_text"].max_length) for a in actions]
    return concatenate(space, values, create_empty_array(space, len(values)))


def vector_passes(mode: str, n: int, obs_size: tuple[int, int] | None, steps: int) -> dict:
    """Env steps per second of two identical passes of `steps` env steps (steps // n vector
    steps) over one vector env: cold, then warm."""
    envs = android_gym.make_vector_env(n, vectorization_mode=mode, obs_size=obs_size)
    out = {}
    for name in ("cold", "warm"):
        agents = [RandomAgent(seed=i) for i in range(n)]
        obs, _ = envs.reset(seed=0)
        elapsed = 0.0
        for _ in range(steps // n):
            actions = [agents[i].act({"instruction": obs["instruction"][i]}, {}) for i in range(n)]
            batch = _batch(envs, actions)
            start = time.perf_counter()
            obs, *_ = envs.step(batch)
            elapsed += time.perf_counter() - start
        out[name] = round((steps // n) * n / elapsed)
    envs.close()
    return out


def single_passes(obs_size: tuple[int, int] | None, steps: int) -> dict:
    """The same for one env stepped in this process with sub-env 0's stream (reset on
    episode end, timed as part of the step, as the vector envs' autoreset is)."""
    env = gym.make("AndroidGeneral-v0", obs_size=obs_size)
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


def measure(size: str, mode: str, n: int, steps: int) -> dict:
    """One configuration, in a fresh interpreter so that no cache of an earlier one (glyphs,
    tiles, laid-out screens) is warm in it or, through fork, in its workers."""
    command = [sys.executable, __file__, "--one", size, mode, str(n), "--steps", str(steps)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", type=int, default=1600, help="env steps per pass")
    parser.add_argument("--sizes", default="full,reduced")
    parser.add_argument("--n", default="1,2,4,8")
    parser.add_argument("--one", nargs=3, metavar=("SIZE", "MODE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        size, mode, n = args.one
        if mode == "single":
            print(json.dumps(single_passes(SIZES[size], args.steps)))
        else:
            print(json.dumps(vector_passes(mode, int(n), SIZES[size], args.steps)))
        return
    counts = [int(v) for v in args.n.split(",")]
    load_before = os.getloadavg()
    results: dict[str, Any] = {}
    for name in args.sizes.split(","):
        size = SIZES[name]
        label = "1200x540" if size is None else f"{size[0]}x{size[1]}"
        figures: dict[str, Any] = {"single": measure(name, "single", 1, args.steps)}
        for mode in ("sync", "async"):
            figures[mode] = {n: measure(name, mode, n, args.steps) for n in counts}
        if 2 in counts:
            figures["async2_over_single"] = {
                k: round(figures["async"][2][k] / figures["single"][k], 2) for k in ("cold", "warm")
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
                    "steps_per_pass": args.steps,
                    "action_stream": "RandomAgent(seed=i) for sub-env i, General train tasks",
                    "vector": "gym.make_vec, shared memory, copy=True, autoreset SAME_STEP",
                    "timed": "env.step only",
                },
                "steps_per_second": results,
            }
        )
    )


if __name__ == "__main__":
    main()
