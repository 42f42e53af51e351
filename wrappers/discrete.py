"""A Discrete action space over AitW actions, for libraries that need simple spaces.

Index layout, in this order (each part can be switched off):

1. taps at the centres of a `grid` of rows x columns over the whole screen;
2. taps on the first `ui_elements` actionable elements of `info["ui_xml"]` (the same elements,
   in the same order, as `UIElementsObservation`);
3. four swipes: scrolls down, up, left and right (`Action.scroll`);
4. PRESS_BACK, PRESS_HOME, PRESS_ENTER;
5. typing candidate strings taken from the instruction (`typing_candidates`).

An index whose element or candidate does not exist on this step is a flagged no-op
(`info["invalid_action"]`, `info["invalid_reason"]` "parse_error"), as any malformed action is;
`action_masks()` says which exist. Existing actions are judged by the environment like any other
(a grid tap on empty wallpaper is flagged "tap_on_nothing", a swipe that scrolls nothing
"no_effect").
"""

from __future__ import annotations

import re
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from android_gym.actions import Action, ActionType
from android_gym.ui import UIElement
from android_gym.wrappers.ui_elements import actionable_elements

SWIPES = ("down", "up", "left", "right")
KEYS = (ActionType.PRESS_BACK, ActionType.PRESS_HOME, ActionType.PRESS_ENTER)
CANDIDATES = ("instruction", "request", "quoted", "site")
"""What each typing slot holds: the whole instruction; the instruction without a leading
command and end punctuation; the first quoted phrase; the first web address."""

_COMMAND = re.compile(
    r"^(please\s+)?(search( google)?( for)?|look up|find|show me|go to|open|launch|start)\s+",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"""(?:^|(?<=\s))["'‘“]([^"'‘’“”]+)["'’”](?=$|[\s.,;:!?])""")
_SITE = re.compile(r"\b(?:https?://)?(?:[\w-]+\.)+(?:com|org|net|edu|gov|io|co|uk|de)\b\S*")
_NO_OP = {"action_type": "TYPE", "typed_text": ""}
"""What the env receives for a missing element or candidate: a malformed action, a no-op."""


def typing_candidates(instruction: str) -> tuple[str | None, ...]:
    """One string (or None) per slot of `CANDIDATES`, taken from `instruction`."""
    text = " ".join(instruction.split())
    request = _COMMAND.sub("", text).rstrip("?.! ")
    quoted = _QUOTED.search(text)
    site = _SITE.search(text)
    return (
        text or None,
        request if request and request != text else None,
        (quoted.group(1).strip() or None) if quoted else None,
        site.group(0).rstrip(".,;!?") if site else None,
    )


class DiscreteActions(gym.Wrapper):
    """`Discrete(n)` actions mapped to AitW actions (layout in the module docstring).

    Args:
        grid: (rows, columns) of tap targets, or None for none.
        ui_elements: how many element taps.
        swipes, keys: include the four swipes and the three keys.
        typing: how many typing slots (a prefix of `CANDIDATES`).

    `elements` holds the elements that element taps touch in the current state.
    """

    def __init__(
        self,
        env: gym.Env,
        grid: tuple[int, int] | None = (10, 5),
        ui_elements: int = 16,
        swipes: bool = True,
        keys: bool = True,
        typing: int = 2,
    ) -> None:
        super().__init__(env)
        if not 0 <= typing <= len(CANDIDATES):
            raise ValueError(f"typing must be in 0..{len(CANDIDATES)}, got {typing}")
        rows, cols = grid if grid is not None else (0, 0)
        self.taps = [
            Action.tap((r + 0.5) / rows, (c + 0.5) / cols) for r in range(rows) for c in range(cols)
        ]
        self.ui_elements = ui_elements
        self.fixed = [Action.scroll(d) for d in SWIPES] if swipes else []
        self.fixed += [Action.key(k) for k in KEYS] if keys else []
        self.typing = typing
        self.n = len(self.taps) + ui_elements + len(self.fixed) + typing
        if self.n == 0:
            raise ValueError("DiscreteActions needs at least one action")
        self.action_space = spaces.Discrete(self.n)
        self.elements: tuple[UIElement, ...] = ()
        self._candidates: tuple[str | None, ...] = ()
        self._screen = (1, 1)

    def reset(self, **kwargs: Any):
        obs, info = self.env.reset(**kwargs)
        self._observe(obs, info)
        return obs, info

    def step(self, action: Any):
        index = int(action)
        if not 0 <= index < self.n:
            raise ValueError(f"action {index} out of range: this space has {self.n} actions")
        chosen, missing = self._action(index)
        obs, reward, terminated, truncated, info = self.env.step(chosen)
        if missing:
            info = {**info, "action_error": missing}
        self._observe(obs, info)
        return obs, reward, terminated, truncated, info

    def action_masks(self) -> np.ndarray:
        """bool[n]: which actions exist in the current state (for MaskablePPO and the like)."""
        return np.array([not self._action(i)[1] for i in range(self.n)], dtype=bool)

    def parts(self) -> list[tuple[str, int]]:
        """The index layout: (part, how many indices) in order, empty parts left out."""
        sizes = [
            ("grid taps", len(self.taps)),
            ("element taps", self.ui_elements),
            ("swipes and keys", len(self.fixed)),
            ("typing", self.typing),
        ]
        return [(name, size) for name, size in sizes if size]

    def describe(self, index: int) -> str:
        """What action `index` means now, for logs and debugging."""
        chosen, missing = self._action(index)
        return missing or str(chosen)

    def _observe(self, obs: dict[str, Any], info: dict[str, Any]) -> None:
        self.elements = actionable_elements(info["ui_xml"])[: self.ui_elements]
        self._candidates = typing_candidates(obs["instruction"])[: self.typing]
        self._screen = tuple(info["screen_size"])

    def _action(self, index: int) -> tuple[Action | dict[str, str], str]:
        """The action for `index`, and why it does not exist ("" when it does)."""
        if index < len(self.taps):
            return self.taps[index], ""
        index -= len(self.taps)
        if index < self.ui_elements:
            if index >= len(self.elements):
                return _NO_OP, f"UI element {index} does not exist ({len(self.elements)} shown)"
            return Action.tap(*self.elements[index].center_yx(*self._screen)), ""
        index -= self.ui_elements
        if index < len(self.fixed):
            return self.fixed[index], ""
        index -= len(self.fixed)
        text = self._candidates[index] if index < len(self._candidates) else None
        if text is None:
            return _NO_OP, f"the instruction has no {CANDIDATES[index]} to type"
        return Action.type_text(text), ""
