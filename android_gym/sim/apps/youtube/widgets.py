"""The pieces YouTube's screens share: the top bar with the red play logo, video cards
(16:9 thumbnail with its duration, title, channel · views · age), compact video rows, channel
rows, tabs and the bottom navigation."""

from __future__ import annotations

from collections.abc import Callable

from android_gym.content.youtube import Channel, Video, count
from android_gym.sim import theme
from android_gym.sim.view import View, col, divider, icon, image, row, space, stack, text

RED = "#ff0000"
GREY = "#606060"
CHIP_BG = "#f2f2f2"
Tap = Callable[[], None]


def logo() -> View:
    """The red play logo and the "YouTube" wordmark."""
    return row(
        icon("yt_logo", 30, color=RED),
        text("YouTube", size=20, weight="bold", color=theme.BLACK, pad=(3, 0, 0, 0)),
        desc="YouTube",
        rid="youtube_logo",
    )


def top_bar(on_search: Tap, on_account: Tap) -> View:
    """The home screen's bar: logo, cast, notifications, search and the account avatar."""
    return row(
        logo(),
        space(flex=1),
        icon("cast", 24, color=theme.TEXT, desc="Cast"),
        icon("notifications", 24, color=theme.TEXT, desc="Notifications"),
        icon("search", 24, color=theme.TEXT, desc="Search", on_tap=on_search, rid="menu_item_1"),
        avatar("A", 28, "#7b1fa2", desc="Account", on_tap=on_account, rid="mobile_topbar_avatar"),
        h=52,
        gap=22,
        pad=(12, 0, 14, 0),
        bg=theme.WHITE,
        rid="toolbar",
    )


def back_bar(title: str, on_back: Tap, *trailing: View | None) -> View:
    """A white bar with a back arrow and a title."""
    return row(
        icon("arrow_back", 24, color=theme.TEXT, desc="Navigate up", on_tap=on_back),
        text(title, size=19, weight="medium", flex=1, lines=1, pad=(24, 0, 0, 0), rid="title"),
        *trailing,
        h=52,
        gap=18,
        pad=(16, 0, 16, 0),
        bg=theme.WHITE,
        rid="toolbar",
    )


def avatar(letter: str, size: float, color: str, **attrs) -> View:
    """A round avatar with the channel's initial."""
    return text(
        letter[:1].upper(),
        size=size * 0.45,
        weight="medium",
        color=theme.WHITE,
        bg=color,
        radius=size / 2,
        w=size,
        h=size,
        text_align="center",
        pad=(0, size * 0.2, 0, 0),
        **attrs,
    )


def channel_color(name: str) -> str:
    palette = ("#c2185b", "#1976d2", "#388e3c", "#f57c00", "#5d4037", "#455a64", "#7b1fa2")
    return palette[sum(map(ord, name)) % len(palette)]


def thumbnail(v: Video, w: float, h: float, radius: float = 0) -> View:
    """The 16:9 picture with the duration badge in its corner."""
    return stack(
        image(v.image, w=w, h=h, radius=radius),
        row(
            text(
                v.duration,
                size=11.5,
                weight="medium",
                color=theme.WHITE,
                bg="#202020",
                radius=3,
                pad=(4, 1, 4, 1),
                lines=1,
            ),
            pad=(0, 0, 6, 6),
            at="bottom-right",
        ),
        w=w,
        h=h,
    )


def video_card(v: Video, on_tap: Tap, width: float) -> View:
    """A home or results entry: full-width thumbnail, then avatar, title and the meta line."""
    return col(
        thumbnail(v, width, width * 9 / 16),
        row(
            avatar(v.channel, 36, channel_color(v.channel)),
            col(
                text(v.title, size=15, lines=2, rid="video_title"),
                text(v.meta, size=12.5, color=GREY, lines=2, rid="video_meta"),
                gap=3,
                flex=1,
            ),
            icon("more_vert", 18, color=theme.TEXT, desc="Action menu"),
            gap=12,
            align="start",
            pad=(12, 10, 8, 18),
        ),
        on_tap=on_tap,
        desc=f"{v.title} - {v.channel} - {count(v.views)} views - {v.age} - {v.duration}",
        rid="video_card",
        cls="android.view.ViewGroup",
    )


def video_row(v: Video, on_tap: Tap, with_channel: bool = True) -> View:
    """A compact entry: small thumbnail on the left, title and meta on the right."""
    meta = v.meta if with_channel else f"{count(v.views)} views · {v.age}"
    return row(
        thumbnail(v, 160, 90, radius=8),
        col(
            text(v.title, size=14.5, lines=3, rid="video_title"),
            text(meta, size=12, color=GREY, lines=2, rid="video_meta"),
            gap=4,
            flex=1,
        ),
        icon("more_vert", 18, color=theme.TEXT, desc="Action menu"),
        gap=12,
        align="start",
        pad=(12, 8, 8, 8),
        on_tap=on_tap,
        desc=f"{v.title} - {meta} - {v.duration}",
        rid="compact_video",
        cls="android.view.ViewGroup",
    )


def channel_row(c: Channel, on_tap: Tap) -> View:
    """A channel result: big avatar, name, handle and subscribers, the Subscribe button."""
    return row(
        avatar(c.name, 72, channel_color(c.name)),
        col(
            row(text(c.name, size=16, weight="medium", lines=1, rid="channel_name"), badge(c)),
            text(f"{c.handle} · {c.subscribers_text}", size=12, color=GREY, lines=2),
            gap=4,
            flex=1,
        ),
        subscribe_button(),
        gap=16,
        pad=(24, 12, 12, 12),
        on_tap=on_tap,
        desc=c.name,
        rid="channel_result",
        cls="android.view.ViewGroup",
    )


def badge(c: Channel) -> View | None:
    """The note after an official artist channel's name."""
    if c.kind != "music":
        return None
    return icon("note", 14, color=GREY, desc="Official Artist Channel", pad=(4, 0, 0, 0))


def subscribe_button() -> View:
    return text(
        "Subscribe",
        size=13.5,
        weight="medium",
        color=theme.WHITE,
        bg=theme.TEXT,
        radius=18,
        pad=(14, 8, 14, 8),
    )


def chip_row(labels: tuple[str, ...], selected: str, on_pick: Callable[[str], None]) -> View:
    """Filter chips; the selected one is dark."""
    return row(
        *[
            text(
                label,
                size=13.5,
                weight="medium",
                color=theme.WHITE if label == selected else theme.TEXT,
                bg=theme.TEXT if label == selected else CHIP_BG,
                radius=8,
                pad=(12, 7, 12, 7),
                selected=label == selected,
                on_tap=lambda label=label: on_pick(label),
                desc=label,
                lines=1,
            )
            for label in labels
        ],
        gap=10,
        pad=(12, 8, 12, 8),
        rid="chip_cloud",
    )


def tabs(labels: tuple[str, ...], selected: str, on_pick: Callable[[str], None]) -> View:
    """Text tabs with an underline under the selected one."""
    return col(
        row(
            *[
                col(
                    text(
                        label,
                        size=14.5,
                        weight="medium",
                        color=theme.TEXT if label == selected else GREY,
                        pad=(0, 12, 0, 10),
                        text_align="center",
                    ),
                    space(h=2, bg=theme.TEXT if label == selected else None),
                    flex=1,
                    on_tap=lambda label=label: on_pick(label),
                    selected=label == selected,
                    desc=label,
                    cls="android.widget.TextView",
                )
                for label in labels
            ],
            pad=(8, 0, 8, 0),
        ),
        divider(),
        rid="tabs",
    )


NAV = (("Home", "home"), ("Shorts", "shorts"), ("", "add_circle"), ("Subscriptions", "subs"))
NAV += (("Library", "video_library"),)


def bottom_nav(selected: str, on_pick: Callable[[str], None]) -> View:
    """Home, Shorts, Create (+), Subscriptions and Library."""
    items = []
    for label, glyph in NAV:
        if not label:
            items.append(
                col(icon(glyph, 36, color=theme.TEXT, desc="Create"), flex=1, align="center")
            )
            continue
        items.append(
            col(
                icon(glyph, 24, color=theme.TEXT),
                text(
                    label,
                    size=10.5,
                    color=theme.TEXT,
                    pad=(0, 3, 0, 0),
                    lines=1,
                    text_align="center",
                ),
                flex=1,
                align="center",
                on_tap=lambda label=label: on_pick(label),
                selected=label == selected,
                desc=label,
                cls="android.widget.Button",
            )
        )
    return col(
        divider(),
        row(*items, h=54, bg=theme.WHITE, rid="pivot_bar"),
    )
