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

PHONE_APPS: dict[str, str] = {
    LAUNCHER: "Pixel Launcher",
    CHROME: "Chrome",
    GOOGLE: "Google",
    YOUTUBE: "YouTube",
    REDDIT: "Reddit",
    CLOCK: "Clock",
    CALENDAR: "Calendar",
    GMAIL: "Gmail",
    PLAY_STORE: "Play Store",
    SETTINGS: "Settings",
    MAPS: "Maps",
    "com.google.android.dialer": "Phone",
    "com.google.android.apps.messaging": "Messages",
    "com.google.android.calculator": "Calculator",
    "com.android.camera2": "Camera",
    "com.google.android.contacts": "Contacts",
    "com.google.android.apps.nbu.files": "Files",
    "com.google.android.apps.photos": "Photos",
    "com.google.android.apps.youtube.music": "YT Music",
}
"""The apps a phone comes with (the simulated one, and the Pixel-like devices AitW used), by
package: their launcher labels. Apps from the store are `android_gym.content.store_apps`."""
