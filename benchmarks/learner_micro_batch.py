"""Learner micro-batching: A-RIDE update speed and peak memory of a small VLM, per micro-batch.

Each setting of `runtime.micro_batch` (none: the whole batch in one pass with gradient; N: at
most N steps per forward pass, gradients accumulated) runs in a fresh process, so each peak
resident memory (`ru_maxrss`) is its own: the process builds the same OracleAgent batch (General
train split, full-size frames, behaviour log-probs set to the policy's own), loads the same
random-weight "small" Idefics3 (SmolVLM architecture) checkpoint with LoRA, takes one warm-up
update and then times `--repeats` updates. Prints one JSON line.

    python benchmarks/learner_micro_batch.py --trajectories 8 --micro-batches 0 8 2
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time

import torch
from agent_common import load_average, machine, today
from learner_throughput import demonstrations, set_behaviour

from distrl_agent.algorithms.aride import ARIDE, ARIDEConfig
from distrl_agent.critics import StepCritic, TrajectoryCritic
from distrl_agent.policies.random_vlm import build_random_vlm
from distrl_agent.policies.vlm import VLMConfig, VLMPolicy


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports kilobytes)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure(path: str, trajectories: int, repeats: int, micro_batch: int | None) -> dict:
    """Samples per second and peak memory of A-RIDE updates with `micro_batch` (own process)."""
    torch.set_num_threads(2)
    batch = demonstrations(trajectories)
    policy = VLMPolicy.from_pretrained(path, config=VLMConfig(eval_batch_size=16))
    set_behaviour(policy, batch)
    aride = ARIDE(
        policy,
        StepCritic(policy.features_dim),
        TrajectoryCritic(),
        ARIDEConfig(),
        micro_batch=micro_batch,
    )
    before_updates = peak_rss_mb()
    aride.update(batch)
    started = time.perf_counter()
    for _ in range(repeats):
        aride.update(batch)
    elapsed = time.perf_counter() - started
    transitions = sum(len(t) for t in batch)
    return {
        "micro_batch": micro_batch,
        "samples_per_s": round(repeats * transitions / elapsed, 2),
        "update_s": round(elapsed / repeats, 2),
        "transitions_per_update": transitions,
        "peak_rss_mb": peak_rss_mb(),
        "peak_rss_before_updates_mb": before_updates,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trajectories", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--preset", default="small")
    parser.add_argument(
        "--micro-batches", type=int, nargs="+", default=[0, 8, 2], help="0: no micro-batching"
    )
    parser.add_argument("--checkpoint", help=argparse.SUPPRESS)  # set in the measuring process
    args = parser.parse_args()
    if args.checkpoint:
        size = args.micro_batches[0]
        figures = measure(args.checkpoint, args.trajectories, args.repeats, size or None)
        print(json.dumps(figures))
        return
    load_at_start = load_average()
    with tempfile.TemporaryDirectory() as tmp:
        path = str(build_random_vlm(f"{tmp}/vlm", args.preset))
        runs = []
        for size in args.micro_batches:  # a fresh process each: its own peak memory
            command = [sys.executable, __file__, "--checkpoint", path, "--micro-batches"]
            command += [str(size), "--trajectories", str(args.trajectories)]
            command += ["--repeats", str(args.repeats)]
            out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            runs.append(json.loads(out.strip().splitlines()[-1]))
    print(
        json.dumps(
            {
                "benchmark": "learner_micro_batch",
                "date": today(),
                "machine": machine(),
                "processor": platform.processor() or "cpu",
                "load_average_start": load_at_start,
                "load_average_end": load_average(),
                "preset": args.preset,
                "runs": runs,
            }
        )
    )


if __name__ == "__main__":
    main()
