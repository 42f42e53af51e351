"""The Maps screens of a trip: directions (travel modes, duration and distance, the route,
Start) and turn-by-turn navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content import maps
from android_gym.sim import map_tiles, theme
from android_gym.sim.apps.maps import screens
from android_gym.sim.view import View, col, icon, image, row, text

if TYPE_CHECKING:
    from android_gym.sim.apps.maps import MapsApp


def directions(app: MapsApp) -> View:
    place = app.place()
    if place is None:
        return screens.results(app)
    mode = app.top.args.get("mode", "drive")
    trips = {m: maps.route(place, m) for m in maps.MODES}
    tabs = row(
        *[
            col(
                text(maps.MODES[m][0], size=13, color=theme.ACCENT if m == mode else screens.GREY),
                text(
                    trips[m].duration,
                    size=14,
                    weight="medium",
                    color=theme.ACCENT if m == mode else theme.TEXT,
                ),
                align="center",
                pad=(12, 6, 12, 6),
                radius=16,
                bg="#e8f0fe" if m == mode else None,
                selected=m == mode,
                on_tap=lambda m=m: app.set_mode(m),
                rid=f"maps_mode_{m}",
                desc=f"{maps.MODES[m][0]} mode: {trips[m].duration}",
            )
            for m in maps.MODES
        ],
        gap=8,
        justify="center",
    )
    trip = trips[mode]
    header = col(
        row(
            icon(
                "arrow_back",
                24,
                color=theme.TEXT_SECONDARY,
                desc="Back",
                on_tap=lambda: app.back() and None,
            ),
            col(
                text(
                    "Your location",
                    size=15,
                    border=theme.DIVIDER,
                    radius=6,
                    pad=(10, 8, 10, 8),
                    rid="maps_origin",
                    desc="Start: Your location",
                ),
                text(
                    place.name,
                    size=15,
                    border=theme.DIVIDER,
                    radius=6,
                    pad=(10, 8, 10, 8),
                    rid="maps_destination",
                    desc=f"Destination: {place.name}, {place.address}",
                    lines=1,
                ),
                gap=8,
                flex=1,
            ),
            gap=12,
        ),
        tabs,
        gap=10,
        pad=(12, 36, 12, 10),
        bg=theme.WHITE,
        shadow=True,
    )
    sheet = col(
        row(
            text(trip.duration, size=22, color=screens.GREEN, weight="medium"),
            text(f"({trip.distance})", size=18, color=screens.GREY),
            gap=8,
            rid="maps_trip",
            desc=f"{trip.duration}, {trip.distance}",
        ),
        text(
            f"Fastest route to {place.name}, {place.address}", size=14, color=screens.GREY, lines=2
        ),
        row(
            screens.button("Start", "location", app.start, True, "maps_start"),
            screens.button("Steps", "menu", lambda: None),
            gap=8,
        ),
        gap=8,
        pad=(16, 14, 16, 14),
        bg=theme.WHITE,
        shadow=True,
    )
    end = (place.x, place.y)
    center, span = map_tiles.fit([end], 1.5)
    return col(
        header,
        image(map_tiles.view_key(center, span, [end], end, 0), flex=1, desc="Map"),
        sheet,
        flex=1,
    )


def navigation(app: MapsApp) -> View:
    place = app.place()
    if place is None:
        return screens.results(app)
    mode = app.top.args.get("mode", "drive")
    trip = maps.route(place, mode)
    turn = "east" if place.x >= 0 else "west"
    end = (place.x, place.y)
    return col(
        row(
            icon("arrow_forward", 32, color=theme.WHITE),
            text(
                f"Head {turn} on Villa St toward {place.address}",
                size=20,
                color=theme.WHITE,
                flex=1,
                lines=2,
            ),
            gap=14,
            pad=(16, 40, 16, 16),
            bg="#0b8043",
            rid="maps_instruction",
        ),
        image(map_tiles.view_key((end[0] / 4, end[1] / 4), 1.2, [end], end, 0), flex=1, desc="Map"),
        row(
            col(
                text(trip.duration, size=22, color=screens.GREEN, weight="medium"),
                text(f"{trip.distance} · to {place.name}", size=14, color=screens.GREY),
                flex=1,
            ),
            text(
                "Exit",
                size=15,
                weight="medium",
                color=theme.WHITE,
                bg=screens.RED,
                radius=20,
                pad=(18, 8, 18, 8),
                on_tap=lambda: app.back() and None,
                desc="Exit navigation",
            ),
            pad=(16, 14, 16, 14),
            bg=theme.WHITE,
        ),
        flex=1,
    )


SCREENS = {"directions": directions, "navigation": navigation}
