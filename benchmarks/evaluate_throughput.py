"""`android-gym evaluate` throughput on the simulated phone: episodes per minute of the oracle
and of a PointerPolicy checkpoint, with 1 and 2 environment processes (1: SyncVectorEnv in the
evaluating process; 2: AsyncVectorEnv, one worker process each), episodes recorded (the
default) and, for the oracle on one env, not recorded (what recording costs). Prints one JSON
line.

    python benchmarks/evaluate_throughput.py --checkpoint RUN_DIR --tasks 16

RUN_DIR: a distrl run, e.g. one trained by `distrl train --config configs/smoke.yaml` (inside a
loopback-only network namespace, as every run that starts workers); without --checkpoint, that
smoke run is trained first in a temporary directory (then run this script in the namespace).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from agent_common import machine, today

from android_gym.evaluation import evaluate, resolve_agent
from distrl_agent.cli import QUICKSTART
from distrl_agent.config import load_config
from distrl_agent.runtime.trainer import train

SMOKE = QUICKSTART.parent / "smoke.yaml"


def measure(agent: str, envs: int, tasks: int, out: Path, record: bool) -> dict:
    results = evaluate(
        resolve_agent(agent), out, tasks=tasks, envs=envs, record=record, progress=False
    )
    m = results["metrics"]
    return {
        "episodes": m["episodes"],
        "wall_clock_s": round(m["wall_clock_s"], 2),
        "episodes_per_min": round(m["episodes_per_min"], 1),
        "env_steps_per_s": round(m["env_steps_per_s"], 2),
        "success_rate": m["success_rate"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--checkpoint", default=None, help="a distrl run directory")
    parser.add_argument("--tasks", type=int, default=16)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    figures = {}
    with tempfile.TemporaryDirectory(prefix="evaluate-throughput-") as tmp:
        root = Path(tmp)
        checkpoint = args.checkpoint
        if checkpoint is None:
            checkpoint = str(root / "smoke")
            train(load_config(SMOKE), checkpoint, progress=False)
        runs = [("oracle", "oracle", 1, True), ("oracle", "oracle", 2, True),
                ("oracle", "oracle", 1, False), ("pointer", checkpoint, 1, True),
                ("pointer", checkpoint, 2, True)]  # fmt: skip
        for name, agent, envs, record in runs:
            key = f"{name}_envs{envs}" + ("" if record else "_no_record")
            figures[key] = measure(agent, envs, args.tasks, root / key, record)
    print(
        json.dumps(
            {
                "benchmark": "evaluate_throughput",
                "date": today(),
                "machine": machine(),
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "tasks": args.tasks,
                "checkpoint": args.checkpoint or "configs/smoke.yaml, trained here",
                "figures": figures,
                "speedup_2_envs": {
                    name: round(
                        figures[f"{name}_envs2"]["episodes_per_min"]
                        / figures[f"{name}_envs1"]["episodes_per_min"],
                        2,
                    )
                    for name in ("oracle", "pointer")
                },
                "recording_cost": round(
                    figures["oracle_envs1_no_record"]["episodes_per_min"]
                    / figures["oracle_envs1"]["episodes_per_min"],
                    2,
                ),
                "elapsed_s": round(time.perf_counter() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
