"""Learner throughput of the A-RIDE update: transitions per second, PointerPolicy and a VLM.

The batch is real: OracleAgent episodes on the General train split, with behaviour log-probs
set to the learner's own (so rho = 1) because only the cost is measured. Each A-RIDE update
evaluates every transition (policy and critics), computes Retrace targets and priorities and
takes one optimiser step; the VLM is a random-weight Idefics3 (SmolVLM architecture) checkpoint
built locally (`build_random_vlm`) and trained through LoRA. Also reports the VLM's generation
speed (`VLMPolicy.generate`, new tokens per second, 8 prompts). Prints one JSON line.

    python benchmarks/learner_throughput.py                        # CPU: pointer + "small" VLM
    python benchmarks/learner_throughput.py --device cuda --vlm-preset smolvlm-256m
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time

import gymnasium as gym
import torch
from agent_common import load_average, machine, today

from android_gym.agents import OracleAgent
from distrl_agent.algorithms.aride import ARIDE, ARIDEConfig
from distrl_agent.critics import StepCritic, TrajectoryCritic
from distrl_agent.policies.base import Policy
from distrl_agent.policies.pointer import PointerPolicy
from distrl_agent.policies.random_vlm import build_random_vlm
from distrl_agent.policies.vlm import VLMConfig, VLMPolicy
from distrl_agent.rollout import run_episode
from distrl_agent.trajectory import Trajectory


def demonstrations(n: int) -> list[Trajectory]:
    """`n` oracle episodes on the General train split (full-size frames)."""
    env = gym.make("AndroidGeneral-v0", split="train")
    agent = OracleAgent()
    out = [run_episode(env, agent, seed=i, options={"task_index": i}) for i in range(n)]
    env.close()
    return out


def set_behaviour(policy: Policy, trajectories: list[Trajectory]) -> None:
    """Behaviour log-probs = the policy's own, so every ratio is 1."""
    for trajectory in trajectories:
        obs, info = trajectory.policy_inputs()
        with torch.no_grad():
            texts = [s.action_text for s in trajectory.steps]
            log_probs = policy.evaluate(obs, info, texts).log_probs.tolist()
        for step, value in zip(trajectory.steps, log_probs, strict=True):
            step.behaviour_log_prob = value


def update_rate(policy: Policy, batch: list[Trajectory], repeats: int, device: str) -> dict:
    """Transitions per second of `repeats` A-RIDE updates on `batch` (after one warm-up)."""
    critic = StepCritic(policy.features_dim).to(device)
    aride = ARIDE(policy, critic, TrajectoryCritic().to(device), ARIDEConfig())
    set_behaviour(policy, batch)
    aride.update(batch)
    if device == "cuda":
        torch.cuda.synchronize()
    started = time.perf_counter()
    for _ in range(repeats):
        aride.update(batch)
    if device == "cuda":
        torch.cuda.synchronize()
    elapsed = time.perf_counter() - started
    transitions = sum(len(t) for t in batch)
    return {
        "samples_per_s": round(repeats * transitions / elapsed, 2),
        "update_s": round(elapsed / repeats, 3),
        "transitions_per_update": transitions,
        "trajectories_per_update": len(batch),
        "trainable_params": sum(p.numel() for p in policy.trainable_parameters()),
    }


def generation_rate(policy: VLMPolicy, batch: list[Trajectory], new_tokens: int) -> dict:
    """New tokens per second of unconstrained sampling for a batch of 8 prompts."""
    obs, info = batch[0].policy_inputs()
    obs, info = (obs * 8)[:8], (info * 8)[:8]
    policy.config.max_new_tokens = new_tokens
    policy.generate(obs, info)
    started = time.perf_counter()
    tokens = policy.generate(obs, info).generated
    elapsed = time.perf_counter() - started
    return {
        "generation_tokens_per_s": round(tokens / elapsed, 1),
        "generation_batch": len(obs),
        "generated_tokens": tokens,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--trajectories", type=int, default=16)
    parser.add_argument("--pointer-repeats", type=int, default=10)
    parser.add_argument("--vlm-preset", default="small")
    parser.add_argument("--vlm-trajectories", type=int, default=4)
    parser.add_argument("--vlm-repeats", type=int, default=3)
    parser.add_argument("--new-tokens", type=int, default=32)
    args = parser.parse_args()
    load_at_start = load_average()
    if args.device == "cpu":
        torch.set_num_threads(min(2, os.cpu_count() or 1))
    batch = demonstrations(max(args.trajectories, args.vlm_trajectories))

    pointer = PointerPolicy(seed=0).to(args.device)
    figures = {
        "pointer": update_rate(
            pointer, batch[: args.trajectories], args.pointer_repeats, args.device
        )
    }

    with tempfile.TemporaryDirectory() as tmp:
        path = build_random_vlm(f"{tmp}/vlm", args.vlm_preset)
        dtype = torch.bfloat16 if args.device == "cuda" else torch.float32
        vlm = VLMPolicy.from_pretrained(
            path, config=VLMConfig(eval_batch_size=16), device=args.device, dtype=dtype
        )
        vlm_batch = batch[: args.vlm_trajectories]
        figures["vlm"] = {
            "preset": args.vlm_preset,
            "params": sum(p.numel() for p in vlm.model.parameters()),
            "dtype": str(dtype).removeprefix("torch."),
            **update_rate(vlm, vlm_batch, args.vlm_repeats, args.device),
            **generation_rate(vlm, vlm_batch, args.new_tokens),
        }
    device_name = (
        torch.cuda.get_device_name() if args.device == "cuda" else platform.processor() or "cpu"
    )
    print(
        json.dumps(
            {
                "benchmark": "learner_throughput",
                "date": today(),
                "device": args.device,
                "device_name": device_name,
                "machine": machine(),
                "load_average_1m": {"start": load_at_start, "end": load_average()},
                "config": {
                    "aride": "ARIDEConfig defaults",
                    "pointer": "PointerConfig defaults",
                    "lora_rank": VLMConfig().lora_rank,
                    "data": "OracleAgent episodes, General train",
                },
                **figures,
            }
        )
    )


if __name__ == "__main__":
    main()
