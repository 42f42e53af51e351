"""The screens of Google Maps, in its Material look: the white floating search bar over beige
map tiles, white sheets with place rows, blue buttons, a blue route.

Every handler reaches the app when it runs (screens are cached by the app's state).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content import maps
from android_gym.sim import map_tiles, theme
from android_gym.sim.search_editor import EditorStyle, search_editor
from android_gym.sim.view import View, col, divider, icon, image, row, stack, text
from android_gym.sim.web.widgets import rating_line

if TYPE_CHECKING:
    from android_gym.sim.apps.maps import MapsApp

GREY = "#70757a"
GREEN = "#188038"
RED = "#d93025"
SEARCH_BOX = "maps_search_box"
CHIPS = ("Restaurants", "Coffee", "Gas", "Groceries")
"""Shortcut searches under the search bar."""


def build(app: MapsApp) -> View:
    """The screen in front (trips are drawn by `route`)."""
    return SCREENS[app.top.name](app)


def _home(app: MapsApp) -> View:
    chips = [
        text(
            label,
            size=13,
            weight="medium",
            color=theme.TEXT,
            bg=theme.WHITE,
            radius=16,
            shadow=True,
            pad=(12, 7, 12, 7),
            lines=1,
            desc=label,
            on_tap=lambda q=label: app.search(q),
        )
        for label in CHIPS
    ]
    bar = row(
        icon("app:maps", 26),
        text("Search here", size=17, color=theme.TEXT_SECONDARY, flex=1, pad=(12, 0, 0, 0)),
        icon("mic", 22, color=theme.TEXT_SECONDARY, desc="Voice search"),
        text(
            "J",
            size=15,
            color=theme.WHITE,
            bg="#8e24aa",
            radius=14,
            w=28,
            h=28,
            text_align="center",
            pad=(0, 5, 0, 0),
            desc="Account",
        ),
        gap=10,
        h=52,
        pad=(14, 0, 10, 0),
        radius=26,
        bg=theme.WHITE,
        shadow=True,
        on_tap=lambda: app.start_search(),
        rid=SEARCH_BOX,
        desc="Search here",
        cls="android.widget.EditText",
    )
    return stack(
        image(map_tiles.view_key((0.0, 0.0), 2.6), desc="Map"),
        col(bar, row(*chips, gap=6), gap=12, pad=(12, 36, 12, 0), at="top"),
        col(
            icon(
                "location",
                26,
                color=theme.ACCENT,
                bg=theme.WHITE,
                radius=28,
                shadow=True,
                w=56,
                h=56,
                desc="Your location",
            ),
            _nav_bar(),
            gap=12,
            align="end",
            at="bottom",
        ),
        flex=1,
    )


def _nav_bar() -> View:
    tabs = (("location", "Explore", True), ("bookmark", "You", False), ("add", "Contribute", False))
    return row(
        *[
            col(
                icon(glyph, 24, color=theme.ACCENT if on else theme.TEXT_SECONDARY),
                text(
                    label,
                    size=12,
                    color=theme.ACCENT if on else theme.TEXT_SECONDARY,
                    text_align="center",
                ),
                align="center",
                gap=2,
                flex=1,
                selected=on,
                desc=label,
            )
            for glyph, label, on in tabs
        ],
        h=64,
        bg=theme.WHITE,
        pad=(0, 8, 0, 6),
    )


def _search(app: MapsApp) -> View:
    typed = app.top.args.get("typed", "")
    style = EditorStyle(field_id=SEARCH_BOX, hint="Search here", mic_when_empty=True)
    return search_editor(
        typed,
        maps.suggestions(typed),
        style=style,
        on_change=app.set_typed,
        on_submit=lambda: app.search(app.top.args.get("typed", "")),
        on_pick=app.search,
        on_back=lambda: app.back() and None,
    )


def _search_bar(app: MapsApp, query: str) -> View:
    return row(
        icon(
            "arrow_back",
            24,
            color=theme.TEXT_SECONDARY,
            desc="Back",
            on_tap=lambda: app.back() and None,
        ),
        text(
            query,
            size=17,
            flex=1,
            lines=1,
            pad=(12, 0, 8, 0),
            rid=SEARCH_BOX,
            desc=query,
            on_tap=lambda: app.start_search(app.top.args.get("query", "")),
            cls="android.widget.EditText",
        ),
        icon("close", 22, color=theme.TEXT_SECONDARY, desc="Clear search", on_tap=app.close_search),
        h=52,
        pad=(12, 0, 12, 0),
        radius=26,
        bg=theme.WHITE,
        shadow=True,
    )


def status_color(status: str) -> str:
    return GREEN if status.startswith("Open") else RED


def results(app: MapsApp) -> View:
    query = app.top.args.get("query") or app.top.args.get("place", "")
    found = maps.search(query)
    weekday, minutes = app.now
    points = [(p.x, p.y) for p in found.places]
    center, span = map_tiles.fit(points)
    rows = []
    for p in found.places:
        status = p.status(weekday, minutes)
        kind = f"{p.spot.kind} · {p.spot.level}" if p.spot.level else p.spot.kind
        rows += [
            col(
                text(p.name, size=16.5, weight="medium", lines=1),
                rating_line(p.spot.rating, f"({p.spot.reviews:,})"),
                text(f"{kind} · {p.miles:.1f} mi · {p.address}", size=14, color=GREY, lines=1),
                text(status, size=14, color=status_color(status), lines=1),
                gap=2,
                pad=(16, 10, 16, 10),
                on_tap=lambda n=p.name, a=p.address: app.open_place(n, a),
                rid="maps_result",
                desc=f"{p.name}, {p.spot.rating} stars, {p.spot.kind}, {p.miles:.1f} mi, "
                f"{p.address}, {status}",
            ),
            divider(),
        ]
    return col(
        col(_search_bar(app, query), pad=(12, 8, 12, 8)),
        image(map_tiles.view_key(center, span, points), h=170, desc="Map"),
        text(found.subject, size=15, weight="medium", pad=(16, 10, 16, 4)),
        col(
            *rows,
            flex=1,
            scroll=app.scroll_key(),
            rid="maps_results_list",
            cls="android.widget.ListView",
        ),
        flex=1,
        bg=theme.WHITE,
    )


def button(label: str, glyph: str, on_tap, primary: bool = False, rid: str = "") -> View:
    return row(
        icon(glyph, 18, color=theme.WHITE if primary else theme.ACCENT),
        text(
            label, size=14, weight="medium", color=theme.WHITE if primary else theme.ACCENT, lines=1
        ),
        gap=6,
        pad=(14, 8, 14, 8),
        radius=18,
        bg=theme.ACCENT if primary else None,
        border=None if primary else theme.DIVIDER,
        on_tap=on_tap,
        desc=label,
        rid=rid,
        cls="android.widget.Button",
    )


def _place(app: MapsApp) -> View:
    place = app.place()
    if place is None:
        return results(app)
    weekday, minutes = app.now
    status = place.status(weekday, minutes)
    name, address = place.name, place.address
    saved = f"{name}, {address}" in app.state.saved
    kind = f"{place.spot.kind} · {place.spot.level}" if place.spot.level else place.spot.kind
    actions = row(
        button(
            "Directions",
            "arrow_forward",
            lambda: app.directions(name, address),
            True,
            "maps_directions",
        ),
        button("Start", "location", lambda: (app.directions(name, address), app.start())),
        button("Call", "call", lambda: None),
        button("Saved" if saved else "Save", "bookmark", lambda: app.toggle_saved(name, address)),
        gap=8,
    )
    hours = [
        row(
            text(
                maps.WEEKDAYS[(weekday + k) % 7],
                size=14,
                w=110,
                weight="medium" if k == 0 else "regular",
            ),
            text(place.hours((weekday + k) % 7), size=14, color=GREY),
        )
        for k in range(7)
    ]
    details = col(
        text(name, size=22, rid="maps_place_title"),
        rating_line(place.spot.rating, f"({place.spot.reviews:,})"),
        text(f"{kind} · {place.miles:.1f} mi", size=14, color=GREY),
        text(status, size=14, color=status_color(status)),
        actions,
        divider(),
        row(
            icon("location", 20, color=theme.ACCENT),
            text(f"{address}, Mountain View, CA 94041", size=15, flex=1),
            gap=16,
            desc=address,
        ),
        row(icon("call", 20, color=theme.ACCENT), text(place.phone, size=15), gap=16),
        text("Hours", size=16, weight="medium"),
        *hours,
        text("Photos", size=16, weight="medium"),
        row(*[image(f"photo:{name}:{k}", w=120, h=90, radius=8) for k in range(3)], gap=8),
        gap=10,
        pad=(16, 14, 16, 24),
        desc=f"{name}, {address}",
    )
    return col(
        stack(
            image(
                map_tiles.view_key((place.x, place.y), 1.6, [(place.x, place.y)], None, 0),
                h=200,
                desc="Map",
            ),
            row(
                icon(
                    "arrow_back",
                    24,
                    color=theme.TEXT,
                    desc="Back",
                    bg=theme.WHITE,
                    radius=20,
                    w=40,
                    h=40,
                    shadow=True,
                    on_tap=lambda: app.back() and None,
                ),
                pad=(12, 12, 12, 12),
                at="top-left",
            ),
        ),
        col(details, flex=1, scroll=app.scroll_key()),
        flex=1,
        bg=theme.WHITE,
    )


SCREENS = {
    "home": _home,
    "search": _search,
    "results": results,
    "place": _place,
}
