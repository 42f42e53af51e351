"""The quick system switches (Wi-Fi, Bluetooth, airplane mode, dark theme, ...), as any device
has them: their Settings and quick-settings labels, and the shell commands that read and switch
them. The simulated phone implements these commands; on a real device they are Android's own.
Task families set a switch's start state and read it through them, on either device."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Toggle:
    """A switchable system setting: its `name` (a field of the simulator's `DeviceSettings`),
    the label of its Settings switch, the quick-settings tile's label and icon, where Android
    keeps it (`key`, a settings-provider "table name") and the commands that switch it."""

    name: str
    label: str
    tile: str
    icon: str
    key: str
    switch_on: str
    switch_off: str
    read: str = ""
    """The command that prints the state, when it is not `settings get KEY`."""

    @property
    def read_command(self) -> str:
        return self.read or f"settings get {self.key}"

    def parse(self, output: str) -> bool:
        """The state from what `read_command` printed."""
        value = output.strip().rsplit(" ", 1)[-1]
        return value not in ("0", "null", "", "no", "disabled")

    def switch(self, on: bool) -> str:
        """The command that switches it on or off."""
        return self.switch_on if on else self.switch_off


TOGGLES: tuple[Toggle, ...] = (
    Toggle(
        "wifi", "Wi-Fi", "Wi-Fi", "wifi", "global wifi_on", "svc wifi enable", "svc wifi disable"
    ),
    Toggle(
        "bluetooth",
        "Use Bluetooth",
        "Bluetooth",
        "bluetooth",
        "global bluetooth_on",
        "svc bluetooth enable",
        "svc bluetooth disable",
    ),
    Toggle(
        "dnd",
        "Do Not Disturb",
        "Do Not Disturb",
        "dnd",
        "global zen_mode",
        "cmd notification set_dnd on",
        "cmd notification set_dnd off",
    ),
    Toggle(
        "flashlight",
        "Flashlight",
        "Flashlight",
        "flashlight",
        "secure flashlight_enabled",
        "settings put secure flashlight_enabled 1",
        "settings put secure flashlight_enabled 0",
    ),
    Toggle(
        "auto_rotate",
        "Auto-rotate screen",
        "Auto-rotate",
        "rotate",
        "system accelerometer_rotation",
        "settings put system accelerometer_rotation 1",
        "settings put system accelerometer_rotation 0",
    ),
    Toggle(
        "battery_saver",
        "Use Battery Saver",
        "Battery Saver",
        "battery_saver",
        "global low_power",
        "cmd power set-mode 1",
        "cmd power set-mode 0",
    ),
    Toggle(
        "airplane",
        "Airplane mode",
        "Airplane mode",
        "flight",
        "global airplane_mode_on",
        "cmd connectivity airplane-mode enable",
        "cmd connectivity airplane-mode disable",
    ),
    Toggle(
        "dark_theme",
        "Dark theme",
        "Dark theme",
        "dark_mode",
        "secure ui_night_mode",
        "cmd uimode night yes",
        "cmd uimode night no",
        read="cmd uimode night",
    ),
    Toggle(
        "location",
        "Use location",
        "Location",
        "location",
        "secure location_mode",
        "cmd location set-location-enabled true",
        "cmd location set-location-enabled false",
    ),
)
BY_NAME = {t.name: t for t in TOGGLES}
