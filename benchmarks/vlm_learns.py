"""A VLM goes through the whole loop and learns: warm start, A-RIDE through the runtime, success.

A small random-initialised VLM (`build_random_vlm`: Idefics3/SmolVLM architecture, byte-level
BPE tokenizer trained on the fly) with LoRA on its attention and MLP projections and
constrained decoding is behaviour-cloned on OracleAgent demonstrations of the launch-app and
Chrome-UI families (the General train split's tasks of those families, as a task file), then
trained with A-RIDE by the real runtime (`distrl_agent.runtime.trainer.train`: learner
process, worker processes, local backend, micro-batched updates) for `--rl-minutes`. Reports
greedy success on those tasks before and after RL (the trainer's evaluations), the learner's
importance ratios, and the importance ratios of fresh on-policy data: episodes the final policy
samples, re-scored by the learner's code (`TrajectoryBatch`), whose log-ratios must be 0. Prints
one JSON line. A benchmark, not a test: about 20 minutes on two CPU cores.

    python benchmarks/vlm_learns.py --rl-minutes 12
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
import yaml
from agent_common import load_average, machine, today

from distrl_agent.algorithms.batch import TrajectoryBatch
from distrl_agent.config import config_from_dict
from distrl_agent.policies.random_vlm import build_random_vlm
from distrl_agent.rollout import run_episode
from distrl_agent.runtime.components import build_policy, make_env
from distrl_agent.runtime.metrics import read_jsonl
from distrl_agent.runtime.rundir import policy_weights
from distrl_agent.runtime.service import POLICY_SPEC
from distrl_agent.runtime.trainer import train

ROOT = Path(__file__).resolve().parents[1]
FAMILIES = ("launch_app", "chrome_ui")
LEARNER_KEYS = ("rho_mean", "rho_clipped_fraction", "outside_trust_region_fraction")
LORA_TARGETS = r".*text_model\..*\.(q_proj|k_proj|v_proj|o_proj|gate_proj|up_proj|down_proj)"


def task_file(directory: Path) -> Path:
    """The General train split's launch-app and Chrome-UI tasks, as a suite YAML."""
    suite = yaml.safe_load((ROOT / "tasks" / "general" / "train.yaml").read_text())
    suite["tasks"] = [t for t in suite["tasks"] if t["family"] in FAMILIES]
    suite.pop("weights", None)
    path = directory / "launch_and_chrome.yaml"
    path.write_text(yaml.safe_dump(suite, sort_keys=False))
    return path


def run_config(model: Path, tasks: Path, args: argparse.Namespace) -> dict:
    """The run: one collecting worker beside the learner on two cores, no periodic evaluation."""
    return {
        "name": "vlm-learns",
        "seed": args.seed,
        "env": {"task_file": str(tasks), "obs_size": [240, 108], "max_steps": 6},
        "policy": {
            "kind": "vlm",
            "vlm": {
                "model": str(model),
                "lora_rank": 32,
                "lora_alpha": 32,
                "target_modules": LORA_TARGETS,
                "constrained": True,
                "max_text": 24,
                "max_new_tokens": 80,
                "history": 2,
                "image_max_side": 256,
                "eval_batch_size": 8,
                "temperature": args.temperature,
            },
        },
        "pretrain": {
            "demos": args.demos,
            "noise": 0.0,
            "epochs": args.bc_epochs,
            "batch_size": 8,
            "lr": 3e-3,
        },
        "algorithm": {
            "name": "aride",
            "params": {
                "actor_lr": args.actor_lr,
                "beta_entropy": args.beta_entropy,
                "trajectory_filter": 1.0,
                "max_grad_norm": 1.0,
                "ratio_clip": args.ratio_clip,
            },
        },
        "runtime": {
            "backend": "local",
            "mode": "async",
            "workers": 1,
            "duration_s": 60 * args.rl_minutes,
            "batch_size": 4,
            "micro_batch": 8,
            "min_replay": 4,
            "updates_per_trajectory": 0.5,
            "checkpoint_every_s": 120,
            "metrics_every_s": 30,
            "watchdog_timeout_s": 600,
            "startup_timeout_s": 900,
        },
        "eval": {"tasks": None, "every_s": 0, "envs": 1, "split": "train"},
    }


def on_policy_ratios(run_dir: Path, config, episodes: int) -> dict:
    """Episodes sampled by the final policy, re-scored by the learner's code."""
    spec = json.loads((run_dir / POLICY_SPEC).read_text(encoding="utf-8"))
    policy = build_policy(spec)
    policy.load_trainable_state(policy_weights(run_dir))
    env = make_env(config, "train", seed=12_345, latency=False)
    fresh = [
        run_episode(env, policy, seed=100 + i, options={"task_index": i}) for i in range(episodes)
    ]
    env.close()
    with torch.no_grad():
        batch = TrajectoryBatch.build(fresh, policy, micro_batch=8)
    real = batch.mask.bool()
    assert batch.behaviour_log_probs is not None
    log_rhos = (batch.log_probs - batch.behaviour_log_probs)[real]
    return {
        "transitions": int(real.sum()),
        "rho_mean": round(float(log_rhos.exp().mean()), 6),
        "log_rho_abs_max": float(log_rhos.abs().max()),
    }


def learner_ratios(run_dir: Path) -> dict:
    """The learner's importance ratios over the run (means of its metrics intervals): stale
    data under async collection, so not exactly 1."""
    lines = [r for r in read_jsonl(run_dir / "metrics.jsonl") if "train/rho_mean" in r]
    if not lines:
        return {}
    return {
        key: round(float(np.mean([r[f"train/{key}"] for r in lines])), 4)
        for key in LEARNER_KEYS
        if f"train/{key}" in lines[0]
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rl-minutes", type=float, default=12.0)
    parser.add_argument("--demos", type=int, default=60)
    parser.add_argument("--bc-epochs", type=int, default=8)
    parser.add_argument("--preset", default="small")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--ratio-episodes", type=int, default=4)
    parser.add_argument("--actor-lr", type=float, default=1e-4)
    parser.add_argument("--beta-entropy", type=float, default=0.01)
    parser.add_argument(
        "--temperature", type=float, default=1.0, help="sampling (and scoring) temperature"
    )
    parser.add_argument(
        "--ratio-clip", type=float, default=0.0, help="A-RIDE's trust region eps (0: off)"
    )
    parser.add_argument("--keep", default=None, help="keep the model and the run in this directory")
    args = parser.parse_args()
    load_at_start = load_average()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(args.keep or tmp)
        model = build_random_vlm(directory / "vlm", args.preset, seed=args.seed)
        config = config_from_dict(run_config(model, task_file(directory), args))
        summary = train(config, directory / "run", progress=False)
        ratios = on_policy_ratios(directory / "run", config, args.ratio_episodes)
        learner = learner_ratios(directory / "run")
    rl = summary["rl"]
    print(
        json.dumps(
            {
                "benchmark": "vlm_learns",
                "date": today(),
                "machine": machine(),
                "load_average_start": load_at_start,
                "load_average_end": load_average(),
                "preset": args.preset,
                "actor_lr": args.actor_lr,
                "beta_entropy": args.beta_entropy,
                "temperature": args.temperature,
                "ratio_clip": args.ratio_clip,
                "families": list(FAMILIES),
                "tasks": summary["before"]["tasks"],
                "success_before_rl": summary["before"]["success_rate"],
                "success_after_rl": summary["after"]["success_rate"],
                "pretrain": summary["pretrain"],
                "updates": rl.get("updates"),
                "trajectories": rl.get("trajectories"),
                "collect_success": rl.get("collect_success"),
                "learner": learner,
                "on_policy": ratios,
                "wall_s": round(time.perf_counter() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
