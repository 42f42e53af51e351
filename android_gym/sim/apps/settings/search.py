"""Settings search: a query field whose results (installed apps, then settings) appear as one
types, as on a phone. A result opens its page: an app's App info, or the page holding a
setting."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from android_gym.sim.apps.settings.pages import HOME, TITLES
from android_gym.sim.apps.settings.widgets import circle_icon
from android_gym.sim.material_you import Palette
from android_gym.sim.view import View, col, field, icon, row, text

if TYPE_CHECKING:
    from android_gym.sim.apps.settings import SettingsApp

SETTINGS: tuple[tuple[str, str], ...] = (
    *((entry[1], entry[0]) for entries in HOME for entry in entries),
    ("Wi-Fi", "internet"),
    ("Internet", "internet"),
    ("Airplane mode", "network"),
    ("Bluetooth", "bluetooth"),
    ("App notifications", "notification_apps"),
    ("Do Not Disturb", "sound"),
    ("Dark theme", "display"),
    ("Auto-rotate screen", "display"),
    ("Battery Saver", "battery"),
    ("Use location", "location"),
    ("See all apps", "all_apps"),
)
"""(title, screen that holds it) of every searchable setting."""
MAX_RESULTS = 8
_WORD = re.compile(r"[a-z0-9]+")


def matches(query: str, title: str) -> bool:
    """Whether every word of `query` starts a word of `title` (case and punctuation aside)."""
    wanted = _WORD.findall(query.lower())
    words = _WORD.findall(title.lower())
    return bool(wanted) and all(any(w.startswith(q) for w in words) for q in wanted)


def screen(app: SettingsApp, pal: Palette) -> View:
    """The search screen: back arrow and field, then the results for the query."""
    query = app.top.ui.get("query", "")
    phone = app.phone
    results: list[View] = []
    if query.strip():
        for package in sorted(phone.installed, key=lambda p: phone.apps[p].label.lower()):
            target = phone.apps[package]
            if target.icon and matches(query, target.label):
                results.append(
                    _result(pal, target.label, "Apps", target.icon, package, app, "app_info")
                )
        for title, where in SETTINGS:
            if matches(query, title):
                crumb = "Settings" if title == TITLES.get(where) else TITLES.get(where, "Settings")
                results.append(_result(pal, title, crumb, "settings", "", app, where))
    shown = results[:MAX_RESULTS]
    return col(
        row(
            icon("arrow_back", 24, color=pal.text, desc="Navigate up", on_tap=app.up),
            field(
                query,
                hint="Search Settings",
                size=18,
                flex=1,
                pad=(16, 0, 8, 0),
                focused=True,
                color=pal.text,
                on_change=app.type_query,
                on_submit=lambda: None,
                on_tap=lambda: None,
                rid="search_src_text",
                desc="Search Settings",
            ),
            icon(
                "close",
                22,
                color=pal.text_secondary,
                desc="Clear",
                on_tap=lambda: app.type_query(""),
            )
            if query
            else None,
            h=64,
            pad=(16, 0, 16, 0),
            radius=32,
            bg=pal.search,
        ),
        col(
            *shown,
            text("No results", size=16, color=pal.text_secondary, pad=(24, 16, 24, 0))
            if query.strip() and not shown
            else None,
            flex=1,
            pad=(0, 8, 0, 0),
            rid="list_results",
            cls="androidx.recyclerview.widget.RecyclerView",
        ),
        flex=1,
        pad=(8, 8, 8, 0),
        bg=pal.background,
    )


def _result(
    pal: Palette, title: str, crumb: str, glyph: str, package: str, app: SettingsApp, where: str
) -> View:
    args = {"package": package} if package else {}
    return row(
        circle_icon(glyph, "grey"),
        col(
            text(title, size=17, color=pal.text, rid="title", lines=1),
            text(crumb, size=14, color=pal.text_secondary, rid="breadcrumb", lines=1),
            flex=1,
            pad=(16, 0, 0, 0),
        ),
        pad=(16, 12, 16, 12),
        desc=title,
        on_tap=lambda: app.go(where, **args),
        rid="search_result",
        cls="android.widget.LinearLayout",
    )
