"""The account menu (opened from the avatar) and YouTube's own settings: the list of
sections and each section's page of switches."""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.sim import theme
from android_gym.sim.apps.youtube.widgets import GREY, avatar, back_bar
from android_gym.sim.view import View, col, divider, icon, row, text

if TYPE_CHECKING:
    from android_gym.sim.apps.youtube import YouTubeApp

ACCOUNT = (
    ("Your channel", "person"),
    ("Turn on Incognito", "incognito"),
    ("Add account", "add"),
    ("Time watched", "history"),
    ("Get YouTube Premium", "play_arrow"),
    ("Purchases and memberships", "store"),
    ("Your data in YouTube", "person"),
    ("Settings", "settings"),
    ("Help & feedback", "chat"),
)
SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    # section -> (switch, explanation) on its page
    "General": (
        ("Remind me to take a break", "Off"),
        ("Remind me when it's bedtime", "Off"),
        ("Playback in feeds", "Always on"),
        ("Double-tap to seek", "10 seconds"),
        ("Zoom to fill screen", "Always zoom to fill the screen"),
        ("Restricted Mode", "Hides potentially mature videos"),
        ("Enable stats for nerds", ""),
    ),
    "Data saving": (
        ("Data saving mode", "Reduce mobile data usage"),
        ("Upload over Wi-Fi only", ""),
    ),
    "Autoplay": (("Mobile phone/tablet", "Autoplay next video"),),
    "Video quality preferences": (("Higher picture quality", "Uses more data"),),
    "Downloads": (("Download over Wi-Fi only", ""), ("Recommended downloads", "")),
    "Watch on TV": (("Link with TV code", ""),),
    "Manage all history": (("Pause watch history", ""), ("Pause search history", "")),
    "Privacy": (("Keep all my subscriptions private", ""),),
    "Notifications": (
        ("Scheduled digest", "Get all your notifications as a daily digest"),
        ("Subscriptions", "Notify me about activity from the channels I'm subscribed to"),
        ("Recommended videos", "Notify me of videos I might like"),
    ),
    "Captions": (("Show captions", ""),),
    "Accessibility": (("Accessibility player", "Display accessibility controls"),),
    "About": (("Send usage statistics", ""),),
}


def build(app: YouTubeApp) -> View:
    """The account menu, the settings list or one section's page."""
    name = app.top.name
    if name == "account":
        rows = [
            _entry(label, glyph, (lambda: app.open_settings()) if label == "Settings" else None)
            for label, glyph in ACCOUNT
        ]
        header = row(
            avatar("A", 48, "#7b1fa2"),
            col(
                text("Alex Smith", size=17, weight="medium"),
                text("@alexsmith · View channel", size=12.5, color=GREY),
                gap=2,
            ),
            gap=16,
            pad=(16, 12, 16, 16),
        )
        body = col(header, divider(), *rows, flex=1, scroll=app.scroll_key(), rid="account")
        return col(back_bar("", lambda: app.back()), body, flex=1, bg=theme.WHITE)
    if name == "settings":
        rows = [
            row(
                text(section, size=16, flex=1, rid="title"),
                h=56,
                pad=(20, 0, 20, 0),
                on_tap=lambda s=section: app.open_settings(s),
                desc=section,
            )
            for section in SECTIONS
        ]
        body = col(*rows, flex=1, scroll=app.scroll_key(), rid="settings_list")
        return col(back_bar("Settings", lambda: app.back()), body, flex=1, bg=theme.WHITE)
    section = app.top.args["page"]
    switches = app.state.switches
    rows = [
        row(
            col(
                text(label, size=16, rid="title"),
                text(note, size=13, color=GREY, rid="summary") if note else None,
                gap=2,
                flex=1,
            ),
            _switch(switches.get(f"{section}/{label}", False)),
            pad=(20, 14, 20, 14),
            gap=16,
            on_tap=lambda key=f"{section}/{label}": app.flip(key),
            desc=label,
            checkable=True,
            checked=switches.get(f"{section}/{label}", False),
            cls="android.widget.Switch",
        )
        for label, note in SECTIONS[section]
    ]
    body = col(*rows, flex=1, scroll=app.scroll_key(), rid="settings_list")
    return col(back_bar(section, lambda: app.back()), body, flex=1, bg=theme.WHITE)


def _entry(label: str, glyph: str, on_tap) -> View:
    return row(
        icon(glyph, 24, color=theme.TEXT),
        text(label, size=15, pad=(28, 0, 0, 0), flex=1),
        h=52,
        pad=(20, 0, 16, 0),
        on_tap=on_tap,
        desc=label,
    )


def _switch(on: bool) -> View:
    """A Material switch: track and thumb."""
    track = "#3ea6ff" if on else "#bdbdbd"
    return row(
        text("", w=18, h=18, radius=9, bg=theme.WHITE if not on else "#065fd4"),
        w=36,
        h=20,
        radius=10,
        bg=track,
        pad=(1, 1, 1, 1),
        justify="end" if on else "start",
    )
