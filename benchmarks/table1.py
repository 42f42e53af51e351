"""The paper's Table 1 on this machine: Random, Oracle, BC warm start, filtered BC, DigiRL
(sync) and A-RIDE (async) on the General and Web Shopping suites, train and test splits, with
intervals over seeds. Prints one JSON line (the table, its markdown and the budget).

For each suite (configs/quickstart.yaml for General, configs/web_shopping.yaml for Web
Shopping) and seed: one behaviour-cloned warm start (the AutoUI-SFT analogue), then one RL run
of `--duration` seconds per method from it (`distrl train`, which evaluates before and after
on the test split into RUN_DIR/evaluations/), then greedy evaluations of each final policy and
of the warm start on the train split. Random and Oracle are `android-gym evaluate` runs over
the same tasks and seeds. The table is `distrl leaderboard` over the runs directory.

Budget (stated, not measured): per suite and seed, the warm start (~1 min) and per method
`--duration` s of RL plus about four evaluations of `--tasks` tasks (on two cores about 0.2 s
per General step, 10-20 steps an episode). With the defaults (420 s, 128 tasks, 3 seeds, 2
suites, 3 methods) that is 18 runs of 7 min plus their evaluations: about 4-5 hours on two
cores. A proof of the pipeline at a tiny budget (a few minutes):

    python benchmarks/table1.py --seeds 0 --duration 10 --tasks 4 --suites general \
        --set pretrain.demos=8 --set pretrain.epochs=2 --set runtime.workers=1

The real run (the lead's): `python benchmarks/table1.py --runs-dir runs/table1`; `--runs-dir`
keeps the runs, and finished ones are reused when it is run again.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from agent_common import machine, today
from train_efficiency import METHODS

from android_gym.evaluation import evaluate as evaluate_agent
from android_gym.evaluation import resolve_agent
from distrl_agent.agent import load_policy
from distrl_agent.cli import QUICKSTART
from distrl_agent.config import load_config
from distrl_agent.leaderboard import leaderboard, render_table
from distrl_agent.runtime.components import build_policy
from distrl_agent.runtime.evaluation import evaluate
from distrl_agent.runtime.rundir import policy_weights
from distrl_agent.runtime.trainer import train, warm_start

CONFIGS = {"general": QUICKSTART, "web_shopping": QUICKSTART.parent / "web_shopping.yaml"}
TABLE_METHODS = {
    "filtered_bc": [
        "algorithm.name=filtered_bc",
        "algorithm.params={lr: 1.0e-4}",
        "runtime.mode=sync",
    ],
    "digirl_sync": METHODS["digirl_sync"],
    "aride_async": METHODS["aride_async"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--suites", nargs="+", choices=sorted(CONFIGS), default=sorted(CONFIGS))
    parser.add_argument(
        "--methods", nargs="+", choices=sorted(TABLE_METHODS), default=sorted(TABLE_METHODS)
    )
    parser.add_argument("--duration", type=float, default=None, help="RL seconds (config's)")
    parser.add_argument("--tasks", type=int, default=None, help="evaluation tasks (all 128)")
    parser.add_argument("--envs", type=int, default=2, help="environments per evaluation")
    parser.add_argument("--set", action="append", default=[], help="config override key=value")
    parser.add_argument("--runs-dir", default=None, help="keep the runs (finished ones reused)")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="table1-") as tmp:
        root = Path(args.runs_dir) if args.runs_dir else Path(tmp)
        for suite in args.suites:
            for split in ("train", "test"):
                for agent in ("random", "oracle"):
                    evaluate_agent(
                        resolve_agent(agent), root / f"{agent}-{suite}-{split}", suite=suite,
                        split=split, tasks=args.tasks, seeds=args.seeds, envs=args.envs,
                        record=False, progress=False,
                    )  # fmt: skip
            for seed in args.seeds:
                run_seed(suite, seed, root / suite / f"seed{seed}", args)
        board = leaderboard(root)
    print(
        json.dumps(
            {
                "benchmark": "table1",
                "date": today(),
                "machine": machine(),
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "seeds": args.seeds,
                "suites": args.suites,
                "methods": args.methods,
                "duration_s": args.duration,
                "tasks": args.tasks,
                "overrides": args.set,
                "table": board["table1"]["rows"],
                "markdown": render_table(board["table1"]),
                "elapsed_s": round(time.perf_counter() - started, 1),
            }
        )
    )


def run_seed(suite: str, seed: int, root: Path, args: argparse.Namespace) -> None:
    """One warm start of `seed`, each method's run from it, and the train-split evaluations."""
    # the methods as measured, without the quickstart's anchor (filtered BC has no gate for it)
    common = [f"seed={seed}", f"eval.envs={args.envs}", "pretrain.anchor=0", *args.set]
    if args.duration is not None:
        common.append(f"runtime.duration_s={args.duration}")
    if args.tasks is not None:
        common += [f"eval.tasks={args.tasks}", f"eval.periodic_tasks={args.tasks}"]
    base = root / "warm-start"
    config = load_config(CONFIGS[suite], common)
    if not (base / "policy.json").exists():
        base.mkdir(parents=True, exist_ok=True)
        warm_start(config, base, progress=False)
    for name in args.methods:
        run = root / name
        overrides = [*common, *TABLE_METHODS[name], f"pretrain.from_checkpoint={base}"]
        if not (run / "summary.json").exists():
            train(load_config(CONFIGS[suite], overrides), run, progress=False)
        policy, run_config = load_policy(run)
        evaluate(
            policy, run_config, tasks=args.tasks, split="train", threads=args.envs,
            out=run / "evaluations" / "after-train", label="after-train",
        )  # fmt: skip
    warm = build_policy(json.loads((base / "policy.json").read_text()), config.policy.device)
    warm.load_trainable_state(policy_weights(base))
    first = root / args.methods[0]
    evaluate(
        warm, load_config(first / "config.yaml"), tasks=args.tasks, split="train",
        threads=args.envs, out=first / "evaluations" / "before-train", label="before-train",
    )  # fmt: skip


if __name__ == "__main__":
    main()
