"""The Settings app: every installed app listed, App info (Uninstall really uninstalls), per-app
notification switches and system switches shared with the shade, search, back navigation."""

from __future__ import annotations

from sim_driver import elements, tap, texts

from android_gym.sim import Phone
from android_gym.sim.apps.launcher import LAUNCHER
from android_gym.sim.apps.settings import PACKAGE as SETTINGS
from android_gym.sim.device_settings import SYSTEM
from android_gym.ui import find

NETFLIX = "com.netflix.mediaclient"
MAPS = "com.google.android.apps.maps"


def settings(phone: Phone) -> None:
    phone.open_app(SETTINGS)


def all_app_labels(phone: Phone) -> set[str]:
    """Opens Apps -> See all apps and scrolls through the list."""
    tap(phone, text="Apps")
    tap(phone, contains="See all")
    labels: set[str] = set()
    for _ in range(8):
        labels |= {e.text for e in find(elements(phone), resource_id="title")}
        phone.swipe(540, 1900, 540, 900)
    return labels


def open_app_info(phone: Phone, label: str) -> None:
    settings(phone)
    tap(phone, resource_id="search_action_bar")
    phone.type_text(label)
    hits = [
        e for e in find(elements(phone), resource_id="search_result") if e.content_desc == label
    ]
    assert hits, f"no search result for {label}"
    phone.tap(*hits[0].center)


def test_all_apps_lists_what_is_installed() -> None:
    phone = Phone()
    phone.install(NETFLIX)
    settings(phone)
    labels = all_app_labels(phone)
    assert {"Netflix", "Maps", "Chrome", "Settings"} <= labels
    assert "Spotify" not in labels, "an app that is not installed is not listed"
    assert phone.state().activity == ".applications.ManageApplications"


def test_app_info_shows_the_app_and_uninstall_really_uninstalls() -> None:
    phone = Phone()
    phone.install(NETFLIX)
    open_app_info(phone, "Netflix")
    state = phone.state()
    assert (state.package, state.activity) == (SETTINGS, ".applications.InstalledAppDetails")
    assert state.app_facts(SETTINGS)["app"] == NETFLIX
    assert {"Open", "Force stop", "Notifications", "Permissions", "Storage & cache"} <= set(
        texts(phone)
    )
    tap(phone, text="Uninstall", clickable=True)
    assert NETFLIX in phone.installed, "the dialog asks first"
    tap(phone, text="Cancel")
    assert NETFLIX in phone.installed
    tap(phone, text="Uninstall", clickable=True)
    tap(phone, text="OK")
    assert NETFLIX not in phone.state().packages
    assert phone.state().app_facts(SETTINGS)["app"] == "", "the page about it closed"


def test_system_apps_cannot_be_uninstalled_and_open_launches() -> None:
    phone = Phone()
    open_app_info(phone, "Maps")
    disable = find(elements(phone), text="Disable")
    assert disable and not any(e.clickable for e in disable)
    assert not find(elements(phone), text="Uninstall")
    tap(phone, text="Open", clickable=True)
    assert phone.state().package == MAPS
    phone.open_app(SETTINGS)
    assert MAPS in phone.recents
    tap(phone, text="Force stop", clickable=True)
    tap(phone, text="OK")
    assert MAPS not in phone.recents
    assert not find(elements(phone), text="Force stop")[0].clickable, "nothing left to stop"


def test_the_app_notification_switch_is_the_shared_state() -> None:
    phone = Phone()
    open_app_info(phone, "Maps")
    tap(phone, resource_id="title", text="Notifications")
    assert phone.state().activity == ".Settings$AppNotificationSettingsActivity"
    switch = find(elements(phone), content_desc="All Maps notifications")[0]
    assert switch.checkable and switch.checked
    tap(phone, content_desc="All Maps notifications")
    assert not find(elements(phone), content_desc="All Maps notifications")[0].checked
    assert phone.state().app_facts(SYSTEM)["blocked"] == (MAPS,)
    assert MAPS not in phone.state().app_facts("com.android.systemui")["notifications"]
    phone.press("back")
    assert "Off" in texts(phone), "App info says the notifications are off"


def test_system_switches_change_the_settings_the_shade_shows() -> None:
    phone = Phone()
    settings(phone)
    tap(phone, text="Network & internet")
    tap(phone, text="Internet")
    tap(phone, content_desc="Wi-Fi")
    assert phone.settings.wifi is False and phone.state().app_facts(SYSTEM)["wifi"] is False
    assert not find(elements(phone), content_desc="Wifi signal full."), "status bar follows"
    phone.press("back")
    tap(phone, content_desc="Airplane mode")
    assert phone.settings.airplane and not phone.settings.wifi
    tap(phone, content_desc="Airplane mode")
    assert not phone.settings.airplane and not phone.settings.wifi, "radios come back as they were"
    phone.press("home")
    phone.swipe(540, 30, 540, 1500)
    tile = find(elements(phone), content_desc="Wi-Fi")[0]
    assert tile.checkable and not tile.checked


def test_dark_theme_darkens_settings() -> None:
    phone = Phone()
    settings(phone)
    light = phone.screenshot()[300, 20].tolist()
    tap(phone, text="Display")
    tap(phone, content_desc="Dark theme")
    assert phone.settings.dark_theme
    phone.press("back")
    dark = phone.screenshot()[300, 20].tolist()
    assert sum(dark) < 100 < sum(light)


def test_search_finds_apps_and_settings_as_one_types() -> None:
    phone = Phone()
    phone.install(NETFLIX)
    settings(phone)
    tap(phone, resource_id="search_action_bar")
    assert phone.state().activity == ".search.SearchActivity"
    phone.type_text("net")
    found = {e.content_desc for e in find(elements(phone), resource_id="search_result")}
    assert {"Netflix", "Network & internet"} <= found and "Maps" not in found
    tap(phone, content_desc="Clear")
    phone.type_text("zzzz")
    assert "No results" in texts(phone)


def test_back_goes_down_the_stack_and_closes_settings() -> None:
    phone = Phone()
    open_app_info(phone, "Maps")
    assert phone.apps[SETTINGS].depth == 3
    tap(phone, content_desc="Navigate up")
    assert phone.state().activity == ".search.SearchActivity"
    phone.press("back")  # hides the keyboard
    phone.press("back")
    assert phone.state().activity == ".Settings"
    phone.press("back")
    assert phone.state().package == LAUNCHER
