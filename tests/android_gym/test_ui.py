"""uiautomator XML parsing and element lookup."""

from __future__ import annotations

import pytest

from android_gym import DeviceError, parse_ui_xml
from android_gym.ui import find, format_bounds, parse_bounds

DUMP = """<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
<hierarchy rotation="0">
<node index="0" text="" resource-id="" class="android.widget.FrameLayout"
 package="com.android.chrome" content-desc="" clickable="false" enabled="true" focused="false"
 scrollable="false" bounds="[0,0][1080,2400]">
  <node index="0" text="Search or type web address" resource-id="com.android.chrome:id/url_bar"
   class="android.widget.EditText" package="com.android.chrome" content-desc="" clickable="true"
   focused="true" bounds="[100,80][900,200]"/>
  <node index="1" text="" resource-id="com.android.chrome:id/menu_button"
   class="android.widget.ImageButton"
   package="com.android.chrome" content-desc="Customize and control Google Chrome" clickable="true"
   bounds="[960,80][1080,200]"/>
</node></hierarchy>"""


def test_parse_nodes_in_document_order_with_attributes() -> None:
    root, url, menu = parse_ui_xml(DUMP)
    assert root.class_name == "android.widget.FrameLayout" and root.depth == 0
    assert url.resource_id.endswith("url_bar") and url.focused and url.clickable and url.depth == 1
    assert url.center == (500, 140)
    assert url.center_yx(1080, 2400) == pytest.approx((140 / 2400, 500 / 1080))
    assert menu.short_id == "menu_button" and menu.label.startswith("Customize")


def test_find_by_id_text_and_substring() -> None:
    elements = parse_ui_xml(DUMP)
    assert find(elements, resource_id="url_bar")[0].text == "Search or type web address"
    assert find(elements, resource_id="com.android.chrome:id/menu_button")
    assert find(elements, text="customize and control google chrome")
    assert len(find(elements, contains="web address")) == 1
    assert find(elements, clickable=True, contains="nothing like this") == []


def test_bounds_round_trip_and_errors() -> None:
    assert parse_bounds(format_bounds((1, 2, 3, 4))) == (1, 2, 3, 4)
    with pytest.raises(DeviceError, match="bounds"):
        parse_bounds("[1,2,3,4]")


@pytest.mark.parametrize(
    "bad", ["", "<node/>", "<hierarchy><node bounds='x'/></hierarchy>", "not xml <"]
)
def test_malformed_dumps_raise_device_error(bad: str) -> None:
    with pytest.raises(DeviceError):
        parse_ui_xml(bad)
