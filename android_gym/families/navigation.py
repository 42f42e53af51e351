"""How the oracle finds its way around from the UI hierarchy alone.

These helpers read only uiautomator elements (resource ids, texts, content descriptions),
never simulator internals, so the same oracle can drive a real phone.
"""

from __future__ import annotations

from android_gym.actions import Action, ActionType
from android_gym.families.text import normalize
from android_gym.ui import UIElement, find

HOME_SEARCH_WIDGET = "search_container_hotseat"
APP_DRAWER = "apps_list_view"
SEARCH_BOXES = ("search_box", "location_bar", "googleapp_search_box")
CLEAR_BUTTONS = ("Clear", "Delete", "Clear query")


def tap(element: UIElement, screen: tuple[int, int]) -> Action:
    """A tap at the centre of `element`."""
    y, x = element.center_yx(*screen)
    return Action.tap(y, x)


def home() -> Action:
    return Action.key(ActionType.PRESS_HOME)


def focused_field(elements: list[UIElement]) -> UIElement | None:
    """The focused text field, if any."""
    for e in elements:
        if e.focused and e.class_name.endswith("EditText"):
            return e
    return None


def on_home_screen(elements: list[UIElement]) -> bool:
    return bool(find(elements, resource_id=HOME_SEARCH_WIDGET))


def type_into(
    field: UIElement, wanted: str, elements: list[UIElement], screen: tuple[int, int]
) -> Action:
    """The next step to make the focused `field` hold `wanted` and submit it."""
    if normalize(field.text) == normalize(wanted):
        return Action.key(ActionType.PRESS_ENTER)
    if not field.text:
        return Action.type_text(wanted)
    for desc in CLEAR_BUTTONS:
        buttons = find(elements, content_desc=desc, clickable=True)
        if buttons:
            return tap(buttons[0], screen)
    return Action.key(ActionType.PRESS_BACK)


def web_search(query: str, elements: list[UIElement], screen: tuple[int, int]) -> Action:
    """One step of searching the web for `query` from wherever the phone is."""
    field = focused_field(elements)
    if field is not None:
        return type_into(field, query, elements, screen)
    widget = find(elements, resource_id=HOME_SEARCH_WIDGET)
    if widget:
        return tap(widget[0], screen)
    for rid in SEARCH_BOXES:
        boxes = find(elements, resource_id=rid, clickable=True)
        if boxes:
            return tap(boxes[0], screen)
    return home()


def open_app(label: str, elements: list[UIElement], screen: tuple[int, int]) -> Action:
    """One step of opening the app called `label` through the launcher."""
    icons = [
        e for e in find(elements, content_desc=label, clickable=True) if "launcher" in e.package
    ]
    if icons:
        return tap(icons[0], screen)
    if on_home_screen(elements):
        return Action.scroll("down", 0.5)
    drawer = find(elements, resource_id=APP_DRAWER)
    if drawer:
        x1, y1, x2, y2 = drawer[0].bounds
        w, h = screen
        cx = (x1 + x2) / 2 / w
        return Action.swipe((y2 / h - 0.05, cx), (y1 / h + 0.05, cx))
    return home()
