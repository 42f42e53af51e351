"""A list of devices gives each sub-environment of a vector env its own device."""

from __future__ import annotations

import gymnasium as gym
import pytest

import android_gym  # noqa: F401  (registers the environments)
from android_gym.errors import InvalidChoice
from android_gym.vector import make_vector_env


def test_each_sub_env_gets_its_entry() -> None:
    envs = make_vector_env(2, device=["sim", "sim"], vectorization_mode="sync", max_steps=2)
    try:
        devices = [env.unwrapped.device for env in envs.envs]
        assert devices[0] is not devices[1]
        obs, _ = envs.reset(seed=0)
        assert obs["screenshot"].shape[0] == 2
    finally:
        envs.close()


def test_fewer_devices_than_envs_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="4 sub-environments need 4 devices, one each; got 3"):
        make_vector_env(4, device=["adb:a", "adb:b", "adb:c"])


def test_a_device_listed_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="listed twice: \\['adb:a'\\]"):
        make_vector_env(2, device=["adb:a", "adb:a"])


def test_a_list_given_to_one_env_points_at_make_vector_env() -> None:
    with pytest.raises(InvalidChoice, match="make_vector_env"):
        gym.make("AndroidGeneral-v0", device=["adb:a", "adb:b"])
