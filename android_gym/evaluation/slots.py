"""One sub-environment of an evaluation's vector env: it plays the episode it is handed and
stays idle between episodes, and nothing raised in it stops the other sub-environments.

The evaluation loop runs Gymnasium's own vector env with autoreset disabled: it resets a
sub-env (through `reset_mask`) when it hands it an episode, with
`options={"episodes": {index: task_index or None}}` (each sub-env reads its own entry, so one
call resets several to different tasks; None makes it idle). An idle sub-env answers a step with
its last observation and `info["idle"]`, without touching its device, so the batch can step
while episodes have different lengths. An exception inside the wrapped env ends the episode
`truncated` with the traceback's last line in `info["error"]` (a failed reset: a blank frame and
`info["error"]`).
"""

from __future__ import annotations

import traceback
from typing import Any

import gymnasium as gym
import numpy as np


def error_text(exc: BaseException) -> str:
    """`Type: message` and the place it was raised: what `exception_info` records."""
    where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    place = f" (at {where[0].filename}:{where[0].lineno})" if where else ""
    return f"{type(exc).__name__}: {exc}{place}"


class EpisodeSlot(gym.Wrapper):
    """Sub-env `index` of an evaluation (see the module docstring)."""

    def __init__(self, env: gym.Env, index: int) -> None:
        super().__init__(env)
        self.index = index
        self.idle = True
        space = env.observation_space["screenshot"]
        self._last: dict[str, Any] = {
            "screenshot": np.zeros(space.shape, dtype=np.uint8),
            "instruction": "",
        }

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        task_index = (options or {}).get("episodes", {}).get(self.index)
        if task_index is None:
            self.idle = True
            return self._last, {"idle": True}
        self.idle = False
        try:
            obs, info = self.env.reset(seed=seed, options={"task_index": int(task_index)})
        except Exception as exc:
            self.idle = True
            return self._last, {"error": error_text(exc)}
        self._last = obs
        return obs, info

    def step(self, action: Any) -> tuple[dict[str, Any], float, bool, bool, dict[str, Any]]:
        if self.idle:
            return self._last, 0.0, True, False, {"idle": True}
        try:
            obs, reward, terminated, truncated, info = self.env.step(action)
        except Exception as exc:
            self.idle = True
            return self._last, 0.0, False, True, {"error": error_text(exc)}
        self._last = obs
        if terminated or truncated:
            self.idle = True
        return obs, reward, terminated, truncated, info


def make_slot_env(env_id: str, index: int, env_kwargs: dict[str, Any]) -> gym.Env:
    """Sub-env `index`: the env with text actions (agents answer strings) in an `EpisodeSlot`
    (module level, so AsyncVectorEnv's workers can build it)."""
    from android_gym.wrappers.text_actions import TextActions

    return EpisodeSlot(TextActions(gym.make(env_id, **env_kwargs)), index)
