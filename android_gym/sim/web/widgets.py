"""Building blocks of Google's results page, in its mobile look: white cards with a soft
edge, list rows with a rating line, filter chips, "More ..." footers and thumbnails.

Sizes follow the reference screenshots (1080 px wide, 420 dpi): cards 8 dp from the screen
edge with 16 dp padding, titles 20.5 sp in link blue, body text 14.5 sp.
"""

from __future__ import annotations

from collections.abc import Callable

from android_gym.content import Item
from android_gym.sim import theme
from android_gym.sim.view import View, col, divider, icon, image, row, stack, text

Tap = Callable[[], None] | None
Nav = Callable[[str], None]
PAD = 16
GREY = "#70757a"
CHIP_BORDER = "#dadce0"
BODY = 14.5


def card(
    *children: View | None, rid: str = "", desc: str = "", pad: bool = True, gap: float = 6
) -> View:
    """A white results card. With `pad=False` children span its full width (maps, lists)."""
    return col(
        *children,
        pad=(PAD, 14, PAD, 14) if pad else 0,
        gap=gap if pad else 0,
        bg=theme.WHITE,
        radius=8,
        shadow=True,
        rid=rid,
        desc=desc,
    )


def heading(title: str, subtitle: str = "") -> View:
    """A card's header: a 17 sp title and an optional grey line under it."""
    return col(
        text(title, size=17, lines=2),
        text(subtitle, size=BODY, color=GREY, lines=2) if subtitle else None,
        gap=2,
        pad=(PAD, 14, PAD, 10),
    )


def rating_line(rating: float, badge: str = "") -> View:
    """ "4.6 ★★★★★ (919) · $$$$" in grey with yellow stars."""
    return row(
        text(f"{rating:.1f}", size=BODY, color=GREY),
        image(f"stars:{rating:.1f}", w=68, h=13, desc=f"Rated {rating:.1f} out of 5"),
        text(badge, size=BODY, color=GREY, lines=1, flex=1) if badge else None,
        gap=4,
    )


def chips(labels: tuple[str, ...], selected: int = -1) -> View | None:
    """A row of outlined filter chips (the first `selected` one filled blue)."""
    if not labels:
        return None
    parts = []
    for i, label in enumerate(labels):
        on = i == selected
        parts.append(
            text(
                label,
                size=13,
                weight="medium",
                color=theme.ACCENT if on else theme.TEXT_SECONDARY,
                pad=(12, 6, 12, 6),
                radius=16,
                bg="#e8f0fe" if on else theme.WHITE,
                border=None if on else CHIP_BORDER,
                lines=1,
            )
        )
    return row(*parts, gap=8, pad=(PAD, 0, 0, 10), cls="android.widget.HorizontalScrollView")


def more(label: str, on_tap: Callable[[], None] | None = None) -> View:
    """The footer link of a card: an arrow and "More places"."""
    return col(
        divider(),
        row(
            icon("arrow_forward", 22, color=theme.TEXT_SECONDARY),
            text(label, size=BODY, color=theme.TEXT, flex=1, pad=(24, 0, 0, 0), lines=1),
            h=50,
            pad=(PAD, 0, PAD, 0),
            on_tap=on_tap,
            desc=label,
        ),
    )


def thumb(key: str, w: float, h: float, radius: float = 8) -> View | None:
    """A picture (or nothing when `key` is empty)."""
    return image(key, w=w, h=h, radius=radius) if key else None


def item_row(item: Item, on_tap: Callable[[], None] | None, picture: float = 0) -> View:
    """A list row: title, rating line, detail lines, price, and a thumbnail or a chevron."""
    lines: list[View | None] = [text(item.title, size=16.5, lines=2)]
    if item.rating is not None:
        lines.append(rating_line(item.rating, item.badge))
    lines += [text(line, size=BODY, color=GREY, lines=2) for line in item.lines]
    if item.price:
        lines.append(text(item.price, size=BODY, weight="medium"))
    side = (
        thumb(item.image, picture, picture)
        if picture and item.image
        else icon("chevron_right", 24, color=theme.GOOGLE_BLUE)
    )
    return row(
        col(*lines, gap=2, flex=1),
        side,
        gap=12,
        pad=(PAD, 12, PAD, 12),
        on_tap=on_tap,
        desc=item.title,
    )


def overlay_label(key: str, w: float, h: float, label: str) -> View:
    """A thumbnail with a small dark label in its corner (a video's duration)."""
    return stack(
        image(key, w=w, h=h, radius=8),
        text(
            label,
            size=11,
            weight="medium",
            color=theme.WHITE,
            bg="#202124",
            radius=3,
            pad=(4, 1, 4, 1),
            at="bottom-right",
            lines=1,
        ),
        w=w,
        h=h,
    )
