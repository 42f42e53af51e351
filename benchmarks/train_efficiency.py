"""Training efficiency: wall-clock time to a target test success, asynchronous A-RIDE against
synchronous DigiRL, on the same hardware, the same workers and the same emulator latency.

For each of `--seeds`, both runs start from one behaviour-cloned policy (the quickstart warm
start, done once per seed), train for the same wall-clock time and are evaluated greedily
every `--eval-every` seconds on the first `--eval-tasks` test tasks (by default all 128: on 32,
one task is 3 points and the time to target hangs on it) by the runtime's evaluator, on
`--eval-envs` devices side by side. Time to target counts from the start of RL to the
publication of the first version whose evaluation reached the target. Final success: the whole
test split after the same wall-clock. The speed-up is the ratio of the mean times to target
over the seeds (each seed's ratio is listed too); a run that never reached the target counts
its whole RL time, and a speed-up that rests on such a run is flagged a lower bound
(`at_least`). `--methods` picks the runs (see `METHODS`). Prints one JSON line.

    python benchmarks/train_efficiency.py --duration 600 --workers 4 --time-scale 0.02 --seeds 0 1
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from agent_common import machine, today

from distrl_agent.cli import QUICKSTART
from distrl_agent.config import load_config
from distrl_agent.runtime.trainer import train, warm_start

_SYNC = ["algorithm.params={actor_lr: 1.0e-4}", "runtime.mode=sync", "replay.alpha=0.0"]
METHODS = {
    # A-RIDE as shipped: its actor learns from the half of each batch that the trajectory
    # critic least expected to succeed (trajectory_filter 0.5)
    "aride_async": ["algorithm.name=aride", "runtime.mode=async"],
    # A-RIDE whose actor learns from every trajectory of its batch
    "aride_async_unfiltered": [
        "algorithm.name=aride",
        "runtime.mode=async",
        "algorithm.params={actor_lr: 1.0e-4, beta_entropy: 0.001, trajectory_filter: 1.0}",
    ],
    # DigiRL as its code trains (the quickstart's actor learning rate, DigiRL's other defaults)
    "digirl_sync": ["algorithm.name=digirl", *_SYNC],
    # the looser variant the figures before December 2026 were measured against
    "digirl_batch_sync": ["algorithm.name=digirl_batch", *_SYNC],
}
"""The runs `--methods` chooses from; the speed-up is `aride_async` over `digirl_sync`."""


def time_to_target(evaluations: list[dict], target: float) -> float | None:
    """Publication time of the first evaluated version at or above `target` (None: never)."""
    for record in sorted(evaluations, key=lambda r: r["version_time_s"] or 0.0):
        if record["success_rate"] >= target:
            return record["version_time_s"]
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=600.0)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--time-scale", type=float, default=0.02)
    parser.add_argument("--target", type=float, default=0.55)
    parser.add_argument("--eval-every", type=float, default=45.0)
    parser.add_argument("--eval-tasks", type=int, default=128)
    parser.add_argument("--eval-envs", type=int, default=8)
    parser.add_argument("--config", default=str(QUICKSTART))
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument(
        "--methods", nargs="+", choices=sorted(METHODS), default=["aride_async", "digirl_sync"]
    )
    parser.add_argument("--set", action="append", default=[], help="config override key=value")
    parser.add_argument(
        "--runs-dir", default=None, help="keep the runs here; finished ones are reused"
    )
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="distrl-efficiency-") as tmp:
        root = Path(args.runs_dir) if args.runs_dir else Path(tmp)
        seeds = {seed: run_seed(seed, root / f"seed{seed}", args) for seed in args.seeds}
    means = {
        name: {
            key: sum(seeds[seed][name][key] for seed in args.seeds) / len(args.seeds)
            for key in ("time_or_rl_s", "final_success", "trajectories", "updates")
        }
        for name in args.methods
    }
    print(
        json.dumps(
            {
                "benchmark": "train_efficiency",
                "date": today(),
                "machine": machine(),
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "workers": args.workers,
                "latency": {"preset": "emulator", "time_scale": args.time_scale},
                "target_success": args.target,
                "overrides": args.set,
                "eval_tasks": args.eval_tasks,
                "seeds": {str(seed): result for seed, result in seeds.items()},
                "means": means,
                "time_to_target_speedup": compare(seeds.values()),
                "paper_speedup": 3.0,
                "elapsed_s": round(time.perf_counter() - started, 1),
            }
        )
    )


def run_seed(seed: int, root: Path, args: argparse.Namespace) -> dict:
    """Both methods from one warm start of `seed`; their figures and the time-to-target ratio."""
    common = [
        f"runtime.workers={args.workers}",
        f"runtime.duration_s={args.duration}",
        "runtime.sync_episodes_per_worker=2",
        "latency.preset=emulator",
        f"latency.time_scale={args.time_scale}",
        f"eval.every_s={args.eval_every}",
        f"eval.periodic_tasks={args.eval_tasks}",
        f"eval.envs={args.eval_envs}",
        f"seed={seed}",
        "pretrain.anchor=0",  # the algorithms as measured, without the quickstart's anchor
        *args.set,
    ]
    base = root / "warm-start"
    if not (base / "policy.json").exists():
        base.mkdir(parents=True, exist_ok=True)
        warm_start(load_config(args.config, common), base, progress=False)
    results: dict = {}
    for name in args.methods:
        overrides = [*common, *METHODS[name], f"pretrain.from_checkpoint={base}"]
        config = load_config(args.config, overrides)
        done = root / name / "summary.json"
        if done.exists():  # a finished run kept in --runs-dir (an interrupted benchmark)
            summary = json.loads(done.read_text(encoding="utf-8"))
        else:
            summary = train(config, root / name, progress=False)
        evaluations = summary["periodic_evaluations"]
        reached = time_to_target(evaluations, args.target)
        results[name] = {
            "time_to_target_s": reached,
            "time_or_rl_s": summary["rl"]["elapsed_s"] if reached is None else reached,
            "final_success": summary["after"]["success_rate"],
            "before_success": summary["before"]["success_rate"],
            "test_tasks": summary["after"]["tasks"],
            "rl_s": summary["rl"]["elapsed_s"],
            "trajectories": summary["rl"]["trajectories"],
            "updates": summary["rl"]["updates"],
            "trajectories_per_minute": summary["rl"]["trajectories_per_minute"],
            "periodic": [(round(r["version_time_s"], 1), r["success_rate"]) for r in evaluations],
        }
    results["time_to_target_speedup"] = compare([results])
    return results


def compare(results) -> dict | None:
    """`aride_async` against `digirl_sync` over per-seed results (None: either is missing)."""
    results = list(results)
    if not all("aride_async" in r and "digirl_sync" in r for r in results):
        return None
    return speedup([r["aride_async"] for r in results], [r["digirl_sync"] for r in results])


def speedup(fast: list[dict], slow: list[dict]) -> dict:
    """The mean time to target of the `slow` runs over that of the `fast` ones. A run that never
    reached the target counts its whole RL time: a slow one makes the ratio a lower bound
    (`at_least`), a fast one leaves no ratio (None)."""
    if any(r["time_to_target_s"] is None for r in fast):
        return {"value": None, "at_least": False}
    fast_s = sum(r["time_to_target_s"] for r in fast) / len(fast)
    slow_s = sum(r["time_or_rl_s"] for r in slow) / len(slow)
    at_least = any(r["time_to_target_s"] is None for r in slow)
    return {"value": slow_s / fast_s if fast_s > 0 else None, "at_least": at_least}


if __name__ == "__main__":
    main()
