"""Faults of an adb device: a phone that goes away mid-episode, one that hangs, answers that
cannot be read. Each raises a typed error in bounded time; the environment ends the episode
truncated with `info["error"]`, and its next reset reconnects."""

from __future__ import annotations

import io
import socket
import time

import adbutils
import gymnasium as gym
import pytest
from adb_rig import FAST_SETTLE, rig
from PIL import Image
from uiautomator2.exceptions import LaunchUiAutomationError

import android_gym  # noqa: F401
from android_gym.adbd import serve_phones
from android_gym.devices.adb_link import translate_errors
from android_gym.errors import DeviceDisconnected, DeviceError, DeviceOutputError, DeviceTimeout

DEVICE_OPTIONS = {
    "settle": FAST_SETTLE,
    "screenshot_scale": 0.5,
    "timeout_s": 2.0,
    "connect_attempts": 3,
    "backoff_s": 0.2,
}
HOME = {"action_type": "PRESS_HOME"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.netns
def test_a_phone_lost_mid_episode_ends_it_and_the_next_reset_reconnects() -> None:
    port = free_port()
    with rig(port=port) as r:
        env = gym.make(
            "AndroidGeneral-v0", split="test", device=r.spec(), device_options=DEVICE_OPTIONS
        )
        spec = r.spec()
        try:
            env.reset(seed=0, options={"task_index": 0})
            _, _, terminated, truncated, info = env.step(HOME)
            assert info["error"] == "" and not (terminated or truncated)

            r.served.close()  # the phone goes away
            start = time.monotonic()
            _, reward, terminated, truncated, info = env.step(HOME)
            assert truncated and not terminated and reward == 0.0
            assert "DeviceDisconnected" in info["error"] or "DeviceTimeout" in info["error"]
            assert info["ui_xml"].startswith("<?xml") and time.monotonic() - start < 10

            # still gone: reset tries connect_attempts times with backoff, then reports it
            start = time.monotonic()
            _, info = env.reset(seed=1, options={"task_index": 0})
            assert "could not reconnect" in info["error"], info["error"]
            assert time.monotonic() - start < 30
            _, _, _, truncated, info = env.step(HOME)
            assert truncated and info["error"]

            with serve_phones(count=1, port=port) as back:  # the phone comes back
                assert f"adb:{back.serials[0]}@" in spec
                _, info = env.reset(seed=2, options={"task_index": 0})
                assert info["error"] == ""
                _, _, terminated, truncated, info = env.step(HOME)
                assert info["error"] == "" and not truncated
        finally:
            env.close()


@pytest.mark.netns
def test_a_hung_phone_times_out() -> None:
    with rig() as r:
        device = r.device(**(DEVICE_OPTIONS | {"timeout_s": 1.0}))
        try:
            device.screenshot()
            with r.served.phones[0].lock:  # the phone stops answering
                for call in (device.screenshot, device.ui_xml, lambda: device.shell("echo hi")):
                    start = time.monotonic()
                    with pytest.raises(DeviceTimeout):
                        call()
                    assert time.monotonic() - start < 3.0
            device.reset(0)  # answering again: reset reconnects
            assert device.shell("echo back") == "back\n"
        finally:
            device.close()


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (TimeoutError("timed out"), DeviceTimeout),
        (adbutils.AdbTimeout("adb read timeout"), DeviceTimeout),
        (adbutils.AdbError("device 'emulator-5554' not found"), DeviceDisconnected),
        (adbutils.AdbError("device offline"), DeviceDisconnected),
        (ConnectionResetError(104, "Connection reset by peer"), DeviceDisconnected),
        (EOFError("Expected 4 bytes, got 0"), DeviceDisconnected),
        (LaunchUiAutomationError("server quit unexpectly"), DeviceError),
        (adbutils.AdbError("/system/bin/sh: x: inaccessible or not found"), DeviceError),
    ],
)
def test_library_errors_become_typed_device_errors(error: Exception, kind: type) -> None:
    with pytest.raises(DeviceError) as caught, translate_errors("screenshot", "emulator-5554"):
        raise error
    assert type(caught.value) is kind
    assert str(caught.value).startswith("screenshot on emulator-5554: ")
    assert caught.value.__cause__ is error


def test_an_undecodable_answer_is_an_output_error() -> None:
    with (
        pytest.raises(DeviceOutputError, match="unreadable answer"),
        translate_errors("screenshot", "emulator-5554"),
    ):
        Image.open(io.BytesIO(b"\xff\xd8 not really a JPEG"))
