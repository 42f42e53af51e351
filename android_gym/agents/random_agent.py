"""A uniformly random agent: the floor every learning agent must beat."""

from __future__ import annotations

from typing import Any

import numpy as np

from android_gym.actions import Action, ActionType

_KEYS = (
    ActionType.PRESS_BACK,
    ActionType.PRESS_HOME,
    ActionType.PRESS_ENTER,
    ActionType.STATUS_TASK_COMPLETE,
)


class RandomAgent:
    """Random taps (most of the time), swipes, typed words of the instruction and keys.

    `probabilities` weight (tap, swipe, type, key); seeded by `seed`.
    """

    def __init__(
        self,
        seed: int | None = None,
        probabilities: tuple[float, float, float, float] = (0.6, 0.15, 0.1, 0.15),
    ) -> None:
        total = float(sum(probabilities))
        if total <= 0 or min(probabilities) < 0:
            raise ValueError(
                f"probabilities must be non-negative with a positive sum, got {probabilities}"
            )
        self.p = np.asarray(probabilities, dtype=float) / total
        self.rng = np.random.default_rng(seed)

    def act(self, obs: dict[str, Any], info: dict[str, Any]) -> Action:
        kind = int(self.rng.choice(4, p=self.p))
        if kind == 0:
            y, x = self.rng.random(2)
            return Action.tap(float(y), float(x))
        if kind == 1:
            touch, lift = self.rng.random(2), self.rng.random(2)
            return Action.swipe(
                (float(touch[0]), float(touch[1])), (float(lift[0]), float(lift[1]))
            )
        if kind == 2:
            words = obs["instruction"].split() or ["a"]
            start = int(self.rng.integers(len(words)))
            return Action.type_text(" ".join(words[start : start + int(self.rng.integers(1, 4))]))
        return Action.key(_KEYS[int(self.rng.integers(len(_KEYS)))])
