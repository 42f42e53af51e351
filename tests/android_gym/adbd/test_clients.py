"""adbutils and uiautomator2, unmodified, against a served phone: what the adb backend and any
adb- or uiautomator2-based agent do with a device."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
import uiautomator2 as u2
from PIL import Image
from sim_driver import screen_frame
from uiautomator2.exceptions import RPCUnknownError

from android_gym.ui import find, focused_elements, parse_ui_xml

pytestmark = pytest.mark.netns


def test_adbutils_shell_and_shell_v2_exit_codes(phone):
    assert phone.adb.shell("echo hi") == "hi"
    failed = phone.adb.shell2("cat /nope", v2=True)
    assert failed.returncode == 1 and "No such file" in failed.stderr and failed.stdout == ""
    assert phone.adb.shell2("getprop ro.build.version.sdk", v2=True).output == "34\n"


def test_adbutils_sync_push_stat_list_and_read(phone):
    phone.adb.sync.push(b"hello", "/data/local/tmp/h.txt")
    assert phone.adb.sync.read_text("/data/local/tmp/h.txt") == "hello"
    info = phone.adb.sync.stat("/data/local/tmp/h.txt")
    assert info.size == 5 and info.mtime is not None
    assert "h.txt" in [f.path for f in phone.adb.sync.list("/data/local/tmp")]
    assert not phone.adb.sync.exists("/data/local/tmp/none")


def test_adbutils_click_and_screenshot_drive_the_phone(phone):
    with phone.served.lock:
        (chrome,) = find(parse_ui_xml(phone.device.ui_xml()), text="Chrome")
    phone.adb.click(*chrome.center)
    with phone.served.lock:
        assert phone.device.state().package == "com.android.chrome"
        frame = screen_frame(phone.device)
    assert np.array_equal(np.asarray(phone.adb.screenshot()), frame)
    assert phone.adb.window_size() == (1080, 2400)
    assert phone.adb.app_current().package == "com.android.chrome"


@pytest.fixture
def ui(phone) -> u2.Device:
    return u2.connect(phone.adb)


def test_uiautomator2_info_screenshot_and_hierarchy(ui, phone):
    info = ui.info
    assert (info["displayWidth"], info["displayHeight"]) == phone.device.screen_size
    assert info["sdkInt"] == 34
    assert ui.screenshot().size == phone.device.screen_size
    half = Image.open(io.BytesIO(base64.b64decode(ui.jsonrpc.takeScreenshot(0.5, 90))))
    assert (half.format, half.size) == ("JPEG", (540, 1200))
    dumped = ui.dump_hierarchy()
    with phone.served.lock:
        assert dumped == phone.device.ui_xml()


def test_uiautomator2_click_swipe_and_press_change_the_screen(ui, phone):
    (chrome,) = find(parse_ui_xml(ui.dump_hierarchy()), text="Chrome")
    before = ui.dump_hierarchy()
    ui.click(*chrome.center)
    assert ui.dump_hierarchy() != before
    assert ui.app_current()["package"] == "com.android.chrome"
    ui.press("home")
    assert phone.device.state().package == "com.google.android.apps.nexuslauncher"
    ui.swipe(540, 2000, 540, 500)
    assert phone.device.state().app_facts("com.google.android.apps.nexuslauncher") == {
        "page": "drawer"
    }


def test_uiautomator2_send_keys_types_unicode_into_the_focused_field(ui, phone):
    text = "Café 東京 ✓"
    (chrome,) = find(parse_ui_xml(ui.dump_hierarchy()), text="Chrome")
    ui.click(*chrome.center)
    field = next(e for e in parse_ui_xml(ui.dump_hierarchy()) if e.editable)
    ui.click(*field.center)
    ui.send_keys(text)
    (focused,) = focused_elements(ui.dump_hierarchy())
    assert focused.text == text


def test_uiautomator2_clipboard_and_unknown_methods(ui):
    ui.clipboard = "copied ✓"
    assert ui.clipboard == "copied ✓"
    with pytest.raises(RPCUnknownError, match="-32601"):
        ui.jsonrpc.waitForExists({"text": "x"}, 100)


def test_uiautomator2_paste_clipboard_types_into_the_focused_field(ui, phone):
    ui.xpath('//*[@content-desc="Chrome"]').click()
    ui.xpath('//*[@resource-id="com.android.chrome:id/search_box_text"]').click()
    ui.set_clipboard("pasted ✓")
    ui.jsonrpc.pasteClipboard()  # what send_keys does without its keyboard app
    (focused,) = focused_elements(ui.dump_hierarchy())
    assert focused.text == "pasted ✓"


def test_uiautomator2_open_notification_pulls_the_shade_down(ui, phone):
    ui.open_notification()
    with phone.served.lock:
        assert phone.device.state().app_facts("com.android.systemui")["shade"] != "closed"
