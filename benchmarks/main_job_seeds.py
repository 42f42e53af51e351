"""The main job (`make demo`'s `distrl train --config configs/quickstart.yaml`) over several
seeds: the greedy test success before and after RL for each seed, their mean and spread, and
per task family (mean over the seeds), so that a claim about the demo rests on more than one
run and what RL unlearns shows: per family, and as the test tasks each seed solved before RL
and fails after (`lost`, with their families; `gained` counts the reverse). Each seed has its
own warm start (demonstrations, behaviour cloning) and its own RL run. Prints one JSON line.

    python benchmarks/main_job_seeds.py --seeds 0 1 2
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from agent_common import machine, today

from android_gym.evaluation.results import read_episodes
from distrl_agent.cli import QUICKSTART
from distrl_agent.config import load_config
from distrl_agent.runtime.trainer import train


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--config", default=str(QUICKSTART))
    parser.add_argument("--set", action="append", default=[], help="config override key=value")
    parser.add_argument("--runs-dir", default=None, help="keep the runs here")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    runs = {}
    with tempfile.TemporaryDirectory(prefix="distrl-main-job-") as tmp:
        root = Path(args.runs_dir) if args.runs_dir else Path(tmp)
        for seed in args.seeds:
            config = load_config(args.config, [f"seed={seed}", *args.set])
            summary = train(config, root / f"seed{seed}", progress=False)
            before, after = (_solved(root / f"seed{seed}", label) for label in ("before", "after"))
            runs[str(seed)] = {
                "before": summary["before"]["success_rate"],
                "after": summary["after"]["success_rate"],
                "points": summary["improvement_points"],
                "tasks": summary["after"]["tasks"],
                "trajectories": summary["rl"]["trajectories"],
                "updates": summary["rl"]["updates"],
                "per_family_before": summary["before"]["per_family"],
                "per_family_after": summary["after"]["per_family"],
                "lost": sorted(f"{before[t]} {t}" for t in before.keys() - after.keys()),
                "gained": len(after.keys() - before.keys()),
                "periodic": [
                    (round(r["version_time_s"] or 0.0, 1), r["success_rate"])
                    for r in summary["periodic_evaluations"]
                ],
            }
    print(
        json.dumps(
            {
                "benchmark": "main_job_seeds",
                "date": today(),
                "machine": machine(),
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "config": args.config,
                "overrides": args.set,
                "runs": runs,
                "mean": {key: _mean(runs, key) for key in ("before", "after", "points")},
                "lost_tasks": sum(len(r["lost"]) for r in runs.values()),
                "gained_tasks": sum(r["gained"] for r in runs.values()),
                "stdev_points": statistics.stdev([r["points"] for r in runs.values()])
                if len(runs) > 1
                else None,
                "per_family": {
                    family: {
                        "before": _family_mean(runs, "per_family_before", family),
                        "after": _family_mean(runs, "per_family_after", family),
                    }
                    for family in sorted(next(iter(runs.values()))["per_family_after"])
                },
                "elapsed_s": round(time.perf_counter() - started, 1),
            }
        )
    )


def _solved(run_dir: Path, label: str) -> dict[str, str]:
    """The family of each test task the `label` ("before", "after") evaluation solved."""
    records = read_episodes(run_dir / "evaluations" / label / "episodes.jsonl")
    return {r["task_id"]: r["family"] for r in records if r["is_successful"]}


def _mean(runs: dict, key: str) -> float:
    return statistics.fmean(r[key] for r in runs.values())


def _family_mean(runs: dict, key: str, family: str) -> float:
    return statistics.fmean(r[key].get(family, 0.0) for r in runs.values())


if __name__ == "__main__":
    main()
