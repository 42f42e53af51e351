"""Gymnasium wrappers for AndroidEnv: observation size, simple action spaces, SB3, text
actions, text as bytes, UI elements as arrays, episode recording. The adapters to other RL
libraries import those libraries, so they are imported on their own:
`android_gym.wrappers.torchrl_env`, `android_gym.wrappers.rllib_env`. See docs/wrappers.md."""

from android_gym.wrappers.discrete import DiscreteActions, typing_candidates
from android_gym.wrappers.multi_discrete import MultiDiscreteActions
from android_gym.wrappers.record import RecordEpisodes
from android_gym.wrappers.sb3 import SB3Wrapper, make_sb3_env
from android_gym.wrappers.screenshot import ResizeScreenshot, ScreenshotOnly, StackScreenshots
from android_gym.wrappers.text_actions import TextActions
from android_gym.wrappers.text_bytes import TextToBytes, decode_text, encode_text
from android_gym.wrappers.ui_elements import UIElementsObservation, actionable_elements

__all__ = [
    "DiscreteActions",
    "MultiDiscreteActions",
    "RecordEpisodes",
    "ResizeScreenshot",
    "SB3Wrapper",
    "ScreenshotOnly",
    "StackScreenshots",
    "TextActions",
    "TextToBytes",
    "UIElementsObservation",
    "actionable_elements",
    "decode_text",
    "encode_text",
    "make_sb3_env",
    "typing_candidates",
]
