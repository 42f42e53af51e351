"""ResizeScreenshot and StackScreenshots on the real environment and real OpenCV."""

from __future__ import annotations

import cv2
import gymnasium as gym
import numpy as np
import pytest

import android_gym  # noqa: F401
from android_gym import Action
from android_gym.wrappers import ResizeScreenshot, StackScreenshots

TASK = {"task": "Open the clock app"}


@pytest.fixture(scope="module")
def env() -> gym.Env:
    return gym.make("AndroidGeneral-v0", render_mode="rgb_array")


def test_resize_matches_opencv_area_resampling(env: gym.Env) -> None:
    wrapped = ResizeScreenshot(env, (100, 45))
    obs, _ = wrapped.reset(seed=0, options=TASK)
    full = env.render()
    assert obs["screenshot"].shape == (100, 45, 3) and obs["screenshot"].dtype == np.uint8
    assert np.array_equal(
        obs["screenshot"], cv2.resize(full, (45, 100), interpolation=cv2.INTER_AREA)
    )
    assert wrapped.observation_space.contains(obs) and obs["instruction"] == "Open the clock app"
    obs, *_ = wrapped.step(Action.scroll("down", 0.5))  # the app drawer: a white sheet
    assert obs["screenshot"].shape == (100, 45, 3) and obs["screenshot"][30:60].mean() > 200


def test_grayscale_keeps_a_channel_axis(env: gym.Env) -> None:
    wrapped = ResizeScreenshot(env, (120, 54), grayscale=True)
    obs, _ = wrapped.reset(seed=0, options=TASK)
    color = cv2.resize(env.render(), (54, 120), interpolation=cv2.INTER_AREA)
    assert obs["screenshot"].shape == (120, 54, 1)
    assert np.array_equal(obs["screenshot"][:, :, 0], cv2.cvtColor(color, cv2.COLOR_RGB2GRAY))
    assert wrapped.observation_space["screenshot"].shape == (120, 54, 1)


def test_stacking_keeps_the_previous_frames(env: gym.Env) -> None:
    wrapped = StackScreenshots(ResizeScreenshot(env, (100, 45)), frames=3)
    obs, _ = wrapped.reset(seed=0, options=TASK)
    first = obs["screenshot"][:, :, :3].copy()
    assert obs["screenshot"].shape == (100, 45, 9)
    assert all(np.array_equal(obs["screenshot"][:, :, 3 * i : 3 * i + 3], first) for i in range(3))
    obs, *_ = wrapped.step(Action.scroll("down", 0.5))
    assert np.array_equal(obs["screenshot"][:, :, 3:6], first)
    assert not np.array_equal(obs["screenshot"][:, :, 6:], first)  # newest last
    assert wrapped.observation_space.contains(obs)


def test_bad_arguments_are_refused(env: gym.Env) -> None:
    with pytest.raises(ValueError, match="positive"):
        ResizeScreenshot(env, (0, 10))
    with pytest.raises(ValueError, match="at least 1"):
        StackScreenshots(env, frames=0)
    with pytest.raises(TypeError, match="screenshot"):
        ResizeScreenshot(gym.make("CartPole-v1"), (10, 10))
