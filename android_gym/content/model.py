"""The data model of simulated search results: what a results page says, not how it looks.

`android_gym.content.search(query, tab)` fills these from the query alone (deterministic,
no network); `android_gym.sim.web.google` turns them into views.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Item:
    """One entry of a card's list: a place, a hotel, a story, a product, a flight, a dish."""

    title: str
    lines: tuple[str, ...] = ()
    url: str = ""
    image: str = ""
    rating: float | None = None
    price: str = ""
    badge: str = ""
    """Shown after the rating: review count, price level ("(919) · $$$$")."""


@dataclass(frozen=True)
class Card:
    """An answer card at the top of the results (weather, news, places, ...).

    kind: "weather", "time", "currency", "knowledge", "answer", "news", "places", "hotels",
    "flights", "shopping", "images", "videos", "books", "menu", "rent" (renderers specialise
    on it).
    """

    kind: str
    title: str
    subtitle: str = ""
    value: str = ""
    rows: tuple[tuple[str, str], ...] = ()
    items: tuple[Item, ...] = ()
    image: str = ""
    more: str = ""
    chart: tuple[tuple[str, float], ...] = ()
    """Points of a graph (hourly temperatures, a rate's history): (label, value)."""
    chips: tuple[str, ...] = ()
    """Filter chips or tabs drawn under the header ("Sat, Jun 15", "2 guests", ...)."""


@dataclass(frozen=True)
class Result:
    """An organic result: breadcrumb, blue title link and snippet."""

    url: str
    breadcrumb: str
    title: str
    snippet: str


@dataclass(frozen=True)
class SearchResults:
    """Everything a Google results page for `query` on `tab` shows."""

    query: str
    tab: str
    cards: tuple[Card, ...] = ()
    results: tuple[Result, ...] = ()
    questions: tuple[str, ...] = ()
    related: tuple[str, ...] = field(default_factory=tuple)
