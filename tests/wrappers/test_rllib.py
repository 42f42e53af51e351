"""RLlib's PPO (new API stack) trains on our env through the registered env creator and the
`FlattenObservations` connector. Runs in `make test-rllib` (ray[rllib] pins gymnasium 1.2.2)."""

from __future__ import annotations

import pytest

pytest.importorskip(
    "ray.rllib",
    reason="RLlib is not installed: ray[rllib] 2.60 pins gymnasium 1.2.2, so it has its own "
    "environment, `make test-rllib`",
)

import numpy as np
import ray
from gymnasium import spaces
from ray.tune.registry import ENV_CREATOR, _global_registry

from android_gym.tasks import load_suite
from android_gym.wrappers.rllib_env import ENV_NAME, env_creator, ppo_config

BATCH = 128


def _tasks():
    return [t for t in load_suite("general", "train") if t.family == "launch_app"][:4]


def test_env_creator_gives_spaces_rllib_takes() -> None:
    env = env_creator({"tasks": _tasks(), "render_scale": 0.25, "max_elements": 8})
    assert isinstance(env.action_space, spaces.Discrete)
    assert all(isinstance(s, spaces.Box) for s in env.observation_space.spaces.values())
    obs, _ = env.reset(seed=0)
    assert env.observation_space.contains(obs)


@pytest.mark.netns
@pytest.mark.slow
def test_ppo_trains_an_iteration() -> None:
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        config = ppo_config(
            {"tasks": _tasks(), "render_scale": 0.25, "max_elements": 8},
            num_envs_per_env_runner=2,
        ).training(train_batch_size_per_learner=BATCH, minibatch_size=32, num_epochs=1)
        assert _global_registry.contains(ENV_CREATOR, ENV_NAME)
        algo = config.build_algo()
        try:
            module = algo.get_module()
            before = {k: v.detach().clone() for k, v in module.state_dict().items()}
            result = algo.train()
            assert result["env_runners"]["num_env_steps_sampled_lifetime"] >= BATCH
            assert result["env_runners"]["num_episodes"] >= 1
            flat = sum(
                int(np.prod(s.shape))
                for s in env_creator(
                    {"tasks": _tasks(), "max_elements": 8}
                ).observation_space.spaces.values()
            )
            assert module.observation_space.shape == (flat,)  # FlattenObservations at work
            after = module.state_dict()
            assert any(not np.allclose(before[k], after[k].detach()) for k in before)
        finally:
            algo.stop()
    finally:
        ray.shutdown()
