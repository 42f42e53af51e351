"""A MultiDiscrete action space over `DiscreteActions`, for libraries whose default action
distributions are per-dimension categoricals (RLlib's MultiCategorical, CleanRL's
`ppo_multidiscrete`, Tianshou's MultiDiscrete policies)."""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from android_gym.wrappers.discrete import DiscreteActions


class MultiDiscreteActions(gym.ActionWrapper, gym.utils.RecordConstructorArgs):
    """`MultiDiscrete([parts, width])` actions: which part of the `DiscreteActions` layout
    (grid taps, element taps, swipes and keys, typing; `parts()`), and which action in it.

    `width` is the largest part's size; in a smaller part the second index wraps around
    (`index % size`), so every pair is an action and the pair `(p, i)` is the discrete index
    `offset[p] + i % size[p]`. The env must be (or wrap) a `DiscreteActions`.
    """

    def __init__(self, env: gym.Env) -> None:
        gym.utils.RecordConstructorArgs.__init__(self)
        super().__init__(env)
        self.parts = _discrete_actions(env).parts()
        sizes = np.array([size for _, size in self.parts])
        self.sizes = sizes
        self.offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        self.action_space = spaces.MultiDiscrete([len(sizes), int(sizes.max())])

    def action(self, action: Any) -> int:
        part, index = (int(a) for a in np.asarray(action).reshape(-1))
        if not (0 <= part < len(self.sizes) and 0 <= index < self.action_space.nvec[1]):
            raise ValueError(f"action {action!r} is outside {self.action_space}")
        return int(self.offsets[part] + index % self.sizes[part])


def _discrete_actions(env: gym.Env) -> DiscreteActions:
    """The `DiscreteActions` whose indices `env` takes unchanged (observation wrappers may be
    around it, not other action wrappers)."""
    inner = env
    while not isinstance(inner, DiscreteActions):
        if not isinstance(inner, gym.Wrapper) or inner.action_space != inner.env.action_space:
            raise TypeError(
                f"MultiDiscreteActions needs a DiscreteActions env, got actions {env.action_space}"
            )
        inner = inner.env
    return inner
