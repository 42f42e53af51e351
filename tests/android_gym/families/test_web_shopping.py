"""The Web Shopping family: parsing the DigiRL grammar and the cart tasks, judging success
strictly from the URL and the cart, the oracle, and AndroidWebShopping-v0."""

from __future__ import annotations

import re
from pathlib import Path

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env

import android_gym  # noqa: F401  (registers the environments)
from android_gym.agents import OracleAgent
from android_gym.content import stores
from android_gym.demo import run_episode
from android_gym.devices.base import DeviceState
from android_gym.devices.sim import SimDevice
from android_gym.families import resolve
from android_gym.sim.apps.chrome import PACKAGE as CHROME
from android_gym.tasks import load_suite, load_task_file

FAMILY = resolve("Go to ebay.com")[0]
BEST_BUY = stores.BRANDS["bestbuy.com"]


def at(url: str | None, cart: dict[str, list] | None = None) -> DeviceState:
    """Chrome in front on `url`, with the stores' carts `cart` (site -> [[item, qty]])."""
    data = {site: {"cart": lines} for site, lines in (cart or {}).items()}
    return DeviceState(CHROME, url=url, facts={CHROME: {"site_data": data}})


START = at(None)


@pytest.mark.parametrize(
    "text, params",
    [
        ("Go to newegg.com", {"intent": "visit", "site": "newegg.com"}),
        (
            'Go to bestbuy.com, search for "logitech g910"',
            {"intent": "search", "site": "bestbuy.com", "product": "logitech g910"},
        ),
        (
            "Go to costco.com, search for 'usb-c to usb-a', and select the first entry",
            {"intent": "select", "site": "costco.com", "product": "usb-c to usb-a"},
        ),
        (
            "Go to walmart.com, search for 'acme hover widget', and select the first entry",
            {"intent": "select", "site": "walmart.com", "product": "acme hover widget"},
        ),
        (
            "Go to ebay.com, search for 'razer kraken', select the first entry, and add it to "
            "the cart",
            {"intent": "add_first", "site": "ebay.com", "product": "razer kraken"},
        ),
        (
            "Add a macbook to my cart on bestbuy.com",
            {"intent": "add", "site": "bestbuy.com", "product": "macbook"},
        ),
        ("Show me the cart on ebay.com", {"intent": "view_cart", "site": "ebay.com"}),
        ("Empty my cart on newegg.com", {"intent": "clear_cart", "site": "newegg.com"}),
        (
            "Remove 'jbl flip 4' from the cart on walmart.com",
            {"intent": "remove", "site": "walmart.com", "product": "jbl flip 4"},
        ),
    ],
)
def test_parses_the_grammar_and_the_cart_tasks(text: str, params: dict) -> None:
    family, got = resolve(text)
    assert family.name == "web_shopping" and got == params


def test_general_store_questions_stay_general() -> None:
    assert resolve("What's the price of a chainsaw at Costco?")[0].name == "product_price"
    assert resolve("Look up the history of the Roman empire")[0].name == "web_search"


def test_every_aitw_web_shopping_line_parses(aitw_dir: Path) -> None:
    for name, lines in (("webshop_train.txt", 438), ("webshop_test.txt", 360)):
        report = load_task_file(aitw_dir / name, max_steps=20)
        assert not report.skipped and len(report.tasks) == lines  # duplicates kept
        for task in report.tasks:
            quoted = re.search(r"search for [\"'](.*?)[\"']", task.instruction)
            site = re.match(r"Go to (\S+?)(,|$)", task.instruction).group(1)
            assert task.family == "web_shopping" and task.params["site"] == site
            if quoted:
                assert stores.first_result(BEST_BUY, quoted.group(1)) is not None, task
                assert task.params["intent"] == (
                    "select" if "first" in task.instruction else "search"
                )
            else:
                assert task.params["intent"] == "visit"


def test_visit_and_search_are_judged_by_site_and_query() -> None:
    visit = {"intent": "visit", "site": "walmart.com"}
    assert FAMILY.success(visit, at("https://www.walmart.com/ip/x/5123"), START)
    assert not FAMILY.success(visit, at("https://www.bestbuy.com/"), START)
    assert not FAMILY.success(visit, at(None), START)  # the omnibox covers the page
    assert not FAMILY.success(
        visit,
        DeviceState("com.google.android.googlequicksearchbox", url="https://www.walmart.com/"),
        START,
    )
    search = {"intent": "search", "site": "bestbuy.com", "product": "usb-c to usb-a"}
    ok = "https://www.bestbuy.com/site/searchpage.jsp?st=USB+C+to+USB+A"
    assert FAMILY.success(search, at(ok), START)
    for wrong in (
        "https://www.bestbuy.com/site/searchpage.jsp?st=usb-a+to+usb-c",
        "https://www.bestbuy.com/site/searchpage.jsp?st=usb-c",
        "https://www.walmart.com/search?q=usb-c+to+usb-a",
        "https://www.google.com/search?q=usb-c+to+usb-a+bestbuy",
        "https://www.bestbuy.com/",
    ):
        assert not FAMILY.success(search, at(wrong), START), wrong


def test_select_needs_the_first_organic_result() -> None:
    params = {"intent": "select", "site": "bestbuy.com", "product": "razer blade"}
    ranked = stores.listings.ranked(BEST_BUY, "razer blade")
    assert FAMILY.success(params, at(ranked[0].url), START)
    assert not FAMILY.success(params, at(ranked[1].url), START)
    for seed in range(20):  # sponsored listings are never the first organic result
        for paid in stores.listings.sponsored(BEST_BUY, "razer blade", seed):
            assert not FAMILY.success(params, at(paid.url), START)
    walmart = stores.first_result(stores.BRANDS["walmart.com"], "razer blade")
    assert not FAMILY.success(params, at(walmart.url), START)


def test_cart_tasks_are_judged_by_the_cart() -> None:
    first = stores.first_result(BEST_BUY, "logitech g502")
    second = stores.listings.ranked(BEST_BUY, "logitech g502")[1]
    other = stores.first_result(BEST_BUY, "jbl flip 4")
    page = "https://www.bestbuy.com/cart"
    add = {"intent": "add_first", "site": "bestbuy.com", "product": "logitech g502"}
    assert FAMILY.success(add, at(page, {"bestbuy.com": [[first.item, 1]]}), START)
    assert not FAMILY.success(add, at(page, {"bestbuy.com": [[second.item, 1]]}), START)
    assert not FAMILY.success(add, at(page, {"walmart.com": [[first.item, 1]]}), START)
    assert not FAMILY.success(
        add, at(page, {"bestbuy.com": [[first.item, 1], [other.item, 1]]}), START
    )
    loose = {**add, "intent": "add"}
    assert FAMILY.success(loose, at(page, {"bestbuy.com": [[second.item, 1]]}), START)
    assert not FAMILY.success(loose, at(page, {"bestbuy.com": [[other.item, 1]]}), START)
    full = at(None, {"bestbuy.com": [[first.item, 2], [other.item, 1]]})
    clear = {"intent": "clear_cart", "site": "bestbuy.com"}
    assert FAMILY.success(clear, at(page, {"bestbuy.com": []}), full)
    assert not FAMILY.success(clear, at(page, {"bestbuy.com": [[other.item, 1]]}), full)
    assert not FAMILY.success(clear, at(page, {"bestbuy.com": []}), START)  # nothing to clear
    remove = {"intent": "remove", "site": "bestbuy.com", "product": "logitech g502"}
    assert FAMILY.success(remove, at(page, {"bestbuy.com": [[other.item, 1]]}), full)
    assert not FAMILY.success(remove, at(page, {"bestbuy.com": [[first.item, 2]]}), full)
    assert not FAMILY.success(remove, at(page, {"bestbuy.com": []}), full)
    view = {"intent": "view_cart", "site": "bestbuy.com"}
    assert FAMILY.success(view, at(page), START)
    assert not FAMILY.success(view, at("https://cart.ebay.com/"), START)


def test_suggestions_are_not_results() -> None:
    device = SimDevice()
    device.reset(0)
    device.open_url("https://www.newegg.com/")
    params = {"intent": "search", "site": "newegg.com", "product": "jbl flip 4"}
    chrome = device.phone.apps[CHROME]
    chrome.tab.page_state.update(editing=True, typed="jbl flip 4")
    device.phone.changed()
    assert device.state().url is None and not FAMILY.success(params, device.state(), START)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Go to walmart.com, search for 'logitech g933', and select the first entry",
        'Go to newegg.com, search for "usb-c to usb-b", select the first entry, and add it to '
        "the cart",
        "Remove 'razer nari' from the cart on costco.com",
        "Clear the shopping cart on ebay.com",
    ],
)
def test_the_oracle_solves_tasks_through_friction(text: str) -> None:
    env = gym.make("AndroidWebShopping-v0", split="test", render_scale=0.1, obs_size=(64, 32))
    for seed in (0, 1, 2):
        obs, info = env.reset(seed=seed, options={"task": text})
        agent, done, steps = OracleAgent(), False, 0
        while not done:
            obs, reward, terminated, truncated, info = env.step(agent.act(obs, info))
            done, steps = terminated or truncated, steps + 1
        assert reward == 1.0 and steps <= 20, (seed, steps)


@pytest.mark.slow
def test_suite_splits_hold_out_products_and_run_20_steps() -> None:
    train, test = load_suite("web_shopping", "train"), load_suite("web_shopping", "test")
    assert len(test) >= 128 and all(t.max_steps == 20 for t in train + test)
    train_products = {t.params.get("product") for t in train} - {None}
    test_products = {t.params.get("product") for t in test} - {None}
    assert test_products and not train_products & test_products
    assert not {t.instruction for t in train} & {t.instruction for t in test}
    assert len({t.params["intent"] for t in test}) == 7


@pytest.mark.slow
def test_registered_env_checks_and_vectorises(tmp_path: Path) -> None:
    env = gym.make("AndroidWebShopping-v0", split="test", obs_size=(96, 48))
    assert env.spec.kwargs["suite"] == "web_shopping"
    check_env(env.unwrapped)
    listing = tmp_path / "shop.txt"
    listing.write_text("Go to ebay.com\nGo to ebay.com\n")
    env = gym.make("AndroidWebShopping-v0", task_file=str(listing))
    assert len(env.unwrapped.tasks) == 2 and env.unwrapped.tasks[0].max_steps == 20
    ok, steps, _ = run_episode(env, OracleAgent(), seed=0, task_index=1)
    assert ok and steps <= 6
    vec = gym.make_vec(
        "AndroidWebShopping-v0",
        num_envs=2,
        vectorization_mode="sync",
        split="test",
        obs_size=(32, 16),
    )
    obs, _ = vec.reset(seed=0)
    assert obs["screenshot"].shape == (2, 32, 16, 3)
    obs, *_ = vec.step(vec.action_space.sample())
    vec.close()
    assert np.asarray(obs["screenshot"]).shape[0] == 2
