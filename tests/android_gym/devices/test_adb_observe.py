"""`AdbDevice.observe` (hierarchy, state and screenshot fetched at once), the JSON-RPC link it
shares between threads and the kept shell its state read runs on (`adb_kept_shell`), against a
served simulated phone through the real adb server. The kept shell's answers equal a stream of
their own, and one that ends, hangs or is missing gives what the one-shot streams give."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
from adb_rig import Rig, rig, twin

from android_gym.adbd import connection
from android_gym.adbd.uiautomator import UiautomatorServer
from android_gym.devices.adb import AdbDevice
from android_gym.devices.adb_drivers import UiautomatorDriver
from android_gym.devices.adb_kept_shell import KeptCommand, KeptShell, ShellLost
from android_gym.devices.adb_link import RpcLink, is_timeout
from android_gym.devices.base import observe
from android_gym.devices.observed import COMMAND
from android_gym.errors import DeviceTimeout
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


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The services the served phones open, in order."""
    names: list[str] = []
    real = connection.open_service

    def counted(destination: str, phone):
        names.append(destination)
        return real(destination, phone)

    monkeypatch.setattr(connection, "open_service", counted)
    return names


def alone(device: AdbDevice, command: str) -> str:
    return device._shell_output(command)


def test_answers_equal_a_stream_of_their_own(device: AdbDevice) -> None:
    shell = KeptShell(device._adb, 5.0)
    try:
        for command in (COMMAND, "echo hi; nosuch; echo -n tail", "pm list packages"):
            assert shell.run(command) == alone(device, command)
        assert shell.run("") == ""
        device.launch(CHROME)  # the same kept shell reads the phone anew
        assert shell.run(COMMAND) == alone(device, COMMAND)
        assert "com.android.chrome" in shell.run("dumpsys activity activities | grep Resumed")
    finally:
        shell.close()


def test_the_state_read_opens_no_stream_per_step(device: AdbDevice, opened: list[str]) -> None:
    device.observe()
    opened.clear()
    states = []
    for key in ("home", "back", "home"):
        device.key(key)
        states.append(device.observe().state)
    assert not [name for name in opened if name.startswith("shell")]  # all on the kept shell
    assert states[-1] == device.state()  # the serial read agrees
    assert device.shell("echo own") == "own\n"  # a family's command: a stream of its own
    assert opened[-1] == "shell,v2:echo own"


def test_an_ended_kept_shell_falls_back_to_streams(device: AdbDevice) -> None:
    command = KeptCommand(COMMAND, device._adb, 5.0, device._shell_output)
    try:
        assert command.ask()
        command._shell.close()  # the stream ends under it  # type: ignore[union-attr]
        assert command.answer() == alone(device, COMMAND)
        assert not command.ask() and command.answer() == alone(device, COMMAND)
    finally:
        command.close()
    shell = KeptShell(device._adb, 5.0)
    with pytest.raises(ShellLost, match="exited"):
        shell.run("exit 3")
    shell.close()


def test_without_shell_v2_the_state_is_read_on_streams(
    opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(connection, "FEATURES", ("cmd", "fixed_push_mkdir"))
    with rig() as r:  # a phone that does not offer shell protocol v2
        device = r.device(screenshot_scale=0.5)
        try:
            assert not device._shell_v2
            opened.clear()
            look = device.observe()
            assert [name for name in opened if name.startswith("shell")] == [f"shell:{COMMAND}"]
            assert look.state == device.state() and look.state.package == r.sim().state().package
        finally:
            device.close()


def test_a_hung_kept_shell_times_out_and_reset_reconnects(served: Rig) -> None:
    served.restart_phone()
    device = served.device(timeout_s=1.0)
    command = KeptCommand(COMMAND, device._adb, 1.0, device._shell_output)
    try:
        device.observe()
        command.run()
        with served.served.phones[0].lock:  # the phone stops answering
            start = time.monotonic()
            with pytest.raises(DeviceTimeout):
                device.observe()
            assert time.monotonic() - start < 3.0 and device._broken
            start = time.monotonic()
            with pytest.raises(Exception) as caught:
                command.run()
            assert is_timeout(caught.value) and time.monotonic() - start < 2.0
        device.reset(0)  # answering again: reset reconnects
        assert device.observe().state == device.state()
        assert command.run() == alone(device, COMMAND)  # a new kept shell
    finally:
        command.close()
        device.close()
