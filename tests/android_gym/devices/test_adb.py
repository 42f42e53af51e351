"""AdbDevice against a served simulated phone, through the real adb binary, adbutils and
uiautomator2: every Device call shows what the phone behind it shows, and actions sent through
adb change the phone as the same actions sent directly change a twin."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from adb_rig import Rig, center, image_difference, rig, twin

from android_gym.devices.observed import read_state
from android_gym.errors import DeviceError, InvalidChoice
from android_gym.packages import CHROME, LAUNCHER, SETTINGS

pytestmark = pytest.mark.netns


@pytest.fixture(scope="module")
def served() -> Iterator[Rig]:
    with rig() as r:
        yield r


@pytest.fixture(scope="module")
def device(served: Rig):
    device = served.device(screenshot_scale=0.5)
    yield device
    device.close()


@pytest.fixture
def fresh(served: Rig, device):
    """The served phone and a twin, both at their start state."""
    served.restart_phone()
    return twin()


def test_connects_through_uiautomator2(served: Rig, device) -> None:
    assert device.driver == "uiautomator2"
    assert device.serial == served.served.serials[0]
    assert device.screen_size == served.sim().screen_size == (1080, 2400)


def test_screenshot_is_the_phones_frame(served: Rig, device, fresh) -> None:
    shot = device.screenshot()
    frame = served.sim().screenshot()
    assert shot.dtype == np.uint8 and shot.flags.writeable
    assert shot.shape == frame.shape == (1200, 540, 3)
    mean, p99 = image_difference(shot, frame)
    assert mean < 2.0 and p99 < 40, (mean, p99)  # JPEG quality 80
    other = twin()
    other.launch(SETTINGS)
    assert image_difference(shot, other.screenshot())[0] > 10 * mean  # the test can fail


def test_each_screenshot_is_a_new_array_the_caller_owns(served: Rig, device, fresh) -> None:
    first = device.screenshot()
    first[:] = 0  # a still screen's second JPEG is the same: its decoded frame is reused
    second = device.screenshot()
    assert image_difference(second, served.sim().screenshot())[0] < 2.0


def test_hierarchy_is_the_phones_dump(served: Rig, device, fresh) -> None:
    assert device.ui_xml() == served.sim().ui_xml() == fresh.ui_xml()


def test_actions_change_the_phone_as_they_change_a_twin(served: Rig, device, fresh) -> None:
    steps = [
        ("tap Chrome", lambda d: d.tap(*center(d.ui_xml(), content_desc="Chrome"))),
        ("back", lambda d: d.key("back")),
        ("launch Settings", lambda d: d.launch(SETTINGS)),
        ("swipe up", lambda d: d.swipe(540, 1800, 540, 600)),
        ("home", lambda d: d.key("home")),
        ("open url", lambda d: d.open_url("https://www.google.com/search?q=chile+news")),
        ("tap omnibox", lambda d: d.tap(*center(d.ui_xml(), resource_id=OMNIBOX))),
        ("type", lambda d: d.type_text("weather")),
        ("enter", lambda d: d.key("enter")),
    ]
    for name, step in steps:
        step(device)
        step(fresh)
        assert device.ui_xml() == fresh.ui_xml(), f"after {name}"
    assert served.sim().state() == fresh.state()
    assert served.sim().state().package == CHROME
    assert device.last_settle is not None and device.last_settle["settled"]


OMNIBOX = "com.android.chrome:id/url_bar"


def test_state_is_read_from_the_screen_and_the_shell(served: Rig, device, fresh) -> None:
    url = "https://www.google.com/search?q=chile+news"
    device.open_url(url)
    fresh.open_url(url)
    state = device.state()
    assert state == read_state(fresh.ui_xml(), fresh.shell)
    native = served.sim().state()  # the phone's own state (facts read_state cannot see, too)
    assert (state.package, state.activity, state.url, state.packages) == (
        native.package,
        native.activity,
        native.url,
        native.packages,
    )
    assert state.package == CHROME and state.url == url


def test_unicode_text_reaches_the_focused_field(served: Rig, device, fresh) -> None:
    text = "héllo wörld — 東京 🙂"
    device.tap(*center(device.ui_xml(), content_desc="Google search"))
    device.type_text(text)
    assert text in device.ui_xml()
    assert any(text in e.text for e in served_elements(served))


def served_elements(served: Rig):
    from android_gym.ui import parse_ui_xml

    return parse_ui_xml(served.sim().ui_xml())


@pytest.mark.parametrize(
    "command",
    [
        "echo hi",
        "pm list packages",
        "dumpsys activity top",
        "getprop ro.build.version.sdk",
        "wm size",
        "no-such-command --x",
        "echo out; no-such-command",
    ],
)
def test_shell_prints_what_the_phone_prints(device, fresh, command: str) -> None:
    assert device.shell(command) == fresh.shell(command)


def test_launching_an_unknown_package_names_the_installed_ones(device, fresh) -> None:
    with pytest.raises(InvalidChoice, match=CHROME):
        device.launch("com.example.missing")


def test_reset_goes_home_and_force_stops_the_apps_seen(served: Rig, device, fresh) -> None:
    device.open_url("https://www.google.com/search?q=chile+news")
    device.launch(SETTINGS)
    device.reset(0)
    assert served.sim().phone.foreground_package == LAUNCHER
    assert served.sim().phone.recents == []
    device.launch(CHROME)  # a force-stopped Chrome starts on its new tab page
    assert "chile" not in device.ui_xml()


def test_the_shell_driver_shows_the_same_screen(served: Rig, fresh) -> None:
    shell = served.device(driver="shell")
    try:
        assert shell.driver == "shell"
        assert shell.ui_xml() == fresh.ui_xml()
        shot = shell.screenshot()  # screencap -p: lossless, at the device's size
        assert shot.shape == (2400, 1080, 3)
        assert np.array_equal(shot[::2, ::2], served.sim().screenshot())  # rendered at 0.5
        for step in (
            lambda d: d.tap(*center(d.ui_xml(), content_desc="Google search")),
            lambda d: d.type_text("weather in paris"),
            lambda d: d.key("enter"),
            lambda d: d.key("back"),
            lambda d: d.swipe(540, 1800, 540, 600),
        ):
            step(shell)
            step(fresh)
            assert shell.ui_xml() == fresh.ui_xml()
        with pytest.raises(DeviceError, match="printable ASCII only"):
            shell.type_text("東京")
    finally:
        shell.close()


def test_the_shell_driver_takes_over_when_uiautomator2_cannot_start(served: Rig, fresh) -> None:
    # Nothing serves uiautomator2 on port 9009: its server is launched there and quits.
    fallback = served.device(rpc_port=9009)
    try:
        assert fallback.driver == "shell"
        assert fallback.ui_xml() == fresh.ui_xml()
    finally:
        fallback.close()
    with pytest.raises(DeviceError, match="uiautomator2"):
        served.device(rpc_port=9009, driver="uiautomator2")


def test_a_snapshot_reset_needs_an_emulator(served: Rig) -> None:
    device = served.device(snapshot="clean")  # loading one is unverified: no emulator here
    try:
        with pytest.raises(DeviceError, match=r"needs an emulator, not 127\.0\.0\.1:"):
            device.reset(0)
    finally:
        device.close()
