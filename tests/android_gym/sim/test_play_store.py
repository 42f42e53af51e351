"""The Play Store: search with suggestions, results, app pages, downloads that move with the
phone's clock, Open and Uninstall."""

from __future__ import annotations

import pytest
from sim_driver import elements, tap, texts

from android_gym.sim import Phone
from android_gym.sim.apps.launcher import LAUNCHER
from android_gym.sim.apps.play_store import DOWNLOAD_SECONDS, PACKAGE
from android_gym.sim.phone import INPUT_SECONDS
from android_gym.ui import find

PANDORA = "com.pandora.android"
WAIT = round(DOWNLOAD_SECONDS / INPUT_SECONDS)


@pytest.fixture
def phone() -> Phone:
    p = Phone()
    p.open_app(PACKAGE)
    return p


def facts(phone: Phone) -> dict:
    return phone.state().app_facts(PACKAGE)


def wait(phone: Phone, steps: int = 1) -> None:
    """Inert taps (on the status bar's clock): only the phone's time moves."""
    for _ in range(steps):
        assert not phone.tap(30, 30)


def open_page(phone: Phone, typed: str = "Pand", name: str = "Pandora") -> None:
    tap(phone, resource_id="search_bar")
    phone.type_text(typed)
    tap(phone, resource_id="suggestion_app", text=name)


def test_suggestions_are_not_results(phone: Phone) -> None:
    tap(phone, resource_id="search_bar")
    phone.type_text("spot")
    assert facts(phone)["page"] == "typing" and "spotify" in texts(phone)
    assert find(elements(phone), resource_id="suggestion_app", text="Spotify")
    assert not find(elements(phone), resource_id="install_button")
    tap(phone, text="spotify app")
    assert facts(phone)["page"] == "results"
    rows = find(elements(phone), resource_id="app_name")
    assert rows[0].text == "Spotify", "the best match comes first"
    phone.press("back")
    assert facts(phone)["page"] == "home"


def test_enter_searches_and_a_result_opens_its_page(phone: Phone) -> None:
    tap(phone, resource_id="search_bar")
    phone.type_text("amazon")
    phone.press("enter")
    names = [e.text for e in find(elements(phone), resource_id="app_name")]
    assert "Amazon Shopping" in names and "Amazon Music" in names and "Netflix" not in names
    tap(phone, resource_id="app_row", content_desc="Amazon Music")
    assert facts(phone) == {"page": "details", "title": "Amazon Music", "button": "Install"}
    phone.press("back")
    assert facts(phone)["page"] == "results"


def test_install_downloads_with_the_clock_then_opens(phone: Phone) -> None:
    open_page(phone)
    tap(phone, text="Install")
    assert facts(phone)["button"] == "Downloading" and not phone.is_installed(PANDORA)
    assert "Pending…" in texts(phone)
    open_button = find(elements(phone), resource_id="open_button")[0]
    assert not open_button.enabled, "Open stays disabled while the app downloads"
    seen = set()
    for _ in range(WAIT - 1):
        wait(phone)
        seen |= {t for t in texts(phone) if "% of" in t}
        assert not phone.is_installed(PANDORA)
    assert len(seen) == WAIT - 1, "the progress moves every step"
    wait(phone)
    assert phone.is_installed(PANDORA) and facts(phone)["button"] == "Open"
    assert {"Uninstall", "Open"} <= set(texts(phone))
    tap(phone, text="Open")
    assert phone.state().package == PANDORA


def test_a_download_carries_on_behind_the_store_and_shows_in_the_drawer(phone: Phone) -> None:
    open_page(phone)
    tap(phone, text="Install")
    phone.press("home")
    wait(phone, WAIT)
    assert phone.is_installed(PANDORA)
    phone.swipe(540, 1800, 540, 600)
    assert find(elements(phone), text="Pandora", clickable=True)


def test_cancel_stops_the_download(phone: Phone) -> None:
    open_page(phone)
    tap(phone, text="Install")
    tap(phone, text="Cancel")
    wait(phone, WAIT)
    assert not phone.is_installed(PANDORA) and facts(phone)["button"] == "Install"


def test_uninstall_asks_first(phone: Phone) -> None:
    phone.install(PANDORA)
    open_page(phone)
    tap(phone, text="Uninstall")
    tap(phone, resource_id="cancel_uninstall")
    assert phone.is_installed(PANDORA)
    tap(phone, text="Uninstall")
    tap(phone, resource_id="confirm_uninstall")
    assert not phone.is_installed(PANDORA) and facts(phone)["button"] == "Install"


def test_an_app_of_the_phone_has_a_page_with_open(phone: Phone) -> None:
    open_page(phone, "Google", "Google")
    assert facts(phone) == {"page": "details", "title": "Google", "button": "Open"}
    updates = find(elements(phone), resource_id="uninstall_updates_button")
    assert updates and not updates[0].enabled, "apps of the phone cannot be uninstalled"


def test_the_screen_key_moves_with_time_only_while_downloading(phone: Phone) -> None:
    store = phone.apps[PACKAGE]
    open_page(phone)
    key = store.screen_key()
    wait(phone)
    assert store.screen_key() == key
    tap(phone, text="Install")
    key = store.screen_key()
    wait(phone)
    assert store.screen_key() != key


def test_home_tabs_and_back(phone: Phone) -> None:
    assert find(elements(phone), resource_id="for_you")
    tap(phone, content_desc="Top charts")
    assert find(elements(phone), resource_id="top_charts")
    first = find(elements(phone), resource_id="app_row")[0]
    tap(phone, resource_id="app_row", content_desc=first.content_desc)
    assert facts(phone)["title"] == first.content_desc
    phone.press("back")
    tap(phone, content_desc="Books")
    assert "Top selling ebooks" in texts(phone)
    tap(phone, content_desc="Search")
    tap(phone, text="Music & Audio")
    assert "Spotify" in [e.text for e in find(elements(phone), resource_id="app_name")]
    phone.press("back")
    phone.press("back")
    assert phone.state().package == LAUNCHER
