"""The Maps families: parsing, strict judges (the asked place and not another, results not
suggestions, the nearest and not the second), the oracle, and pools held out."""

from __future__ import annotations

import numpy as np
import pytest
from sim_driver import tap

from android_gym.content import maps
from android_gym.devices.sim import SimDevice
from android_gym.families import get, resolve
from android_gym.families.maps import CATEGORIES, PLACES, nearest
from android_gym.sim.apps.maps import PACKAGE
from android_gym.ui import parse_ui_xml


def run_oracle(device: SimDevice, instruction: str, limit: int = 10) -> bool:
    """Whether the oracle reaches success within `limit` steps, acting on the UI alone."""
    from android_gym.env import AndroidEnv

    family, params = resolve(instruction)
    start = device.state()
    for _ in range(limit):
        if family.success(params, device.state(), start):
            return True
        action = family.oracle(params, parse_ui_xml(device.ui_xml()), device.screen_size)
        AndroidEnv._apply(type("E", (), {"device": device})(), action)
    return family.success(params, device.state(), start)


@pytest.fixture
def device() -> SimDevice:
    d = SimDevice()
    d.reset(3)
    d.phone.open_app(PACKAGE)
    return d


def maps_app(device: SimDevice):
    return device.phone.apps[PACKAGE]


@pytest.mark.parametrize(
    "instruction, family, params",
    [
        (
            "Search for top rated seafood restaurants on Google Maps",
            "maps_search",
            {"category": "seafood"},
        ),
        ("Find coffee shops on Maps", "maps_search", {"category": "coffee shop"}),
        (
            "Find the nearest electronics store that's open tomorrow",
            "maps_nearest",
            {"category": "electronics store", "open": "tomorrow"},
        ),
        (
            "Where's the nearest gas station?",
            "maps_nearest",
            {"category": "gas station", "open": ""},
        ),
        (
            "How do I get to the nearest McDonalds?",
            "maps_directions",
            {"place": "McDonald's", "nearest": True, "mode": ""},
        ),
        (
            "Take me to the closest Costco",
            "maps_directions",
            {"place": "Costco", "nearest": True, "mode": ""},
        ),
        (
            "walking directions to a pharmacy",
            "maps_directions",
            {"category": "pharmacy", "nearest": False, "mode": "walk"},
        ),
    ],
)
def test_instructions_parse_into_the_maps_families(instruction, family, params) -> None:
    found, got = resolve(instruction)
    assert (found.name, got) == (family, params)


def test_web_search_restaurant_lines_stay_web_searches() -> None:
    assert resolve("Search for top rated burger restaurants")[0].name == "restaurants"
    assert resolve("What's a good restaurant near me?")[0].name == "restaurants"


def test_search_needs_results_for_the_asked_kind_not_suggestions(device: SimDevice) -> None:
    family, params = resolve("Find coffee shops on Maps")
    start = device.state()
    app = maps_app(device)
    app.start_search("coffee shops")
    device.phone.changed()
    assert not family.success(params, device.state(), start), "suggestions are not results"
    app.search("pizza")
    device.phone.changed()
    assert not family.success(params, device.state(), start), "another kind of place"
    app.search("Coffee shops near me")
    device.phone.changed()
    assert family.success(params, device.state(), start)
    device.phone.press("home")
    assert not family.success(params, device.state(), start), "Maps must be in front"


def test_nearest_needs_the_nearest_open_place(device: SimDevice) -> None:
    family = get("maps_nearest")
    start = device.state()
    app = maps_app(device)
    facts = device.state().facts[PACKAGE]
    for open_when in ("", "now", "tomorrow"):
        params = {"category": "gas station", "open": open_when}
        best = nearest("gas station", open_when, facts)
        for place in maps.search("gas station").places:
            app.reset()
            app.open_place(place.name, place.address)
            device.phone.changed()
            assert family.success(params, device.state(), start) == (place == best)
    app.reset()
    app.search("gas station")
    device.phone.changed()
    assert not family.success({"category": "gas station", "open": ""}, device.state(), start)


def test_directions_need_the_asked_place_and_mode(device: SimDevice) -> None:
    family, params = resolve("Walking directions to the nearest Target")
    start = device.state()
    app = maps_app(device)
    first, second = maps.search("Target").places[:2]
    app.directions(second.name, second.address, "walk")
    device.phone.changed()
    assert not family.success(params, device.state(), start), "not the nearest"
    app.directions(first.name, first.address, "drive")
    device.phone.changed()
    assert not family.success(params, device.state(), start), "not the asked mode"
    tap(device.phone, resource_id="maps_mode_walk")
    assert family.success(params, device.state(), start)
    other = maps.search("Walmart").places[0]
    anyone = {"place": "Target", "nearest": False, "mode": ""}
    assert family.success(anyone, device.state(), start)
    app.directions(other.name, other.address)
    device.phone.changed()
    assert not family.success(anyone, device.state(), start), "another brand"


@pytest.mark.parametrize(
    "instruction",
    [
        "Search for good Italian restaurants on Maps",
        "Find the nearest electronics store that's open",
        "How do I get to the nearest Lowe's?",
        "Take me to the nearest Popeyes by bus",
    ],
)
def test_the_oracle_solves_from_the_ui(instruction: str) -> None:
    device = SimDevice()
    device.reset(7)
    assert run_oracle(device, instruction)


def test_test_split_values_never_appear_in_train() -> None:
    for pool in (CATEGORIES, PLACES):
        assert not set(pool.split("test")) & set(pool.split("train"))
    rng = np.random.default_rng(0)
    for name in ("maps_search", "maps_nearest", "maps_directions"):
        family = get(name)
        for _ in range(4):
            text, params = family.sample(rng, "test")
            value = params.get("category") or params.get("place")
            assert value in (CATEGORIES.split("test") + PLACES.split("test"))
            assert resolve(text) == (family, params), text
