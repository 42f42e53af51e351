"""The system's facts: settings (`facts["android"]`) and the notification shade
(`facts["com.android.systemui"]`).

Sources on a real device:
- each toggle (Wi-Fi, Bluetooth, Do Not Disturb, flashlight, auto-rotate, Battery Saver,
  airplane mode, dark theme, location): `settings get` / `cmd uimode night`
  (`commands.TOGGLES`); a toggle the device does not report is left out;
- `blocked`, the packages whose notifications are off: `appops query-op POST_NOTIFICATION
  ignore`;
- `shade`: the hierarchy. While the shade is pulled down its panel (`notification_panel`) is the
  window uiautomator dumps; "expanded" when its tile panel shows more than the four tiles of
  the first pull. The posted notifications (`dumpsys notification`) are not read: no family
  judges them.
"""

from __future__ import annotations

from typing import Any

from android_gym.devices.observed.commands import ShellReport
from android_gym.devices.observed.screen import Screen
from android_gym.packages import SYSTEM_UI

FIRST_PULL_TILES = 4


def settings_facts(report: ShellReport) -> dict[str, Any]:
    return {**report.toggles, "blocked": report.blocked}


def shade_facts(screen: Screen) -> dict[str, Any]:
    ui = screen.of(SYSTEM_UI)
    panel = ui.first("notification_panel")
    if panel is None:
        return {"shade": "closed"}
    tiles = ui.inside(panel).all("tile")
    return {"shade": "expanded" if len(tiles) > FIRST_PULL_TILES else "open"}
