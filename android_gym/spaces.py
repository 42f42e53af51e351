"""The observation and action spaces of AndroidEnv."""

from __future__ import annotations

import string
from typing import Any

import numpy as np
from gymnasium import spaces

from android_gym.actions import ACTION_TYPES
from android_gym.errors import InvalidTask, quote

PRINTABLE = string.ascii_letters + string.digits + string.punctuation + " "
MAX_INSTRUCTION = 512
MAX_TYPED_TEXT = 128


def check_instruction(instruction: Any) -> str:
    """`instruction` when it is a string an observation can hold (1 to `MAX_INSTRUCTION`
    characters of valid Unicode); else `InvalidTask` (an `UnsupportedTask`) saying why.
    Instructions are checked where they enter (a task, a parse), not in a vector env's worker
    at reset."""
    if not isinstance(instruction, str):
        raise InvalidTask(
            f"an instruction must be a string, got {type(instruction).__name__} "
            f"{quote(instruction)}"
        )
    if not instruction:
        raise InvalidTask("empty instruction")
    if len(instruction) > MAX_INSTRUCTION:
        raise InvalidTask(
            f"instruction of {len(instruction):,} characters is longer than the "
            f"{MAX_INSTRUCTION} an observation holds: {quote(instruction)}"
        )
    try:
        instruction.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidTask(
            f"instruction holds a lone surrogate at position {exc.start}; it must be valid "
            f"Unicode: {quote(instruction)}"
        ) from None
    return instruction


class UnicodeText(spaces.Text):
    """A Text space whose members may use any Unicode character.

    Instructions are free text (accents, quotes, any script); Gymnasium's `Text` only admits a
    fixed charset. Samples still draw from the printable ASCII charset.
    """

    def __init__(self, max_length: int, min_length: int = 0) -> None:
        super().__init__(max_length=max_length, min_length=min_length, charset=PRINTABLE)

    def contains(self, x: Any) -> bool:
        return isinstance(x, str) and self.min_length <= len(x) <= self.max_length

    def __repr__(self) -> str:
        return f"UnicodeText({self.min_length}, {self.max_length})"


def observation_space(height: int, width: int) -> spaces.Dict:
    """{"screenshot": uint8[height, width, 3], "instruction": text}."""
    return spaces.Dict(
        {
            "screenshot": spaces.Box(0, 255, (height, width, 3), np.uint8),
            "instruction": UnicodeText(MAX_INSTRUCTION, min_length=1),
        }
    )


def action_space(max_text: int = MAX_TYPED_TEXT) -> spaces.Dict:
    """AitW's action: a type (index into `ACTION_TYPES`), touch and lift points as (y, x) in
    [0, 1], and the text to type."""
    return spaces.Dict(
        {
            "action_type": spaces.Discrete(len(ACTION_TYPES)),
            "touch_point": spaces.Box(0.0, 1.0, (2,), np.float32),
            "lift_point": spaces.Box(0.0, 1.0, (2,), np.float32),
            "typed_text": UnicodeText(max_text),
        }
    )
