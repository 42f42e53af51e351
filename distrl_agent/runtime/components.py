"""Building a run's parts from its config: environments, policies, critics and updaters.

Learner, workers and evaluators all build through these functions, so every process of a run
has the same environment and the same policy architecture. A policy is described by a JSON
*spec* (its kind and full constructor config, including the phrase vocabulary that a pointer
policy mines from its demonstrations), written once per run and sent to every worker; the
weights then travel separately, as numbered versions.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import gymnasium as gym
import torch

import android_gym  # registers the environments
from android_gym import plugins
from android_gym.devices import make_device
from distrl_agent.algorithms.aride import ARIDE
from distrl_agent.algorithms.common import Updater
from distrl_agent.algorithms.digirl import DigiRL
from distrl_agent.algorithms.digirl_batch import BatchDigiRL
from distrl_agent.algorithms.filtered_bc import FilteredBC
from distrl_agent.config import UPDATE_CONFIGS, RunConfig, from_dict
from distrl_agent.critics import StepCritic, TrajectoryCritic
from distrl_agent.policies.base import Policy
from distrl_agent.runtime.latency import LatentDevice, profile_from_config

ENV_ID = "AndroidGeneral-v0"
"""The env of a suite that has no registered env of its own (`suite=` chooses its tasks)."""


def env_id(suite: str) -> str:
    """The registered environment that runs `suite` ("AndroidWebShopping-v0" for
    web_shopping), else `ENV_ID`."""
    return next((i for i, kw in android_gym.ENVIRONMENTS.items() if kw["suite"] == suite), ENV_ID)


def make_env(
    config: RunConfig,
    split: str,
    *,
    seed: int = 0,
    latency: bool = True,
    device_name: str | None = None,
) -> gym.Env:
    """The run's environment on `split`, on the phone `device_name` names (default:
    `env.device`, a simulated phone unless the config names another); with `latency`, a
    simulated phone waits like an emulator."""
    env_cfg = config.env
    device_name = device_name or env_cfg.device
    if device_name != "sim":
        device: Any = make_device(device_name, **env_cfg.device_options)
    else:
        device = make_device("sim", scale=env_cfg.render_scale)
    if latency and config.latency.preset != "none" and device_name == "sim":
        device = LatentDevice(
            device,
            profile_from_config(config.latency),
            time_scale=config.latency.time_scale,
            seed=seed,
        )
    kwargs: dict[str, Any] = {
        "split": split,
        "device": device,
        "obs_size": env_cfg.obs_size,
        "max_steps": env_cfg.max_steps,
    }
    if env_cfg.task_file:
        kwargs["task_file"] = env_cfg.task_file
    return gym.make(env_cfg.id or env_id(env_cfg.suite), suite=env_cfg.suite, **kwargs)


def policy_spec(config: RunConfig, phrases: tuple[str, ...] = ()) -> dict[str, Any]:
    """The JSON description every process builds the run's policy from."""
    if plugins.is_reference(config.policy.kind):
        return {"kind": config.policy.kind, "seed": config.seed, "config": config.policy.params}
    if config.policy.kind == "pointer":
        from distrl_agent.policies.pointer import PointerConfig

        pointer = from_dict(PointerConfig, config.policy.pointer, "policy.pointer.")
        pointer = dataclasses.replace(pointer, phrases=tuple(phrases))
        return {"kind": "pointer", "seed": config.seed, "config": dataclasses.asdict(pointer)}
    vlm = dict(config.policy.vlm)
    return {
        "kind": "vlm",
        "model": vlm.pop("model"),
        "adapter": vlm.pop("adapter", None),
        "dtype": vlm.pop("dtype", None),
        "config": {**vlm, "seed": config.seed},
    }


def build_policy(spec: dict[str, Any], device: str = "cpu") -> Policy:
    """A fresh policy from its spec (weights as initialised; load a version to act). A
    `module:Name` kind is called as `Name(params, seed=..., device=...)`."""
    if plugins.is_reference(spec["kind"]):
        factory = plugins.resolve(spec["kind"])
        return factory(dict(spec["config"]), seed=int(spec.get("seed", 0)), device=device)
    if spec["kind"] == "pointer":
        from distrl_agent.policies.pointer import PointerConfig, PointerPolicy

        cfg = dict(spec["config"])
        for key in ("phrases", "screenshot_size"):
            if key in cfg:
                cfg[key] = tuple(cfg[key])
        return PointerPolicy(PointerConfig(**cfg), seed=int(spec.get("seed", 0))).to(device)
    if spec["kind"] == "vlm":
        from distrl_agent.policies.vlm import VLMConfig, VLMPolicy

        dtype = getattr(torch, spec["dtype"]) if spec.get("dtype") else None
        return VLMPolicy.from_pretrained(
            spec["model"],
            adapter=spec.get("adapter"),
            config=VLMConfig(**spec["config"]),
            device=device,
            dtype=dtype,
        )
    raise ValueError(f"unknown policy kind {spec['kind']!r}; accepted: pointer, vlm")


def build_updater(config: RunConfig, policy: Policy, device: str = "cpu") -> Updater:
    """The learner's update algorithm on `policy`, with new critics on `device`. A
    `module:Name` algorithm is called as `Name(policy, config, device)`."""
    name, params = config.algorithm.name, dict(config.algorithm.params)
    micro_batch = config.runtime.micro_batch
    if plugins.is_reference(name):
        return plugins.resolve(name)(policy, config, device)
    if name == "filtered_bc":
        return FilteredBC(policy, lr=float(params.get("lr", 1e-4)), micro_batch=micro_batch)
    step_critic = StepCritic(policy.features_dim, seed=config.seed).to(device)
    trajectory_critic = TrajectoryCritic(seed=config.seed).to(device)
    algorithm = {"aride": ARIDE, "digirl": DigiRL, "digirl_batch": BatchDigiRL}[name]
    settings = from_dict(UPDATE_CONFIGS[name], params, f"{name}.")
    return algorithm(policy, step_critic, trajectory_critic, settings, micro_batch=micro_batch)


def updater_modules(updater: Updater) -> dict[str, torch.nn.Module]:
    """The critics an updater trains besides the policy (what a checkpoint must keep)."""
    modules = {}
    for name in ("step_critic", "trajectory_critic"):
        module = getattr(updater, name, None)
        if module is not None:
            modules[name] = module
    return modules
