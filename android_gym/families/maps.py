"""Google Maps families: search for places, find the nearest one, get directions.

- `maps_search` ("Search for top rated seafood restaurants on Google Maps", "Find coffee
  shops on Maps"): success is Maps in front showing a results list (not suggestions) whose
  query names the asked kind of place or brand.
- `maps_nearest` ("Find the nearest grocery store", "Where's the nearest gas station?", "Find
  the nearest electronics store that's open tomorrow"): success is Maps in front showing the
  place page of, or directions to, the nearest place of that kind or brand (the one closest to
  "Your location"), among those open when the instruction asks for it.
- `maps_directions` ("How do I get to the nearest Verizon Store?", "Take me to the closest
  Costco", "Walking directions to a pharmacy"): success is Maps in front showing directions
  from "Your location" to the nearest place of that kind or brand (to any one of them when
  the instruction does not say nearest), by the asked travel mode when it names one.

Facts (`DeviceState`): the foreground package and activity (`dumpsys activity`); from Maps'
UI hierarchy, the screen shown (search editor, results list, place page, directions), the
query in the results' search bar, the place title and address of a place page or the
destination of directions, and the selected travel-mode tab; the phone's clock and date
(`adb shell date`) for opening hours. Which place is nearest, and which are open, is the
map's own answer (`android_gym.content.maps`): the places and distances Maps lists for
that search. The facts are readable on a real device, but that answer is the task world's, so
maps_nearest and maps_directions are exact on the simulated phone only (docs/devices.md).
"""

from __future__ import annotations

import numpy as np

from android_gym.actions import Action, ActionType
from android_gym.content import maps
from android_gym.devices.base import DeviceState
from android_gym.families import navigation
from android_gym.families.base import Family, Params
from android_gym.families.frames import Frame, Reading
from android_gym.families.pools import pools
from android_gym.families.queries import covers
from android_gym.families.search import content_words
from android_gym.families.text import normalize
from android_gym.packages import MAPS as PACKAGE
from android_gym.ui import UIElement, find

CATEGORIES = pools()["map_categories"]
PLACES = pools()["map_places"]
MODES = pools()["map_modes"]
OPEN = pools()["map_open"]
MAPS = "maps|google maps|google map|map"
ASK = "find|search|search for|look for|look up|show|show me|locate|where|get|give me|pull up"
KIND = "restaurant|place|spot|joint|shop|store|location|branch|food|one"
NEAR = "nearest|closest|nearby|near me|close by|around here|near here|closest to me"
QUALITY = "good|best|top rated|highly rated|rated|star|great|popular|<number>"
_TEMPLATES = {
    "category": [
        "{category} (restaurant|place|spot|joint|shop|food|on|in|near)",
        "(for|find|nearest|closest|to|a) {category}",
    ],
    "place": ["(for|find|nearest|closest|to|a) {place}", "{place} (on|in|near|location|store)"],
}


def _frames(family: str, cues: list[str], words: str, extra: dict) -> tuple[Frame, ...]:
    """One frame per kind of target: a kind of place, or a brand."""
    return tuple(
        Frame.declare(
            family,
            slot,
            cues,
            {slot: pool, **extra},
            _TEMPLATES[slot],
            [words],
            optional=list(extra),
        )
        for slot, pool in (("category", CATEGORIES), ("place", PLACES))
    )


def target(params: Params) -> str:
    """What the task is about: a kind of place or a brand."""
    return params.get("category") or params["place"]


def _maps_state(state: DeviceState) -> dict | None:
    if state.package != PACKAGE:
        return None
    return state.facts.get(PACKAGE)


def nearest(what: str, open_when: str, facts: dict) -> maps.MapPlace | None:
    """The place of `what` closest to "Your location" among those open `open_when` ("now",
    "today", "tomorrow" or "" for any), at the phone's clock and date."""
    weekday, minutes = maps.weekday_of(facts["date"]), maps.minutes_of(facts["clock"])
    fits = {
        "": lambda p: True,
        "now": lambda p: p.open_now(weekday, minutes),
        "today": lambda p: p.open_on(weekday),
        "tomorrow": lambda p: p.open_on((weekday + 1) % 7),
    }[open_when]
    found = [p for p in maps.search(what).places if fits(p)]
    return min(found, key=lambda p: p.miles) if found else None


def _label(place: maps.MapPlace | None) -> str:
    return f"{place.name}, {place.address}" if place else ""


# -- the oracle's steps, from the UI hierarchy ----------------------------------------------


def _status(element: UIElement) -> tuple[float, str]:
    """(miles, hours summary) of a results row, from its description."""
    parts = element.content_desc.split(", ")
    miles = next((float(p.split()[0]) for p in parts if p.endswith(" mi")), 99.0)
    return miles, parts[-1]


def _fits(status: str, open_when: str) -> bool:
    if open_when == "now":
        return status.startswith("Open")
    if open_when == "today":
        return not status.startswith("Closed today")
    if open_when == "tomorrow":
        return "Closed tomorrow" not in status
    return True


def oracle_step(
    query: str,
    goal: str,
    closest: bool,
    open_when: str,
    mode: str,
    elements: list[UIElement],
    screen: tuple[int, int],
) -> Action:
    """One step towards `goal` ("place": a place page, "directions", "results") for a Maps
    search of `query`: the nearest fitting result when `closest`, else the first."""
    field = navigation.focused_field(elements)
    if field is not None and field.package == PACKAGE:
        return navigation.type_into(field, query, elements, screen)
    tabs = find(elements, resource_id=f"maps_mode_{mode or 'drive'}")
    if find(elements, resource_id="maps_destination"):
        if tabs and not tabs[0].selected:
            return navigation.tap(tabs[0], screen)
        return Action.key(ActionType.PRESS_BACK)
    title = find(elements, resource_id="maps_place_title")
    if title:
        button = find(elements, resource_id="maps_directions")
        if goal == "directions" and button:
            return navigation.tap(button[0], screen)
        return Action.key(ActionType.PRESS_BACK)
    box = [e for e in find(elements, resource_id="maps_search_box") if e.package == PACKAGE]
    rows = find(elements, resource_id="maps_result")
    if rows and box and normalize(box[0].text) == normalize(query) and goal != "results":
        fitting = [r for r in rows if _fits(_status(r)[1], open_when)] or rows
        pick = min(fitting, key=lambda r: _status(r)[0]) if closest else fitting[0]
        return navigation.tap(pick, screen)
    if box:
        return navigation.tap(box[0], screen)
    return navigation.open_app("Maps", elements, screen)


class MapsSearch(Family):
    name = "maps_search"
    description = "Search for a kind of place or a brand on Google Maps."
    app = "Maps"

    def frames(self) -> tuple[Frame, ...]:
        words = f"{ASK}|{KIND}|{QUALITY}|{NEAR}|some|all|on|in|with|using"
        return _frames(self.name, [MAPS], words, {})

    def params(self, reading: Reading) -> Params:
        return {**reading.params}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        values = CATEGORIES.split(split)
        what = values[int(rng.integers(len(values)))]
        shop = what in maps_shops()
        templates = (
            ("Find {} on Google Maps", "Search for {} on Maps", "Show me {} on Google Maps")
            if shop
            else (
                "Search for top rated {} restaurants on Google Maps",
                "Search for good {} restaurants on Maps",
                "Find a good {} place on Maps",
            )
        )
        shown = f"{what}s" if shop else what
        return templates[int(rng.integers(len(templates)))].format(shown), {"category": what}

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        facts = _maps_state(state)
        if not facts or facts["screen"] != "results":
            return False
        what = target(params)
        pool = CATEGORIES if "category" in params else PLACES
        terms = pool.terms(what) if what in pool.values else set()
        groups = [terms] if terms else [{w} for w in content_words(what)]
        return covers(facts["query"], groups, [what])

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        return oracle_step(query_for(params), "results", False, "", "", elements, screen_size)


def maps_shops() -> set[str]:
    """Categories that are shops rather than cuisines."""
    return {v for v in CATEGORIES.values if " " in v and not v.endswith("restaurant")}


def query_for(params: Params) -> str:
    """What the oracle types in Maps' search box."""
    what = target(params)
    cuisine = what in CATEGORIES.values and what not in maps_shops()
    return f"{what} restaurants" if cuisine else what


class MapsNearest(Family):
    name = "maps_nearest"
    description = "Find the nearest place of a kind or brand (optionally one that is open)."
    app = "Maps"

    def frames(self) -> tuple[Frame, ...]:
        return _frames(
            self.name,
            [NEAR],
            f"{ASK}|{KIND}|{MAPS}|thats|that is|which is|still|to me|on|in|with",
            {"open": OPEN},
        )

    def params(self, reading: Reading) -> Params:
        return {"open": "", **reading.params}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        values = CATEGORIES.split(split)
        what = values[int(rng.integers(len(values)))]
        shown = what if what in maps_shops() else f"{what} restaurant"
        open_when = ("", "now", "today", "tomorrow")[int(rng.integers(4))]
        tail = {"": "", "now": " that's open now", "today": " that's open today"}.get(
            open_when, " that's open tomorrow"
        )
        template = ("Find the nearest {}{}", "Where's the closest {}{}?")[int(rng.integers(2))]
        return template.format(shown, tail), {"category": what, "open": open_when}

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        facts = _maps_state(state)
        if not facts or facts["screen"] not in ("place", "directions"):
            return False
        return facts["place"] == _label(nearest(target(params), params.get("open", ""), facts))

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        return oracle_step(
            query_for(params), "place", True, params.get("open", ""), "", elements, screen_size
        )


class MapsDirections(Family):
    name = "maps_directions"
    description = "Directions to a place of a kind or brand (the nearest one when asked)."
    app = "Maps"

    def frames(self) -> tuple[Frame, ...]:
        cues = "directions|direction|get to|navigate|navigation|take me|route|drive to|walk to"
        cues += "|go to|get me to|how to get|way to|walk me to|drive me to"
        words = f"{ASK}|{KIND}|{MAPS}|how|do|can|i|me|there|from here|from my location|on|in"
        words += "|with|using|by"
        near = _frames(self.name, [cues, NEAR], words, {"mode": MODES})
        anywhere = _frames(self.name, [cues], words, {"mode": MODES})
        return (*near, *anywhere)

    def params(self, reading: Reading) -> Params:
        return {"nearest": len(reading.frame.cues) == 2, "mode": "", **reading.params}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        names = PLACES.split(split)
        what = names[int(rng.integers(len(names)))]
        mode = ("", "", "walk", "drive", "transit")[int(rng.integers(5))]
        how = {
            "": "How do I get to the nearest {}?",
            "walk": "Walking directions to the nearest {}",
            "drive": "Driving directions to the closest {}",
            "transit": "Take me to the nearest {} by bus",
        }[mode]
        return how.format(what), {"place": what, "nearest": True, "mode": mode}

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        facts = _maps_state(state)
        if not facts or facts["screen"] != "directions":
            return False
        if params.get("mode") and facts["mode"] != params["mode"]:
            return False
        what = target(params)
        if params.get("nearest"):
            return facts["place"] == _label(nearest(what, "", facts))
        return facts["place"] in {_label(p) for p in maps.search(what).places}

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        return oracle_step(
            query_for(params),
            "directions",
            bool(params.get("nearest")),
            "",
            params.get("mode", ""),
            elements,
            screen_size,
        )
