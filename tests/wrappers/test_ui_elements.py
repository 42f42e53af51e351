"""UIElementsObservation: element features from the UI hierarchy."""

from __future__ import annotations

import gymnasium as gym
import numpy as np

import android_gym  # noqa: F401
from android_gym import Action
from android_gym.env import EMPTY_HIERARCHY
from android_gym.wrappers import UIElementsObservation, actionable_elements
from android_gym.wrappers.text_features import hashed_bag_of_words
from android_gym.wrappers.ui_elements import FEATURES, element_features

COLUMN = {name: i for i, name in enumerate(FEATURES)}


def test_features_of_the_app_drawer() -> None:
    env = UIElementsObservation(gym.make("AndroidGeneral-v0", render_scale=0.25), max_elements=24)
    obs, info = env.reset(seed=0, options={"task": "Open Maps"})
    obs, _, _, _, info = env.step(Action.scroll("down", 0.5))
    features = obs["ui_elements"]
    elements = actionable_elements(info["ui_xml"])
    assert features.shape == (24, len(FEATURES) + 16) and env.observation_space.contains(obs)
    assert features[:, COLUMN["present"]].sum() == min(24, len(elements))
    maps = [e.label for e in elements].index("Maps")
    row = features[maps]
    x1, y1, x2, y2 = elements[maps].bounds
    assert np.allclose(row[1:5], [x1 / 1080, y1 / 2400, x2 / 1080, y2 / 2400])
    assert row[COLUMN["clickable"]] == 1 and row[COLUMN["instruction_overlap"]] == 1
    assert np.array_equal(row[len(FEATURES) :], hashed_bag_of_words("Maps", 16))
    overlaps = features[:, COLUMN["instruction_overlap"]]
    assert np.flatnonzero(overlaps).tolist() == [maps]  # no other label is mentioned


def test_no_elements_without_a_readable_hierarchy() -> None:
    assert actionable_elements(EMPTY_HIERARCHY) == () and actionable_elements("<html/") == ()
    assert not element_features((), (1080, 2400), "Open Maps", 8, 4).any()


def test_hashed_words_are_stable_and_unicode_aware() -> None:
    a = hashed_bag_of_words("Wetter in Zürich", 64)
    assert np.array_equal(a, hashed_bag_of_words("wetter IN zürich!", 64)) and a.sum() == 3
    assert hashed_bag_of_words("", 8).sum() == 0
