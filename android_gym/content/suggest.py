"""Search suggestions: completions of what was typed, the typed query with a misspelt place
corrected, and the refinements people search for in that vertical. Not results."""

from __future__ import annotations

import re
from functools import lru_cache

from android_gym.content import food, geo, places
from android_gym.content.common import display, normalize
from android_gym.content.intents import Intent, classify

MAX = 6
KEYWORDS = (
    "weather",
    "news",
    "hotels",
    "flights",
    "restaurants",
    "menu",
    "near me",
    "price",
    "apartments",
    "wallpapers",
    "exchange rate",
    "time",
)
PLACES = tuple(dict.fromkeys((*map(normalize, geo.CITIES), *map(normalize, geo.COUNTRIES))))
NAMES = tuple(
    dict.fromkeys(
        (*KEYWORDS, *map(normalize, food.CHAINS), *map(normalize, places.STORES), *places.CUISINES)
    )
)
_BEFORE_PLACE = re.compile(r"\b(?:in|to|from|near|of|at|for)$")
_STOPWORDS = frozenset(
    {
        "in",
        "to",
        "of",
        "my",
        "for",
        "at",
        "on",
        "a",
        "an",
        "the",
        "is",
        "me",
        "from",
        "near",
        "and",
        "by",
        "with",
    }
)
REFINEMENTS = {
    "hotels": (
        "5-star hotels in {p}",
        "hotels in {p} downtown",
        "cheap hotels in {p}",
        "best hotels in {p}",
        "hotels in {p} near airport",
    ),
    "weather": (
        "weather in {p} tomorrow",
        "weather in {p} this weekend",
        "weather in {p} 10 days",
        "weather in {p} hourly",
    ),
    "time": ("time in {p} now", "{p} time zone", "time difference {p}"),
    "news": ("{s} news today", "latest {s} news", "{s} breaking news", "{s} news in english"),
    "currency": ("{b} to {c}", "1 {b} to {c}", "{c} to {b}", "{b} to {c} forecast"),
    "flights": (
        "cheap flights from {p} to {d}",
        "flights from {p} to {d} one way",
        "{p} to {d} flight time",
        "nonstop flights from {p} to {d}",
    ),
    "rent": (
        "average rent in {p}",
        "apartments for rent in {p}",
        "cheap apartments in {p}",
        "{p} rent prices 2024",
    ),
    "menu": ("{s} menu with prices", "{s} breakfast menu", "{s} near me", "{s} deals"),
    "places": ("{s} near me", "{s} near me open now", "best {s} in {p}", "{s} open late"),
    "shopping": ("{s} price", "{s} deals", "best {s} 2024", "{s} on sale"),
    "capital": ("capital of {s} population", "largest city in {s}", "{s} flag"),
    "leader": ("{s} president", "{s} prime minister", "{s} government"),
    "wallpapers": (
        "wallpapers for my {v}",
        "{v} wallpapers 4k",
        "aesthetic {v} wallpapers",
        "dark {v} wallpapers",
    ),
    "images": ("{s} images", "{s} pictures", "{s} drawing", "{s} png"),
}
TOPICLESS = {
    "news": ("news today", "world news", "local news", "breaking news"),
    "places": ("restaurants near me", "coffee near me", "stores open now"),
}
GENERIC = ("{q} meaning", "{q} near me", "{q} today", "{q} reddit")


def _completions(q: str) -> list[str]:
    """`q` with its last one to three words completed to a known name or keyword: a place
    after "in", "to", "from", ..., else a keyword, chain, store or cuisine."""
    words = q.split()
    for k in (3, 2, 1):
        if len(words) < k:
            continue
        head, tail = " ".join(words[:-k]), normalize(" ".join(words[-k:]))
        if len(tail) < 2 or tail in _STOPWORDS:
            continue
        vocabulary = PLACES if _BEFORE_PLACE.search(head) else (*NAMES, *PLACES)
        if tail in vocabulary:
            return []
        found = [v for v in vocabulary if v.startswith(tail)][:3]
        if found:
            return [f"{head} {v}".strip() for v in found]
    return []


def _corrected(q: str, intent: Intent) -> str:
    """`q` with a misspelt place after "in" replaced by the place it was taken to mean."""
    place = intent.place
    if place is None or not place.known or normalize(place.name) in normalize(q):
        return q
    head, sep, _ = q.rpartition(" in ")
    return f"{head} in {normalize(place.name)}" if sep else q


def _refinements(q: str, intent: Intent) -> list[str]:
    kind = "wallpapers" if intent.kind == "images" and intent.store else intent.kind
    subject = display(normalize(intent.subject)).lower()
    templates = REFINEMENTS.get(kind, GENERIC)
    if not subject and any("{s}" in t for t in templates):
        templates = TOPICLESS.get(kind, GENERIC)
    place = intent.place or geo.HOME
    dest = normalize(intent.dest.name) if intent.dest else "anywhere"
    fields = {
        "q": q,
        "p": normalize(place.name),
        "d": dest,
        "s": subject,
        "v": intent.store,
        "b": intent.codes[0].lower(),
        "c": intent.codes[1].lower(),
    }
    return [t.format(**fields) for t in templates]


@lru_cache(maxsize=2048)
def _suggest(q: str) -> tuple[str, ...]:
    completions = _completions(q)
    base = completions[0] if completions else q
    intent = classify(base)
    first = completions or [_corrected(q, intent)]
    out = list(dict.fromkeys([*first, *_refinements(_corrected(base, intent), intent)]))
    return tuple(out[:MAX])


def suggestions(typed: str) -> list[str]:
    """Up to six suggestions for the text typed so far (none for empty text)."""
    q = " ".join(typed.lower().split())
    return list(_suggest(q)) if q else []
