"""Figures of the simulated phone and AndroidEnv; prints one JSON line.

- steps_per_second: env.step calls per second on one core (pinned) with 540x1200 screenshots,
  over a mixed stream: each step is the oracle's action with probability 0.5, else a random
  agent's, one episode per test task. `cold`: the first pass in a fresh process (most steps
  show a screen never seen before); `warm_replay`: the same actions again (every screen
  cached); `new_streams`: passes with other random actions, one after the other in the same
  process, as an env in a long training run meets them; `steady_state`: the last three of
  those together. `new_screens_per_step` counts steps onto a screen never laid out before.
- reset_ms: median env.reset latency; render_ms: median time to draw a frame again from its
  plan, to draw a new one with its tiles cached, and with every cache cleared.
- oracle / random success on the General test split, and AitW coverage when ../shared/aitw exists.
- web_shopping: the same stream figures on the Web Shopping test split (storefront pages) in the
  same process, its oracle / random success, and the ratio of its steady-state steps per second
  to General's (`vs_general`).

Usage: python benchmarks/sim_env.py [--passes 3] [--streams 8] [--screen-cache N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import gymnasium as gym
import numpy as np

import android_gym  # noqa: F401
from android_gym.agents import OracleAgent, RandomAgent
from android_gym.sim.render import Renderer, display_list
from android_gym.tasks import load_task_file


def mixed_pass(
    env: gym.Env, seed: int, replay: list | None = None
) -> tuple[int, float, float, list]:
    """One pass over every task with a stream mixing oracle and random actions (each step the
    oracle's with probability 0.5). Returns (steps, seconds in env.step, seconds in total, the
    actions taken). With `replay`, takes those actions instead of asking the agents."""
    rng = np.random.default_rng(seed)
    oracle, random_agent = OracleAgent(), RandomAgent(seed=seed)
    steps, env_time, start, actions = 0, 0.0, time.perf_counter(), []
    for i in range(len(env.unwrapped.tasks)):
        obs, info = env.reset(seed=i, options={"task_index": i})
        done = False
        while not done:
            if replay is not None:
                action = replay[steps]
            else:
                action = (oracle if rng.random() < 0.5 else random_agent).act(obs, info)
            actions.append(action)
            t = time.perf_counter()
            obs, _, terminated, truncated, info = env.step(action)
            env_time += time.perf_counter() - t
            steps += 1
            done = terminated or truncated
    return steps, env_time, time.perf_counter() - start, actions


def success(env: gym.Env, agent, episodes: int) -> float:
    wins = 0
    for i in range(episodes):
        obs, info = env.reset(seed=i, options={"task_index": i % len(env.unwrapped.tasks)})
        done = False
        while not done:
            obs, _, terminated, truncated, info = env.step(agent.act(obs, info))
            done = terminated or truncated
        wins += info["success"]
    return wins / episodes


def render_ms(env: gym.Env) -> dict[str, float]:
    """Median time to render the test split's first results screens from their display lists."""
    phone = env.unwrapped.device.phone
    lists = []
    oracle = OracleAgent()
    for i in range(20):
        obs, info = env.reset(seed=i, options={"task_index": i})
        done = False
        while not done:
            obs, _, terminated, truncated, info = env.step(oracle.act(obs, info))
            lists.append(display_list(phone.screen()))
            done = terminated or truncated
    tiles_warm, cold, planned = [], [], []
    for ops in lists:
        fresh = Renderer(phone.config.width, phone.config.height, phone.config.scale)
        t = time.perf_counter()
        fresh.draw(ops)
        cold.append(time.perf_counter() - t)
        t = time.perf_counter()
        _, plan = fresh.draw(ops)
        tiles_warm.append(time.perf_counter() - t)
        t = time.perf_counter()
        fresh.replay(plan)
        planned.append(time.perf_counter() - t)
    return {
        "frame_drawn_before": 1e3 * statistics.median(planned),
        "new_frame_cached_tiles": 1e3 * statistics.median(tiles_warm),
        "new_frame_no_cache": 1e3 * statistics.median(cold),
    }


def stream_figures(env: gym.Env, passes: int, streams_count: int) -> tuple:
    """The cold pass, its replays, the passes with new random streams and the last three."""
    phone = env.unwrapped.device.phone

    def measured(seed: int) -> tuple[tuple, dict]:
        built = phone.layouts
        result = mixed_pass(env, seed)
        figures = {
            "steps_per_second": round(result[0] / result[1]),
            "new_screens_per_step": round((phone.layouts - built) / result[0], 3),
        }
        return result, figures

    cold, cold_figures = measured(0)
    replayed = [mixed_pass(env, seed=0, replay=cold[3]) for _ in range(passes)]
    streams = [measured(seed) for seed in range(1, streams_count + 1)]
    last = [result for result, _ in streams[-3:]]
    return cold, cold_figures, replayed, streams, last


def steady(last: list) -> int:
    return round(sum(p[0] for p in last) / sum(p[1] for p in last))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--passes", type=int, default=3, help="replays of the first pass's actions")
    parser.add_argument(
        "--streams", type=int, default=8, help="passes with new random actions after the first"
    )
    parser.add_argument("--screen-cache", type=int, default=None, help="screens the phone keeps")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    cache = {} if args.screen_cache is None else {"screen_cache": args.screen_cache}
    env = gym.make("AndroidGeneral-v0", split="test", device_options=cache)
    cold, cold_figures, replayed, streams, last = stream_figures(env, args.passes, args.streams)
    resets = []
    for i in range(200):
        t = time.perf_counter()
        env.reset(seed=i, options={"task_index": i % 128})
        resets.append(time.perf_counter() - t)
    figures = {
        "benchmark": "sim_env",
        "machine": f"{platform.machine()} {os.cpu_count()} cores, 1 core used",
        "python": platform.python_version(),
        "screenshot": list(env.observation_space["screenshot"].shape),
        "screen_cache": env.unwrapped.device.phone.config.screen_cache,
        "steps_per_second": {
            "cold": cold_figures,
            "warm_replay": round(sum(p[0] for p in replayed) / sum(p[1] for p in replayed)),
            "new_streams": [figures for _, figures in streams],
            "steady_state": steady(last),
            "cold_including_agents": round(cold[0] / cold[2]),
            "steps_per_pass": cold[0],
        },
        "reset_ms": {
            "median": round(1e3 * statistics.median(resets), 3),
            "p90": round(1e3 * np.percentile(resets, 90), 3),
        },
        "render_ms": {k: round(v, 3) for k, v in render_ms(env).items()},
        "success": {
            "oracle": success(env, OracleAgent(), 128),
            "random": success(env, RandomAgent(seed=1), 128),
        },
    }
    shop = gym.make("AndroidWebShopping-v0", split="test", device_options=cache)
    shop_cold, shop_cold_figures, _, shop_streams, shop_last = stream_figures(shop, 0, args.streams)
    figures["web_shopping"] = {
        "steps_per_second": {
            "cold": shop_cold_figures,
            "new_streams": [f for _, f in shop_streams],
            "steady_state": steady(shop_last),
            "steps_per_pass": shop_cold[0],
        },
        "vs_general": round(steady(shop_last) / steady(last), 3),
        "success": {
            "oracle": success(shop, OracleAgent(), 128),
            "random": success(shop, RandomAgent(seed=1), 128),
        },
    }
    aitw = Path(__file__).resolve().parents[2] / "shared" / "aitw"
    if aitw.is_dir():
        coverage = {}
        for name in ("general_train", "general_test"):
            report = load_task_file(aitw / f"{name}.txt")
            coverage[name] = round(len(report.tasks) / (len(report.tasks) + len(report.skipped)), 3)
        figures["aitw_coverage"] = coverage
    print(json.dumps(figures))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
