"""One sub-environment of an evaluation's vector env: it plays (and records) the episode it is
handed and stays idle between episodes, and nothing raised in it stops the other sub-envs.

The evaluation loop runs Gymnasium's own vector env with autoreset disabled: it resets a
sub-env (through `reset_mask`) when it hands it an episode, with
`options={"episodes": {index: plan or None}}`: each sub-env reads its own entry, so one call
resets several to different tasks. A plan is `{"task_index": i, "record": directory or None}`;
None makes the sub-env idle, and so does the action `Abandon(error)` (its agent raised: the
recording is closed with the error). An idle sub-env answers a step with its last observation
and `info["idle"]`, without touching its device, so the batch can step while episodes have
different lengths. An exception inside the wrapped env ends the
episode `truncated` with the error in `info["error"]` (a failed reset: a blank frame and
`info["error"]`). Recording happens here, in the sub-env's process, so with several envs the
PNG encoding runs in parallel too.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from typing import Any

import gymnasium as gym
import numpy as np

from android_gym.heap import frozen
from android_gym.recording import EpisodeWriter


@dataclass(frozen=True)
class Abandon:
    """The action that ends a sub-env's episode from outside: its agent raised `error`."""

    error: str


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
        self._writer: EpisodeWriter | None = None
        space = env.observation_space["screenshot"]
        self._last: dict[str, Any] = {
            "screenshot": np.zeros(space.shape, dtype=np.uint8),
            "instruction": "",
        }

    def reset(
        self, *, seed: int | None = None, options: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        self._close("reset mid-episode")
        plan = (options or {}).get("episodes", {}).get(self.index)
        if plan is None:
            self.idle = True
            return self._last, {"idle": True}
        self.idle = False
        try:
            obs, info = self.env.reset(seed=seed, options={"task_index": int(plan["task_index"])})
        except Exception as exc:  # reported in the episode's line
            self.idle = True
            return self._last, {"error": error_text(exc)}
        self._last = obs
        if plan.get("record"):
            self._writer = EpisodeWriter(plan["record"], metadata=plan.get("metadata"))
            self._writer.reset(obs, info)
        return obs, info

    def step(self, action: Any) -> tuple[dict[str, Any], float, bool, bool, dict[str, Any]]:
        if isinstance(action, Abandon):
            self.idle = True
            self._close(action.error)
        if self.idle:
            return self._last, 0.0, True, False, {"idle": True}
        try:
            obs, reward, terminated, truncated, info = self.env.step(action)
        except Exception as exc:  # reported in the episode's line
            self.idle = True
            self._close(error_text(exc))
            return self._last, 0.0, False, True, {"error": error_text(exc)}
        self._last = obs
        if self._writer is not None:
            self._writer.step(action, obs, reward, terminated, truncated, info)
        if terminated or truncated:
            self.idle = True
            self._close(str(info.get("error") or "") or None)
        return obs, reward, terminated, truncated, info

    def close(self) -> None:
        self._close("the evaluation stopped mid-episode")
        super().close()

    def _close(self, error: str | None) -> None:
        """Finishes the recording in progress, if any (with the error that ended it)."""
        if self._writer is not None:
            self._writer.close({"exception_info": error})
            self._writer = None


def make_slot_env(
    env_id: str, index: int, env_kwargs: dict[str, Any], *, own_process: bool = False
) -> gym.Env:
    """Sub-env `index`: the env with text actions (agents answer strings) in an `EpisodeSlot`
    (module level, so AsyncVectorEnv's workers can build it). In a process of its own (an
    AsyncVectorEnv worker) it freezes that process's start-up heap (`android_gym.heap`)."""
    from android_gym.wrappers.text_actions import TextActions

    env = EpisodeSlot(TextActions(gym.make(env_id, **env_kwargs)), index)
    return frozen(env) if own_process else env
