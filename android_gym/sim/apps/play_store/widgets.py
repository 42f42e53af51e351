"""Building blocks of the Play Store's screens in its Material You look: the search pill, app
rows and cards with rating stars, the green Install / Open buttons and the download bar."""

from __future__ import annotations

from collections.abc import Callable

from android_gym.content.store_apps import StoreApp
from android_gym.sim import theme
from android_gym.sim.view import View, col, icon, image, row, space, text

GREEN = "#01875f"
"""The Play Store's accent: Install and Open buttons, developer names, the progress bar."""
GREEN_TINT = "#c4eed0"
TRACK = "#e0e0e0"
GREY = "#5f6368"
SURFACE = "#ffffff"
Tap = Callable[[], None]


def search_pill(label: str, on_tap: Tap, hint: bool = True) -> View:
    """The rounded search bar at the top of the store ("Search apps & games")."""
    return row(
        icon("search", 22, color=GREY),
        text(
            label,
            size=16,
            flex=1,
            lines=1,
            pad=(14, 0, 8, 0),
            color=theme.TEXT_HINT if hint else theme.TEXT,
        ),
        icon("mic", 22, color=GREY, desc="Voice search"),
        space(w=14),
        icon("person", 26, color=theme.WHITE, bg="#7b1fa2", radius=13, desc="Account"),
        h=52,
        pad=(18, 0, 12, 0),
        radius=26,
        bg="#eef2ef",
        on_tap=on_tap,
        rid="search_bar",
        desc="Search apps & games",
        cls="android.widget.EditText",
    )


def rating_row(app: StoreApp, extra: str = "") -> View:
    """ "4.5 ★ · 45 MB" in grey, with a star."""
    return row(
        text(f"{app.rating:.1f}", size=13, color=GREY),
        icon("star", 12, color=GREY, desc=f"Rated {app.rating:.1f} stars out of five stars"),
        text(f"· {extra}" if extra else "", size=13, color=GREY, lines=1) if extra else None,
        gap=3,
    )


def app_row(app: StoreApp, on_tap: Tap, rank: int = 0, trailing: View | None = None) -> View:
    """A list row: (rank,) icon, name, developer or category, rating."""
    return row(
        text(str(rank), size=15, color=GREY, w=26) if rank else None,
        icon(app.icon, 56),
        col(
            text(app.label, size=16, lines=1, rid="app_name"),
            text(app.category if rank else app.developer, size=13, color=GREY, lines=1),
            rating_row(app, f"{app.size_mb} MB"),
            gap=2,
            flex=1,
            pad=(14, 0, 8, 0),
        ),
        trailing,
        h=84,
        pad=(20, 0, 16, 0),
        on_tap=on_tap,
        desc=app.label,
        rid="app_row",
    )


def app_card(app: StoreApp, on_tap: Tap) -> View:
    """A card of a horizontal row on the home page: big icon, name, rating."""
    return col(
        icon(app.icon, 84),
        text(app.label, size=14, lines=2, pad=(0, 8, 0, 0), w=96),
        rating_row(app),
        w=100,
        gap=2,
        on_tap=on_tap,
        desc=app.label,
        rid="app_card",
    )


def button(label: str, on_tap: Tap | None, filled: bool = True, flex: float = 1) -> View:
    """A pill button: filled green (Install, Open) or outlined (Uninstall, Cancel); without a
    handler it is shown disabled."""
    enabled = on_tap is not None
    fg = theme.WHITE if filled else GREEN
    if not enabled:
        fg = "#9aa0a6"
    return text(
        label,
        size=15,
        weight="medium",
        color=fg,
        text_align="center",
        pad=(12, 10, 12, 10),
        radius=20,
        bg=(GREEN if enabled else "#e8eaed") if filled else SURFACE,
        border=None if filled else "#c4c7c5",
        on_tap=on_tap,
        enabled=enabled,
        flex=flex,
        rid=label.lower().replace(" ", "_") + "_button",
        desc=label,
        cls="android.widget.Button",
    )


def progress_bar(fraction: float) -> View:
    """A thin green bar, `fraction` of it filled."""
    done = max(0.0, min(1.0, fraction))
    return row(
        space(h=4, flex=done, bg=GREEN) if done > 0 else None,
        space(h=4, flex=1 - done, bg=TRACK) if done < 1 else None,
        h=4,
        radius=2,
    )


def download_status(app: StoreApp, fraction: float) -> View:
    """ "Pending…" or "45% of 60 MB" over the progress bar: what a download shows."""
    label = "Pending…" if fraction <= 0 else f"{round(fraction * 100)}% of {app.size_mb} MB"
    return col(
        text(label, size=13, color=GREY, rid="download_progress", desc=label),
        progress_bar(fraction),
        gap=6,
    )


def screenshots(app: StoreApp) -> View:
    """The row of phone screenshots on an app's page."""
    return row(
        *[
            col(
                row(
                    icon(app.icon, 18),
                    text(app.label, size=10, weight="medium", lines=1, flex=1, pad=(6, 0, 0, 0)),
                    h=28,
                    pad=(8, 0, 8, 0),
                    bg=SURFACE,
                ),
                image(f"photo:{app.package}:{k}", w=108, h=164),
                w=108,
                h=192,
                border="#e3e3e3",
                desc=f"Screenshot {k + 1}",
            )
            for k in range(3)
        ],
        gap=10,
        pad=(20, 0, 20, 0),
        rid="screenshots",
        cls="android.widget.HorizontalScrollView",
    )


def section_title(title: str, arrow: bool = True) -> View:
    return row(
        text(title, size=18, weight="medium", flex=1),
        icon("arrow_forward", 22, color=GREY) if arrow else None,
        pad=(20, 18, 20, 10),
    )


def stars(rating: float, size: float = 13) -> View:
    return image(f"stars:{rating:.1f}", w=size * 5.2, h=size, desc=f"Rated {rating:.1f} out of 5")
