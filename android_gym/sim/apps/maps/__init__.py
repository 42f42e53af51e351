"""Google Maps: the map around "Your location", search with suggestions, a results list,
place pages and directions by car, transit or on foot, with a route on the map.

Screens form an activity stack (`StackApp`): "home" (the map under the floating search bar),
"search" (typing: suggestions, which are not results), "results" (places for a query),
"place" (a place page), "directions" and "navigation" (after Start). Places and routes come
from `content.maps`, so Maps lists the same places as Google's Places card; links to
google.com/maps followed in a browser open here (`links`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import parse_qs, unquote, urlsplit

from android_gym import packages
from android_gym.content import maps
from android_gym.sim.apps.activities import Activity, StackApp
from android_gym.sim.view import View

PACKAGE = packages.MAPS
ACTIVITY = "com.google.android.maps.MapsActivity"
"""Maps runs every screen in one activity, as `dumpsys activity` reports it."""


@dataclass
class MapsState:
    """The activity stack and the places the user saved."""

    stack: list[Activity] = field(default_factory=lambda: [Activity("home")])
    saved: list[str] = field(default_factory=list)


class MapsApp(StackApp):
    package = PACKAGE
    label = packages.PHONE_APPS[PACKAGE]
    icon = "app:maps"
    bar_color = None
    light_bars = False
    first = "home"
    links = ("google.com/maps",)
    activities: ClassVar[dict[str, str]] = {
        name: ACTIVITY
        for name in ("home", "search", "results", "place", "directions", "navigation")
    }

    def new_state(self) -> MapsState:
        return MapsState()

    def screen_key(self) -> str:
        return f"{self.state!r}|{self.phone.date}"

    # -- the clock, as the place hours need it ------------------------------------------------

    @property
    def now(self) -> tuple[int, int]:
        """(weekday, minutes past midnight) of the phone's clock."""
        return maps.weekday_of(self.phone.date), maps.minutes_of(self.phone.clock)

    # -- actions ----------------------------------------------------------------------------

    def start_search(self, typed: str = "") -> None:
        """Opens the search editor (keyboard up) holding `typed`."""
        if self.top.name == "search":
            self.top.args["typed"] = typed
        else:
            self.open("search", typed=typed)

    def set_typed(self, typed: str) -> None:
        self.top.args["typed"] = typed

    def search(self, query: str) -> None:
        """Shows the places for `query` (a new search replaces the results shown)."""
        query = " ".join(query.split())
        if not query:
            return
        if self.top.name == "search":
            self._pop()
        if self.top.name == "results":
            self.replace("results", query=query)
        else:
            self.back_to("home")
            self.open("results", query=query)

    def open_place(self, name: str, address: str) -> None:
        """Opens a place page (found by the search in front, if any)."""
        self.open("place", place=name, address=address, query=self.top.args.get("query", name))

    def directions(self, name: str, address: str, mode: str = "drive") -> None:
        """Opens directions from "Your location" to a place."""
        query = self.top.args.get("query", name)
        self.open("directions", place=name, address=address, mode=mode, query=query)

    def set_mode(self, mode: str) -> None:
        self.top.args["mode"] = mode

    def start(self) -> None:
        """Starts navigating along the route on screen."""
        self.open("navigation", **self.top.args)

    def toggle_saved(self, name: str, address: str) -> None:
        key = f"{name}, {address}"
        if key in self.state.saved:
            self.state.saved.remove(key)
        else:
            self.state.saved.append(key)

    def close_search(self) -> None:
        """The search bar's clear button: back to the map."""
        self.back_to("home")

    def open_link(self, url: str) -> None:
        """Shows what a google.com/maps link names: a place ("/maps/place/NAME/ADDRESS"),
        directions ("/maps/dir/?destination=NAME, ADDRESS") or a search ("/maps/search/Q"),
        alone on the stack: back returns to the app that followed the link."""
        parts = [unquote(p).replace("-", " ") for p in urlsplit(url).path.split("/") if p]
        query = parse_qs(urlsplit(url).query)
        self.reset()
        kind = parts[1] if len(parts) > 1 else ""
        if kind == "place" and len(parts) > 2:
            place = maps.find_place(parts[2], parts[3] if len(parts) > 3 else "")
            if place is not None:
                self.open_place(place.name, place.address)
            else:
                self.search(parts[2])
        elif kind == "dir" and query.get("destination"):
            name, _, address = query["destination"][0].partition(", ")
            place = maps.find_place(name, address)
            if place is not None:
                self.directions(place.name, place.address, query.get("travelmode", ["drive"])[0])
            else:
                self.search(name)
        elif kind == "search" and len(parts) > 2:
            self.search(parts[2])
        if self.depth > 1:
            del self.state.stack[0]  # opened for the link: back returns to the browser

    # -- what the screen shows ---------------------------------------------------------------

    def place(self) -> maps.MapPlace | None:
        """The place of the screen in front (place page, directions, navigation)."""
        args = self.top.args
        if "place" not in args:
            return None
        return maps.find_place(args["place"], args["address"], args.get("query", ""))

    def facts(self) -> dict[str, Any]:
        """What the screen shows, as its UI hierarchy says it: which screen, the query in the
        search bar (results) or being typed (search), the place of a place page or the
        destination of directions ("name, address"), the travel mode, the places listed;
        and the phone's clock and date (what `adb shell date` reports), for opening hours."""
        top = self.top
        place = self.place()
        return {
            "screen": top.name,
            "query": top.args.get("query", "") if top.name == "results" else "",
            "typed": top.args.get("typed", ""),
            "place": f"{place.name}, {place.address}" if place else "",
            "mode": top.args.get("mode", ""),
            "listed": (
                [f"{p.name}, {p.address}" for p in maps.search(top.args["query"]).places]
                if top.name == "results"
                else []
            ),
            "saved": list(self.state.saved),
            "clock": self.phone.clock,
            "date": self.phone.date,
        }

    def build(self) -> View:
        from android_gym.sim.apps.maps import route, screens

        trip = route.SCREENS.get(self.top.name)
        return trip(self) if trip else screens.build(self)
