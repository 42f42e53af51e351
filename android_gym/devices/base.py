"""The Device protocol: what the environment needs from a phone, simulated or real.

AndroidEnv only talks to a device through these calls, so a real phone or emulator over adb
is another backend, not another environment. Coordinates are device pixels; keys are "back",
"home", "enter".

Optional: a device that waits for its screen to settle after each input (tap, swipe, key,
text, launch, open_url) keeps the report of the latest wait in an attribute `last_settle` (a
dict, or None when it did not wait); the environment copies it into `info["settle"]`.

Optional: a device may have `observe()`, returning the `Observation` (hierarchy, state,
screenshot) of the screen in one call, which it may fetch concurrently (an adb device asks the
phone for the three at once); the environment reads the screen through `observe(device)`,
which makes the three calls in turn for a device without it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol, runtime_checkable

import numpy as np

KEYS = ("back", "home", "enter")
KEYCODES = {
    "back": ("KEYCODE_BACK", 4),
    "home": ("KEYCODE_HOME", 3),
    "enter": ("KEYCODE_ENTER", 66),
    "delete": ("KEYCODE_DEL", 67),
    "recent_apps": ("KEYCODE_APP_SWITCH", 187),
}
"""Android's key code (name, number) of each key by its name here: `KEYS` and the keys a
keyboard and the navigation bar add. `input keyevent` takes either form on any device."""


@dataclass(frozen=True)
class DeviceState:
    """What task families judge success by: the foreground app and activity, the URL of the
    page on screen (browsers; None while an overlay covers it), the installed packages (what
    `pm list packages` reports) and per-app facts."""

    package: str
    activity: str = ""
    url: str | None = None
    packages: tuple[str, ...] = ()
    facts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def app_facts(self, package: str) -> dict[str, Any]:
        return self.facts.get(package, {})


@runtime_checkable
class Device(Protocol):
    """A phone the environment can drive."""

    @property
    def screen_size(self) -> tuple[int, int]:
        """(width, height) in device pixels; UI bounds and taps use these pixels."""
        ...

    def reset(self, seed: int) -> None:
        """Brings the phone to its start state: apps closed, home screen in front."""

    def launch(self, package: str) -> None:
        """Opens an app (like `am start` of its launcher activity)."""

    def open_url(self, url: str) -> None:
        """Opens a URL in the browser."""

    def tap(self, x: int, y: int) -> None: ...

    def swipe(self, x1: int, y1: int, x2: int, y2: int) -> None: ...

    def type_text(self, text: str) -> None:
        """Types into the focused field."""

    def key(self, name: str) -> None:
        """Presses one of `KEYS`."""

    def screenshot(self) -> np.ndarray:
        """The screen as a new uint8 RGB array [H, W, 3] that the caller owns (any resolution;
        the env resizes)."""
        ...

    def ui_xml(self) -> str:
        """The uiautomator dump of the screen."""
        ...

    def shell(self, command: str) -> str:
        """Runs an Android shell command line (what `adb shell COMMAND` runs: `pm list
        packages`, `dumpsys alarm`, `settings put global wifi_on 0`) and returns what it
        printed, stdout then stderr. Families set up and read a phone through it."""
        ...

    def state(self) -> DeviceState:
        """The observable state that families judge."""
        ...

    def close(self) -> None: ...


class Observation(NamedTuple):
    """One look at a still screen: its hierarchy dump, its state and its screenshot."""

    ui_xml: str
    state: DeviceState
    screenshot: np.ndarray


def observe(device: Device) -> Observation:
    """The device's `observe()` where it has one, else `ui_xml()`, `state()` and
    `screenshot()` in turn (nothing is sent to the device in between, so all three show the
    same screen)."""
    look = getattr(device, "observe", None)
    if look is not None:
        return look()
    return Observation(device.ui_xml(), device.state(), device.screenshot())
