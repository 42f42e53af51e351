"""Gymnasium wrappers for AndroidEnv: observation size, simple action spaces, SB3, text
actions, UI elements as arrays, and episode recording. See docs/wrappers.md."""

from android_gym.wrappers.discrete import DiscreteActions, typing_candidates
from android_gym.wrappers.record import RecordEpisodes
from android_gym.wrappers.sb3 import SB3Wrapper, make_sb3_env
from android_gym.wrappers.screenshot import ResizeScreenshot, StackScreenshots
from android_gym.wrappers.text_actions import TextActions
from android_gym.wrappers.ui_elements import UIElementsObservation, actionable_elements

__all__ = [
    "DiscreteActions",
    "RecordEpisodes",
    "ResizeScreenshot",
    "SB3Wrapper",
    "StackScreenshots",
    "TextActions",
    "UIElementsObservation",
    "actionable_elements",
    "make_sb3_env",
    "typing_candidates",
]
