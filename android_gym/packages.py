"""Package names of the apps the task families know, the same on the simulated phone and on a
real device (what `pm list packages` and `dumpsys activity` print). Families, device readers
and the simulator's apps all take them from here."""

from __future__ import annotations

ANDROID = "android"
"""The system itself: the package under which `DeviceState.facts` holds system settings."""
SYSTEM_UI = "com.android.systemui"
LAUNCHER = "com.google.android.apps.nexuslauncher"
CHROME = "com.android.chrome"
GOOGLE = "com.google.android.googlequicksearchbox"
SETTINGS = "com.android.settings"
CLOCK = "com.google.android.deskclock"
CALENDAR = "com.google.android.calendar"
GMAIL = "com.google.android.gm"
MAPS = "com.google.android.apps.maps"
PLAY_STORE = "com.android.vending"
YOUTUBE = "com.google.android.youtube"
REDDIT = "com.reddit.frontpage"
