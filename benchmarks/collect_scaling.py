"""Scaling of asynchronous collection: trajectories per minute with 1..32 latency-bound workers.

Every worker drives one simulated phone with the emulator latency model (so devices, not
CPUs, set the pace, as in an emulator farm) while the learner trains A-RIDE on what arrives.
Efficiency(N) = throughput(N) / (N * throughput(1)), over the whole session and in the steady
state (from the moment every worker had delivered its first trajectory, so every device is
busy: the pipeline's fill, one reset and one episode long whatever N is, weighs far more on
the short many-worker sessions), and in steps per second. With training on, more workers
mean more updates per session and a policy that has moved further, with other episode
lengths; `--set runtime.min_replay=1000000000` holds the policy fixed (no update ever
starts). Sessions with few workers run longer (`--episodes` per
worker on average) so every figure rests on enough episodes. Prints one JSON line.

    python benchmarks/collect_scaling.py --workers 1 2 4 8 16 32 --time-scale 0.1
"""

from __future__ import annotations

import argparse
import json
import os
import time

from agent_common import machine, today

from distrl_agent.cli import QUICKSTART, run_collect
from distrl_agent.config import load_config
from distrl_agent.runtime.latency import PRESETS


def expected_episode_s(time_scale: float, steps: float = 6.0) -> float:
    """A rough episode time under the emulator preset, to size the sessions."""
    return time_scale * (32.0 + steps * 7.4)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32])
    parser.add_argument("--time-scale", type=float, default=0.1)
    parser.add_argument("--episodes", type=int, default=40, help="per session, at least")
    parser.add_argument("--min-duration", type=float, default=180.0)
    parser.add_argument("--config", default=str(QUICKSTART))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--set", action="append", default=[], help="config override key=value")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    assert PRESETS["emulator"].step.base_s > 0
    started = time.perf_counter()
    rows = []
    for n in args.workers:
        duration = max(args.min_duration, args.episodes * expected_episode_s(args.time_scale) / n)
        config = load_config(
            args.config,
            [
                "runtime.mode=async",
                f"runtime.workers={n}",
                f"runtime.duration_s={duration:.0f}",
                f"runtime.checkpoint_every_s={10 * duration:.0f}",
                "latency.preset=emulator",
                f"latency.time_scale={args.time_scale}",
                "pretrain.demos=0",
                "pretrain.anchor=0",  # the quickstart's anchor needs a warm start
                "eval.every_s=0",
                f"seed={args.seed}",
                *args.set,
            ],
        )
        record = run_collect(config)
        rows.append(
            {
                "workers": n,
                "duration_s": round(record["duration_s"], 1),
                "trajectories": record["trajectories"],
                "trajectories_per_minute": round(record["trajectories_per_minute"], 2),
                "steady_from_s": round(record["steady"]["from_s"], 1),
                "steady_trajectories": record["steady"]["trajectories"],
                "steady_trajectories_per_minute": round(
                    record["steady"]["trajectories_per_minute"], 2
                ),
                "steps_per_second": round(record["steps_per_second"], 3),
                "updates": record["updates"],
                "startup_s": round(record["startup_s"] or 0.0, 1),
            }
        )
    for key, name in (
        ("trajectories_per_minute", "efficiency"),
        ("steady_trajectories_per_minute", "steady_efficiency"),
        ("steps_per_second", "steps_efficiency"),
    ):
        base = rows[0][key] / rows[0]["workers"]
        for row in rows:
            row[name] = round(row[key] / (row["workers"] * base), 3)
    print(
        json.dumps(
            {
                "benchmark": "collect_scaling",
                "date": today(),
                "machine": machine(),
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "latency": {"preset": "emulator", "time_scale": args.time_scale},
                "overrides": args.set,
                "results": rows,
                "efficiency_at_max": rows[-1]["efficiency"],
                "steady_efficiency_at_max": rows[-1]["steady_efficiency"],
                "elapsed_s": round(time.perf_counter() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
