"""What RL unlearned in kept runs: for each run directory, the tasks of each split that its warm
start solves greedily and its final policy fails (lost, with their families), and the reverse
(gained). The train split (420 General tasks) measures unlearning of what the warm start could
do; the test split mixes in generalisation to tasks no update saw. Prints one JSON line.

    python benchmarks/main_job_seeds.py --seeds 0 1 2 --runs-dir runs/main-job
    python benchmarks/unlearning.py runs/main-job/seed*
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from agent_common import machine, today

from distrl_agent.agent import load_policy
from distrl_agent.policies.base import load_trainable_state
from distrl_agent.runtime.evaluation import evaluate
from distrl_agent.runtime.service import INITIAL_WEIGHTS


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("runs", nargs="+", type=Path, help="run directories (kept by train)")
    parser.add_argument("--splits", nargs="+", default=["train", "test"])
    args = parser.parse_args()
    started = time.perf_counter()
    runs = {str(run): _compare(run, args.splits) for run in args.runs}
    totals = {
        split: {
            "lost": sum(r[split]["lost_count"] for r in runs.values()),
            "gained": sum(r[split]["gained"] for r in runs.values()),
        }
        for split in args.splits
    }
    print(
        json.dumps(
            {
                "benchmark": "unlearning",
                "date": today(),
                "machine": machine(),
                "runs": runs,
                "totals": totals,
                "elapsed_s": round(time.perf_counter() - started, 1),
            }
        )
    )


def _compare(run: Path, splits: list[str]) -> dict:
    """Greedy success of the run's warm start and final policy on each split, tasks lost and
    gained between them."""
    policy, config = load_policy(run)  # the newest checkpoint's weights: the final policy
    final = {split: evaluate(policy, config, split=split) for split in splits}
    policy.load_trainable_state(load_trainable_state(run / INITIAL_WEIGHTS))
    out = {}
    for split in splits:
        before, after = evaluate(policy, config, split=split), final[split]
        pairs = list(zip(before.families, before.successes, after.successes, strict=True))
        out[split] = {
            "before": before.success_rate,
            "after": after.success_rate,
            "lost": dict(Counter(family for family, b, a in pairs if b and not a)),
            "lost_count": sum(1 for _, b, a in pairs if b and not a),
            "gained": sum(1 for _, b, a in pairs if a and not b),
        }
    return out


if __name__ == "__main__":
    main()
