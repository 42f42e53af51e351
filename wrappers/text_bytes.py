"""Text observations as numbers: UTF-8 bytes in a fixed-size uint8 Box and a byte count.

Libraries that batch observations as tensors (RLlib, TorchRL's tensors, Tianshou's buffers,
CleanRL-style code) and Gymnasium's shared memory for plain `Text` spaces take Box spaces, not
strings. `TextToBytes` turns every `Text` key of a Dict observation into two keys, losslessly:
`KEY` (uint8[4 * max_length], the UTF-8 bytes then zeros; UTF-8 takes at most 4 bytes a code
point, so every member of the space fits) and `KEY_length` (int32[1], how many bytes count);
`decode_text` gives the string back.
"""

from __future__ import annotations

from typing import Any

import gymnasium as gym
import numpy as np
from gymnasium import spaces

from android_gym.vector import BYTES_PER_CHAR

LENGTH_SUFFIX = "_length"


def encode_text(text: str, size: int) -> tuple[np.ndarray, np.ndarray]:
    """uint8[size] (the UTF-8 bytes of `text`, zero-padded) and int32[1] (their count)."""
    data = text.encode("utf-8")
    if len(data) > size:
        raise ValueError(f"text of {len(data)} UTF-8 bytes does not fit in {size} bytes")
    out = np.zeros(size, dtype=np.uint8)
    out[: len(data)] = np.frombuffer(data, np.uint8)
    return out, np.array([len(data)], dtype=np.int32)


def decode_text(data: np.ndarray, length: Any) -> str:
    """The string that `encode_text` (or `TextToBytes`) encoded: `data` and its byte count."""
    count = int(np.asarray(length).reshape(-1)[0])
    return np.asarray(data, dtype=np.uint8)[:count].tobytes().decode("utf-8")


class TextToBytes(gym.ObservationWrapper, gym.utils.RecordConstructorArgs):
    """Every `Text` key of a Dict observation becomes a uint8 Box of UTF-8 bytes (same key) and
    an int32 byte count (`KEY_length`); `decode(obs)` restores the strings."""

    def __init__(self, env: gym.Env) -> None:
        gym.utils.RecordConstructorArgs.__init__(self)
        super().__init__(env)
        source = env.observation_space
        if not isinstance(source, spaces.Dict):
            raise TypeError(f"TextToBytes needs a Dict observation space, got {source}")
        self.sizes = {
            k: BYTES_PER_CHAR * s.max_length
            for k, s in source.spaces.items()
            if isinstance(s, spaces.Text)
        }
        if not self.sizes:
            raise TypeError(f"TextToBytes found no Text key in {source}")
        clash = [k + LENGTH_SUFFIX for k in self.sizes if k + LENGTH_SUFFIX in source.spaces]
        if clash:
            raise ValueError(f"TextToBytes would overwrite the observation keys {clash}")
        converted: dict[str, spaces.Space] = {}
        for key, space in source.spaces.items():
            if key not in self.sizes:
                converted[key] = space
                continue
            size = self.sizes[key]
            converted[key] = spaces.Box(0, 255, (size,), np.uint8)
            converted[key + LENGTH_SUFFIX] = spaces.Box(0, size, (1,), np.int32)
        self.observation_space = spaces.Dict(converted)

    def observation(self, observation: dict[str, Any]) -> dict[str, Any]:
        out = dict(observation)
        for key, size in self.sizes.items():
            out[key], out[key + LENGTH_SUFFIX] = encode_text(observation[key], size)
        return out

    def decode(self, observation: dict[str, Any]) -> dict[str, Any]:
        """The observation with its texts restored (the inverse of `observation`)."""
        out = {k: v for k, v in observation.items() if not self._is_length(k)}
        for key in self.sizes:
            out[key] = decode_text(observation[key], observation[key + LENGTH_SUFFIX])
        return out

    def _is_length(self, key: str) -> bool:
        return key.endswith(LENGTH_SUFFIX) and key[: -len(LENGTH_SUFFIX)] in self.sizes
