"""The Settings and notification families: AitW's lines parse into them, set-up installs the
app and sets a known start, judges are strict both ways, and the oracle solves sampled tasks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sim_driver import tap

from android_gym.content.store_apps import by_package
from android_gym.devices.sim import SimDevice
from android_gym.env import AndroidEnv
from android_gym.families import get, resolve
from android_gym.families.settings_apps import packages, settings_pools
from android_gym.sim.apps.settings import PACKAGE as SETTINGS
from android_gym.ui import parse_ui_xml

MINE = ("app_settings", "app_notifications", "notification_shade", "device_toggle")
NETFLIX = "com.netflix.mediaclient"
MAPS = "com.google.android.apps.maps"


def prepared(instruction: str, seed: int = 0) -> tuple[SimDevice, object, dict, object]:
    family, params = resolve(instruction)
    device = SimDevice()
    device.reset(seed)
    family.setup(device, params, np.random.default_rng(seed))
    return device, family, params, device.state()


def solve(device: SimDevice, family, params, start, limit: int = 10) -> int | None:
    """Runs the oracle; the number of steps it took, or None."""
    for step in range(limit):
        action = family.oracle(params, parse_ui_xml(device.ui_xml()), device.screen_size)
        AndroidEnv._apply(type("E", (), {"device": device})(), action)
        if family.success(params, device.state(), start):
            return step + 1
    return None


def test_aitw_settings_and_notification_lines_parse_into_these_families(aitw_dir: Path) -> None:
    seen = 0
    for name in ("general_train.txt", "general_test.txt"):
        for line in (aitw_dir / name).read_text(encoding="utf-8").splitlines():
            low = line.lower()
            if "notification" in low or ("setting" in low and " for " in low):
                family, _ = resolve(line)
                assert family.name in MINE, line
                seen += 1
    assert seen >= 40


@pytest.mark.parametrize(
    "text, family, params",
    [
        (
            "Check the settings for the Google Play Movies app",
            "app_settings",
            {"app": "Play Movies & TV"},
        ),
        (
            "Checkthe settings for the Amazon Prime Music app",
            "app_settings",
            {"app": "Amazon Music"},
        ),
        ("Check the settings for the YouTube app", "app_settings", {"app": "YouTube"}),
        (
            "Toggle notifications for the Google Photos app",
            "app_notifications",
            {"app": "Photos", "state": "toggle"},
        ),
        (
            "Turn off notifications for the Google Maps app",
            "app_notifications",
            {"app": "Maps", "state": "off"},
        ),
        ("Show me my notifications", "notification_shade", {}),
        ("Turn off Wi-Fi", "device_toggle", {"setting": "wifi", "state": "off"}),
        ("Enable airplane mode", "device_toggle", {"setting": "airplane", "state": "on"}),
        ("Turn on dark mode", "device_toggle", {"setting": "dark_theme", "state": "on"}),
        ("Open the settings", "launch_app", {"app": "Settings"}),
    ],
)
def test_instructions_as_aitw_writes_them(text: str, family: str, params: dict) -> None:
    got, parsed = resolve(text)
    assert (got.name, parsed) == (family, params)


def test_every_app_resolves_to_a_package_and_test_apps_are_held_out() -> None:
    pool = settings_pools()["apps"]
    assert all(value in packages() for value in pool.values)
    train, test = set(pool.split("train")), set(pool.split("test"))
    assert test and not train & test
    assert {"Netflix", "Maps", "Prime Video"} <= set(pool.values)


def test_app_settings_installs_the_app_and_judges_only_its_app_info() -> None:
    device, family, params, start = prepared("Check the settings for the Netflix app")
    phone = device.phone
    assert NETFLIX in start.packages and NETFLIX in by_package()
    assert not family.success(params, start, start)
    phone.open_app(SETTINGS)
    phone.apps[SETTINGS].go("app_info", package=MAPS)
    phone.changed()
    assert not family.success(params, device.state(), start), "another app's App info"
    phone.apps[SETTINGS].go("app_info", package=NETFLIX)
    phone.changed()
    assert family.success(params, device.state(), start)
    tap(phone, resource_id="title", text="Notifications")
    assert not family.success(params, device.state(), start), "a page below App info"


def test_notification_switch_judge_is_strict() -> None:
    device, family, params, start = prepared("Turn off notifications for the Google Maps app")
    settings = device.phone.settings
    assert settings.notifications_enabled(MAPS), "off starts on"
    settings.set_notifications("com.google.android.gm", False)
    device.phone.changed()
    assert not family.success(params, device.state(), start), "another app's switch"
    settings.set_notifications(MAPS, False)
    device.phone.changed()
    assert not family.success(params, device.state(), start), "and another app's changed too"
    settings.set_notifications("com.google.android.gm", True)
    device.phone.changed()
    assert family.success(params, device.state(), start)


def test_toggle_means_the_opposite_of_the_start() -> None:
    for seed in range(4):
        device, family, params, start = prepared(
            "Toggle notifications for the Google Photos app", seed
        )
        photos = "com.google.android.apps.photos"
        before = device.phone.settings.notifications_enabled(photos)
        device.phone.settings.set_notifications(photos, not before)
        device.phone.changed()
        assert family.success(params, device.state(), start)
        device.phone.settings.set_notifications(photos, before)
        device.phone.changed()
        assert not family.success(params, device.state(), start)


def test_device_toggle_judge_wants_that_switch_only() -> None:
    device, family, params, start = prepared("Turn off Wi-Fi")
    settings = device.phone.settings
    assert settings.wifi and not settings.airplane
    settings.set("airplane", True)  # Wi-Fi goes off, but so does everything radio
    device.phone.changed()
    assert not settings.wifi and not family.success(params, device.state(), start)
    settings.set("airplane", False)
    settings.set("wifi", False)
    device.phone.changed()
    assert family.success(params, device.state(), start)
    device, family, params, start = prepared("Enable airplane mode")
    device.phone.settings.set("airplane", True)
    device.phone.changed()
    assert family.success(params, device.state(), start), "airplane mode switches the radios"


def test_shade_judge() -> None:
    device, family, params, start = prepared("Show me my notifications")
    assert not family.success(params, start, start)
    device.phone.swipe(540, 1000, 540, 1800)
    assert not family.success(params, device.state(), start)
    device.phone.swipe(540, 30, 540, 1500)
    assert family.success(params, device.state(), start)


@pytest.mark.parametrize("name", MINE)
def test_the_oracle_solves_sampled_test_tasks_within_ten_steps(name: str) -> None:
    rng = np.random.default_rng(3)
    family = get(name)
    for seed in range(3):
        text, params = family.sample(rng, "test")
        assert resolve(text) == (family, params)
        device = SimDevice()
        device.reset(seed)
        family.setup(device, params, rng)
        steps = solve(device, family, params, device.state())
        assert steps is not None and steps <= 8, text
