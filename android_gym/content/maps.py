"""The map of the Maps app: places around the phone, their hours, and routes to them.

The phone stands at "Your location", the origin of a plane measured in miles (east, north),
in Mountain View. A search finds the places of a brand, a cuisine or a category: the three
that Google's Places card lists (`places.spots`: the same names, ratings, addresses and
distances, so a place found on Google is the same place in Maps) and two more farther out.
Each place gets a bearing (so a spot on the map), opening hours and, for some, a weekday on
which it is closed. Routes follow the street grid. Everything is deterministic in the query.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from android_gym.content import food, places
from android_gym.content.common import display, normalize, pick, rng_for, sample, titled
from android_gym.content.places import Spot

HOME_ADDRESS = "Castro St & Villa St, Mountain View"
"""Where "Your location" is."""
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MODES = {"drive": ("Drive", 25.0, 3), "transit": ("Transit", 11.0, 9), "walk": ("Walk", 3.0, 0)}
"""Travel mode -> (label, average speed in mph, minutes of overhead: parking, waiting)."""
_FILLER_WORDS = (
    "a an the on in at near me nearby nearest closest around here maps google search for find "
    "look up show good best top rated highly star stars 5 five open now today tomorrow thats "
    "that is directions to how do i get"
)
_FILLER = frozenset(_FILLER_WORDS.split())
"""Words of a Maps search that do not say what is searched for."""
_FOOD_WORDS = frozenset(
    ("restaurant", "restaurants", "place", "places", "food", "spot", "spots", "joint", "joints")
)
_MADE_UP = ("{} House", "{} Kitchen", "The {} Spot", "{} Corner", "{} & Co.")


@dataclass(frozen=True)
class MapPlace:
    """A place on the map: the card's `spot`, where it is (`x`, `y` miles east and north of
    "Your location"), when it opens (hour, AM) and the weekday it is closed (-1: none)."""

    spot: Spot
    x: float
    y: float
    opens: int
    closed_day: int
    phone: str

    @property
    def name(self) -> str:
        return self.spot.name

    @property
    def address(self) -> str:
        return self.spot.address

    @property
    def miles(self) -> float:
        return self.spot.miles

    def open_now(self, weekday: int, minutes: int) -> bool:
        """Open at `minutes` past midnight on `weekday` (0 = Monday)."""
        return weekday != self.closed_day and minutes >= self.opens * 60

    def open_on(self, weekday: int) -> bool:
        return weekday != self.closed_day

    def status(self, weekday: int, minutes: int) -> str:
        """How Maps sums up the hours: "Open · Closes 9 PM", "Closed · Opens 10 AM",
        "Closed today", and "Closed tomorrow" when it is."""
        if not self.open_on(weekday):
            return f"Closed today · Opens {self.opens} AM tomorrow"
        now = (
            f"Open · Closes {self.spot.closes}"
            if self.open_now(weekday, minutes)
            else f"Closed · Opens {self.opens} AM"
        )
        return now + (" · Closed tomorrow" if not self.open_on((weekday + 1) % 7) else "")

    def hours(self, weekday: int) -> str:
        """The hours on `weekday`."""
        if not self.open_on(weekday):
            return "Closed"
        return f"{self.opens} AM–{self.spot.closes}"


@dataclass(frozen=True)
class Found:
    """What a search on the map finds: its `subject` ("Seafood restaurants", "Best Buy"),
    `key` (what the search is about, whatever the wording), and the places, nearest first."""

    subject: str
    key: str
    places: tuple[MapPlace, ...]


def search(query: str) -> Found:
    """The places a search for `query` shows."""
    return _search(normalize(query))


@lru_cache(maxsize=1024)
def _search(words: str) -> Found:
    store = places.find_store(words) or food.find_chain(words)
    if store and places.is_physical(store):
        spots = places.spots(store, "")
        return _found(store, f"store:{store}", spots, spots[0], [store, store])
    key = places.category_of(words)
    topic = " ".join(w for w in words.split() if w not in _FILLER and w not in _FOOD_WORDS)
    if key is not None and (key != "restaurant" or not topic):
        spots = places.spots("", key)
        pool = [n for n in places.CUISINES[key][2] if n not in {s.name for s in spots}]
        subject = places.CUISINES[key][0]
        plural = f"{subject}s" if key in places.SHOPS else f"{display(key)} restaurants"
        if key == "restaurant":
            plural = "Restaurants"
        rng = rng_for("maps", key)
        return _found(
            plural[0].upper() + plural[1:], f"category:{key}", spots, spots[0], sample(rng, pool, 2)
        )
    return _made_up(topic or words, bool(set(words.split()) & _FOOD_WORDS))


def _found(subject: str, key: str, spots, model: Spot, extra_names: list[str]) -> Found:
    """The card's three places and two more of the same kind, farther out."""
    rng = rng_for("maps-extra", key)
    more = [
        Spot(
            name,
            model.kind,
            model.level,
            round(float(rng.uniform(3.8, 4.8)), 1),
            int(rng.integers(40, 4000)),
            f"{int(rng.integers(10, 2900))} {pick(rng, _STREETS)}",
            round(float(rng.uniform(4.6, 7.5)), 1),
            model.closes or pick(rng, ("9 PM", "10 PM")),
        )
        for name in extra_names
    ]
    every = [
        _placed(s if s.closes else _with_hours(s), key, i) for i, s in enumerate((*spots, *more))
    ]
    return Found(subject, key, tuple(sorted(every, key=lambda p: p.miles)))


def _with_hours(spot: Spot) -> Spot:
    """A restaurant from another city's card listed here: it gets a closing time."""
    rng = rng_for("maps-closes", spot.name)
    return Spot(
        spot.name,
        spot.kind,
        spot.level,
        spot.rating,
        spot.reviews,
        spot.address,
        spot.miles,
        pick(rng, ("9 PM", "10 PM", "11 PM")),
    )


def _made_up(topic: str, food_place: bool) -> Found:
    """Places named after a topic no table knows ("Ethiopian", "Popeyes")."""
    rng = rng_for("maps-made-up", topic)
    shown = titled(topic)
    kind = f"{shown} restaurant" if food_place else "Store"
    names = [form.format(shown) for form in sample(rng, _MADE_UP, 5)] if food_place else [shown] * 5
    miles = sorted(rng.uniform(0.4, 6.0, 5))
    spots = tuple(
        Spot(
            n,
            kind,
            "$$" if food_place else "",
            round(float(rng.uniform(3.9, 4.8)), 1),
            int(rng.integers(30, 3000)),
            f"{int(rng.integers(10, 2900))} {pick(rng, _STREETS)}",
            round(float(m), 1),
            pick(rng, ("9 PM", "10 PM")),
        )
        for n, m in zip(names, miles, strict=True)
    )
    key = f"topic:{topic}"
    plural = f"{shown} restaurants" if food_place else shown
    every = [_placed(s, key, i) for i, s in enumerate(spots)]
    return Found(plural, key, tuple(every))


_STREETS = ("Shoreline Blvd", "Rengstorff Ave", "California St", "Dana St", "Moffett Blvd")


def _placed(spot: Spot, key: str, index: int) -> MapPlace:
    rng = rng_for("maps-place", key, spot.name, spot.address)
    angle = float(rng.uniform(0, 2 * math.pi))
    closed = int(rng.integers(0, 7)) if rng.random() < 0.3 else -1
    return MapPlace(
        spot,
        round(spot.miles * math.cos(angle), 3),
        round(spot.miles * math.sin(angle), 3),
        int(rng.integers(6, 12)),
        closed,
        f"(650) {int(rng.integers(200, 999))}-{int(rng.integers(1000, 9999))}",
    )


@lru_cache(maxsize=1024)
def find_place(name: str, address: str, query: str = "") -> MapPlace | None:
    """The place called `name` at `address` (as a place link names it), among the places of
    `query` (the search it was found by), of its name or of any kind of place."""
    searches = [search(q) for q in (query, name) if q]
    searches += [search(key) for key in places.CUISINES]
    for found in searches:
        for place in found.places:
            if normalize(place.name) == normalize(name) and (
                not address or normalize(place.address) == normalize(address)
            ):
                return place
    return None


@dataclass(frozen=True)
class Route:
    """A trip from "Your location": its length along the streets and how long it takes."""

    mode: str
    miles: float
    minutes: int

    @property
    def duration(self) -> str:
        """ "14 min", "1 hr 5 min" """
        hours, minutes = divmod(self.minutes, 60)
        return f"{hours} hr {minutes} min" if hours else f"{minutes} min"

    @property
    def distance(self) -> str:
        return f"{self.miles:.1f} mi"


def route(place: MapPlace, mode: str) -> Route:
    """The route to `place` by `mode` ("drive", "transit", "walk"): east-west, then
    north-south along the grid."""
    _, speed, overhead = MODES[mode]
    miles = round(abs(place.x) + abs(place.y), 1)
    return Route(mode, miles, max(1, round(miles / speed * 60) + overhead))


def weekday_of(date: str) -> int:
    """The weekday index (0 = Monday) of a date written "Saturday, Jun 1"."""
    name = date.split(",")[0].strip()
    return WEEKDAYS.index(name) if name in WEEKDAYS else 0


def minutes_of(clock: str) -> int:
    """Minutes past midnight of a morning clock "9:38"."""
    hours, _, minutes = clock.partition(":")
    return int(hours) * 60 + int(minutes or 0)


_POPULAR = ("Restaurants", "Coffee shops", "Gas stations", "Grocery stores")


@lru_cache(maxsize=1)
def _names() -> tuple[str, ...]:
    """What the search box suggests: brands, chains and kinds of place."""
    kinds = [search(key).subject for key in places.CUISINES]
    brands = [s for s in places.STORES if places.is_physical(s)]
    return tuple(dict.fromkeys([*kinds, *brands, *food.CHAINS]))


def suggestions(typed: str) -> list[str]:
    """Up to five suggestions while `typed` is being typed: the places and kinds of place
    whose name starts with it (or has a word that does), then the typed text "near me"."""
    words = normalize(typed)
    if not words:
        return list(_POPULAR)
    starts = [n for n in _names() if normalize(n).startswith(words)]
    inside = [n for n in _names() if f" {words}" in f" {normalize(n)}" and n not in starts]
    return [*[*starts, *inside][:4], f"{typed.strip()} near me"]
