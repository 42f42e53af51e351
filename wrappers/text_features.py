"""Fixed-size numeric features of text, for policies that take no strings.

Words are hashed with CRC-32 (stable across processes and runs, unlike `hash`) into a bag of
`dims` buckets; `overlap` says how much of a UI label the instruction mentions.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

_WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    """The lower-cased words of `text` (letters and digits of any script)."""
    return _WORD.findall(text.lower())


def hashed_bag_of_words(text: str, dims: int) -> np.ndarray:
    """float32[dims]: 1 in the bucket of each word of `text`, else 0."""
    out = np.zeros(dims, dtype=np.float32)
    for word in words(text):
        out[zlib.crc32(word.encode("utf-8")) % dims] = 1.0
    return out


def overlap(label: str, instruction_words: set[str]) -> float:
    """The share of the words of `label` that occur in the instruction (0 for no label)."""
    label_words = words(label)
    if not label_words:
        return 0.0
    return sum(w in instruction_words for w in label_words) / len(label_words)
