"""The task world: deterministic content the simulated phone shows and the task families sample
from (search results, places, videos, posts, products, store apps, mail, events).

It imports nothing from the simulator: the phone renders it (`android_gym.sim`), the families
draw task parameters from it and, on the simulated phone, take reference answers from it (the
nearest place, a channel's newest upload); on a real device those references are the real
world's, which is why such judges are exact on the simulator only (docs/devices.md).

`search(query, tab)` classifies the query into a vertical (`intents.classify`) and lets that
vertical's module build the page: answer cards, organic results from sites that fit, "People
also ask" and related searches. Everything comes from the query alone with stable hashing, so
the same query gives the same page on every run and machine, with no network.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from android_gym.content import (
    clock,
    finance,
    food,
    knowledge,
    media,
    news,
    places,
    rent,
    shopping,
    travel,
    weather,
)
from android_gym.content.common import capitalized, rng_for
from android_gym.content.intents import Intent, classify, phrase
from android_gym.content.model import Card, Item, Result, SearchResults
from android_gym.content.organic import (
    GENERIC_QUESTIONS,
    GENERIC_RELATED,
    GENERIC_SITES,
    fields_for,
    page,
)
from android_gym.content.suggest import suggestions

__all__ = [
    "Card",
    "Item",
    "Result",
    "SearchResults",
    "classify",
    "rng_for",
    "search",
    "suggestions",
]


def _generic(intent: Intent) -> SearchResults:
    """Organic results only, from encyclopedias, forums and video sites."""
    subject = intent.subject or intent.query
    return page(
        intent.query, (), GENERIC_SITES, GENERIC_QUESTIONS, GENERIC_RELATED, fields_for(subject)
    )


VERTICALS: dict[str, Callable[[Intent], SearchResults]] = {
    "weather": weather.answer,
    "time": clock.answer,
    "currency": finance.answer,
    "news": news.answer,
    "flights": travel.flights,
    "hotels": travel.hotels,
    "rent": rent.answer,
    "menu": food.answer,
    "capital": knowledge.capital,
    "leader": knowledge.leader,
    "fact": knowledge.fact,
    "knowledge": knowledge.panel,
    "images": media.answer,
    "videos": media.video_answer,
    "places": places.answer,
    "shopping": shopping.answer,
    "generic": _generic,
}


def _tab(intent: Intent, tab: str) -> SearchResults:
    """The NEWS, IMAGES, VIDEOS, SHOPPING and BOOKS tabs: one list of the tab's kind."""
    own = intent.kind in ("news", "images", "shopping", "videos", "menu", "places")
    subject = (intent.subject if own else "") or phrase(intent.query)
    if tab == "news":
        card = Card(kind="stories", title="News", items=news.stories(subject, intent.country, 8))
    elif tab == "images":
        wallpapers = intent.kind == "images" and bool(intent.store)
        items = media.images(subject, 12, intent.store if wallpapers else "")
        kind = (
            "wide_images"
            if intent.store in media.WIDE
            else "wallpapers"
            if wallpapers
            else ("images")
        )
        card = Card(kind=kind, title="Images", items=items)
    elif tab == "videos":
        card = Card(kind="videos", title="Videos", items=media.videos(subject, 6))
    elif tab == "shopping":
        card = Card(
            kind="shopping",
            title=capitalized(subject),
            items=shopping.offers(subject, intent.store, 8),
        )
    else:
        card = Card(kind="books", title="Books", items=media.books(subject, 6))
    return SearchResults(query=intent.query, tab=tab, cards=(card,))


@lru_cache(maxsize=4096)
def search(query: str, tab: str = "all") -> SearchResults:
    """The results page for `query` on `tab` ("all", "news", "images", "videos", "shopping",
    "books"); any other tab shows the ALL page."""
    intent = classify(query)
    if tab in ("news", "images", "videos", "shopping", "books"):
        return _tab(intent, tab)
    results = VERTICALS[intent.kind](intent)
    return results if tab == "all" else SearchResults(**{**results.__dict__, "tab": tab})
