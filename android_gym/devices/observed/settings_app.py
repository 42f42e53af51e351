"""Settings (com.android.settings): the app that a page about one app (App info, its
notifications) shows, as `app`, its package.

Source: the `package:` data of the resumed activity's intent in `dumpsys activity activities`
(the hierarchy shows the app's label, not its package). On a real device that data is there
when the page was opened by its intent (`android.settings.APPLICATION_DETAILS_SETTINGS`, or an
app's "App info"); a page reached by tapping through Settings runs in `.SubSettings` with the
package in the fragment's arguments, which dumpsys does not print.
"""

from __future__ import annotations

from typing import Any

from android_gym.devices.observed.commands import ShellReport
from android_gym.devices.observed.screen import Screen
from android_gym.packages import SETTINGS

PACKAGE = SETTINGS


def facts(app: Screen, report: ShellReport) -> dict[str, Any]:
    return {"app": report.intent_package}
