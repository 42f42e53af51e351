"""Chrome: omnibox, tabs, incognito, windows, tab switcher, menu and history."""

from __future__ import annotations

import pytest
from sim_driver import elements, tap, texts

from android_gym.sim import Phone
from android_gym.sim.apps.chrome import PACKAGE as CHROME
from android_gym.ui import find


@pytest.fixture
def phone() -> Phone:
    p = Phone()
    tap(p, content_desc="Chrome", clickable=True)
    return p


def facts(phone: Phone) -> dict:
    return phone.state().facts[CHROME]


def test_new_tab_page_looks_like_chrome(phone: Phone) -> None:
    els = elements(phone)
    assert find(els, resource_id="search_box_text")
    assert {"Facebook", "YouTube", "Wikipedia", "eBay"} <= set(texts(phone))
    assert find(els, resource_id="tab_switcher_button")[0].content_desc.endswith("1 open tabs")


def test_omnibox_search_and_url(phone: Phone) -> None:
    tap(phone, resource_id="search_box")
    phone.type_text("best pizza")
    assert phone.state().url is None and find(elements(phone), resource_id="omnibox_suggestion")
    phone.press("enter")
    assert phone.state().url == "https://www.google.com/search?q=best+pizza"
    tap(phone, resource_id="location_bar")
    tap(phone, content_desc="Delete")
    phone.type_text("wikipedia.org/wiki/Pizza")
    phone.press("enter")
    assert phone.state().url == "https://wikipedia.org/wiki/Pizza"
    phone.press("back")
    assert phone.state().url == "https://www.google.com/search?q=best+pizza"


def test_menu_new_tab_incognito_and_window(phone: Phone) -> None:
    tap(phone, resource_id="menu_button")
    tap(phone, text="New tab", clickable=True)
    assert facts(phone)["tabs"] == 2 and facts(phone)["current_tab"] == 1
    tap(phone, resource_id="menu_button")
    tap(phone, text="New incognito tab", clickable=True)
    f = facts(phone)
    assert f["incognito_tabs"] == 1 and f["current_incognito"]
    assert "You've gone Incognito" in texts(phone)
    tap(phone, resource_id="menu_button")
    tap(phone, text="New window", clickable=True)
    assert facts(phone)["windows"] == 2 and facts(phone)["window"] == 1


def test_menu_closes_on_back_and_on_outside_tap(phone: Phone) -> None:
    tap(phone, resource_id="menu_button")
    assert facts(phone)["overlay"] == "menu"
    phone.press("back")
    assert facts(phone)["overlay"] == ""
    tap(phone, resource_id="menu_button")
    tap(phone, resource_id="menu_scrim")
    assert facts(phone)["overlay"] == ""


def test_tab_switcher_selects_closes_and_adds(phone: Phone) -> None:
    tap(phone, resource_id="menu_button")
    tap(phone, text="New tab", clickable=True)
    tap(phone, resource_id="tab_switcher_button")
    cards = find(elements(phone), resource_id="card_view")
    assert len(cards) == 2
    x, y = cards[0].center
    phone.tap(x, y)
    assert facts(phone)["current_tab"] == 0 and facts(phone)["overlay"] == ""
    tap(phone, resource_id="tab_switcher_button")
    tap(phone, content_desc="Close New tab tab")
    assert facts(phone)["tabs"] == 1
    tap(phone, resource_id="new_tab_view_button")
    assert facts(phone)["tabs"] == 2


def test_back_from_the_first_page_closes_chrome(phone: Phone) -> None:
    phone.press("back")
    assert phone.state().package != CHROME


def test_cached_pages_edit_the_live_tab(phone: Phone) -> None:
    """A results page cached before a reset must open the in-page search box of the new tab."""

    def to_results() -> object:
        tap(phone, content_desc="Chrome", clickable=True)
        tap(phone, resource_id="search_box")
        phone.type_text("cats")
        phone.press("enter")
        return phone.screen()

    phone.press("home")
    cached = to_results()
    phone.reset(0)
    assert to_results() is cached
    tap(phone, resource_id="search_box")  # the page's own search box
    assert phone.state().url is None, "the live tab is editing its search box"
    phone.type_text(" dogs")
    assert "cats dogs" in texts(phone)
