"""The notification shade: opened by a swipe from the status bar, expanded by a second one,
closed by back, home or swiping up; tiles share the phone's settings; notifications open their
app and can be dismissed; what it shows reaches DeviceState."""

from __future__ import annotations

from sim_driver import elements, tap

from android_gym.sim import Phone
from android_gym.sim.apps.launcher import LAUNCHER
from android_gym.sim.system import SYSTEM_UI
from android_gym.ui import find

NETFLIX = "com.netflix.mediaclient"


def shade(phone: Phone) -> str:
    return phone.state().app_facts(SYSTEM_UI)["shade"]


def pull_down(phone: Phone) -> bool:
    return phone.swipe(540, 30, 540, 1500)


def test_a_swipe_from_the_status_bar_opens_then_expands_the_shade() -> None:
    phone = Phone()
    assert shade(phone) == "closed"
    phone.swipe(540, 1200, 540, 1900)
    assert shade(phone) == "closed", "a swipe down elsewhere does not open it"
    assert pull_down(phone) and shade(phone) == "open"
    xml = phone.ui_xml()
    assert f'package="{SYSTEM_UI}"' in xml and "nexuslauncher:id/workspace" not in xml
    assert len(find(elements(phone), resource_id="tile")) == 4
    phone.swipe(540, 600, 540, 1500)
    assert shade(phone) == "expanded"
    assert {e.content_desc for e in find(elements(phone), resource_id="tile")} >= {
        "Airplane mode",
        "Dark theme",
    }
    phone.swipe(540, 1500, 540, 600)
    assert shade(phone) == "open"
    phone.swipe(540, 1500, 540, 600)
    assert shade(phone) == "closed"
    assert phone.state().package == LAUNCHER


def test_back_and_home_close_the_shade_over_an_app() -> None:
    phone = Phone()
    phone.open_app("com.android.chrome")
    pull_down(phone)
    assert phone.state().package == "com.android.chrome", "the app stays in front"
    phone.press("back")
    assert shade(phone) == "closed" and phone.state().package == "com.android.chrome"
    pull_down(phone)
    phone.press("home")
    assert shade(phone) == "closed" and phone.state().package == LAUNCHER


def test_tiles_switch_the_shared_settings() -> None:
    phone = Phone()
    pull_down(phone)
    tap(phone, content_desc="Bluetooth")
    assert phone.settings.bluetooth and find(elements(phone), content_desc="Bluetooth")[0].checked
    phone.swipe(540, 600, 540, 1500)
    tap(phone, content_desc="Airplane mode")
    facts = phone.state().app_facts("android")
    assert facts["airplane"] and not facts["wifi"] and not facts["bluetooth"]
    tap(phone, content_desc="Dark theme")
    assert phone.state().app_facts("android")["dark_theme"]


def test_notifications_open_their_app_and_can_be_dismissed() -> None:
    phone = Phone()
    phone.reset(5)
    phone.install(NETFLIX)
    posted = phone.state().app_facts(SYSTEM_UI)["notifications"]
    assert NETFLIX in posted, "an installed app has its notification"
    pull_down(phone)
    cards = find(elements(phone), resource_id="notification")
    assert cards and any("Netflix" in c.content_desc for c in cards)
    first = cards[0]
    x, y = first.center
    assert phone.swipe(x - 300, y, x + 300, y), "a sideways swipe dismisses"
    assert len(phone.state().app_facts(SYSTEM_UI)["notifications"]) == len(posted) - 1
    netflix = [
        c for c in find(elements(phone), resource_id="notification") if "Netflix" in c.content_desc
    ]
    phone.tap(*netflix[0].center)
    assert phone.state().package == NETFLIX and shade(phone) == "closed"
    assert NETFLIX not in phone.state().app_facts(SYSTEM_UI)["notifications"]
    pull_down(phone)
    tap(phone, text="Clear all")
    assert phone.state().app_facts(SYSTEM_UI)["notifications"] == ()
    assert "No notifications" in {e.text for e in elements(phone)}


def test_blocked_apps_post_nothing_and_reset_restores() -> None:
    phone = Phone()
    phone.install(NETFLIX)
    phone.settings.set_notifications(NETFLIX, False)
    phone.changed()
    assert NETFLIX not in phone.state().app_facts(SYSTEM_UI)["notifications"]
    assert phone.state().app_facts("android")["blocked"] == (NETFLIX,)
    pull_down(phone)
    phone.reset(0)
    assert shade(phone) == "closed" and phone.state().app_facts("android")["blocked"] == ()
