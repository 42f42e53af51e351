"""RLlib: a registered env creator and the PPO set-up for RLlib's new API stack.

RLlib's PPO takes neither Text observations or actions nor, without a connector, Dict
observations. `env_creator` builds `make_sb3_env` (Discrete actions; the instruction as hashed
words and every other observation as numeric Boxes) and `ppo_config` adds RLlib's
`FlattenObservations` env-to-module connector, which turns that Dict into one vector for the
default MLP. `ray[rllib]` 2.60 pins gymnasium 1.2.2: install it in its own environment
(`make test-rllib` builds `.venv-rllib`). Ray reaches beyond loopback (cloud metadata, mDNS):
start it inside a loopback-only network namespace (`android_gym.netns`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import gymnasium as gym
from ray.rllib.algorithms.ppo import PPOConfig
from ray.rllib.connectors.env_to_module import FlattenObservations
from ray.tune.registry import register_env

from android_gym.wrappers.sb3 import make_sb3_env

ENV_NAME = "AndroidGym"
"""The name `register` gives the env in Ray's registry."""


def env_creator(config: Mapping[str, Any]) -> gym.Env:
    """An env for RLlib from its `env_config`: the keyword arguments of `make_sb3_env`
    (`observation=`, `max_elements=`, `tasks=`, `split=`, `render_scale=`, ...)."""
    return make_sb3_env(**dict(config))


def register(name: str = ENV_NAME) -> str:
    """Register `env_creator` with Ray under `name` (RLlib then builds envs by that name in
    every EnvRunner); returns the name."""
    register_env(name, env_creator)
    return name


def flatten_observations(*_: Any) -> FlattenObservations:
    """The env-to-module connector RLlib needs for our Dict observations."""
    return FlattenObservations()


def ppo_config(
    env_config: Mapping[str, Any],
    num_env_runners: int = 0,
    num_envs_per_env_runner: int = 4,
    name: str = ENV_NAME,
) -> PPOConfig:
    """PPO on the new API stack (RLModule, Learner, EnvRunner, connectors) over our env.

    Set the training hyper-parameters on the result (`.training(...)`) and `build_algo()`.
    `num_env_runners=0` samples in the driver process, which suits small machines.
    """
    register(name)
    return (
        PPOConfig()
        .environment(name, env_config=dict(env_config))
        .framework("torch")
        .env_runners(
            num_env_runners=num_env_runners,
            num_envs_per_env_runner=num_envs_per_env_runner,
            env_to_module_connector=flatten_observations,
        )
    )
