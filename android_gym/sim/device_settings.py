"""The phone's system settings: the one place Settings, the notification shade and the task
families read and change Wi-Fi, Bluetooth, airplane mode, dark theme and the other quick
toggles, and which apps may post notifications.

A real device keeps these in the settings provider and the notification service; the commands
that read and switch them are `android_gym.toggles` (the phone's shell runs them here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from android_gym import packages
from android_gym.toggles import BY_NAME, TOGGLES

SYSTEM = packages.ANDROID
"""The package under which `DeviceState.facts` holds the system settings."""


@dataclass
class DeviceSettings:
    """System toggles (a fresh phone: Wi-Fi, auto-rotate and location on, the rest off) and the
    packages whose notifications are turned off. Airplane mode turns the Wi-Fi and Bluetooth
    radios off and, when it ends, back to what they were."""

    wifi: bool = True
    bluetooth: bool = False
    dnd: bool = False
    flashlight: bool = False
    auto_rotate: bool = True
    battery_saver: bool = False
    airplane: bool = False
    dark_theme: bool = False
    location: bool = True
    blocked: tuple[str, ...] = ()
    """Packages whose notifications are off, sorted (every app may notify on a fresh phone)."""
    radios: tuple[bool, bool] = field(default=(True, False), repr=False)
    """Wi-Fi and Bluetooth as they were when airplane mode began."""

    def get(self, name: str) -> bool:
        if name not in BY_NAME:
            raise ValueError(f"unknown setting {name!r}; known: {', '.join(BY_NAME)}")
        return bool(getattr(self, name))

    def set(self, name: str, on: bool) -> None:
        """Switches setting `name` on or off (airplane mode also switches the radios)."""
        if self.get(name) == on:
            return
        if name == "airplane":
            if on:
                self.radios = (self.wifi, self.bluetooth)
                self.wifi = self.bluetooth = False
            else:
                self.wifi, self.bluetooth = self.radios
        setattr(self, name, on)

    def toggle(self, name: str) -> None:
        self.set(name, not self.get(name))

    def notifications_enabled(self, package: str) -> bool:
        return package not in self.blocked

    def set_notifications(self, package: str, on: bool) -> None:
        """Allows or blocks every notification of `package`."""
        rest = set(self.blocked) - {package}
        self.blocked = tuple(sorted(rest if on else rest | {package}))

    def key(self) -> str:
        """Everything a screen may read from the settings (for screen caches)."""
        return repr(self)

    def facts(self) -> dict[str, Any]:
        """What a device reports: each toggle (`Toggle.read_command`) and the packages whose
        notifications are blocked (`appops get PKG POST_NOTIFICATION`)."""
        return {**{t.name: self.get(t.name) for t in TOGGLES}, "blocked": self.blocked}
