"""The device latency model: delay distributions, presets, overrides, the waiting device."""

from __future__ import annotations

import numpy as np
import pytest

from android_gym.devices.sim import SimDevice
from distrl_agent.config import ConfigError, LatencyConfig
from distrl_agent.runtime.components import make_env
from distrl_agent.runtime.latency import (
    PRESETS,
    DelayDistribution,
    LatentDevice,
    profile_from_config,
)


def test_delays_have_the_base_a_lognormal_body_and_a_capped_pareto_tail():
    rng = np.random.default_rng(0)
    body = DelayDistribution(base_s=5.0, median_s=1.5, sigma=0.6, max_s=60.0)
    samples = np.array([body.sample(rng) for _ in range(20_000)])
    assert samples.min() >= 5.0 and abs(np.median(samples) - 6.5) < 0.05
    assert abs(np.std(np.log(samples - 5.0)) - 0.6) < 0.02
    stalls = DelayDistribution(base_s=5.0, stall_prob=0.05, stall_scale_s=5.0, max_s=60.0)
    samples = np.array([stalls.sample(rng) for _ in range(40_000)]) - 5.0
    stalled = samples[samples > 0]
    assert abs(len(stalled) / len(samples) - 0.05) < 0.005
    assert stalled.min() >= 5.0 and stalled.max() <= 55.0  # capped at max_s in total
    assert abs(np.mean(stalled > 20.0) - (5.0 / 20.0) ** 1.5) < 0.03  # Pareto(5, 1.5) tail


def test_emulator_preset_is_seconds_per_step_and_tens_of_seconds_per_reset():
    rng = np.random.default_rng(1)
    profile = PRESETS["emulator"]
    steps = [profile.step.sample(rng) for _ in range(5_000)]
    resets = [profile.reset.sample(rng) for _ in range(5_000)]
    assert 6.0 < np.mean(steps) < 9.0
    assert 25.0 < np.mean(resets) < 40.0
    assert PRESETS["none"].step.sample(rng) == 0.0


def test_overrides_replace_preset_fields_and_unknown_keys_are_refused():
    profile = profile_from_config(
        LatencyConfig(preset="emulator", overrides={"step.base_s": 1.0, "reset.stall_prob": 0})
    )
    assert profile.step.base_s == 1.0 and profile.reset.stall_prob == 0.0
    assert profile.step.median_s == PRESETS["emulator"].step.median_s
    with pytest.raises(ConfigError, match=r"step\.<field>"):
        profile_from_config(LatencyConfig(preset="emulator", overrides={"step.bogus": 1.0}))


def test_latent_device_waits_a_reset_delay_then_a_step_delay_per_observation():
    waits: list[float] = []
    profile = PRESETS["emulator"]
    device = LatentDevice(SimDevice(), profile, time_scale=0.01, seed=3, sleep=waits.append)
    device.screenshot()  # the environment's first look: free
    assert waits == []
    device.reset(0)
    device.screenshot()  # the observation of the reset: covered by the reset delay
    assert len(waits) == 1 and 0.15 <= waits[0] <= 1.2
    device.tap(500, 1200)
    device.screenshot()
    assert len(waits) == 2 and 0.05 <= waits[1] <= 0.6
    assert device.waited_s == pytest.approx(sum(waits))


def test_environment_with_latency_takes_about_the_scaled_time(config):
    config.latency = LatencyConfig(preset="emulator", time_scale=0.002)
    env = make_env(config, "train", seed=0)
    device = env.unwrapped.device
    assert isinstance(device, LatentDevice)
    env.reset(seed=0, options={"task_index": 0})
    for _ in range(3):
        env.step("PRESS_HOME")
    assert 3 * 0.002 * 5.0 + 0.002 * 15.0 <= device.waited_s < 1.0
    assert make_env(config, "train", latency=False).unwrapped.device.__class__ is SimDevice
