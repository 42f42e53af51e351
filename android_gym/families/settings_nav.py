"""How the oracle finds its way in Settings and the notification shade, from the UI hierarchy
alone (resource ids, texts, content descriptions, checked states), like `navigation.py`.

Settings: the search bar finds an app as one types, and its result opens the app's App info;
from there "Notifications" opens the app's notification page with its "All <app>
notifications" switch. The shade: a swipe down from the status bar opens it, a second swipe
expands its tiles; a tile is a checkable element named by its label.
"""

from __future__ import annotations

from android_gym.actions import Action, ActionType
from android_gym.families import navigation
from android_gym.ui import UIElement, find

SETTINGS = "com.android.settings"
SEARCH_BAR = "search_action_bar"
SEARCH_FIELD = "search_src_text"
SEARCH_RESULT = "search_result"
APP_HEADER = "entity_header_title"
SHADE = "notification_panel"
STATUS_BAR = "status_bar"


def shade_open(elements: list[UIElement]) -> bool:
    return bool(find(elements, resource_id=SHADE))


def open_shade(elements: list[UIElement], screen: tuple[int, int]) -> Action:
    """A swipe down that starts on the status bar (or, with the shade open, on the shade)."""
    start = find(elements, resource_id=SHADE) or find(elements, resource_id=STATUS_BAR)
    if not start:
        return navigation.home()
    x1, y1, x2, y2 = start[0].bounds
    x, y = (x1 + x2) / 2, y1 + min(40, (y2 - y1) / 2)
    w, h = screen
    return Action.swipe((y / h, x / w), (0.75, x / w))


def tile(elements: list[UIElement], label: str) -> UIElement | None:
    """The shade's quick-settings tile called `label`, if shown."""
    found = [e for e in find(elements, content_desc=label, clickable=True) if e.checkable]
    return found[0] if found else None


def showing_app(elements: list[UIElement], label: str) -> bool:
    """Whether a Settings screen about the app called `label` is shown (its header)."""
    return any(e.text == label for e in find(elements, resource_id=APP_HEADER))


def on_app_info(elements: list[UIElement], label: str) -> bool:
    """Whether the App info page of the app called `label` is shown."""
    return showing_app(elements, label) and bool(find(elements, text="App info"))


def to_app_info(label: str, elements: list[UIElement], screen: tuple[int, int]) -> Action:
    """One step towards the App info page of the app called `label`: open Settings, search
    the app and pick its result (apps come first among the results)."""
    if shade_open(elements):
        return Action.key(ActionType.PRESS_BACK)
    if not any(e.package == SETTINGS for e in elements):
        return navigation.open_app("Settings", elements, screen)
    field = find(elements, resource_id=SEARCH_FIELD)
    if field:
        hits = [
            e
            for e in find(elements, resource_id=SEARCH_RESULT, clickable=True)
            if e.content_desc == label
        ]
        if hits:
            return navigation.tap(hits[0], screen)
        if not field[0].text:
            return Action.type_text(label)
        clear = find(elements, content_desc="Clear", clickable=True)
        return navigation.tap(clear[0], screen) if clear else Action.key(ActionType.PRESS_BACK)
    bar = find(elements, resource_id=SEARCH_BAR, clickable=True)
    if bar:
        return navigation.tap(bar[0], screen)
    return Action.key(ActionType.PRESS_BACK)


def row(elements: list[UIElement], title: str) -> UIElement | None:
    """The title of a Settings row called `title` (a tap there reaches its row)."""
    found = [e for e in find(elements, resource_id="title") if e.text == title]
    return found[0] if found else None
