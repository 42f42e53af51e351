"""Opening the notification shade: "Show me my notifications".

Success: the shade is open (pulled down or expanded). On a real device the UI hierarchy shows
the shade's window (`com.android.systemui`, `notification_panel`) and `dumpsys statusbar` /
`cmd statusbar` report it expanded (`facts["com.android.systemui"]["shade"]`).
"""

from __future__ import annotations

import numpy as np

from android_gym.actions import Action, ActionType
from android_gym.devices.base import DeviceState
from android_gym.families import settings_nav as nav
from android_gym.families.base import Family, Params
from android_gym.families.frames import Frame, Reading
from android_gym.packages import SYSTEM_UI
from android_gym.ui import UIElement

_SAMPLES = {
    # No parameter values to hold out: the splits differ in phrasing.
    "train": ("Show me my notifications", "Show my notifications", "Open my notifications"),
    "test": ("Check my notifications", "Open the notification shade", "View all notifications"),
}


class NotificationShade(Family):
    name = "notification_shade"
    phrasing_split = True
    description = "Open the notification shade."
    app = "notifications"

    def frames(self) -> tuple[Frame, ...]:
        return (
            Frame.declare(
                self.name,
                "shade",
                cues=["notification|notifications|notification shade|notification panel|notifs"],
                words=[
                    "open|view|display|pull down|swipe down|read|all|recent|new|unread|"
                    "shade|panel|bar|drawer|center|centre|list|what are|any"
                ],
            ),
        )

    def params(self, reading: Reading) -> Params:
        return {}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        phrases = _SAMPLES.get(split, _SAMPLES["train"] + _SAMPLES["test"])
        return phrases[int(rng.integers(len(phrases)))], {}

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        return state.app_facts(SYSTEM_UI).get("shade", "closed") != "closed"

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        if nav.shade_open(elements):
            return Action.key(ActionType.STATUS_TASK_COMPLETE)
        return nav.open_shade(elements, screen_size)
