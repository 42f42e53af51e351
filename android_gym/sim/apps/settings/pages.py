"""Settings' top-level list and its system pages (network, devices, notifications, display,
battery, sound, location, and the plain ones that only list what they hold)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from android_gym.sim.apps.settings.widgets import group, heading, item, page
from android_gym.sim.material_you import Palette
from android_gym.sim.view import View, col, icon, row, space, text

if TYPE_CHECKING:
    from android_gym.sim.apps.settings import SettingsApp

Entry = tuple[str, str, str, str, str]
"""(screen, title, summary, glyph, icon colour) of a top-level row."""

HOME: tuple[tuple[Entry, ...], ...] = (
    (
        ("network", "Network & internet", "Mobile, Wi-Fi, hotspot", "wifi", "blue"),
        ("connected", "Connected devices", "Bluetooth, pairing", "devices", "green"),
    ),
    (
        ("apps", "Apps", "Assistant, recent apps, default apps", "grid", "orange"),
        ("notifications", "Notifications", "Notification history, conversations", "bell", "purple"),
    ),
    (
        ("battery", "Battery", "100%", "battery", "green"),
        ("storage", "Storage", "34% used - 84.5 GB free", "storage", "purple"),
        ("sound", "Sound & vibration", "Volume, haptics, Do Not Disturb", "volume", "teal"),
        ("display", "Display", "Dark theme, font size, brightness", "sun", "orange"),
        ("wallpaper", "Wallpaper & style", "Colors, themed icons, app grid", "photo", "pink"),
        ("accessibility", "Accessibility", "Display, interaction, audio", "accessibility", "blue"),
    ),
    (
        (
            "security",
            "Security & privacy",
            "App security, device lock, permissions",
            "shield",
            "green",
        ),
        ("location", "Location", "Apps with access to location", "location", "teal"),
        ("safety", "Safety & emergency", "Emergency SOS, medical info, alerts", "info", "red"),
        (
            "accounts",
            "Passwords & accounts",
            "Saved passwords, autofill, accounts",
            "person",
            "purple",
        ),
        ("wellbeing", "Digital Wellbeing", "Screen time, app timers, bedtime", "clock", "teal"),
        ("google", "Google", "Services & preferences", "app:google", "grey"),
        ("system", "System", "Languages, gestures, time, backup", "info", "grey"),
        ("about", "About phone", "Pixel 7", "smartphone", "blue"),
    ),
)
TITLES = {entry[0]: entry[1] for entries in HOME for entry in entries} | {
    "internet": "Internet",
    "bluetooth": "Bluetooth",
    "notification_apps": "App notifications",
}
PLAIN: dict[str, tuple[tuple[str, str], ...]] = {
    "storage": (
        ("Apps", "12.4 GB"),
        ("Images", "3.1 GB"),
        ("Videos", "1.8 GB"),
        ("System", "14.2 GB"),
        ("Free up space", "Go to Files to manage and free up space"),
    ),
    "wallpaper": (("Wallpaper", "Default"), ("Themed icons", "Off"), ("App grid", "5 x 5")),
    "accessibility": (
        ("Font size", "Default"),
        ("TalkBack", "Off"),
        ("Select to Speak", "Off"),
        ("Color correction", "Off"),
    ),
    "security": (
        ("Screen lock", "PIN"),
        ("Face & Fingerprint Unlock", "Face and fingerprint added"),
        ("Privacy dashboard", "Show which apps recently used permissions"),
        ("Permission manager", "Control app access to your data"),
    ),
    "safety": (("Emergency SOS", "On"), ("Medical information", "None"), ("Crisis alerts", "On")),
    "accounts": (("Passwords", "12 saved passwords"), ("Google", "user@gmail.com")),
    "wellbeing": (("Screen time", "1 hr 12 min today"), ("Bedtime mode", "Off")),
    "google": (("Manage your Google Account", ""), ("Backup", "On"), ("Devices & sharing", "")),
    "system": (
        ("Languages", "English (United States)"),
        ("Keyboard", "Gboard"),
        ("Gestures", ""),
        ("Date & time", "GMT-07:00 Pacific Daylight Time"),
        ("Backup", "On"),
        ("System update", "Updated to Android 14"),
    ),
    "about": (
        ("Device name", "Pixel 7"),
        ("Phone number", "(650) 555-0123"),
        ("Android version", "14"),
        ("Model", "Pixel 7"),
        ("Build number", "UQ1A.240205.004"),
    ),
}


def home(app: SettingsApp, pal: Palette) -> View:
    """The top level: large title, the search bar, and the groups of entries."""
    groups = [
        group(
            pal,
            *[
                item(pal, title, summary, glyph, color, on_tap=lambda s=screen: app.go(s))
                for screen, title, summary, glyph, color in entries
            ],
        )
        for entries in HOME
    ]
    return col(
        col(
            space(h=48),
            text("Settings", size=40, color=pal.text, pad=(12, 0, 12, 24), rid="homepage_title"),
            row(
                icon("search", 22, color=pal.text_secondary),
                text("Search Settings", size=17, color=pal.text_secondary, pad=(16, 0, 0, 0)),
                h=56,
                pad=(20, 0, 20, 0),
                radius=28,
                bg=pal.search,
                desc="Search Settings",
                on_tap=lambda: app.go("search"),
                rid="search_action_bar",
            ),
            *groups,
            space(h=24),
            gap=16,
            flex=1,
            pad=(12, 0, 12, 0),
            scroll=app.scroll_key(),
            rid="recycler_view",
            cls="androidx.recyclerview.widget.RecyclerView",
        ),
        flex=1,
        bg=pal.background,
    )


def _page(app: SettingsApp, pal: Palette, body: list[View | None]) -> View:
    return page(pal, TITLES.get(app.top.name, "Settings"), body, app.scroll_key(), app.up)


def _switch(app: SettingsApp, pal: Palette, setting: str, title: str, summary: str = "") -> View:
    on = app.phone.settings.get(setting)
    return item(pal, title, summary, toggle=on, on_tap=lambda: app.toggle(setting))


def _link(app: SettingsApp, pal: Palette, screen: str, title: str, summary: str = "") -> View:
    return item(pal, title, summary, on_tap=lambda: app.go(screen))


def network(app: SettingsApp, pal: Palette) -> View:
    s = app.phone.settings
    internet = "Airplane mode" if s.airplane and not s.wifi else "AndroidWifi" if s.wifi else "Off"
    return _page(
        app,
        pal,
        [
            group(
                pal,
                _link(app, pal, "internet", "Internet", internet),
                item(pal, "Calls & SMS", "T-Mobile"),
                item(pal, "SIMs", "T-Mobile"),
                _switch(app, pal, "airplane", "Airplane mode"),
            ),
            group(
                pal,
                item(pal, "Hotspot & tethering", "Off"),
                item(pal, "Data Saver", "Off"),
                item(pal, "VPN", "None"),
                item(pal, "Private DNS", "Automatic"),
            ),
        ],
    )


def internet(app: SettingsApp, pal: Palette) -> View:
    wifi = app.phone.settings.wifi
    networks = (
        group(
            pal,
            item(pal, "AndroidWifi", "Connected", "wifi", "blue"),
            item(pal, "Home-5G", "Saved", "wifi", "grey"),
            item(pal, "CoffeeShop Guest", "Open", "wifi", "grey"),
        )
        if wifi
        else text(
            "To see available networks, turn Wi-Fi on", size=14, color=pal.text_secondary, pad=12
        )
    )
    return _page(
        app,
        pal,
        [
            group(pal, _switch(app, pal, "wifi", "Wi-Fi")),
            networks,
            group(pal, item(pal, "Network preferences", "Wi-Fi turns back on automatically")),
        ],
    )


def connected(app: SettingsApp, pal: Palette) -> View:
    on = app.phone.settings.bluetooth
    return _page(
        app,
        pal,
        [
            group(pal, item(pal, "Pair new device", glyph="bluetooth", color="blue")),
            group(
                pal,
                _link(app, pal, "bluetooth", "Bluetooth", "On" if on else "Off"),
                item(pal, "Connection preferences", "NFC, Android Auto"),
            ),
        ],
    )


def bluetooth(app: SettingsApp, pal: Palette) -> View:
    return _page(
        app,
        pal,
        [
            group(pal, _switch(app, pal, "bluetooth", "Use Bluetooth")),
            group(pal, item(pal, "Pair new device"), item(pal, "Device name", "Pixel 7")),
        ],
    )


def notifications(app: SettingsApp, pal: Palette) -> View:
    return _page(
        app,
        pal,
        [
            group(
                pal,
                _link(app, pal, "notification_apps", "App notifications", "Control notifications"),
                item(pal, "Notification history", "Show recent and snoozed notifications"),
            ),
            heading(pal, "Conversation"),
            group(pal, item(pal, "Conversations", "No priority conversations")),
            heading(pal, "Privacy"),
            group(
                pal,
                item(pal, "Notifications on lock screen", "Show all notification content"),
                _switch(app, pal, "dnd", "Do Not Disturb"),
            ),
        ],
    )


def notification_apps(app: SettingsApp, pal: Palette) -> View:
    """Every installed app with its notification switch (tapping a row switches it)."""
    phone = app.phone
    rows = [
        item(
            pal,
            phone.apps[p].label,
            glyph=phone.apps[p].icon,
            toggle=phone.settings.notifications_enabled(p),
            on_tap=lambda p=p: app.toggle_notifications(p),
        )
        for p in sorted(phone.installed, key=lambda p: phone.apps[p].label.lower())
        if phone.apps[p].icon
    ]
    return _page(app, pal, [group(pal, *rows)])


def display(app: SettingsApp, pal: Palette) -> View:
    return _page(
        app,
        pal,
        [
            heading(pal, "Brightness"),
            group(
                pal, item(pal, "Brightness level", "60%"), item(pal, "Adaptive brightness", "On")
            ),
            heading(pal, "Appearance"),
            group(
                pal,
                _switch(app, pal, "dark_theme", "Dark theme"),
                item(pal, "Display size and text", "Default"),
            ),
            heading(pal, "Other display controls"),
            group(
                pal,
                item(pal, "Screen timeout", "After 30 seconds of inactivity"),
                _switch(app, pal, "auto_rotate", "Auto-rotate screen"),
            ),
        ],
    )


def battery(app: SettingsApp, pal: Palette) -> View:
    return _page(
        app,
        pal,
        [
            text("100%", size=40, color=pal.text, pad=(12, 0, 12, 0)),
            group(
                pal,
                item(pal, "Battery usage", "View usage since last full charge"),
                _switch(app, pal, "battery_saver", "Battery Saver"),
                item(pal, "Adaptive Battery", "On"),
            ),
        ],
    )


def sound(app: SettingsApp, pal: Palette) -> View:
    return _page(
        app,
        pal,
        [
            group(
                pal,
                item(pal, "Media volume", "60%"),
                item(pal, "Call volume", "80%"),
                item(pal, "Ring & notification volume", "80%"),
            ),
            group(
                pal,
                _switch(app, pal, "dnd", "Do Not Disturb"),
                item(pal, "Phone ringtone", "The Big Adventure"),
            ),
        ],
    )


def location(app: SettingsApp, pal: Palette) -> View:
    return _page(
        app,
        pal,
        [
            group(pal, _switch(app, pal, "location", "Use location")),
            group(pal, item(pal, "App location permissions", "5 of 18 apps have access")),
        ],
    )


def plain(app: SettingsApp, pal: Palette) -> View:
    """A page that lists what it holds (nothing on it switches)."""
    rows = PLAIN.get(app.top.name, ())
    return _page(app, pal, [group(pal, *[item(pal, t, s) for t, s in rows])])


BUILDERS: dict[str, Callable[[SettingsApp, Palette], View]] = {
    "home": home,
    "network": network,
    "internet": internet,
    "connected": connected,
    "bluetooth": bluetooth,
    "notifications": notifications,
    "notification_apps": notification_apps,
    "display": display,
    "battery": battery,
    "sound": sound,
    "location": location,
}
