"""The simulated phone: launching, navigation, the keyboard, scrolling, caching, determinism."""

from __future__ import annotations

import time

import gymnasium as gym
import numpy as np
import pytest
from sim_driver import elements, tap, texts

from android_gym.sim import Phone, PhoneConfig
from android_gym.sim.apps.google_app import PACKAGE as GOOGLE
from android_gym.sim.apps.launcher import LAUNCHER
from android_gym.ui import find


@pytest.fixture
def phone() -> Phone:
    return Phone()


def test_home_screen_matches_the_reference_layout(phone: Phone) -> None:
    shot = phone.screenshot()
    assert shot.shape == (1200, 540, 3) and shot.dtype == np.uint8
    els = elements(phone)
    assert find(els, resource_id="search_container_hotseat", clickable=True)
    assert {"Phone", "Messages", "Play Store", "Chrome"} <= {
        e.content_desc for e in els if e.clickable
    }
    assert find(els, resource_id="com.android.systemui:id/back") and find(els, content_desc="Home")
    assert all(
        0 <= e.bounds[0] <= e.bounds[2] <= 1080 and 0 <= e.bounds[1] <= e.bounds[3] <= 2400
        for e in els
    )


def test_drawer_lists_every_app_and_launches_one(phone: Phone) -> None:
    assert phone.swipe(540, 1800, 540, 600)
    labels = {e.text for e in elements(phone) if e.resource_id.endswith(":id/icon")}
    assert {"Calculator", "Chrome", "Clock", "Settings", "YouTube"} <= labels
    tap(phone, text="Clock", clickable=True)
    assert phone.state().package == "com.google.android.deskclock"
    assert "CLOCK" in texts(phone), "the Clock opens on its tabs"
    phone.press("back")
    assert phone.state().package == LAUNCHER


def test_search_widget_typing_keyboard_and_back(phone: Phone) -> None:
    tap(phone, resource_id="search_container_hotseat")
    assert phone.state().package == GOOGLE
    assert find(elements(phone), resource_id="keyboard_view"), "a focused field shows the keyboard"
    for key in "cat":
        tap(phone, content_desc=key, clickable=True)
    assert find(elements(phone), resource_id="googleapp_search_box")[0].text == "cat"
    assert phone.type_text(" videos")
    assert "cat videos" in texts(phone)
    assert phone.state().url is None, "suggestions are not results"
    phone.press("back")  # hides the keyboard first
    assert not find(elements(phone), resource_id="keyboard_view")
    assert phone.state().package == GOOGLE
    phone.press("back")
    assert phone.state().package == LAUNCHER


def test_a_long_text_costs_what_shows(phone: Phone) -> None:
    """100,000 characters typed at once: the field shows their end, and the frame, the
    hierarchy and the results page come at once (cutting the text a character at a time to
    what fits took hours)."""
    tap(phone, resource_id="search_container_hotseat")
    start = time.perf_counter()
    assert phone.type_text("ab" * 50_000 + " end")
    phone.screenshot()
    box = find(elements(phone), resource_id="googleapp_search_box")[0]
    assert box.text.endswith("ab end") and len(box.text) == 100_004, "the hierarchy holds all"
    phone.press("enter")
    phone.screenshot()
    assert time.perf_counter() - start < 5.0


def test_enter_opens_results_and_back_returns(phone: Phone) -> None:
    tap(phone, resource_id="search_container_hotseat")
    phone.type_text("weather in paris")
    assert phone.press("enter")
    assert phone.state().url == "https://www.google.com/search?q=weather+in+paris"
    assert find(elements(phone), resource_id="center_col")


def test_results_page_scrolls(phone: Phone) -> None:
    tap(phone, resource_id="search_container_hotseat")
    phone.type_text("news in chile")
    phone.press("enter")
    before = phone.ui_xml()
    assert phone.swipe(540, 1900, 540, 800)
    assert phone.ui_xml() != before
    assert not phone.swipe(540, 100, 540, 100 - 1), "a swipe on the status bar scrolls nothing"


def test_typing_without_focus_is_a_no_op(phone: Phone) -> None:
    version = phone.version
    assert not phone.type_text("hello")
    assert not phone.press("enter")
    assert not phone.tap(540, 700), "the wallpaper is not clickable"
    assert phone.version == version


def test_cached_screens_dispatch_to_the_live_state(phone: Phone) -> None:
    """A screen built before a reset is reused from the cache; its input must reach the new
    state objects, not the ones it was built from."""
    tap(phone, resource_id="search_container_hotseat")
    cached = phone.screen()  # builds and caches the search screen
    phone.reset(0)
    tap(phone, resource_id="search_container_hotseat")  # same screen key as before the reset
    assert phone.screen() is cached
    tap(phone, content_desc="x", clickable=True)
    assert phone.state().facts[GOOGLE]["typed"] == "x"
    assert find(elements(phone), resource_id="googleapp_search_box")[0].text == "x"


def test_same_seed_and_inputs_give_identical_screens() -> None:
    def run(seed: int) -> tuple[list[bytes], list[str]]:
        p = Phone()
        p.reset(seed)
        shots, xmls = [p.screenshot().tobytes()], [p.ui_xml()]
        for step in (
            lambda: tap(p, resource_id="search_container_hotseat"),
            lambda: p.type_text("hotels in zurich"),
            lambda: p.press("enter"),
            lambda: p.swipe(540, 1800, 540, 900),
        ):
            step()
            shots.append(p.screenshot().tobytes())
            xmls.append(p.ui_xml())
        return shots, xmls

    assert run(3) == run(3)
    assert run(3)[1][0] != run(4)[1][0], "the clock follows the seed"


def test_a_screen_drawn_again_is_identical_and_each_screenshot_is_the_callers() -> None:
    first, fresh = Phone(), Phone()
    for p in (first, fresh):
        tap(p, resource_id="search_container_hotseat")
        p.type_text("weather in oslo")
        p.press("enter")
    drawn = first.screenshot()  # drawn op by op, its plan recorded
    drawn[:100] = 0  # the caller's own array: writing to it changes no later screenshot
    again = first.screenshot()  # redrawn from the plan
    assert again is not drawn and again.flags.writeable
    assert again.tobytes() == fresh.screenshot().tobytes()


def test_render_scale_changes_pixels_not_the_hierarchy() -> None:
    small, big = Phone(PhoneConfig(scale=0.25)), Phone(PhoneConfig(scale=1.0))
    assert small.screenshot().shape == (600, 270, 3) and big.screenshot().shape == (2400, 1080, 3)
    assert small.ui_xml() == big.ui_xml()


def test_recents_and_home(phone: Phone) -> None:
    tap(phone, content_desc="Chrome", clickable=True)
    phone.press("recent_apps")
    assert find(elements(phone), resource_id="snapshot")
    tap(phone, resource_id="snapshot")
    assert phone.state().package == "com.android.chrome"
    phone.press("home")
    assert phone.state().package == LAUNCHER


def test_config_is_validated() -> None:
    with pytest.raises(ValueError, match="out of range"):
        PhoneConfig(width=10)
    with pytest.raises(ValueError, match="scale"):
        PhoneConfig(scale=5)


def explore(phone: Phone, seed: int, steps: int = 40) -> list[tuple[str, str]]:
    """Taps random clickable elements (and sometimes types, scrolls or goes back); returns the
    (state, XML) after every step."""
    rng = np.random.default_rng(seed)
    trace = []
    for _ in range(steps):
        roll = rng.random()
        if roll < 0.1:
            phone.press("back")
        elif roll < 0.2:
            phone.type_text("news")
        elif roll < 0.25:
            phone.press("enter")
        elif roll < 0.35:
            phone.swipe(540, 1800, 540, 700)
        else:
            clickable = [e for e in elements(phone) if e.clickable]
            x, y = clickable[int(rng.integers(len(clickable)))].center
            phone.tap(x, y)
        trace.append((repr(phone.state()), phone.ui_xml()))
    return trace


@pytest.mark.parametrize("seed", range(4))
def test_warm_screen_cache_behaves_exactly_like_a_cold_one(seed: int) -> None:
    """Replaying an exploration after a reset runs on screens cached during the first run;
    every step must end in the same state as on a phone that never saw them."""
    warm = Phone()
    warm.reset(seed)
    explore(warm, seed)
    warm.reset(seed)
    cold = Phone()
    cold.reset(seed)
    assert explore(warm, seed) == explore(cold, seed)


def test_a_screen_is_encoded_once_per_kind_of_encoding() -> None:
    phone = Phone()
    calls = []

    def encode(frame):
        calls.append(frame.shape)
        return bytes(frame[:4, :4].tobytes())

    first = phone.encoded_screen("raw", encode)
    assert phone.encoded_screen("raw", encode) is first and len(calls) == 1
    phone.encoded_screen("other", encode)
    assert len(calls) == 2
    phone.press("home")
    phone.open_app("com.android.chrome")
    phone.encoded_screen("raw", encode)
    assert len(calls) == 3


def test_an_env_sets_the_simulated_phones_screen_cache_through_device_options() -> None:
    """`device_options={"screen_cache": N}` bounds the laid-out screens the phone keeps (the
    knob that trades layouts for full-collection pauses, docs/environment.md)."""
    env = gym.make("AndroidGeneral-v0", device_options={"screen_cache": 3})
    phone = env.unwrapped.device.phone
    env.reset(seed=0)
    explore(phone, 0)
    assert phone.config.screen_cache == 3
    assert 1 <= len(phone._screens) <= 3 < phone.layouts
    env.close()
