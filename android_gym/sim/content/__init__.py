"""Deterministic content of the simulated web: search results, suggestions and site pages.

Everything is generated from the query or URL alone with a stable hash, so the same input
gives the same page on every run and machine, with no network.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

import numpy as np

from android_gym.sim.content.model import Card, Item, Result, SearchResults

__all__ = ["Card", "Item", "Result", "SearchResults", "rng_for", "search", "suggestions"]


def rng_for(*parts: str) -> np.random.Generator:
    """A generator seeded by a stable hash of `parts` (never Python's salted `hash`)."""
    return np.random.default_rng(zlib.crc32("\x1f".join(parts).encode("utf-8")))


def _slug(text: str) -> str:
    return "-".join(w for w in "".join(c if c.isalnum() else " " for c in text.lower()).split())[:60]


_GENERIC_SITES = (
    ("en.wikipedia.org", "wiki", "Wikipedia"),
    ("www.reddit.com", "r", "Reddit"),
    ("www.quora.com", "topic", "Quora"),
    ("www.britannica.com", "topic", "Britannica"),
    ("www.nytimes.com", "topic", "The New York Times"),
    ("www.youtube.com", "results", "YouTube"),
)


def _organic(query: str) -> tuple[Result, ...]:
    rng = rng_for("organic", query)
    order = rng.permutation(len(_GENERIC_SITES))
    slug = _slug(query)
    title = query.strip().capitalize()
    out = []
    for i in order[:5]:
        host, section, name = _GENERIC_SITES[i]
        out.append(Result(
            url=f"https://{host}/{section}/{slug}",
            breadcrumb=f"{host} › {section} › {slug}",
            title=f"{title} | {name}",
            snippet=f"Everything about {query.strip()}: the latest facts, answers and discussion from {name}.",
        ))
    return tuple(out)


@lru_cache(maxsize=4096)
def search(query: str, tab: str = "all") -> SearchResults:
    """The results page for `query` on `tab`."""
    q = " ".join(query.split())
    return SearchResults(
        query=q,
        tab=tab,
        results=_organic(q),
        questions=tuple(f"{w} {q}?" for w in ("What is", "Why is", "How does")),
        related=tuple(f"{q} {w}" for w in ("today", "near me", "2024")),
    )


def suggestions(typed: str) -> list[str]:
    """Search suggestions for the text typed so far (suggestions are not results)."""
    q = " ".join(typed.lower().split())
    if not q:
        return []
    return [q, *(f"{q} {w}" for w in ("near me", "today", "meaning", "reddit"))]


__all__ += ["Item"]
