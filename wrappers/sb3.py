"""Stable-Baselines3 compatibility: observations as a flat Dict of numeric Boxes.

SB3 takes Box, Discrete, MultiDiscrete and MultiBinary spaces and Dicts of them (not text).
`SB3Wrapper` keeps the uint8 screenshot (SB3's CNN input) and every other Box key (such as
`ui_elements`), and encodes the instruction as a hashed bag of words; `make_sb3_env` builds the
whole chain for pixel or element policies.
"""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from android_gym.wrappers.discrete import DiscreteActions
from android_gym.wrappers.screenshot import ResizeScreenshot
from android_gym.wrappers.text_features import hashed_bag_of_words
from android_gym.wrappers.ui_elements import UIElementsObservation

SB3_ACTION_SPACES = (spaces.Discrete, spaces.MultiDiscrete, spaces.MultiBinary, spaces.Box)


class SB3Wrapper(gym.ObservationWrapper):
    """Observations SB3 can take: `instruction` becomes float32[instruction_dims] (hashed
    words, `text_features`), other Box keys are flattened to vectors, and the uint8
    `screenshot` image is kept when `screenshot` is true.

    The action space must already be one SB3 takes (wrap in `DiscreteActions` first).
    """

    def __init__(self, env: gym.Env, instruction_dims: int = 64, screenshot: bool = True) -> None:
        super().__init__(env)
        if not isinstance(env.action_space, SB3_ACTION_SPACES):
            raise TypeError(
                f"SB3 cannot take the action space {env.action_space}; wrap the env in "
                "android_gym.wrappers.DiscreteActions first"
            )
        source = env.observation_space
        if not isinstance(source, spaces.Dict) or "instruction" not in source.spaces:
            raise TypeError(f"SB3Wrapper needs an AndroidEnv Dict observation, got {source}")
        self.instruction_dims = instruction_dims
        self.keys = [
            k
            for k, s in source.spaces.items()
            if isinstance(s, spaces.Box) and (screenshot or k != "screenshot")
        ]
        others = set(source.spaces) - set(self.keys) - {"instruction", "screenshot"}
        if others:
            raise TypeError(f"SB3Wrapper cannot encode the observation keys {sorted(others)}")
        self.observation_space = spaces.Dict(
            {
                **{k: source[k] if k == "screenshot" else _flat(source[k]) for k in self.keys},
                "instruction": spaces.Box(0.0, 1.0, (instruction_dims,), np.float32),
            }
        )

    def observation(self, observation: dict[str, Any]) -> dict[str, Any]:
        out = {
            k: observation[k] if k == "screenshot" else np.ravel(observation[k]) for k in self.keys
        }
        out["instruction"] = hashed_bag_of_words(observation["instruction"], self.instruction_dims)
        return out


def _flat(box: spaces.Box) -> spaces.Box:
    return spaces.Box(box.low.ravel(), box.high.ravel(), dtype=box.dtype)


def make_sb3_env(
    observation: str = "elements",
    screenshot_size: tuple[int, int] = (80, 36),
    grayscale: bool = False,
    max_elements: int = 24,
    grid: tuple[int, int] = (10, 5),
    env_id: str = "AndroidGeneral-v0",
    **env_kwargs: Any,
) -> gym.Env:
    """An env SB3 can train on: `DiscreteActions` and `SB3Wrapper` observations.

    `observation` "pixels": the screenshot resized to `screenshot_size` = (height, width) (SB3's
    CNN needs at least 36x36; sizes that divide the render size resize fastest), and taps on a
    `grid` of rows x columns. "elements": `UIElementsObservation` features of `max_elements`
    elements and taps on those elements, no pixels. Both also swipe, press keys and type.
    `env_kwargs` go to `gym.make` (`tasks=`, `split=`, `max_steps=`, `render_scale=`, ...).
    """
    if observation not in ("pixels", "elements"):
        raise ValueError(f"observation must be 'pixels' or 'elements', got {observation!r}")
    env = gym.make(env_id, **env_kwargs)
    if observation == "pixels":
        env = ResizeScreenshot(env, screenshot_size, grayscale=grayscale)
        env = DiscreteActions(env, grid=grid, ui_elements=0)
    else:
        env = UIElementsObservation(env, max_elements=max_elements)
        env = DiscreteActions(env, grid=None, ui_elements=max_elements)
    return SB3Wrapper(env, screenshot=observation == "pixels")
