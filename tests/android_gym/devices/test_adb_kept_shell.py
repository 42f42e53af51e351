"""The kept shell (`adb_kept_shell`): one `adb shell` stream for the state read, against a served
simulated phone through the real adb server; its answers equal a stream of their own, and a
kept shell that ends, hangs or is missing gives what the one-shot streams give."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from adb_rig import Rig, rig

from android_gym.adbd import connection
from android_gym.devices.adb import AdbDevice
from android_gym.devices.adb_kept_shell import KeptCommand, KeptShell, ShellLost
from android_gym.devices.adb_link import is_timeout
from android_gym.devices.observed import COMMAND
from android_gym.errors import DeviceTimeout
from android_gym.packages import CHROME

pytestmark = pytest.mark.netns


@pytest.fixture(scope="module")
def served() -> Iterator[Rig]:
    with rig() as r:
        yield r


@pytest.fixture
def device(served: Rig) -> Iterator[AdbDevice]:
    served.restart_phone()
    device = served.device(screenshot_scale=0.5)
    yield device
    device.close()


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
