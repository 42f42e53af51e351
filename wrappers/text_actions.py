"""Actions as text: what language-model policies emit."""

from __future__ import annotations

from typing import Any

import gymnasium as gym

from android_gym.spaces import UnicodeText

MAX_ACTION_TEXT = 1024


class TextActions(gym.ActionWrapper):
    """The action space becomes text: AutoUI "Action Decision: ..." strings, JSON or CogAgent
    operations (`Action.parse`), passed to the environment as sent (an `Action` works too).

    The environment parses them and turns what does not parse into a flagged no-op, as for any
    action; declaring a text space lets vector envs batch string actions (a tuple of str, one
    per sub-env) and lets libraries sample and check them.
    """

    def __init__(self, env: gym.Env, max_length: int = MAX_ACTION_TEXT) -> None:
        super().__init__(env)
        self.action_space = UnicodeText(max_length)

    def action(self, action: Any) -> Any:
        return action
