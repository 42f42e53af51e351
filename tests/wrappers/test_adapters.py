"""The adapters for other libraries: TextToBytes, MultiDiscreteActions, ScreenshotOnly."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest
from gymnasium import spaces
from gymnasium.utils.env_checker import check_env

import android_gym  # noqa: F401
from android_gym.wrappers import (
    DiscreteActions,
    MultiDiscreteActions,
    ResizeScreenshot,
    ScreenshotOnly,
    TextToBytes,
    UIElementsObservation,
    decode_text,
    encode_text,
)

ZURICH = "What's the weather like in Zürich? ☀️"


def _env(**kwargs) -> gym.Env:
    return gym.make("AndroidGeneral-v0", render_scale=0.25, **kwargs)


@pytest.mark.filterwarnings("ignore:.*different from the unwrapped version")
def test_text_to_bytes_is_lossless_and_in_its_space() -> None:
    env = TextToBytes(_env())
    space = env.observation_space
    assert space["instruction"] == spaces.Box(0, 255, (4 * 512,), np.uint8)
    assert "instruction_length" in space.spaces
    obs, _ = env.reset(seed=0, options={"task": ZURICH})
    assert space.contains(obs)
    assert decode_text(obs["instruction"], obs["instruction_length"]) == ZURICH
    assert obs["instruction_length"][0] == len(ZURICH.encode("utf-8")) > len(ZURICH)
    assert env.decode(obs)["instruction"] == ZURICH and "instruction_length" not in env.decode(obs)
    check_env(env, skip_render_check=True)


def test_encode_text_refuses_what_does_not_fit() -> None:
    data, length = encode_text("ü", 2)
    assert data.tolist() == [0xC3, 0xBC] and length.tolist() == [2]
    with pytest.raises(ValueError, match="3 UTF-8 bytes does not fit in 2"):
        encode_text("üa", 2)


def test_text_to_bytes_needs_a_text_key() -> None:
    with pytest.raises(TypeError, match="no Text key"):
        TextToBytes(TextToBytes(_env()))


def test_shared_memory_carries_the_bytes_of_each_sub_env() -> None:
    envs = gym.vector.AsyncVectorEnv([lambda: TextToBytes(_env())] * 2, shared_memory=True)
    try:
        obs, _ = envs.reset(seed=0, options={"task": ZURICH})
        for i in range(2):
            assert decode_text(obs["instruction"][i], obs["instruction_length"][i]) == ZURICH
        seen = set()
        for _ in range(12):
            obs, _, _, _, info = envs.step(envs.action_space.sample())
            for i in range(2):
                text = decode_text(obs["instruction"][i], obs["instruction_length"][i])
                assert text == info["instruction"][i]
                seen.add(text)
        assert len(seen) > 1  # episodes ended and new tasks came through the same memory
    finally:
        envs.close()


def test_multi_discrete_pairs_are_the_discrete_indices() -> None:
    inner = DiscreteActions(UIElementsObservation(_env()), grid=(2, 3), ui_elements=4, typing=2)
    env = MultiDiscreteActions(inner)
    assert [size for _, size in env.parts] == [6, 4, 7, 2]
    assert env.action_space == spaces.MultiDiscrete([4, 7])
    indices = [env.action((p, i)) for p in range(4) for i in range(7)]
    assert sorted(set(indices)) == list(range(inner.n))  # every discrete action has a pair
    assert env.action((1, 2)) == 6 + 2 and env.action((3, 1)) == 6 + 4 + 7 + 1
    assert env.action((3, 2)) == 6 + 4 + 7 + 0  # wraps in the 2-slot typing part
    env.reset(seed=0, options={"task": "Open the clock app"})
    home = 6 + 4 + 4 + 1  # swipes first, then BACK, HOME, ENTER
    assert "PRESS_HOME" in inner.describe(home)
    _, _, _, _, info = env.step(np.array([2, 5]))
    assert '"PRESS_HOME"' in info["action"]
    with pytest.raises(ValueError, match="outside MultiDiscrete"):
        env.action((4, 0))


def test_multi_discrete_needs_discrete_actions() -> None:
    with pytest.raises(TypeError, match="needs a DiscreteActions env"):
        MultiDiscreteActions(_env())


def test_screenshot_only_keeps_the_instruction_in_info() -> None:
    resized = ResizeScreenshot(_env(), (100, 45), grayscale=True)
    env = ScreenshotOnly(DiscreteActions(resized, grid=(2, 2), ui_elements=0))
    assert env.observation_space == spaces.Box(0, 255, (100, 45, 1), np.uint8)
    obs, info = env.reset(seed=0, options={"task": ZURICH})
    assert env.observation_space.contains(obs) and info["instruction"] == ZURICH
    obs, _, _, _, info = env.step(4)  # the first swipe
    assert env.observation_space.contains(obs) and info["instruction"] == ZURICH
