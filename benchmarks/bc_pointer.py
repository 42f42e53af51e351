"""Behaviour cloning of PointerPolicy on OracleAgent demonstrations, scored on General test.

For each demonstration budget N: collect N oracle episodes on the General train split, mine the
typed-text phrase vocabulary from them, train a fresh PointerPolicy by plain behaviour cloning
and report its greedy success rate on the General test split. Prints one JSON line.

    python benchmarks/bc_pointer.py --demos 25 100 420 --epochs 40
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time

import gymnasium as gym
import numpy as np
import torch
from agent_common import load_average, machine, today

from android_gym.actions import ActionType
from android_gym.agents import OracleAgent
from distrl_agent.algorithms.filtered_bc import BehaviourCloning
from distrl_agent.policies.pointer import PointerConfig, PointerPolicy
from distrl_agent.policies.pointer_space import mine_phrases
from distrl_agent.rollout import run_episode
from distrl_agent.trajectory import Trajectory

OBS_SIZE = (64, 32)  # the pointer policy reads the UI tree; tiny frames keep memory low


def collect(n: int, seed: int) -> list[Trajectory]:
    """`n` oracle episodes over the General train tasks (cycled, reseeded past the end)."""
    env = gym.make("AndroidGeneral-v0", split="train", obs_size=OBS_SIZE)
    tasks = len(env.unwrapped.tasks)
    agent = OracleAgent()
    demos = [
        run_episode(env, agent, seed=seed + i, options={"task_index": i % tasks}) for i in range(n)
    ]
    env.close()
    return demos


def train(demos: list[Trajectory], epochs: int, batch: int, seed: int) -> PointerPolicy:
    """A fresh PointerPolicy cloned from `demos` (minibatches of `batch` trajectories)."""
    typed = [
        (d.instruction, s.action.text)
        for d in demos
        for s in d.steps
        if s.action is not None and s.action.type is ActionType.TYPE
    ]
    policy = PointerPolicy(PointerConfig(phrases=mine_phrases(typed)), seed=seed)
    bc = BehaviourCloning(policy, lr=1e-3)
    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(demos))
        for start in range(0, len(order), batch):
            bc.update([demos[i] for i in order[start : start + batch]])
    return policy


def evaluate(agent, seed: int, limit: int | None) -> tuple[float, int]:
    """Greedy success rate on the General test split (first `limit` tasks)."""
    env = gym.make("AndroidGeneral-v0", split="test", obs_size=OBS_SIZE)
    count = len(env.unwrapped.tasks) if limit is None else min(limit, len(env.unwrapped.tasks))
    successes = sum(
        run_episode(env, agent, seed=seed + i, options={"task_index": i}, greedy=True).success
        for i in range(count)
    )
    env.close()
    return successes / count, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--demos", type=int, nargs="+", default=[25, 100, 420])
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--test-tasks", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    load_at_start = load_average()
    torch.set_num_threads(min(2, os.cpu_count() or 1))

    started = time.perf_counter()
    all_demos = collect(max(args.demos), args.seed)
    collect_s = time.perf_counter() - started
    results = []
    for n in sorted(args.demos):
        demos = all_demos[:n]
        tick = time.perf_counter()
        policy = train(demos, args.epochs, args.batch, args.seed)
        train_s = time.perf_counter() - tick
        success, tasks = evaluate(policy, 10_000 + args.seed, args.test_tasks)
        results.append(
            {
                "demos": n,
                "demo_success": round(float(np.mean([d.success for d in demos])), 4),
                "transitions": int(sum(len(d) for d in demos)),
                "phrases": len(policy.config.phrases),
                "train_s": round(train_s, 1),
                "test_success": round(success, 4),
                "test_tasks": tasks,
            }
        )
    oracle_success, tasks = evaluate(OracleAgent(), 10_000 + args.seed, args.test_tasks)
    print(
        json.dumps(
            {
                "benchmark": "bc_pointer",
                "date": today(),
                "machine": machine(),
                "load_average_1m": {"start": load_at_start, "end": load_average()},
                "config": {
                    "epochs": args.epochs,
                    "batch_trajectories": args.batch,
                    "lr": 1e-3,
                    "seed": args.seed,
                    "policy": "PointerPolicy default config",
                },
                "collect_s": round(collect_s, 1),
                "results": results,
                "oracle_test_success": round(oracle_success, 4),
                "elapsed_s": round(time.perf_counter() - started, 1),
                "updates_per_epoch": [math.ceil(r["demos"] / args.batch) for r in results],
            }
        )
    )


if __name__ == "__main__":
    main()
