"""Collection throughput, asynchronous (DistRL) against synchronous (DigiRL-style), one run.

Both sessions use the same workers, the same emulator latency model, the same policy and the
same learner (A-RIDE updates at the same replay ratio, `updates_per_trajectory`); only the
schedule differs. Synchronous rounds follow DigiRL's defaults: 2 episodes per emulator
(rollout_size 16 over bsize 8), then training while the workers wait. Prints one JSON line.

    python benchmarks/collect_async_vs_sync.py --workers 8 --duration 120 --time-scale 0.05
"""

from __future__ import annotations

import argparse
import json
import os
import time

from agent_common import machine, today

from distrl_agent.cli import QUICKSTART, run_collect
from distrl_agent.config import load_config


def session(mode: str, args: argparse.Namespace) -> dict:
    config = load_config(
        args.config,
        [
            f"runtime.mode={mode}",
            f"runtime.workers={args.workers}",
            f"runtime.duration_s={args.duration}",
            f"runtime.sync_episodes_per_worker={args.sync_episodes}",
            f"runtime.checkpoint_every_s={10 * args.duration}",
            "latency.preset=emulator",
            f"latency.time_scale={args.time_scale}",
            "pretrain.demos=0",
            "eval.every_s=0",
            f"seed={args.seed}",
            *args.set,
        ],
    )
    return run_collect(config)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--duration", type=float, default=120.0)
    parser.add_argument("--time-scale", type=float, default=0.05)
    parser.add_argument("--sync-episodes", type=int, default=2)
    parser.add_argument("--config", default=str(QUICKSTART))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--set", action="append", default=[], help="config override key=value")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    results = {mode: session(mode, args) for mode in ("async", "sync")}
    keys = (
        "trajectories",
        "trajectories_per_minute",
        "steps_per_second",
        "updates",
        "versions",
        "lag_arrival",
        "lag_update",
        "startup_s",
        "duration_s",
    )
    print(
        json.dumps(
            {
                "benchmark": "collect_async_vs_sync",
                "date": today(),
                "machine": machine(),
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "workers": args.workers,
                "latency": {"preset": "emulator", "time_scale": args.time_scale},
                "sync_episodes_per_worker": args.sync_episodes,
                "overrides": args.set,
                "updates_per_trajectory": load_config(args.config).runtime.updates_per_trajectory,
                "async": {k: results["async"][k] for k in keys},
                "sync": {k: results["sync"][k] for k in keys},
                "speedup": results["async"]["trajectories_per_minute"]
                / max(1e-9, results["sync"]["trajectories_per_minute"]),
                "paper_speedup": 2.4,
                "elapsed_s": round(time.perf_counter() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
