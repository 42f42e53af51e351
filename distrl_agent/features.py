"""Self-contained text features: words with character spans, and hashed word / n-gram ids.

The pointer policy and the trajectory critic read instructions and UI labels without any
downloaded vocabulary: a word is the bag of its lowercased form and its character trigrams
(with boundary marks), each hashed (CRC32, stable across processes, unlike `hash`) into a fixed
number of buckets. `HashedTextEncoder` embeds those bags with an `EmbeddingBag`.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import lru_cache

import torch
from torch import Tensor, nn

WORD = re.compile(r"\w+(?:['’.\-/:]\w+)*|[^\w\s]")
"""A word: letters/digits joined by inner apostrophes, dots, dashes, slashes or colons
("What's", "bestbuy.com", "6:30"), or a single punctuation mark."""


def words_with_spans(text: str) -> list[tuple[str, int, int]]:
    """The words of `text` with their character spans [start, end)."""
    return [(m.group(0), m.start(), m.end()) for m in WORD.finditer(text)]


def normalise(text: str) -> str:
    """Lowercase with runs of whitespace collapsed: how labels and typed text are compared."""
    return " ".join(text.lower().split())


@lru_cache(maxsize=200_000)
def word_ids(word: str, buckets: int) -> tuple[int, ...]:
    """Hashed ids of a word: its lowercased form and its character trigrams."""
    lowered = word.lower()
    marked = f"<{lowered}>"
    pieces = [f"w:{lowered}"] + [f"c:{marked[i : i + 3]}" for i in range(max(1, len(marked) - 2))]
    return tuple(zlib.crc32(p.encode("utf-8")) % buckets for p in pieces)


@lru_cache(maxsize=100_000)
def text_ids(text: str, buckets: int) -> tuple[int, ...]:
    """Hashed ids of every word of `text` (a bag; empty text gives a single "empty" id)."""
    ids = [i for word, _, _ in words_with_spans(text) for i in word_ids(word, buckets)]
    return tuple(ids) if ids else (zlib.crc32(b"<empty>") % buckets,)


class HashedTextEncoder(nn.Module):
    """Embeds texts as the mean of their hashed word and trigram embeddings."""

    def __init__(self, dim: int, buckets: int = 1 << 15) -> None:
        super().__init__()
        self.buckets = buckets
        self.embedding = nn.EmbeddingBag(buckets, dim, mode="mean")

    def forward(self, texts: Sequence[str]) -> Tensor:
        """float[len(texts), dim]."""
        return self.embed_bags([text_ids(t, self.buckets) for t in texts])

    def embed_bags(self, bags: Sequence[tuple[int, ...]]) -> Tensor:
        """Embeds precomputed id bags, float[len(bags), dim]."""
        device = self.embedding.weight.device
        if not bags:
            return torch.zeros(0, self.embedding.embedding_dim, device=device)
        lengths = torch.tensor([len(b) for b in bags])
        offsets = torch.zeros(len(bags), dtype=torch.long)
        offsets[1:] = torch.cumsum(lengths, 0)[:-1]
        flat = torch.tensor([i for bag in bags for i in bag], dtype=torch.long)
        return self.embedding(flat.to(device), offsets.to(device))
