"""Chrome UI tasks: open a new tab, a new incognito (private) tab, or a new window.

Judged from Chrome's tabs and windows (`Chrome.facts`): which tab is new (its id was not among
the start's), its kind, the window count. A real device shows none of these (the toolbar shows
only the current window's count of tabs of one kind, and nothing while another app is in
front, as at the start), so its state leaves them out and these tasks are never judged a
success there (docs/devices.md).
"""

from __future__ import annotations

import numpy as np

from android_gym.actions import Action, ActionType
from android_gym.devices.base import DeviceState
from android_gym.families import navigation
from android_gym.families.base import Family, Params
from android_gym.families.frames import Frame, Reading
from android_gym.families.pools import Pool
from android_gym.packages import CHROME
from android_gym.ui import UIElement, find

_SLOTS = {
    "what": Pool("chrome_what", {"tab": (), "window": ()}, closed=True),
    "mode": Pool(
        "chrome_mode", {"incognito": ("private", "incognito mode", "privately")}, closed=True
    ),
}
_WORDS = [
    "new|open|start|create|launch|make|another|fresh|blank|empty|chrome|google chrome|browser"
    "|web browser|chrome app|browser app|app|mode|browsing|browse|up|go|switch to"
]
FRAMES = (
    Frame.declare("chrome_ui", "tab", slots=_SLOTS, words=_WORDS, optional=["mode"]),
    Frame.declare("chrome_ui", "incognito", slots=_SLOTS, words=_WORDS, optional=["what"]),
)
"""A tab or window, incognito or not ("go incognito" is an incognito tab), in Chrome or "the
browser"."""
_SAMPLES = {
    # Three booleans leave no parameter values to hold out, so the splits differ in phrasing.
    "train": ("Open a {kind} {what} in Chrome", "Open a {kind} {what} in the chrome app"),
    "test": ("Open a {kind} Chrome {what}",),
}
_TAB_FACTS = {"windows", "window", "tab_ids", "current_tab", "current_incognito"}
"""The facts the judge needs, which only the simulated phone reports."""
_MENU_LABEL = {
    (False, False): "New tab",
    (True, False): "New incognito tab",
    (False, True): "New window",
    (True, True): "New incognito tab",
}


class ChromeUI(Family):
    name = "chrome_ui"
    description = "Open a new tab, incognito tab or window in Chrome."
    phrasing_split = True

    def frames(self) -> tuple[Frame, ...]:
        return FRAMES

    def params(self, reading: Reading) -> Params:
        return {
            "incognito": reading.params.get("mode") == "incognito",
            "window": reading.params.get("what") == "window",
        }

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        incognito, window = bool(rng.integers(2)), bool(rng.integers(2))
        kind = ("new " + ("incognito" if rng.integers(2) else "private")) if incognito else "new"
        templates = _SAMPLES.get(split, _SAMPLES["train"] + _SAMPLES["test"])
        template = templates[int(rng.integers(len(templates)))]
        return template.format(kind=kind, what="window" if window else "tab"), {
            "incognito": incognito,
            "window": window,
        }

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        """A tab (or window) that did not exist at the start is in front, of the asked kind.
        An incognito "window" is an incognito tab, as on Chrome for phones."""
        if state.package != CHROME:
            return False
        now, before = state.app_facts(CHROME), start.app_facts(CHROME)
        if now.get("overlay") or not (now.keys() & before.keys()) >= _TAB_FACTS:
            return False
        if params["window"] and not params["incognito"]:
            return now["windows"] > before["windows"] and now["window"] >= before["windows"]
        return (
            now["current_tab"] not in before["tab_ids"]
            and now["current_incognito"] == params["incognito"]
        )

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        in_chrome = any(e.package == CHROME for e in elements)
        if not in_chrome:
            return navigation.open_app("Chrome", elements, screen_size)
        label = _MENU_LABEL[(params["incognito"], params["window"])]
        item = find(elements, text=label, clickable=True) or find(
            elements, content_desc=label, clickable=True
        )
        if item:
            return navigation.tap(item[0], screen_size)
        menu = find(elements, resource_id="menu_button")
        if menu:
            return navigation.tap(menu[0], screen_size)
        return Action.key(ActionType.PRESS_BACK)
