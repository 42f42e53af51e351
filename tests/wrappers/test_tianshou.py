"""Tianshou collects from our envs in `SubprocVectorEnv` worker processes, with our spaces as
they are: a Dict observation holding the screenshot and the instruction text."""

from __future__ import annotations

import pytest

pytest.importorskip(
    "tianshou",
    reason="Tianshou is not installed: it brings ~330 MB (numba, llvmlite, pandas), so it lives "
    "in the `make test-rllib` environment (extra `tianshou`)",
)

import gymnasium as gym
import numpy as np
from tianshou.algorithm.algorithm_base import RandomActionPolicy
from tianshou.data import Collector, VectorReplayBuffer
from tianshou.env import SubprocVectorEnv

import android_gym  # noqa: F401
from android_gym.tasks import load_suite
from android_gym.wrappers import DiscreteActions

STEPS = 40


def _env() -> gym.Env:
    tasks = [t for t in load_suite("general", "train") if t.family == "launch_app"][:4]
    env = gym.make("AndroidGeneral-v0", tasks=tasks, render_scale=0.25)
    return DiscreteActions(env, grid=(2, 2), ui_elements=8)


@pytest.mark.slow  # worker processes: 20-60 s on two shared cores
def test_subproc_vector_env_collects_our_spaces() -> None:
    envs = SubprocVectorEnv([_env] * 2)
    try:
        buffer = VectorReplayBuffer(2 * STEPS, buffer_num=2)
        collector = Collector(RandomActionPolicy(envs.action_space[0]), envs, buffer)
        stats = collector.collect(n_step=STEPS, reset_before_collect=True)
        assert stats.n_collected_steps == STEPS == len(buffer)
        assert stats.n_collected_episodes >= 1 and max(stats.lens) <= 10  # the horizon
        data = buffer.sample(0)[0]  # everything collected
        probe = _env()
        assert set(data.obs.instruction) <= {t.instruction for t in probe.unwrapped.tasks}
        assert data.obs.screenshot.shape[1:] == probe.observation_space["screenshot"].shape
        assert data.obs.screenshot.dtype == np.uint8 and data.obs.screenshot.any()
        assert set(np.unique(data.act)) <= set(range(envs.action_space[0].n))
    finally:
        envs.close()
