"""System UI of the simulated phone: status bar, navigation bar and the soft keyboard.

These belong to `com.android.systemui` and the Gboard IME and appear in the uiautomator XML
like any other view: an agent may tap the navigation buttons or the keyboard's keys.
"""

from __future__ import annotations

from collections.abc import Callable

from android_gym import packages
from android_gym.sim import theme
from android_gym.sim.device_settings import DeviceSettings
from android_gym.sim.view import View, col, icon, row, space, text

SYSTEM_UI = packages.SYSTEM_UI
KEYBOARD = "com.google.android.inputmethod.latin"
STATUS_BAR_DP = 24
NAV_BAR_DP = 48
KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
SYMBOL_ROWS = ("1234567890", "@#$_&-+()/", "*\"':;!?")


def indicators(settings: DeviceSettings) -> tuple[str, ...]:
    """The status bar's icons on the right for the phone's settings (left to right)."""
    shown = [
        ("dnd", settings.dnd),
        ("bluetooth", settings.bluetooth),
        ("wifi", settings.wifi),
        ("signal", not settings.airplane),
        ("flight", settings.airplane),
    ]
    return (*(name for name, on in shown if on), "battery")


_INDICATOR_DESC = {
    "dnd": "Do Not Disturb.",
    "bluetooth": "Bluetooth on.",
    "wifi": "Wifi signal full.",
    "signal": "Phone signal full.",
    "flight": "Airplane mode.",
    "battery": "Battery 100 percent.",
}


def status_bar(
    clock: str,
    background: str | None,
    light_content: bool,
    icons: tuple[str, ...] = ("wifi", "signal", "battery"),
    on_swipe: Callable[[str], bool] | None = None,
) -> View:
    """Clock and notification icons on the left, `icons` (see `indicators`) on the right. A
    swipe that starts on it goes to `on_swipe` (the notification shade)."""
    fg = theme.WHITE if light_content else theme.TEXT
    right: list[View] = []
    for name in icons:
        right += [space(w=4), icon(name, 16, color=fg, desc=_INDICATOR_DESC[name])]
    return row(
        text(clock, size=14, weight="medium", color=fg, rid="clock"),
        space(w=8),
        icon("settings", 16, color=fg),
        space(flex=1),
        *right,
        h=STATUS_BAR_DP,
        pad=(16, 0, 12, 0),
        bg=background,
        package=SYSTEM_UI,
        rid="status_bar",
        cls="android.widget.FrameLayout",
        on_swipe=on_swipe,
    )


def nav_bar(press: Callable[[str], None], background: str | None, light_content: bool) -> View:
    """Back, Home and Overview buttons."""
    fg = "#e8eaed" if light_content else "#5f6368"

    def button(name: str, glyph: str, desc: str) -> View:
        return row(
            icon(glyph, 22, color=fg),
            w=96,
            h=NAV_BAR_DP,
            justify="center",
            rid=name,
            desc=desc,
            on_tap=lambda: press(name),
            cls="android.widget.ImageView",
        )

    return row(
        button("back", "nav_back", "Back"),
        button("home", "nav_home", "Home"),
        button("recent_apps", "nav_recents", "Overview"),
        h=NAV_BAR_DP,
        justify="between",
        pad=(40, 0, 40, 0),
        bg=background,
        package=SYSTEM_UI,
        rid="navigation_bar_frame",
        cls="android.widget.FrameLayout",
        retained=True,
    )


def suggestion_strip(key: Callable[[str], None], suggestions: list[str]) -> View:
    """Gboard's word suggestions above the keys; tapping one replaces the word being typed."""
    return row(
        *[
            text(
                s,
                size=16,
                color=theme.TEXT_SECONDARY,
                text_align="center",
                flex=1,
                on_tap=lambda s=s: key("suggest:" + s),
            )
            for s in suggestions[:3]
        ],
        h=40,
        pad=(8, 0, 8, 0),
    )


def keyboard_keys(key: Callable[[str], None], shifted: bool, symbols: bool) -> View:
    """The keys of a Gboard-like keyboard. `key` receives a character or one of "shift",
    "symbols", "delete", "enter", "space". The block never changes for a given shift and
    symbol state, so the phone retains it (see `View.retained`)."""

    def k(
        label: str, value: str, flex: float = 1.0, bg: str = theme.KEY_BG, glyph: str = ""
    ) -> View:
        content = (
            icon(glyph, 20, color=theme.TEXT)
            if glyph
            else text(label, size=20, color=theme.TEXT, text_align="center")
        )
        return row(
            content,
            flex=flex,
            h=46,
            justify="center",
            bg=bg,
            radius=6,
            desc=label,
            on_tap=lambda: key(value),
            cls="android.widget.FrameLayout",
        )

    rows = SYMBOL_ROWS if symbols else KEY_ROWS
    letter_rows = []
    for i, letters in enumerate(rows):
        keys = [k(c.upper() if shifted else c, c.upper() if shifted else c) for c in letters]
        if i == 2:
            keys = [
                k("Shift", "shift", 1.5, theme.DIVIDER, "expand_less"),
                *keys,
                k("Delete", "delete", 1.5, theme.DIVIDER, "nav_back"),
            ]
        pad = (18, 0, 18, 0) if i == 1 else (4, 0, 4, 0)
        letter_rows.append(row(*keys, gap=6, pad=pad))
    bottom = row(
        k("?123" if not symbols else "ABC", "symbols", 1.5, theme.DIVIDER),
        k(",", ","),
        k("Space", "space", 5),
        k(".", "."),
        k("Enter", "enter", 1.5, theme.ACCENT, "chevron_right"),
        gap=6,
        pad=(4, 0, 4, 0),
    )
    return col(*letter_rows, bottom, gap=8, bg=theme.KEYBOARD_BG, retained=True)


def keyboard(strip: View, keys: View) -> View:
    """The keyboard window: suggestions over the keys."""
    return col(
        strip,
        keys,
        gap=8,
        pad=(0, 4, 0, 10),
        bg=theme.KEYBOARD_BG,
        package=KEYBOARD,
        rid="keyboard_view",
        cls="android.widget.FrameLayout",
    )
