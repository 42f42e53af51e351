"""The simulated phone's shell: what `adb shell` runs, printed as Android prints it."""

from __future__ import annotations

import base64
import hashlib
import io
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from android_gym.devices.sim import SimDevice
from android_gym.sim.shell import ShellResult
from android_gym.toggles import TOGGLES

CLOCK = "com.google.android.deskclock"
CHROME = "com.android.chrome"


@pytest.fixture
def device() -> SimDevice:
    d = SimDevice()
    d.reset(0)
    return d


def test_operators_quoting_pipes_and_exit_status(device: SimDevice) -> None:
    sh = device.sh
    assert sh.run("echo 'a b';echo c").stdout == b"a b\nc\n"
    assert sh.run("false && echo no; echo $?").stdout == b"1\n"
    assert sh.run("false || echo ran").stdout == b"ran\n"
    assert sh.run("true && echo yes || echo no").stdout == b"yes\n"
    assert sh.run("pm list packages | grep chrome").stdout == f"package:{CHROME}\n".encode()
    missing = sh.run("nosuch --flag")
    assert missing.code == 127 and b"inaccessible or not found" in missing.stderr
    assert sh.run("echo 'unterminated").code == 2


def test_files_are_shared_by_dump_cat_md5_and_rm(device: SimDevice) -> None:
    out = device.shell(
        "rm -f /data/local/tmp/d.xml; uiautomator dump /data/local/tmp/d.xml && echo success"
    )
    assert out == "UI hierchary dumped to: /data/local/tmp/d.xml\nsuccess\n"
    xml = device.sh.files["/data/local/tmp/d.xml"]
    assert xml == device.ui_xml().encode()
    assert device.sh.run("cat /data/local/tmp/d.xml").stdout == xml
    md5 = hashlib.md5(xml).hexdigest()
    assert device.shell("toybox md5sum /data/local/tmp/d.xml").split() == [
        md5,
        "/data/local/tmp/d.xml",
    ]
    assert device.sh.run("rm /data/local/tmp/d.xml").code == 0
    assert device.sh.run("cat /data/local/tmp/d.xml").code == 1


def test_screencap_is_the_screen_as_png_at_the_device_size(device: SimDevice) -> None:
    png = device.sh.run("screencap -p").stdout
    image = Image.open(io.BytesIO(png))
    assert image.size == device.screen_size == (1080, 2400)
    small = np.asarray(image.resize((540, 1200), Image.Resampling.NEAREST))
    assert np.array_equal(small, device.screenshot())
    device.shell("screencap -p /sdcard/s.png")
    assert device.sh.files["/sdcard/s.png"] == png


def test_input_drives_the_phone(device: SimDevice) -> None:
    device.shell("monkey -p com.android.chrome -c android.intent.category.LAUNCHER 1")
    assert device.state().package == CHROME
    device.shell("input keyevent HOME")
    assert device.state().package != CHROME
    device.shell("input keyevent --longpress KEYCODE_APP_SWITCH")
    assert device.phone.launcher.state.page == "recents"
    assert "only ASCII" in device.shell("input text café")


def test_foreground_as_dumpsys_and_adbutils_read_it(device: SimDevice) -> None:
    device.shell("am start -a android.intent.action.VIEW -d https://www.google.com/search?q=news")
    state = device.state()
    focus = re.search(
        r"mCurrentFocus=Window\{.*\s+(\S+)/(\S+)\}", device.shell("dumpsys window windows")
    )
    assert focus is not None and focus.groups() == (state.package, state.activity)
    resumed = re.search(
        r"mResumedActivity: ActivityRecord\{\S+ u0 (\S+)/(\S+) t\d+\}",
        device.shell("dumpsys activity activities"),
    )
    assert resumed is not None and resumed.groups() == (state.package, state.activity)
    device.shell(f"am force-stop {CHROME}")
    assert device.state().package != CHROME


def test_packages_install_uninstall_and_clear(device: SimDevice) -> None:
    spotify = "com.spotify.music"
    assert spotify not in device.shell("pm list packages")
    assert device.shell(f"pm install-existing {spotify}").startswith(
        "Package com.spotify.music installed"
    )
    assert device.shell("pm list packages -3") == f"package:{spotify}\n"
    assert spotify in device.state().packages
    assert device.shell(f"pm uninstall --user 0 {spotify}") == "Success\n"
    assert spotify not in device.state().packages
    assert "Failure" in device.shell(f"pm uninstall {CHROME}")
    assert "NameNotFoundException" in device.shell("pm install-existing no.such.app")


def test_settings_toggles_and_notifications(device: SimDevice) -> None:
    system = device.state().app_facts("android")
    assert device.shell("settings get global wifi_on") == ("1\n" if system["wifi"] else "0\n")
    device.shell("svc wifi disable")
    assert device.state().app_facts("android")["wifi"] is False
    assert device.shell("settings get global wifi_on") == "0\n"
    assert device.shell("cmd connectivity airplane-mode") == "disabled\n"
    device.shell("cmd connectivity airplane-mode enable")
    assert device.state().app_facts("android")["airplane"] is True
    assert device.shell("settings get global airplane_mode_on") == "1\n"
    device.shell("cmd uimode night yes")
    assert device.shell("cmd uimode night") == "Night mode: yes\n"
    assert device.state().app_facts("android")["dark_theme"] is True
    youtube = "com.google.android.youtube"
    device.shell(f"appops set {youtube} POST_NOTIFICATION ignore")
    assert youtube in device.state().app_facts("android")["blocked"]
    assert device.shell(f"appops get {youtube} POST_NOTIFICATION") == "POST_NOTIFICATION: ignore\n"
    assert device.shell("appops query-op --user 0 POST_NOTIFICATION ignore") == f"{youtube}\n"
    assert device.shell("settings get secure no_such_key") == "null\n"


@pytest.mark.parametrize("toggle", TOGGLES, ids=lambda t: t.name)
def test_every_toggle_switches_and_reads_through_its_commands(device: SimDevice, toggle) -> None:
    for on in (True, False, True):
        device.shell(toggle.switch(on))
        assert device.state().app_facts("android")[toggle.name] is on
        assert toggle.parse(device.shell(toggle.read_command)) is on


def test_the_intent_data_of_an_app_page_in_settings(device: SimDevice) -> None:
    settings = device.phone.apps["com.android.settings"]
    device.phone.open_app(settings.package)
    settings.go("app_info", package=CHROME)
    device.phone.changed()
    out = device.shell("dumpsys activity activities")
    assert f"dat=package:{CHROME} cmp=com.android.settings/" in out
    assert device.state().app_facts(settings.package)["app"] == CHROME


def test_alarms_as_dumpsys_alarm_lists_the_enabled_ones(device: SimDevice) -> None:
    enabled = [t for t, _, on in device.state().app_facts(CLOCK)["alarms"] if on]
    listed = re.findall(r"origWhen=\S+ (\d\d:\d\d):00", device.shell("dumpsys alarm"))
    assert sorted(listed) == sorted(enabled) and listed


def test_adb_keyboard_broadcast_types_unicode(device: SimDevice) -> None:
    device.shell("am start -a android.intent.action.VIEW -d chrome://newtab/")
    omnibox = next(e for e in _elements(device) if e.resource_id.endswith("search_box_text"))
    x, y = omnibox.center
    device.tap(x, y)
    text = "Café 東京 ✓"
    b64 = base64.b64encode(text.encode()).decode()
    out = device.shell(f"am broadcast -a ADB_KEYBOARD_INPUT_TEXT --es text {b64}")
    assert 'result=-1, data="success"' in out
    assert text in device.ui_xml()
    device.shell("input keyevent 67 KEYCODE_DEL")
    assert text[:-2] in device.ui_xml() and text not in device.ui_xml()


def test_directories_exit_sleep_and_serial(device: SimDevice) -> None:
    assert device.sh.run("ls /data/local/new").code == 1
    assert device.sh.run("mkdir /a/b").code == 1
    device.shell("mkdir -p /data/local/new/deeper")
    assert device.sh.is_dir("/data/local/new") and device.shell("ls /data/local") == "new\ntmp\n"
    assert device.sh.run("exit 3").code == 3
    assert device.sh.run("sleep 0.01 && echo woke").stdout == b"woke\n"
    assert device.shell("getprop ro.serialno") == "android_gym-sim\n"


def test_uiautomator2_ime_handshake(device: SimDevice) -> None:
    ime = "com.github.uiautomator/.AdbKeyboard"
    assert ime in device.shell("ime list -s -a").splitlines()
    device.shell(f"ime set {ime}")
    assert device.shell("settings get secure default_input_method").strip() == ime


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_command_line_returns_a_result(command: str) -> None:
    d = _SHARED
    result = d.sh.run(command)
    assert isinstance(result.code, int)


_SHARED = SimDevice()


def _elements(device: SimDevice):
    from android_gym.ui import parse_ui_xml

    return parse_ui_xml(device.ui_xml())


def test_a_line_run_again_reads_the_phone_anew(device: SimDevice) -> None:
    # the parse of a line is memoised; what it runs, `$?` included, is not
    line = "settings get global wifi_on; echo $?"
    before = device.sh.run(line).stdout
    device.sh.run("svc wifi disable")
    device.sh.run("false")
    assert device.sh.run(line).stdout == before.replace(b"1\n", b"0\n", 1)
    long = "echo " + "x" * 5000  # longer than memoised lines: parsed each time
    assert device.sh.run(long).stdout == ("x" * 5000 + "\n").encode()


def test_output_sent_to_stderr_with_a_redirect(device: SimDevice) -> None:
    sh = device.sh
    assert sh.run("echo X >&2; echo Y") == ShellResult(b"Y\n", b"X\n", 0)
    assert sh.run("echo a 1>&2 && echo b") == ShellResult(b"b\n", b"a\n", 0)
    assert sh.run("echo z>&2") == ShellResult(b"", b"z\n", 0)
    assert sh.run("pm list packages >&2 | grep chrome").code == 1  # nothing left to pipe
    assert sh.run("echo '>&2'").stdout == b">&2\n"  # quoted: a word, not a redirect
