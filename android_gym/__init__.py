"""android_gym: a Gymnasium suite for Android control.

Importing the package registers the environments:

    import gymnasium as gym
    import android_gym

    env = gym.make("AndroidGeneral-v0", split="test")
    shop = gym.make("AndroidWebShopping-v0", split="test")  # horizon 20
    obs, info = env.reset(seed=0, options={"task": "What's the news in Chile?"})
"""

from __future__ import annotations

import gymnasium as gym

from android_gym import source_layout
from android_gym.actions import ACTION_TYPES, Action, ActionType
from android_gym.errors import (
    ActionParseError,
    AndroidGymError,
    DeviceError,
    InvalidArgument,
    InvalidChoice,
    InvalidTask,
    TaskFileError,
    UnsupportedTask,
)
from android_gym.tasks import Task, load_suite, load_task_file, parse_instruction
from android_gym.ui import UIElement, parse_ui_xml
from android_gym.vector import make_vector_env  # also registers shared memory for UnicodeText

__version__ = "0.1.0"

source_layout.install()  # android_gym.wrappers lives in the top-level wrappers/ folder

ENVIRONMENTS = {
    "AndroidGeneral-v0": {"suite": "general"},
    "AndroidWebShopping-v0": {"suite": "web_shopping"},
}
"""Registered environments: each runs one suite, with that suite's horizon (General 10 steps,
Web Shopping 20)."""

for _env_id, _kwargs in ENVIRONMENTS.items():
    if _env_id not in gym.registry:
        # Gymnasium's passive checker is off by default: in Gymnasium 1.4 a first reset that
        # raises (a bad option, an unsupported instruction) leaves it broken for every later
        # step (docs/environment.md, "After a failed reset"). The tests run the full
        # `gymnasium.utils.env_checker.check_env` instead; `disable_env_checker=False` turns
        # the passive one back on.
        gym.register(
            _env_id,
            entry_point="android_gym.env:AndroidEnv",
            kwargs=_kwargs,
            disable_env_checker=True,
        )

__all__ = [
    "ACTION_TYPES",
    "Action",
    "ActionParseError",
    "ActionType",
    "AndroidGymError",
    "DeviceError",
    "InvalidArgument",
    "InvalidChoice",
    "InvalidTask",
    "Task",
    "TaskFileError",
    "UIElement",
    "UnsupportedTask",
    "load_suite",
    "load_task_file",
    "make_vector_env",
    "parse_instruction",
    "parse_ui_xml",
]
