"""Switching a system setting: "Turn off Wi-Fi", "Turn on Bluetooth", "Enable airplane mode",
"Turn on dark mode", "Toggle the flashlight".

The switch ends in the asked state ("toggle": the opposite of its start) and no other setting
changed, except Wi-Fi and Bluetooth for airplane mode, which switches them. Facts
(`facts["android"]`): each switch as its command in `android_gym.toggles` reads it (`settings
get global wifi_on`, `cmd uimode night`, ...); set-up switches them with the same module's
commands, on the simulator and on a real device alike. The flashlight is the one a real device
may not follow: `settings put secure flashlight_enabled` records it without lighting the torch.

The oracle uses the notification shade's tiles (a swipe down, a second one for the tiles of
the expanded shade), the way people switch these; Settings has the same switches.
"""

from __future__ import annotations

import numpy as np

from android_gym.actions import Action, ActionType
from android_gym.devices.base import Device, DeviceState
from android_gym.families import navigation
from android_gym.families import settings_nav as nav
from android_gym.families.base import Family, Params
from android_gym.families.frames import Frame, Reading
from android_gym.families.settings_apps import settings_pools, wanted
from android_gym.packages import ANDROID as SYSTEM
from android_gym.toggles import BY_NAME
from android_gym.ui import UIElement

SETTINGS_OF = {
    "Wi-Fi": "wifi",
    "Bluetooth": "bluetooth",
    "airplane mode": "airplane",
    "dark mode": "dark_theme",
    "Do Not Disturb": "dnd",
    "Battery Saver": "battery_saver",
    "flashlight": "flashlight",
    "location": "location",
    "auto-rotate": "auto_rotate",
}
"""The `DeviceSettings` field of each value of the toggles pool."""
DRIVEN = {"airplane": {"wifi", "bluetooth"}}
"""Settings that a switch changes along with its own."""
_VERBS = {"on": ("Turn on", "Enable", "Switch on"), "off": ("Turn off", "Disable", "Switch off")}


class DeviceToggle(Family):
    name = "device_toggle"
    description = "Switch Wi-Fi, Bluetooth, airplane mode, dark theme or another quick setting."
    app = "Settings"

    def frames(self) -> tuple[Frame, ...]:
        p = settings_pools()
        return (
            Frame.declare(
                self.name,
                "switch",
                slots={"state": p["states"], "setting": p["toggles"]},
                words=["mode|setting|settings|the phone|phone|in settings|quick settings|back"],
            ),
        )

    def params(self, reading: Reading) -> Params:
        return {"setting": SETTINGS_OF[reading.params["setting"]], "state": reading.params["state"]}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        pool = settings_pools()["toggles"]
        values = pool.split(split)
        value = values[int(rng.integers(len(values)))]
        state = ("on", "off", "toggle")[int(rng.integers(3))]
        verbs = _VERBS.get(state, ("Toggle",))
        verb = verbs[int(rng.integers(len(verbs)))]
        return f"{verb} {pool.name_for(value, rng)}", {
            "setting": SETTINGS_OF[value],
            "state": state,
        }

    def setup(self, device: Device, params: Params, rng: np.random.Generator) -> None:
        """Starts from the opposite of the asked state (either for "toggle"), out of airplane
        mode unless the task is about it."""
        setting = params["setting"]
        if setting != "airplane":
            device.shell(BY_NAME["airplane"].switch(False))
        start = {"on": False, "off": True}.get(params["state"], bool(rng.integers(2)))
        device.shell(BY_NAME[setting].switch(start))

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        setting = params["setting"]
        now, before = state.app_facts(SYSTEM), start.app_facts(SYSTEM)
        if setting not in now or now[setting] != wanted(params, before[setting]):
            return False
        free = {setting, "blocked", *DRIVEN.get(setting, ())}
        return all(now[k] == before[k] for k in now if k not in free)

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        if not nav.shade_open(elements):
            return nav.open_shade(elements, screen_size)
        tile = nav.tile(elements, BY_NAME[params["setting"]].tile)
        if tile is None:
            return nav.open_shade(elements, screen_size)  # expands it
        if params["state"] == "toggle" or tile.checked != (params["state"] == "on"):
            return navigation.tap(tile, screen_size)
        return Action.key(ActionType.STATUS_TASK_COMPLETE)
