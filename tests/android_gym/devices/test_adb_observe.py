"""`AdbDevice.observe` (hierarchy, state and screenshot fetched at once) and the JSON-RPC link
it shares between threads, against a served simulated phone through the real adb server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from adb_rig import Rig, rig, twin

from android_gym.adbd.uiautomator import UiautomatorServer
from android_gym.devices.adb import AdbDevice
from android_gym.devices.adb_drivers import UiautomatorDriver
from android_gym.devices.adb_link import RpcLink
from android_gym.devices.base import observe
from android_gym.packages import CHROME

pytestmark = pytest.mark.netns
URL = "https://www.google.com/search?q=chile+news"


@pytest.fixture(scope="module")
def served() -> Iterator[Rig]:
    with rig() as r:
        yield r


@pytest.fixture
def device(served: Rig) -> Iterator[AdbDevice]:
    """A device on the served phone, back at its start state."""
    served.restart_phone()
    device = served.device(screenshot_scale=0.5)
    yield device
    device.close()


def test_observe_gives_what_the_serial_calls_give(served: Rig, device: AdbDevice) -> None:
    device.open_url(URL)
    look = observe(device)
    again = observe(device)  # a still screen
    assert (again.ui_xml, again.state) == (look.ui_xml, look.state)
    assert np.array_equal(again.screenshot, look.screenshot)
    assert look.ui_xml == device.ui_xml() == served.sim().ui_xml()
    assert look.state == device.state()
    assert look.state.package == CHROME and look.state.url == URL
    assert np.array_equal(look.screenshot, device.screenshot())  # the same JPEG
    other = twin()
    other.launch(CHROME)
    assert look.ui_xml != other.ui_xml()  # the test can fail


def test_rpc_calls_from_two_threads_each_get_their_answer(served: Rig, device: AdbDevice) -> None:
    driver = device._driver
    assert isinstance(driver, UiautomatorDriver)
    xml = served.sim().ui_xml()

    def call(i: int) -> bool:
        if i % 2:
            return driver.hierarchy() == xml
        return driver.screenshot().shape == (1200, 540, 3)

    with ThreadPoolExecutor(4) as pool:  # one keep-alive connection would mix answers up
        assert all(pool.map(call, range(200)))


def test_a_dropped_kept_connection_is_opened_anew(served: Rig, device: AdbDevice) -> None:
    link = device._driver.u2.link  # type: ignore[union-attr]
    device.observe()
    device.observe()
    assert len(link._idle) == 2  # the dump's connection and the screenshot's, kept
    for conn in link._idle:  # as when the server drops idle connections
        conn.sock.shutdown(socket.SHUT_RDWR)
    look = device.observe()
    assert look.ui_xml == served.sim().ui_xml() and device.driver == "uiautomator2"


def test_observe_falls_back_to_the_shell_driver(served: Rig, device: AdbDevice, monkeypatch):
    route = UiautomatorServer.route

    def broken_screenshots(self, request):
        if b"takeScreenshot" in request.body:
            return 500, b"server error", "text/plain"
        return route(self, request)

    monkeypatch.setattr(UiautomatorServer, "route", broken_screenshots)
    look = device.observe()
    assert device.driver == "shell"
    assert look.screenshot.shape == (2400, 1080, 3)  # screencap -p: the device's size
    assert look.ui_xml == served.sim().ui_xml()
    assert look.state == device.state()


def test_a_request_reaches_the_phone_in_one_write(served: Rig, device: AdbDevice, monkeypatch):
    writes: list[bytes] = []
    requests: list[str] = []
    receive, call = UiautomatorServer.receive, RpcLink.call

    def received(self, data, out):
        writes.append(data)
        return receive(self, data, out)

    def sent(self, method, params, timeout):
        requests.append(method)
        return call(self, method, params, timeout)

    monkeypatch.setattr(UiautomatorServer, "receive", received)
    monkeypatch.setattr(RpcLink, "call", sent)
    for _ in range(3):
        device.key("back")
        device.observe()
    assert len(requests) >= 3 * 3  # the key, the settle's dumps, the screenshot
    assert len(writes) == len(requests)  # head and body together: one adb message each
    assert all(w.startswith(b"POST /jsonrpc/0 ") and w.endswith(b"}") for w in writes)
