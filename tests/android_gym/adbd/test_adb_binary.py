"""The real adb binary against a served phone: connect, shell, exec-out, push and pull, am."""

from __future__ import annotations

import io
import os

import numpy as np
import pytest
from PIL import Image
from sim_driver import screen_frame

pytestmark = pytest.mark.netns


def test_adb_connect_lists_the_phone_as_a_device(phone, adb_server):
    devices = adb_server.run("devices", "-l").stdout.decode()
    line = next(line for line in devices.splitlines() if line.startswith(phone.serial))
    assert line.split()[1] == "device"
    assert "product:android_gym_sim" in line and "device:sim" in line


def test_adb_shell_prints_output_and_returns_the_exit_code(phone, adb_server):
    out = adb_server.run("-s", phone.serial, "shell", "echo", "hi")
    assert (out.returncode, out.stdout) == (0, b"hi\n")
    missing = adb_server.run("-s", phone.serial, "shell", "cat /nope")
    assert missing.returncode == 1
    assert missing.stderr == b"cat: /nope: No such file or directory\n"
    assert adb_server.run("-s", phone.serial, "shell", "frobnicate").returncode == 127


def test_adb_shell_without_a_command_reads_commands_from_stdin(phone, adb_server):
    out = adb_server.run("-s", phone.serial, "shell", stdin=b"echo one\necho two\nexit\n")
    assert (out.returncode, out.stdout) == (0, b"one\ntwo\n")


def test_adb_exec_out_screencap_is_the_phones_screen_as_png(phone, adb_server):
    out = adb_server.run("-s", phone.serial, "exec-out", "screencap", "-p")
    assert out.returncode == 0 and out.stdout.startswith(b"\x89PNG\r\n\x1a\n")
    image = np.asarray(Image.open(io.BytesIO(out.stdout)).convert("RGB"))
    with phone.served.lock:
        assert np.array_equal(image, screen_frame(phone.device))


def test_adb_uiautomator_dump_then_pull_gives_the_phones_xml(phone, adb_server, tmp_path):
    dumped = adb_server.run("-s", phone.serial, "shell", "uiautomator", "dump")
    assert b"/sdcard/window_dump.xml" in dumped.stdout
    target = tmp_path / "dump.xml"
    pulled = adb_server.run("-s", phone.serial, "pull", "/sdcard/window_dump.xml", str(target))
    assert pulled.returncode == 0, pulled
    with phone.served.lock:
        assert target.read_text(encoding="utf-8") == phone.device.ui_xml()


def test_adb_push_and_pull_round_trip_a_3mb_file(phone, adb_server, tmp_path):
    data = os.urandom(3_000_000)
    source, back = tmp_path / "random.bin", tmp_path / "back.bin"
    source.write_bytes(data)
    pushed = adb_server.run("-s", phone.serial, "push", str(source), "/sdcard/Download/r.bin")
    assert pushed.returncode == 0, pushed
    with phone.served.lock:
        assert phone.served.files["/sdcard/Download/r.bin"] == data
    pulled = adb_server.run("-s", phone.serial, "pull", "/sdcard/Download/r.bin", str(back))
    assert pulled.returncode == 0, pulled
    assert back.read_bytes() == data
    missing = adb_server.run("-s", phone.serial, "pull", "/sdcard/none.bin", str(back))
    assert missing.returncode == 1 and b"does not exist" in missing.stderr


def test_adb_shell_am_start_dumpsys_and_pm(phone, adb_server):
    url = "https://www.google.com/search?q=weather"
    out = adb_server.run(
        "-s", phone.serial, "shell", "am", "start", "-a", "android.intent.action.VIEW", "-d", url
    )
    assert out.returncode == 0, out
    focus = adb_server.run("-s", phone.serial, "shell", "dumpsys window windows").stdout.decode()
    assert "mCurrentFocus=Window{" in focus and "com.android.chrome/" in focus
    with phone.served.lock:
        state = phone.device.state()
    assert state.package == "com.android.chrome" and state.url == url
    packages = adb_server.run("-s", phone.serial, "shell", "pm", "list", "packages").stdout
    assert b"package:com.android.chrome\n" in packages
