"""Success judges and oracles of the families, on the simulated phone."""

from __future__ import annotations

import numpy as np
import pytest
from sim_driver import tap

from android_gym.devices.sim import SimDevice
from android_gym.families import get, resolve
from android_gym.families.queries import covers
from android_gym.families.search import SearchFamily
from android_gym.ui import parse_ui_xml


def run_oracle(device: SimDevice, instruction: str, limit: int = 12) -> bool:
    from android_gym.env import AndroidEnv

    family, params = resolve(instruction)
    start = device.state()
    env_apply = AndroidEnv._apply
    for _ in range(limit):
        if family.success(params, device.state(), start):
            return True
        action = family.oracle(params, parse_ui_xml(device.ui_xml()), device.screen_size)
        env_apply(type("E", (), {"device": device})(), action)
    return family.success(params, device.state(), start)


@pytest.fixture
def device() -> SimDevice:
    d = SimDevice()
    d.reset(0)
    return d


def test_search_success_needs_results_not_suggestions(device: SimDevice) -> None:
    family, params = resolve("What's the news in Chile?")
    start = device.state()
    phone = device.phone
    tap(phone, resource_id="search_container_hotseat")
    phone.type_text("chile news")
    assert not family.success(params, device.state(), start), "typing shows suggestions only"
    phone.press("enter")
    assert family.success(params, device.state(), start)


def test_search_success_needs_the_key_terms(device: SimDevice) -> None:
    family, params = resolve("What's the news in Chile?")
    start = device.state()
    tap(device.phone, resource_id="search_container_hotseat")
    device.phone.type_text("chile")
    device.phone.press("enter")
    assert not family.success(params, device.state(), start), "no 'news' in the query"


def test_every_intent_query_covers_its_own_key_terms() -> None:
    rng = np.random.default_rng(1)
    for family in (
        f
        for f in __import__("android_gym.families", fromlist=["x"]).families().values()
        if isinstance(f, SearchFamily) and f.name != "web_search"
    ):
        for _ in range(30):
            _, params = family.sample(rng, "train")
            assert covers(family.query(params), family.key_terms(params)), (family.name, params)


@pytest.mark.parametrize(
    "instruction",
    [
        "What's the weather like inToronto?",
        "Open a new Chrome incognito tab",
        "Open a new window in Chrome",
        "Open the play store",
        "Open the calculator app",
        "How much does a 3 bedroom apartment rent for in Boston?",
        "Search for flights from NYC to Paris",
        "Show me some nice wallpapers for my tablet",
    ],
)
def test_oracle_solves_from_the_ui_alone(device: SimDevice, instruction: str) -> None:
    assert run_oracle(device, instruction)


def test_chrome_ui_judges_new_tabs_not_old_ones(device: SimDevice) -> None:
    family, params = resolve("Open a new tab in Chrome")
    start = device.state()
    tap(device.phone, content_desc="Chrome", clickable=True)
    assert not family.success(params, device.state(), start), "the existing tab is not new"
    tap(device.phone, resource_id="menu_button")
    tap(device.phone, text="New incognito tab", clickable=True)
    assert not family.success(params, device.state(), start), "incognito is not what was asked"
    assert get("chrome_ui").success({"incognito": True, "window": False}, device.state(), start)


def test_launch_app_judges_the_foreground(device: SimDevice) -> None:
    family, params = resolve("Open the clock")
    start = device.state()
    assert not family.success(params, start, start)
    device.launch("com.google.android.deskclock")
    assert family.success(params, device.state(), start)
