"""Google Maps on the simulated phone: search with suggestions, results, place pages,
directions, back navigation, links from Google, and the map's places."""

from __future__ import annotations

import pytest
from sim_driver import elements, tap, texts

from android_gym.content import maps, places
from android_gym.sim import Phone
from android_gym.sim.apps.maps import PACKAGE
from android_gym.ui import find

CHROME = "com.android.chrome"


@pytest.fixture
def phone() -> Phone:
    p = Phone()
    p.open_app(PACKAGE)
    return p


def facts(phone: Phone) -> dict:
    return phone.state().facts[PACKAGE]


def search(phone: Phone, query: str) -> None:
    tap(phone, resource_id="maps_search_box")
    phone.type_text(query)
    phone.press("enter")


def test_typing_shows_suggestions_not_results(phone: Phone) -> None:
    tap(phone, resource_id="maps_search_box")
    phone.type_text("groc")
    assert facts(phone)["screen"] == "search" and facts(phone)["query"] == ""
    assert "Grocery stores" in texts(phone)
    tap(phone, text="Grocery stores")
    assert facts(phone)["screen"] == "results" and facts(phone)["query"] == "Grocery stores"


def test_results_list_places_nearest_first_with_distance_and_hours(phone: Phone) -> None:
    search(phone, "gas station")
    rows = find(elements(phone), resource_id="maps_result")
    found = maps.search("gas station").places
    assert [r.content_desc.split(", ")[0] for r in rows] == [p.name for p in found]
    miles = [p.miles for p in found]
    assert miles == sorted(miles) and all(" mi, " in r.content_desc for r in rows)
    assert all(r.content_desc.split(", ")[-1].startswith(("Open", "Closed")) for r in rows)


def test_place_directions_modes_start_and_back(phone: Phone) -> None:
    search(phone, "Best Buy")
    first = maps.search("Best Buy").places[0]
    tap(phone, resource_id="maps_result")
    assert facts(phone)["screen"] == "place"
    assert facts(phone)["place"] == f"{first.name}, {first.address}"
    tap(phone, resource_id="maps_directions")
    assert facts(phone)["screen"] == "directions" and facts(phone)["mode"] == "drive"
    assert maps.route(first, "walk").duration in " ".join(
        e.content_desc for e in find(elements(phone), resource_id="maps_mode_walk")
    )
    tap(phone, resource_id="maps_mode_walk")
    assert facts(phone)["mode"] == "walk"
    tap(phone, resource_id="maps_start")
    assert facts(phone)["screen"] == "navigation"
    for screen in ("directions", "place", "results", "home"):
        phone.press("back")
        assert facts(phone)["screen"] == screen
    phone.press("back")
    assert phone.state().package != PACKAGE


def test_a_new_search_replaces_the_results(phone: Phone) -> None:
    search(phone, "pizza")
    tap(phone, resource_id="maps_search_box")
    tap(phone, content_desc="Clear")
    phone.type_text("sushi")
    phone.press("enter")
    assert facts(phone)["query"] == "sushi"
    phone.press("back")
    assert facts(phone)["screen"] == "home"


def test_maps_lists_the_places_of_googles_card() -> None:
    card = places.spots("", "seafood")
    listed = {(p.name, p.address, p.miles) for p in maps.search("seafood restaurants").places}
    assert {(s.name, s.address, s.miles) for s in card} <= listed
    branches = maps.search("nearest Lowe's").places
    assert {p.name for p in branches} == {"Lowe's"} and len({p.address for p in branches}) == 5


def test_hours_follow_the_clock_and_the_closed_day() -> None:
    place = next(
        p
        for f in ("pharmacy", "gas station", "coffee")
        for p in maps.search(f).places
        if p.closed_day >= 0
    )
    day = place.closed_day
    assert not place.open_on(day) and place.status(day, 600).startswith("Closed today")
    before = (day + 1) % 7
    assert not place.open_now(before, place.opens * 60 - 1)
    assert place.open_now(before, place.opens * 60)
    assert "Closed tomorrow" in place.status((day - 1) % 7, 12 * 60)


def test_a_place_link_on_google_opens_the_maps_place_page() -> None:
    phone = Phone()
    phone.open_app(CHROME)
    phone.apps[CHROME].navigate("https://www.google.com/search?q=nearest+Best+Buy")
    phone.changed()
    spot = places.spots("Best Buy", "")[1]
    link = places.place_url(spot)
    phone.apps[CHROME].follow(link)
    phone.changed()
    assert phone.state().package == PACKAGE
    assert facts(phone)["place"] == f"{spot.name}, {spot.address}"
    phone.press("back")
    assert phone.state().package == CHROME, "back returns to the browser"


def test_a_directions_link_opens_directions() -> None:
    phone = Phone()
    place = maps.search("Target").places[2]
    assert phone.follow_link(
        f"https://www.google.com/maps/dir/?api=1&destination={place.name}, {place.address}"
        "&travelmode=walk"
    )
    assert facts(phone)["screen"] == "directions" and facts(phone)["mode"] == "walk"
    assert facts(phone)["place"] == f"{place.name}, {place.address}"
    assert not phone.follow_link("https://www.google.com/search?q=maps")


def test_screens_render(phone: Phone) -> None:
    search(phone, "coffee shops")
    assert phone.screenshot().shape == (1200, 540, 3)
    tap(phone, resource_id="maps_result")
    tap(phone, resource_id="maps_directions")
    frame = phone.screenshot()
    assert (frame == [26, 115, 232]).all(axis=2).any(), "the route is drawn in Maps blue"
