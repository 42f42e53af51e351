"""The Reddit family: parsing, strict judging in the app and on reddit.com, the oracle."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sim_driver import tap

from android_gym.content import reddit
from android_gym.devices.sim import SimDevice
from android_gym.families import get, resolve

AITW = [Path("/work/shared/aitw") / f"general_{s}.txt" for s in ("train", "test")]


@pytest.fixture
def device() -> SimDevice:
    d = SimDevice()
    d.reset(0)
    return d


@pytest.mark.parametrize(
    ("instruction", "params"),
    [
        ("Open Reddit", {"intent": "open", "via": ""}),
        ("Go to Reddit", {"intent": "visit", "via": ""}),
        ("Go to reddit.com", {"intent": "visit", "via": "site"}),
        ("What's on Reddit", {"intent": "front", "via": ""}),
        ("What's on Reddit this week", {"intent": "top", "via": "", "period": "week"}),
        ("What's on Reddit today", {"intent": "top", "via": "", "period": "day"}),
        ("show me reddit's best posts this week", {"intent": "top", "via": "", "period": "week"}),
        ("What's the top post on reddit?", {"intent": "top_post", "via": "", "period": "day"}),
        (
            "What's the top post on reddit right now?",
            {"intent": "top_post", "via": "", "period": "day"},
        ),
        (
            "What's the top post on the reddit app this month?",
            {"intent": "top_post", "via": "app", "period": "month"},
        ),
        (
            "Open the Reddit app and search for hiking tips",
            {"intent": "search", "via": "app", "query": "hiking tips"},
        ),
    ],
)
def test_parses(instruction: str, params: dict) -> None:
    family, found = resolve(instruction)
    assert family.name == "reddit" and found == params


def test_every_aitw_reddit_line_parses_into_the_family() -> None:
    lines = [
        line.strip()
        for path in AITW
        if path.is_file()
        for line in path.read_text().splitlines()
        if "reddit" in line.lower() and not line.lower().startswith("install")
    ]
    if not lines:
        pytest.skip("AitW lists not found under /work/shared/aitw")
    assert {resolve(line)[0].name for line in lines} == {"reddit"}


def judge(device: SimDevice, instruction: str, start) -> bool:
    family, params = resolve(instruction)
    return family.success(params, device.state(), start)


def open_app_sorted(device: SimDevice, period: str | None) -> None:
    phone = device.phone
    phone.swipe(540, 1800, 540, 600)
    tap(phone, content_desc="Reddit")
    if period:
        tap(phone, resource_id="sort_button")
        tap(phone, content_desc="Top")
        tap(phone, content_desc=period)


def test_the_wrong_period_is_not_success(device: SimDevice) -> None:
    start = device.state()
    open_app_sorted(device, "Today")
    assert judge(device, "What's on Reddit today", start)
    assert not judge(device, "What's on Reddit this week", start)
    tap(device.phone, resource_id="sort_button")
    tap(device.phone, content_desc="Top")
    assert not judge(device, "What's on Reddit today", start), "a sheet is open"
    tap(device.phone, content_desc="This Week")
    assert judge(device, "What's on Reddit this week", start)
    assert not judge(device, "What's on Reddit today", start)


def test_top_post_needs_that_post_open(device: SimDevice) -> None:
    start = device.state()
    open_app_sorted(device, "This Week")
    assert not judge(device, "What's the top post on reddit this week?", start)
    tap(device.phone, resource_id="post_unit")
    assert judge(device, "What's the top post on reddit this week?", start)
    assert not judge(device, "What's the top post on reddit today?", start)
    assert not judge(device, "What's on Reddit", start), "a post is not the front page"


def test_front_page_and_open(device: SimDevice) -> None:
    start = device.state()
    assert not judge(device, "Open Reddit", start)
    open_app_sorted(device, None)
    assert judge(device, "What's on Reddit", start)
    assert judge(device, "Open Reddit", start) and judge(device, "Go to Reddit", start)
    assert not judge(device, "Go to reddit.com", start), "the site was asked for"


def test_the_site_counts_where_no_app_is_named(device: SimDevice) -> None:
    phone = device.phone
    start = device.state()
    tap(phone, content_desc="Chrome")
    tap(phone, resource_id="search_box")
    phone.type_text("reddit.com/top/?t=week")
    assert not judge(device, "What's on Reddit this week", start), "typing is not visiting"
    phone.press("enter")
    assert judge(device, "What's on Reddit this week", start)
    assert not judge(device, "What's on the reddit app this week", start)
    assert not judge(device, "Open Reddit", start), "Open Reddit opens the app"
    assert judge(device, "Go to Reddit", start)


def test_search_needs_results_not_suggestions(device: SimDevice) -> None:
    phone = device.phone
    start = device.state()
    open_app_sorted(device, None)
    tap(phone, resource_id="search_icon")
    phone.type_text("hiking tips")
    instruction = "Open the Reddit app and search for hiking tips"
    assert not judge(device, instruction, start)
    phone.press("enter")
    assert judge(device, instruction, start)
    assert not judge(device, "Search Reddit for camping gear", start)


def test_oracle_solves_sampled_tasks_of_both_splits() -> None:
    from android_gym.env import AndroidEnv
    from android_gym.ui import parse_ui_xml

    family = get("reddit")
    rng = np.random.default_rng(5)
    for split in ("train", "test"):
        for k in range(8):
            instruction, params = family.sample(rng, split)
            assert resolve(instruction) == (family, params), instruction
            device = SimDevice()
            device.reset(k)
            start = device.state()
            for _ in range(10):
                if family.success(params, device.state(), start):
                    break
                action = family.oracle(params, parse_ui_xml(device.ui_xml()), device.screen_size)
                AndroidEnv._apply(type("E", (), {"device": device})(), action)
            assert family.success(params, device.state(), start), instruction


def test_splits_differ_in_phrasing() -> None:
    family = get("reddit")
    rng = np.random.default_rng(0)
    train = {family.sample(rng, "train")[0] for _ in range(200)}
    test = {family.sample(rng, "test")[0] for _ in range(200)}
    assert not train & test
    assert reddit.top_post("day").id != reddit.top_post("week").id
