"""The building blocks of Settings' screens, Android 13/14 style: a large title under a back
arrow, rounded groups of rows with coloured circular icons, Material 3 switches."""

from __future__ import annotations

from collections.abc import Callable

from android_gym.sim.material_you import Palette
from android_gym.sim.view import View, col, icon, row, space, text

Handler = Callable[[], None]

ICON_COLORS = {
    "blue": ("#d3e3fd", "#0842a0"),
    "green": ("#c4eed0", "#0f5223"),
    "orange": ("#ffdcc1", "#6e3900"),
    "purple": ("#e9ddff", "#4a2785"),
    "teal": ("#b6f2ef", "#00504d"),
    "pink": ("#ffd8e4", "#7d2950"),
    "red": ("#ffdad6", "#8c1d18"),
    "grey": ("#e1e3e1", "#444746"),
}
"""Background and glyph colour of each top-level icon's circle."""


def circle_icon(glyph: str, color: str) -> View:
    """A glyph on a coloured disc (an app's own icon when `glyph` is "app:...")."""
    if glyph.startswith("app:"):
        return icon(glyph, 40)
    bg, fg = ICON_COLORS[color]
    return row(icon(glyph, 22, color=fg), w=40, h=40, radius=20, bg=bg, justify="center")


def switch(on: bool, pal: Palette) -> View:
    """A Material 3 switch (drawn only: the row it sits in handles the tap)."""
    thumb = space(
        w=24 if on else 16,
        h=24 if on else 16,
        radius=12 if on else 8,
        bg=pal.on_primary if on else pal.switch_thumb_off,
    )
    return row(
        space(flex=1) if on else None,
        thumb,
        space(flex=1) if not on else None,
        w=52,
        h=32,
        pad=(4, 0, 4, 0),
        radius=16,
        bg=pal.primary if on else pal.switch_track_off,
        border=None if on else pal.switch_thumb_off,
    )


def item(
    pal: Palette,
    title: str,
    subtitle: str = "",
    glyph: str = "",
    color: str = "grey",
    on_tap: Handler | None = None,
    toggle: bool | None = None,
    enabled: bool = True,
) -> View:
    """One row: an optional icon, its title and summary, and a switch when `toggle` is set
    (then the whole row is an `android.widget.Switch`, checked when on, as uiautomator shows a
    switch preference)."""
    fg = pal.text if enabled else pal.text_secondary
    return row(
        circle_icon(glyph, color) if glyph else None,
        col(
            text(title, size=18, color=fg, rid="title", lines=2),
            text(subtitle, size=14, color=pal.text_secondary, rid="summary", lines=2)
            if subtitle
            else None,
            flex=1,
            gap=2,
            pad=(16 if glyph else 0, 0, 12, 0),
        ),
        switch(toggle, pal) if toggle is not None else None,
        pad=(20, 16, 20, 16),
        desc=title if toggle is not None else "",
        checkable=toggle is not None,
        checked=bool(toggle),
        enabled=enabled,
        on_tap=on_tap if enabled else None,
        rid="switch_widget" if toggle is not None else "",
        cls="android.widget.Switch" if toggle is not None else "android.widget.LinearLayout",
    )


def group(pal: Palette, *rows: View | None) -> View:
    """Rows in one rounded card."""
    return col(*rows, radius=24, bg=pal.surface, pad=(0, 4, 0, 4))


def heading(pal: Palette, label: str) -> View:
    return text(label, size=14, weight="medium", color=pal.primary, pad=(24, 12, 24, 4))


def page(
    pal: Palette,
    title: str,
    body: list[View | None],
    scroll: str,
    on_back: Handler,
    header: View | None = None,
) -> View:
    """A sub-screen: back arrow, large title, then `body` in a scrollable column."""
    return col(
        row(
            icon("arrow_back", 24, color=pal.text, desc="Navigate up", on_tap=on_back),
            h=56,
            pad=(16, 0, 16, 0),
        ),
        col(
            text(title, size=34, color=pal.text, pad=(24, 16, 24, 24), rid="collapsing_toolbar"),
            header,
            *body,
            space(h=24),
            gap=12,
            flex=1,
            pad=(12, 0, 12, 0),
            scroll=scroll,
            rid="recycler_view",
            cls="androidx.recyclerview.widget.RecyclerView",
        ),
        flex=1,
        bg=pal.background,
    )


def button(pal: Palette, label: str, glyph: str, on_tap: Handler | None) -> View:
    """One of App info's buttons (Open, Uninstall, Force stop): an icon over a label."""
    fg = pal.primary if on_tap else pal.text_secondary
    return col(
        icon(glyph, 24, color=fg),
        text(label, size=14, weight="medium", color=fg, text_align="center"),
        flex=1,
        gap=6,
        align="center",
        pad=(0, 12, 0, 12),
        radius=20,
        bg=pal.surface,
        desc=label,
        enabled=on_tap is not None,
        on_tap=on_tap,
        rid="button",
        cls="android.widget.Button",
    )


def dialog(
    pal: Palette, title: str, message: str, confirm: str, on_confirm: Handler, on_cancel: Handler
) -> View:
    """An alert dialog over the screen; a tap beside it cancels."""
    return col(
        space(flex=1),
        col(
            text(title, size=22, color=pal.text, rid="alertTitle"),
            text(message, size=14, color=pal.text_secondary, rid="message"),
            row(
                space(flex=1),
                text(
                    "Cancel",
                    size=14,
                    weight="medium",
                    color=pal.primary,
                    pad=12,
                    on_tap=on_cancel,
                    rid="button2",
                ),
                text(
                    confirm,
                    size=14,
                    weight="medium",
                    color=pal.primary,
                    pad=12,
                    on_tap=on_confirm,
                    rid="button1",
                ),
            ),
            gap=16,
            pad=(24, 24, 16, 12),
            radius=28,
            bg=pal.surface,
            shadow=True,
            cls="android.widget.FrameLayout",
        ),
        space(flex=1),
        pad=(32, 0, 32, 0),
        on_tap=on_cancel,
    )
