"""Installed packages and phone time: what the store apps, Settings and the launcher rely on."""

from __future__ import annotations

from sim_driver import elements, tap

from android_gym.content.store_apps import CATALOG, by_package
from android_gym.sim import Phone
from android_gym.sim.apps.launcher import LAUNCHER
from android_gym.sim.phone import INPUT_SECONDS

CNN = "com.cnn.mobile.android.phone"
NETFLIX = "com.netflix.mediaclient"


def drawer_labels(phone: Phone) -> set[str]:
    phone.press("home")
    phone.swipe(540, 1800, 540, 600)
    labels = set()
    for _ in range(6):
        labels |= {e.text for e in elements(phone) if e.resource_id.endswith(":id/icon")}
        phone.swipe(540, 1800, 540, 900)
    return labels


def test_the_phone_comes_with_its_own_apps_only() -> None:
    phone = Phone()
    assert phone.state().packages == phone.installed == tuple(sorted(phone.system_packages))
    assert not any(phone.is_installed(a.package) for a in CATALOG)
    labels = drawer_labels(phone)
    assert "Chrome" in labels and "Netflix" not in labels


def test_install_uninstall_and_open() -> None:
    phone = Phone()
    phone.open_app(CNN)
    assert phone.state().package == LAUNCHER, "an app that is not installed does not open"
    assert phone.install(CNN) and not phone.install(CNN)
    assert CNN in phone.state().packages and "CNN" in drawer_labels(phone)
    tap(phone, text="CNN", clickable=True)
    assert phone.state().package == CNN
    assert phone.uninstall(CNN)
    assert phone.state().package == LAUNCHER and CNN not in phone.state().packages
    assert "CNN" not in drawer_labels(phone)
    assert not phone.uninstall("com.android.chrome"), "system apps stay"
    assert not phone.install("com.example.unknown")
    phone.install(CNN)
    phone.reset(0)
    assert not phone.is_installed(CNN), "reset uninstalls what was installed"


def test_store_entries_are_consistent() -> None:
    app = by_package()[NETFLIX]
    assert 3.6 <= app.rating <= 4.9 and app.rating == by_package()[NETFLIX].rating
    assert app.downloads.endswith("+") and 18 <= app.size_mb < 180
    assert len(by_package()) == len(CATALOG), "one entry per package"


def test_every_input_takes_phone_time_and_the_clock_moves() -> None:
    phone = Phone()
    phone.reset(3)
    start = phone.clock
    tap(phone, resource_id="search_container_hotseat")
    assert phone.elapsed == INPUT_SECONDS
    tap(phone, content_desc="a", clickable=True)
    assert phone.elapsed == 2 * INPUT_SECONDS, "a keyboard key is one input, not two"
    phone.type_text("bc")
    phone.press("enter")
    assert phone.elapsed == 4 * INPUT_SECONDS
    for _ in range(30):
        phone.swipe(540, 1500, 540, 900)
    assert phone.clock != start
    hour, minute = map(int, phone.clock.split(":"))
    h0, m0 = map(int, start.split(":"))
    assert (hour * 60 + minute) - (h0 * 60 + m0) == int(phone.elapsed // 60)
    phone.reset(3)
    assert phone.elapsed == 0 and phone.clock == start
