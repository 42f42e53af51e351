"""The phone's system settings: the one place Settings, the notification shade and the task
families read and change Wi-Fi, Bluetooth, airplane mode, dark theme and the other quick
toggles, and which apps may post notifications.

A real device keeps these in the settings provider and the notification service; their adb
sources are named per toggle (`Toggle.source`) and for notifications in `facts`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SYSTEM = "android"
"""The package under which `DeviceState.facts` holds the system settings."""


@dataclass(frozen=True)
class Toggle:
    """A switchable system setting: its `name` (a field of `DeviceSettings`), the label of its
    Settings switch, the quick-settings tile's label, its icon and the adb command that reads
    it on a real device."""

    name: str
    label: str
    tile: str
    icon: str
    source: str


TOGGLES: tuple[Toggle, ...] = (
    Toggle("wifi", "Wi-Fi", "Wi-Fi", "wifi", "settings get global wifi_on; cmd wifi status"),
    Toggle(
        "bluetooth", "Use Bluetooth", "Bluetooth", "bluetooth", "settings get global bluetooth_on"
    ),
    Toggle("dnd", "Do Not Disturb", "Do Not Disturb", "dnd", "settings get global zen_mode"),
    Toggle("flashlight", "Flashlight", "Flashlight", "flashlight", "dumpsys media.camera (torch)"),
    Toggle(
        "auto_rotate",
        "Auto-rotate screen",
        "Auto-rotate",
        "rotate",
        "settings get system accelerometer_rotation",
    ),
    Toggle(
        "battery_saver",
        "Use Battery Saver",
        "Battery Saver",
        "battery_saver",
        "settings get global low_power",
    ),
    Toggle(
        "airplane",
        "Airplane mode",
        "Airplane mode",
        "flight",
        "settings get global airplane_mode_on",
    ),
    Toggle("dark_theme", "Dark theme", "Dark theme", "dark_mode", "cmd uimode night"),
    Toggle("location", "Use location", "Location", "location", "settings get secure location_mode"),
)
BY_NAME = {t.name: t for t in TOGGLES}


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
        """What a device reports: each toggle (`Toggle.source`) and the packages whose
        notifications are blocked (`cmd notification` / `dumpsys notification`)."""
        return {**{t.name: self.get(t.name) for t in TOGGLES}, "blocked": self.blocked}
