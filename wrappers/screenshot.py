"""Screenshot wrappers: resizing (and grayscale) with OpenCV, and stacking recent frames."""

from __future__ import annotations

from collections import deque
from typing import Any

import cv2
import gymnasium as gym
import numpy as np
from gymnasium import spaces


def _screenshot_shape(space: spaces.Space, wrapper: str) -> tuple[int, ...]:
    if not isinstance(space, spaces.Dict) or "screenshot" not in space.spaces:
        raise TypeError(f"{wrapper} needs a Dict observation space with 'screenshot', got {space}")
    return space["screenshot"].shape


def _with_screenshot(space: spaces.Dict, shape: tuple[int, ...]) -> spaces.Dict:
    return spaces.Dict({**space.spaces, "screenshot": spaces.Box(0, 255, shape, np.uint8)})


class ResizeScreenshot(gym.ObservationWrapper):
    """Resizes `obs["screenshot"]` to `size` = (height, width) with OpenCV; with `grayscale`
    the screenshot becomes (height, width, 1).

    `cv2.INTER_AREA` (the default) averages the pixels each output pixel covers, which keeps
    thin text and icons visible when shrinking a phone screen many times over.
    """

    def __init__(
        self,
        env: gym.Env,
        size: tuple[int, int],
        grayscale: bool = False,
        interpolation: int = cv2.INTER_AREA,
    ) -> None:
        super().__init__(env)
        _screenshot_shape(env.observation_space, "ResizeScreenshot")
        height, width = (int(v) for v in size)
        if height < 1 or width < 1:
            raise ValueError(f"size must be (height, width) with positive sizes, got {size!r}")
        self.size = (height, width)
        self.grayscale = grayscale
        self.interpolation = interpolation
        shape = (height, width, 1 if grayscale else 3)
        self.observation_space = _with_screenshot(env.observation_space, shape)

    def observation(self, observation: dict[str, Any]) -> dict[str, Any]:
        frame = np.asarray(observation["screenshot"], dtype=np.uint8)
        height, width = self.size
        if frame.shape[:2] != self.size:
            frame = cv2.resize(frame, (width, height), interpolation=self.interpolation)
        if self.grayscale:
            frame = cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY)[:, :, None]
        return {**observation, "screenshot": np.ascontiguousarray(frame)}


class StackScreenshots(gym.Wrapper):
    """Stacks the last `frames` screenshots along the channel axis (oldest first), so a
    pixel policy sees what the screen was before its last actions; the other keys are the
    latest observation's. A reset fills the stack with the first frame."""

    def __init__(self, env: gym.Env, frames: int = 2) -> None:
        super().__init__(env)
        if frames < 1:
            raise ValueError(f"frames must be at least 1, got {frames}")
        height, width, channels = _screenshot_shape(env.observation_space, "StackScreenshots")
        stacked = (height, width, channels * frames)
        self.observation_space = _with_screenshot(env.observation_space, stacked)
        self._frames: deque[np.ndarray] = deque(maxlen=frames)

    def reset(self, **kwargs: Any):
        obs, info = self.env.reset(**kwargs)
        self._frames.extend([obs["screenshot"]] * self._frames.maxlen)
        return self._stacked(obs), info

    def step(self, action: Any):
        obs, reward, terminated, truncated, info = self.env.step(action)
        self._frames.append(obs["screenshot"])
        return self._stacked(obs), reward, terminated, truncated, info

    def _stacked(self, obs: dict[str, Any]) -> dict[str, Any]:
        return {**obs, "screenshot": np.concatenate(self._frames, axis=2)}


class ScreenshotOnly(gym.Wrapper, gym.utils.RecordConstructorArgs):
    """Observations become the screenshot array alone, the view Atari-style code takes (a Box
    image, as in CleanRL's scripts); the instruction stays in `info["instruction"]`.

    Put it after the screenshot wrappers (`ResizeScreenshot`, `StackScreenshots`); other
    observation keys (such as `ui_elements`) are dropped.
    """

    def __init__(self, env: gym.Env) -> None:
        gym.utils.RecordConstructorArgs.__init__(self)
        super().__init__(env)
        _screenshot_shape(env.observation_space, "ScreenshotOnly")
        self.observation_space = env.observation_space["screenshot"]

    def reset(self, **kwargs: Any):
        obs, info = self.env.reset(**kwargs)
        return obs["screenshot"], {**info, "instruction": obs["instruction"]}

    def step(self, action: Any):
        obs, reward, terminated, truncated, info = self.env.step(action)
        info = {**info, "instruction": obs["instruction"]}
        return obs["screenshot"], reward, terminated, truncated, info
