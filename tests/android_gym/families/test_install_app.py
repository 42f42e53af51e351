"""The install_app family: parsing (AitW's names), strict success, the oracle."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sim_driver import tap

from android_gym.devices.sim import SimDevice
from android_gym.families import get, resolve
from android_gym.families.install_app import APPS, PACKAGES
from android_gym.sim.apps.play_store import DOWNLOAD_SECONDS, PACKAGE
from android_gym.sim.phone import INPUT_SECONDS
from android_gym.ui import parse_ui_xml

AITW = Path("/work/shared/aitw")
NOT_ON_THIS_PHONE = ("Reddit",)
"""Apps that AitW asks to install and that another family's app provides."""


@pytest.fixture
def device() -> SimDevice:
    d = SimDevice()
    d.reset(0)
    return d


def run_oracle(device: SimDevice, instruction: str, limit: int = 10) -> int | None:
    """Steps the oracle needs (None: not solved within `limit`)."""
    from android_gym.env import AndroidEnv

    family, params = resolve(instruction)
    start = device.state()
    for step in range(1, limit + 1):
        action = family.oracle(params, parse_ui_xml(device.ui_xml()), device.screen_size)
        AndroidEnv._apply(type("E", (), {"device": device})(), action)
        if family.success(params, device.state(), start):
            return step
    return None


@pytest.mark.parametrize(
    ("instruction", "app"),
    [
        ("Install the News app", "Google News"),
        ("Install the Weather app", "The Weather Channel"),
        ("Install the Amazon app", "Amazon Shopping"),
        ("Install the Google app", "Google"),
        ("Get Spotify from the Play Store", "Spotify"),
        ("Download the Uber app", "Uber"),
        ("Open the Play Store and install Pandora", "Pandora"),
    ],
)
def test_instructions_name_store_apps(instruction: str, app: str) -> None:
    family, params = resolve(instruction)
    assert (family.name, params) == ("install_app", {"app": app})


@pytest.mark.parametrize(
    "instruction", ["Get the weather", "Open the play store", "Uninstall Chrome"]
)
def test_other_requests_are_not_installs(instruction: str) -> None:
    try:
        family, _ = resolve(instruction)
    except Exception:  # unsupported is fine: it is not an install
        return
    assert family.name != "install_app"


@pytest.mark.skipif(not AITW.exists(), reason="the AitW task lists are not in /work/shared/aitw")
def test_every_aitw_install_line_parses() -> None:
    lines = [
        line.strip()
        for split in ("train", "test")
        for line in (AITW / f"general_{split}.txt").read_text().splitlines()
        if line.lower().startswith("install")
    ]
    assert len(lines) >= 30
    for line in lines:
        if any(name in line for name in NOT_ON_THIS_PHONE):
            continue
        family, params = resolve(line)
        assert family.name == "install_app" and params["app"] in PACKAGES, line


def test_every_app_has_a_store_page_and_test_apps_stay_out_of_train() -> None:
    assert set(APPS.values) <= set(PACKAGES)
    train, test = set(APPS.split("train")), set(APPS.split("test"))
    assert test and not train & test
    family, rng = get("install_app"), np.random.default_rng(0)
    assert {family.sample(rng, "train")[1]["app"] for _ in range(200)} <= train


def test_success_needs_the_installed_app_and_its_page_with_open(device: SimDevice) -> None:
    family, params = resolve("Install the Pandora app")
    phone, start = device.phone, device.state()
    phone.open_app(PACKAGE)
    tap(phone, resource_id="search_bar")
    phone.type_text("Pandora")
    tap(phone, resource_id="suggestion_app", text="Pandora")
    assert not family.success(params, device.state(), start), "its page shows Install"
    tap(phone, text="Install")
    assert not family.success(params, device.state(), start), "still downloading"
    for _ in range(round(DOWNLOAD_SECONDS / INPUT_SECONDS)):
        phone.tap(30, 30)
    assert family.success(params, device.state(), start)
    phone.install(PACKAGES["Spotify"])
    phone.changed()
    assert not family.success(params, device.state(), start), "another app was installed too"


def test_another_app_or_another_screen_is_not_success(device: SimDevice) -> None:
    family, params = resolve("Install the Pandora app")
    phone, start = device.phone, device.state()
    phone.install(PACKAGES["Spotify"])
    phone.open_app(PACKAGE)
    tap(phone, resource_id="search_bar")
    phone.type_text("Spotify")
    tap(phone, resource_id="suggestion_app", text="Spotify")
    assert not family.success(params, device.state(), start), "Spotify's page, not Pandora's"
    phone.install(PACKAGES["Pandora"])
    phone.press("home")
    spotify = resolve("Install Spotify")[1]
    assert not family.success(spotify, device.state(), start), "installed, but no page shows it"


def test_oracle_installs_within_the_horizon(device: SimDevice) -> None:
    assert run_oracle(device, "Install the Weather app") == 8
    assert PACKAGES["The Weather Channel"] in device.state().packages


def test_oracle_solves_an_app_of_the_phone_and_a_test_split_app(device: SimDevice) -> None:
    assert run_oracle(device, "Install the Google app") == 4
    held_out = APPS.split("test")[0]
    device.reset(1)
    assert run_oracle(device, f"Download {held_out} from Google Play") is not None
