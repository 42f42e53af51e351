"""SB3Wrapper and make_sb3_env pass Stable-Baselines3's own environment checker."""

from __future__ import annotations

import warnings

import gymnasium as gym
import numpy as np
import pytest
from gymnasium import spaces
from stable_baselines3.common.env_checker import check_env

import android_gym  # noqa: F401
from android_gym.wrappers import DiscreteActions, ResizeScreenshot, SB3Wrapper, make_sb3_env


@pytest.mark.parametrize("observation", ["elements", "pixels"])
def test_sb3_env_checker_passes(observation: str) -> None:
    env = make_sb3_env(observation, render_scale=0.25, screenshot_size=(100, 45))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # SB3 warns about spaces it handles badly
        check_env(env)
    space = env.observation_space
    assert all(isinstance(s, spaces.Box) for s in space.spaces.values())
    assert all(len(s.shape) == 1 for k, s in space.spaces.items() if k != "screenshot")
    assert ("screenshot" in space.spaces) == (observation == "pixels")


def test_observations_are_flat_numbers() -> None:
    base = ResizeScreenshot(gym.make("AndroidGeneral-v0", render_scale=0.25), (100, 45))
    env = SB3Wrapper(DiscreteActions(base), instruction_dims=32)
    obs, _ = env.reset(seed=0, options={"task": "Open the clock app"})
    assert obs["screenshot"].shape == (100, 45, 3) and obs["screenshot"].dtype == np.uint8
    assert obs["instruction"].shape == (32,) and obs["instruction"].sum() == 4  # four words
    assert env.observation_space.contains(obs)


def test_needs_simple_actions() -> None:
    with pytest.raises(TypeError, match="DiscreteActions"):
        SB3Wrapper(gym.make("AndroidGeneral-v0", render_scale=0.25))
    with pytest.raises(ValueError, match="pixels"):
        make_sb3_env("xml")
