"""UI elements as fixed-size numeric arrays, for policies that read no XML.

`actionable_elements` picks the elements an agent can act on from a uiautomator dump;
`UIElementsObservation` adds their features to the observation, and `DiscreteActions` taps them
by the same index, so element `k` of the observation is what element-tap `k` touches.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from android_gym.errors import DeviceError
from android_gym.ui import UIElement, parse_ui_xml
from android_gym.wrappers.text_features import hashed_bag_of_words, overlap, words

log = logging.getLogger(__name__)

FEATURES = (
    "present",
    "x1",
    "y1",
    "x2",
    "y2",
    "clickable",
    "scrollable",
    "editable",
    "focused",
    "checked",
    "labelled",
    "instruction_overlap",
)
"""The named columns of an element's features; hashed label words follow them."""


@lru_cache(maxsize=16)
def actionable_elements(ui_xml: str) -> tuple[UIElement, ...]:
    """The clickable, scrollable or editable elements of a dump, in document order.

    A dump that does not parse (a real device can return one) has no elements.
    """
    try:
        elements = parse_ui_xml(ui_xml)
    except DeviceError as exc:
        log.debug("no UI elements: %s", exc)
        return ()
    return tuple(e for e in elements if e.clickable or e.scrollable or _editable(e))


def _editable(element: UIElement) -> bool:
    return element.class_name.endswith("EditText")


def element_features(
    elements: tuple[UIElement, ...] | list[UIElement],
    screen_size: tuple[int, int],
    instruction: str,
    max_elements: int,
    label_dims: int,
) -> np.ndarray:
    """float32[max_elements, len(FEATURES) + label_dims] in [0, 1]; rows past the elements are 0.

    Bounds are normalised by the screen size (width, height in device pixels); the last
    columns are the hashed words of the element's label (`text_features`).
    """
    width, height = screen_size
    said = set(words(instruction))
    out = np.zeros((max_elements, len(FEATURES) + label_dims), dtype=np.float32)
    for row, e in zip(out, elements[:max_elements], strict=False):
        x1, y1, x2, y2 = e.bounds
        row[: len(FEATURES)] = (
            1.0,
            x1 / width,
            y1 / height,
            x2 / width,
            y2 / height,
            e.clickable,
            e.scrollable,
            _editable(e),
            e.focused,
            e.checked,
            bool(e.label),
            overlap(e.label, said),
        )
        row[len(FEATURES) :] = hashed_bag_of_words(e.label, label_dims)
    return np.clip(out, 0.0, 1.0)


class UIElementsObservation(gym.Wrapper):
    """Adds `obs["ui_elements"]`: the features (`element_features`) of the first `max_elements`
    actionable elements of `info["ui_xml"]`."""

    def __init__(self, env: gym.Env, max_elements: int = 16, label_dims: int = 16) -> None:
        super().__init__(env)
        if not isinstance(env.observation_space, spaces.Dict):
            raise TypeError(f"UIElementsObservation needs a Dict observation space, got {env}")
        self.max_elements = max_elements
        self.label_dims = label_dims
        shape = (max_elements, len(FEATURES) + label_dims)
        self.observation_space = spaces.Dict(
            {
                **env.observation_space.spaces,
                "ui_elements": spaces.Box(0.0, 1.0, shape, np.float32),
            }
        )

    def reset(self, **kwargs: Any):
        obs, info = self.env.reset(**kwargs)
        return self._add(obs, info), info

    def step(self, action: Any):
        obs, reward, terminated, truncated, info = self.env.step(action)
        return self._add(obs, info), reward, terminated, truncated, info

    def _add(self, obs: dict[str, Any], info: dict[str, Any]) -> dict[str, Any]:
        features = element_features(
            actionable_elements(info["ui_xml"]),
            info["screen_size"],
            obs["instruction"],
            self.max_elements,
            self.label_dims,
        )
        return {**obs, "ui_elements": features}
