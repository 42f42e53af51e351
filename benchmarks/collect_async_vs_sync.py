"""Collection throughput, asynchronous (DistRL) against synchronous (DigiRL-style), one run.

All sessions drive the same number of simulated emulators (`--workers` x `--envs-per-worker`)
with the same latency model, policy and learner (A-RIDE updates at the same replay ratio,
`updates_per_trajectory`); only the schedule differs:

- `async`: DistRL, each worker collecting without pause while the learner trains;
- `sync`: rounds of `--sync-episodes` episodes per emulator, then training while the workers
  wait at the barrier (DigiRL's defaults: rollout_size 16 over bsize 8 is 2 per emulator);
- `lockstep`: the same rounds played as DigiRL's `batch_interact_environment` plays them, by
  one host driving every emulator: they reset together, each step waits for the slowest
  emulator, and a batch ends with its longest episode;
- `async_one_host`: async with lockstep's layout (one worker, every emulator a slot of it), to
  show how much of the difference the layout explains.

`--workers` takes several counts, one comparison each (a sync schedule loses more to
stragglers the more emulators wait for each other). Prints one JSON line; a comparison's
`speedup` is async over lockstep (the DigiRL schedule) over the whole session, and
`steady_speedup` the same in the steady state (from the moment every emulator had delivered a
trajectory to the last arrival: a synchronous schedule delivers in rounds, and the round
unfinished at the end would otherwise count against it); the other ratios are listed too.
Each session's `steady.device_busy` is the share of the window its devices spent in resets and
steps, and a synchronous session's `rounds` times its rounds' collection and training apart;
`training_pause` derives from them what the training pause weighs in the speed-up.

    python benchmarks/collect_async_vs_sync.py --workers 8 16 32 --duration 120 --time-scale 0.05
"""

from __future__ import annotations

import argparse
import json
import os
import time

from agent_common import machine, today

from distrl_agent.cli import QUICKSTART, run_collect
from distrl_agent.config import load_config

KEYS = (
    "trajectories",
    "trajectories_per_minute",
    "steps_per_second",
    "steady",
    "updates",
    "versions",
    "lag_arrival",
    "lag_update",
    "startup_s",
    "duration_s",
    "rounds",
)


def session(mode: str, workers: int, envs: int, args: argparse.Namespace) -> dict:
    config = load_config(
        args.config,
        [
            f"runtime.mode={mode}",
            f"runtime.workers={workers}",
            f"runtime.envs_per_worker={envs}",
            f"runtime.duration_s={args.duration}",
            f"runtime.sync_episodes_per_worker={args.sync_episodes * envs}",
            f"runtime.checkpoint_every_s={10 * args.duration}",
            "latency.preset=emulator",
            f"latency.time_scale={args.time_scale}",
            "pretrain.demos=0",
            "pretrain.anchor=0",  # the quickstart's anchor needs a warm start
            "eval.every_s=0",
            f"seed={args.seed}",
            *args.set,
        ],
    )
    result = run_collect(config)
    return {"workers": workers, "envs_per_worker": envs, **{k: result[k] for k in KEYS}}


SCHEDULES = ("async", "sync", "lockstep", "async_one_host")
RATIOS = {
    "async_over_lockstep": ("async", "lockstep"),
    "async_over_sync": ("async", "sync"),
    "async_one_host_over_lockstep": ("async_one_host", "lockstep"),
    "sync_over_lockstep": ("sync", "lockstep"),
}


def compare(workers: int, args: argparse.Namespace) -> dict:
    """The `--schedules` on `workers` x `--envs-per-worker` emulators, and their ratios."""
    emulators = workers * args.envs_per_worker
    layouts = {
        "async": ("async", workers, args.envs_per_worker),
        "sync": ("sync", workers, args.envs_per_worker),
        "lockstep": ("lockstep", 1, emulators),
        "async_one_host": ("async", 1, emulators),
    }
    results = {name: session(*layouts[name], args) for name in args.schedules}
    whole = {name: r["trajectories_per_minute"] for name, r in results.items()}
    steady = {
        name: (r["steady"] or {}).get("trajectories_per_minute", 0.0) for name, r in results.items()
    }

    def ratios(rate: dict[str, float]) -> dict[str, float]:
        return {
            key: round(rate[a] / max(1e-9, rate[b]), 3)
            for key, (a, b) in RATIOS.items()
            if a in rate and b in rate
        }

    whole_ratios, steady_ratios = ratios(whole), ratios(steady)
    return {
        "emulators": emulators,
        **results,
        "speedup": whole_ratios.get("async_over_lockstep"),
        "steady_speedup": steady_ratios.get("async_over_lockstep"),
        "ratios": whole_ratios,
        "steady_ratios": steady_ratios,
        "training_pause": {
            name: training_pause(steady["async"], steady[name], results[name]["rounds"])
            for name in ("sync", "lockstep")
            if name in results and "async" in results and results[name]["rounds"]
        },
    }


def training_pause(async_rate: float, sync_rate: float, rounds: dict) -> dict:
    """What a synchronous schedule's training pause weighs in the steady speed-up S of async
    over it. With the pause a share p of the rounds' time, S = S0 / (1 - p), where S0 is the
    speed-up were the pause zero; 3x needs p >= 1 - S0 / 3 (the rest of each round as
    measured)."""
    share = rounds["train_share"]
    without = async_rate / max(1e-9, sync_rate) * (1 - share)
    return {
        "train_share": round(share, 3),
        "steady_speedup_without_pause": round(without, 3),
        "train_share_for_3x": round(1 - without / 3, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[8], help="one comparison each")
    parser.add_argument("--envs-per-worker", type=int, default=1)
    parser.add_argument("--schedules", nargs="+", choices=SCHEDULES, default=list(SCHEDULES))
    parser.add_argument("--duration", type=float, default=120.0)
    parser.add_argument("--time-scale", type=float, default=0.05)
    parser.add_argument("--sync-episodes", type=int, default=2, help="per emulator and round")
    parser.add_argument("--config", default=str(QUICKSTART))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--set", action="append", default=[], help="config override key=value")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    comparisons = [compare(workers, args) for workers in args.workers]
    print(
        json.dumps(
            {
                "benchmark": "collect_async_vs_sync",
                "date": today(),
                "machine": machine(),
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "latency": {"preset": "emulator", "time_scale": args.time_scale},
                "sync_episodes_per_emulator": args.sync_episodes,
                "overrides": args.set,
                "updates_per_trajectory": load_config(args.config).runtime.updates_per_trajectory,
                "comparisons": comparisons,
                "speedups": {c["emulators"]: c["speedup"] for c in comparisons},
                "steady_speedups": {c["emulators"]: c["steady_speedup"] for c in comparisons},
                "paper_speedup": 2.4,
                "elapsed_s": round(time.perf_counter() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
