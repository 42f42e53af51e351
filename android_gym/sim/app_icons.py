"""Launcher icons of the phone's apps, drawn like the real ones on Material's 24-unit grid.

An app's icon is either drawn whole (`DRAWN_ICONS`; the store apps' marks are in
`brand_icons.BRANDS`) or a glyph of `glyphs.GLYPHS` (or a small drawing) on a coloured disc
(`APP_ICONS`). `icons.tile("app:NAME", ...)` draws them through `draw_app_icon`.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable

from android_gym.sim import theme
from android_gym.sim.brand_icons import BRANDS
from android_gym.sim.glyphs import GLYPHS, snoo
from android_gym.sim.icons import CLEAR, Color, Pen
from android_gym.sim.theme import rgba


def _clock_face(pen: Pen) -> None:
    """The Clock app: a blue face with a light rim and white hands at ten past eleven."""
    pen.circle(12, 12, 11.5, fill=rgba("#c6dafc"))
    pen.circle(12, 12, 10.3, fill=rgba("#4285f4"))
    white = rgba(theme.WHITE)
    pen.line([12, 12, 9.6, 6.2], white, 1.2)
    pen.line([12, 12, 18.2, 16.4], white, 1.0)
    pen.circle(12, 12, 0.9, fill=white)


def _calendar_page(pen: Pen) -> None:
    """The Calendar app: a blue page with rings and a white "31" on a white disc."""
    pen.circle(12, 12, 11.5, fill=rgba(theme.WHITE))
    pen.rect(6, 6.5, 18, 18.5, 1.2, fill=rgba("#4285f4"))
    pen.rect(6, 6.5, 18, 9, 1.2, fill=rgba("#1a56c4"))
    pen.line([9, 5.5, 9, 7.5], rgba("#1a56c4"), 0.9)
    pen.line([15, 5.5, 15, 7.5], rgba("#1a56c4"), 0.9)
    fnt = theme.font("medium", max(1, round(pen.u * 7)))
    pen.d.text((12 * pen.u, 14 * pen.u), "31", font=fnt, fill=rgba(theme.WHITE), anchor="mm")


def _gmail_envelope(pen: Pen) -> None:
    """The Gmail app: a white envelope with the red M on a white disc."""
    pen.circle(12, 12, 11.5, fill=rgba(theme.WHITE))
    pen.rect(5, 7, 19, 17, 0.8, fill=rgba("#f2f2f2"))
    red = rgba("#ea4335")
    pen.poly([5, 7, 6.8, 7, 6.8, 17, 5, 17], red)
    pen.poly([17.2, 7, 19, 7, 19, 17, 17.2, 17], red)
    pen.poly([5, 7, 6.8, 7, 12, 11.2, 17.2, 7, 19, 7, 12, 13], red)


def _chrome_logo(pen: Pen) -> None:
    for start, color in (
        (210, theme.GOOGLE_RED),
        (330, theme.GOOGLE_YELLOW),
        (90, theme.GOOGLE_GREEN),
    ):
        pen.pie((1, 1, 23, 23), start, start + 120, rgba(color))
    pen.circle(12, 12, 5.4, fill=rgba(theme.WHITE))
    pen.circle(12, 12, 4.3, fill=rgba(theme.GOOGLE_BLUE))


def _google_g(pen: Pen) -> None:
    box = (4, 4, 20, 20)
    for start, end, color in (
        (-40, 45, theme.GOOGLE_BLUE),
        (45, 135, theme.GOOGLE_GREEN),
        (135, 210, theme.GOOGLE_YELLOW),
        (210, 320, theme.GOOGLE_RED),
    ):
        pen.arc(box, start, end, rgba(color), width=3.2)
    pen.rect(12, 10.6, 19.6, 13.4, 0, fill=rgba(theme.GOOGLE_BLUE))


def _photos(pen: Pen) -> None:
    for (x1, y1, x2, y2), color in (
        ((6, 3, 12, 12), theme.GOOGLE_RED),
        ((12, 6, 21, 12), theme.GOOGLE_BLUE),
        ((12, 12, 18, 21), theme.GOOGLE_GREEN),
        ((3, 12, 12, 18), theme.GOOGLE_YELLOW),
    ):
        pen.rect(x1, y1, x2, y2, 3, fill=rgba(color))


def _youtube(pen: Pen) -> None:
    """YouTube's launcher icon: a red rounded rectangle with a white play triangle, wide on
    the white disc like the real one."""
    pen.rect(-1.5, 3.2, 25.5, 20.8, 5.5, fill=rgba("#ff0000"))
    pen.poly([9.3, 7.6, 9.3, 16.4, 16.6, 12], rgba(theme.WHITE))


def _play_store(pen: Pen) -> None:
    pen.poly([6, 3, 6, 21, 15, 12], rgba(theme.GOOGLE_BLUE))
    pen.poly([6, 3, 15, 12, 19, 8.5], rgba(theme.GOOGLE_GREEN))
    pen.poly([6, 21, 15, 12, 19, 15.5], rgba(theme.GOOGLE_RED))
    pen.poly([15, 12, 19, 8.5, 21.5, 12, 19, 15.5], rgba(theme.GOOGLE_YELLOW))


def _reddit(pen: Pen) -> None:
    snoo(pen, rgba(theme.WHITE), rgba(REDDIT_ORANGE))


def _contacts(pen: Pen) -> None:
    """A blue contact card with a white person on it."""
    card = rgba("#039be5")
    pen.circle(12, 12, 18.4, outline=rgba("#dadce0"), width=0.6)  # the white disc's edge
    pen.rect(0.5, 2, 23.5, 21.5, 2, fill=rgba("#1565c0"))
    pen.rect(0.5, 4, 23.5, 21.5, 2, fill=card)
    pen.circle(12, 10.2, 3.1, fill=rgba(theme.WHITE))
    pen.pie((6, 14.4, 18, 24.4), 180, 360, rgba(theme.WHITE))
    pen.rect(5, 19.4, 19, 19.8, 0, fill=card)


def _files(pen: Pen) -> None:
    """A white folder with its tab on the left."""
    white = rgba("#f5f5f5")
    pen.rect(3, 5, 11, 9, 1.2, fill=white)
    pen.poly([9, 5, 11.5, 7.5, 9, 7.5], white)
    pen.rect(3, 7.2, 21, 19, 1.5, fill=white)


def _messages(pen: Pen) -> None:
    """A white speech bubble with its tail at the top left and three grey lines."""
    pen.rect(4.5, 5, 21, 17.5, 3.5, fill=rgba("#f1f1f1"))
    pen.poly([3, 4.5, 9, 5, 6, 9.5], rgba("#f1f1f1"))
    for y, end in ((9, 17.5), (11.5, 17.5), (14, 14.5)):
        pen.line([8, y, end, y], rgba("#9e9e9e"), 1.3)


REDDIT_ORANGE = "#ff4500"


def _maps(pen: Pen) -> None:
    """Google Maps' folded map: green, grey and blue land crossed by a yellow and a white
    road, a white G on the green and the red pin."""
    pen.circle(12, 12, 11.5, fill=rgba("#d5d5d5"))
    regions = (
        ([0, 0, 18.5, 0, 0, 18.5], theme.GOOGLE_GREEN),
        ([0, 18.5, 18.5, 0, 20, 0, 0, 20.5], theme.GOOGLE_YELLOW),
        ([5, 24, 12.6, 14.6, 20.5, 24], theme.GOOGLE_BLUE),
        ([12.6, 14.6, 13.8, 13.2, 24, 22.5, 24, 24, 20.5, 24], "#f1f1f1"),
    )
    for points, color in regions:
        pen.poly(points, rgba(color))
    white = rgba(theme.WHITE)
    pen.arc((4.3, 4.3, 10.1, 10.1), -30, 300, white, width=1.5)
    pen.rect(7.2, 6.6, 10.1, 7.8, 0, fill=white)
    pen.circle(15.6, 7.6, 3.7, fill=rgba(theme.GOOGLE_RED))
    pen.poly([12.2, 9, 19, 9, 15.6, 15.6], rgba(theme.GOOGLE_RED))
    pen.circle(15.6, 7.6, 1.35, fill=rgba("#7b1a12"))
    pen.circle(12, 12, 17.6, outline=CLEAR, width=6.1)  # cut everything to the disc


# app name -> (disc colour, glyph or special drawing, glyph colour)
APP_ICONS: dict[str, tuple[str, str | Callable[[Pen], None], str]] = {
    "chrome": (theme.WHITE, _chrome_logo, ""),
    "google": (theme.WHITE, _google_g, ""),
    "photos": (theme.WHITE, _photos, ""),
    "youtube": (theme.WHITE, _youtube, ""),
    "play_store": (theme.WHITE, _play_store, ""),
    "phone": ("#3d65ca", "call", theme.WHITE),
    "messages": ("#3d65ca", _messages, ""),
    "contacts": (theme.WHITE, _contacts, ""),
    "settings": ("#01857a", "settings", theme.WHITE),
    "camera": ("#5f6368", "camera", theme.WHITE),
    "files": ("#5591f1", _files, ""),
    "reddit": (REDDIT_ORANGE, _reddit, ""),
    "calculator": ("#00897b", "grid", theme.WHITE),
    "music": ("#ff6d00", "note", theme.WHITE),
    "gallery": ("#8e24aa", "photo", theme.WHITE),
    "downloads": ("#1a73e8", "download", theme.WHITE),
    "weather": ("#fbbc05", "sun", theme.WHITE),
}


DRAWN_ICONS: dict[str, Callable[[Pen], None]] = {
    "maps": _maps,
    "clock": _clock_face,
    "calendar": _calendar_page,
    "gmail": _gmail_envelope,
}
"""App icons drawn whole, disc included, on the 24-unit grid."""


def draw_app_icon(pen: Pen, app: str, size: int) -> None:
    """Draws the launcher icon of `app` (the name after "app:") on `pen`'s 24-unit grid: a
    whole drawing (`DRAWN_ICONS`, the store apps' `BRANDS`), a glyph on a coloured disc
    (`APP_ICONS`), or for an unknown app a disc in a colour of its name with its initial."""
    drawing = DRAWN_ICONS.get(app) or BRANDS.get(app)
    if drawing is not None:
        drawing(pen)
        return
    spec = APP_ICONS.get(app)
    if spec is None:
        hue = zlib.crc32(app.encode()) % 360
        disc = _hsv(hue)
        pen.circle(12, 12, 11.5, fill=disc)
        fnt = theme.font("medium", round(size * 0.45))
        pen.d.text(
            (size / 2, size / 2), app[:1].upper(), font=fnt, fill=(255, 255, 255, 255), anchor="mm"
        )
        return
    disc, glyph, glyph_color = spec
    pen.circle(12, 12, 11.5, fill=rgba(disc))
    inner = Pen(pen.d, pen.u * 24)
    if callable(glyph):
        inner.u = pen.u * 0.62
        _offset(pen, glyph, inner)
    else:
        inner.u = pen.u * 0.55
        _offset(pen, lambda p: GLYPHS[glyph](p, rgba(glyph_color)), inner)


def _offset(outer: Pen, draw: Callable[[Pen], None], inner: Pen) -> None:
    """Draws `draw` scaled down and centred inside the app disc."""
    shift = 12 * outer.u - 12 * inner.u
    original = inner.p

    def shifted(*xy: float) -> list[float]:
        return [v + shift for v in original(*xy)]

    inner.p = shifted  # type: ignore[method-assign]
    draw(inner)


def _hsv(hue: int) -> Color:
    import colorsys

    r, g, b = colorsys.hsv_to_rgb(hue / 360, 0.55, 0.85)
    return (round(r * 255), round(g * 255), round(b * 255), 255)
