"""Icons of the simulated phone, drawn with Pillow on Material's 24-unit grid.

`tile(name, w, h, color, under)` returns an anti-aliased RGBA (or RGB, when the background
`under` is known) tile. Names: Material glyphs ("search", "mic", "more_vert", ...), system bar
glyphs ("nav_back", "wifi", ...) and app icons ("app:chrome", "app:phone", ...; an unknown app
gets a coloured disc with its initial).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw

from android_gym.sim import theme

SS = 4
Color = tuple[int, int, int, int]
CLEAR: Color = (0, 0, 0, 0)


def _rgba(color: str, alpha: int = 255) -> Color:
    value = color.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16), alpha)


class Pen:
    """Draws on a square canvas in 24-unit coordinates."""

    def __init__(self, draw: ImageDraw.ImageDraw, size: int) -> None:
        self.d, self.u = draw, size / 24.0

    def p(self, *xy: float) -> list[float]:
        return [v * self.u for v in xy]

    def w(self, width: float) -> int:
        return max(1, round(width * self.u))

    def circle(
        self,
        cx: float,
        cy: float,
        r: float,
        fill: Color | None = None,
        outline: Color | None = None,
        width: float = 2,
    ) -> None:
        self.d.ellipse(
            self.p(cx - r, cy - r, cx + r, cy + r), fill=fill, outline=outline, width=self.w(width)
        )

    def line(self, points: list[float], color: Color, width: float = 2) -> None:
        self.d.line(self.p(*points), fill=color, width=self.w(width), joint="curve")
        for x, y in zip(points[::2], points[1::2], strict=True):  # round caps
            self.circle(x, y, width / 2, fill=color)

    def poly(self, points: list[float], fill: Color) -> None:
        self.d.polygon(self.p(*points), fill=fill)

    def rect(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        r: float = 0,
        fill: Color | None = None,
        outline: Color | None = None,
        width: float = 2,
    ) -> None:
        self.d.rounded_rectangle(
            self.p(x1, y1, x2, y2),
            radius=r * self.u,
            fill=fill,
            outline=outline,
            width=self.w(width),
        )

    def arc(
        self,
        box: tuple[float, float, float, float],
        start: float,
        end: float,
        color: Color,
        width: float = 2,
    ) -> None:
        self.d.arc(self.p(*box), start, end, fill=color, width=self.w(width))

    def pie(
        self, box: tuple[float, float, float, float], start: float, end: float, fill: Color
    ) -> None:
        self.d.pieslice(self.p(*box), start, end, fill=fill)


def _gear(pen: Pen, c: Color, cx: float = 12, cy: float = 12, r: float = 7) -> None:
    for k in range(8):
        a = math.radians(k * 45)
        x, y = cx + math.cos(a) * (r + 1.5), cy + math.sin(a) * (r + 1.5)
        pen.circle(x, y, 2.0, fill=c)
    pen.circle(cx, cy, r, fill=c)
    pen.circle(cx, cy, r * 0.42, fill=CLEAR)


_HANDSET = [
    4,
    3,
    8,
    3,
    9,
    4,
    9.6,
    7.6,
    8.6,
    9.2,
    6.6,
    10.8,
    9,
    14,
    13.2,
    17.4,
    14.8,
    15.4,
    16.4,
    14.4,
    20,
    15,
    21,
    16,
    21,
    20,
    20,
    21,
    16,
    21,
    11,
    19.6,
    7,
    17,
    4,
    13,
    3,
    8,
    3,
    4,
]


def _handset(pen: Pen, c: Color) -> None:
    pen.poly(_HANDSET, c)


GLYPHS: dict[str, Callable[[Pen, Color], None]] = {
    "search": lambda p, c: (
        p.circle(10, 10, 6, outline=c, width=2.2),
        p.line([14.5, 14.5, 20, 20], c, 2.6),
    ),
    "mic": lambda p, c: (
        p.rect(9, 3, 15, 14, 3, fill=c),
        p.arc((6, 5, 18, 17), 0, 180, c, 1.8),
        p.line([12, 17, 12, 21], c, 1.8),
    ),
    "close": lambda p, c: (p.line([6, 6, 18, 18], c), p.line([18, 6, 6, 18], c)),
    "more_vert": lambda p, c: [p.circle(12, y, 2, fill=c) for y in (5, 12, 19)],
    "menu": lambda p, c: [p.line([4, y, 20, y], c) for y in (6, 12, 18)],
    "arrow_back": lambda p, c: (
        p.line([19, 12, 5, 12], c),
        p.line([11.5, 5.5, 5, 12, 11.5, 18.5], c),
    ),
    "arrow_forward": lambda p, c: (
        p.line([5, 12, 19, 12], c),
        p.line([12.5, 5.5, 19, 12, 12.5, 18.5], c),
    ),
    "north_west": lambda p, c: (
        p.line([18, 18, 6.5, 6.5], c),
        p.line([6.5, 15, 6.5, 6.5, 15, 6.5], c),
    ),
    "add": lambda p, c: (p.line([12, 5, 12, 19], c), p.line([5, 12, 19, 12], c)),
    "tabs": lambda p, c: p.rect(4, 4, 20, 20, 2.5, outline=c, width=2),
    "nav_back": lambda p, c: p.poly([17, 5, 17, 19, 6, 12], c),
    "nav_home": lambda p, c: p.circle(12, 12, 7, fill=c),
    "nav_recents": lambda p, c: p.rect(6, 6, 18, 18, 1, fill=c),
    "wifi": lambda p, c: p.pie((-4, 4, 28, 36), 225, 315, c),
    "signal": lambda p, c: p.poly([21, 3, 21, 21, 3, 21], c),
    "battery": lambda p, c: (p.rect(8, 4, 16, 22, 1, fill=c), p.rect(10, 2, 14, 4, 0, fill=c)),
    "settings": lambda p, c: _gear(p, c),
    "chevron_down": lambda p, c: p.line([6, 9, 12, 15, 18, 9], c),
    "chevron_right": lambda p, c: p.line([9, 6, 15, 12, 9, 18], c),
    "expand_less": lambda p, c: p.line([6, 15, 12, 9, 18, 15], c),
    "star": lambda p, c: p.poly(_star_points(12, 12.5, 10, 4.2), c),
    "location": lambda p, c: (
        p.circle(12, 9, 6.5, fill=c),
        p.poly([6.6, 11.5, 17.4, 11.5, 12, 22], c),
        p.circle(12, 9, 2.5, fill=CLEAR),
    ),
    "incognito": lambda p, c: (
        p.poly([5, 11, 8, 4, 16, 4, 19, 11], c),
        p.rect(2, 10.5, 22, 12.5, 1, fill=c),
        p.circle(7.5, 17, 3, outline=c, width=1.8),
        p.circle(16.5, 17, 3, outline=c, width=1.8),
        p.line([10.5, 16.5, 13.5, 16.5], c, 1.5),
    ),
    "share": lambda p, c: (
        p.circle(18, 5, 2.8, fill=c),
        p.circle(6, 12, 2.8, fill=c),
        p.circle(18, 19, 2.8, fill=c),
        p.line([18, 5, 6, 12, 18, 19], c, 1.6),
    ),
    "refresh": lambda p, c: (
        p.arc((5, 5, 19, 19), 20, 320, c, 2),
        p.poly([14, 3, 21, 5, 16, 10], c),
    ),
    "home": lambda p, c: (
        p.poly([12, 3, 22, 12, 19, 12, 19, 21, 5, 21, 5, 12, 2, 12], c),
        p.rect(10, 14, 14, 21, 0, fill=CLEAR),
    ),
    "history": lambda p, c: (
        p.arc((3, 3, 21, 21), 0, 300, c, 2),
        p.line([12, 7, 12, 12, 16, 14], c, 1.8),
    ),
    "download": lambda p, c: (
        p.line([12, 4, 12, 15], c),
        p.line([7, 10.5, 12, 15.5, 17, 10.5], c),
        p.line([5, 20, 19, 20], c),
    ),
    "bookmark": lambda p, c: p.poly([6, 3, 18, 3, 18, 21, 12, 16.5, 6, 21], c),
    "person": lambda p, c: (p.circle(12, 8, 4, fill=c), p.pie((4, 13, 20, 29), 180, 360, c)),
    "photo": lambda p, c: (
        p.rect(3, 4, 21, 20, 2, outline=c, width=2),
        p.poly([5, 18, 10, 11, 14, 16, 16, 13.5, 19, 18], c),
    ),
    "call": _handset,
    "chat": lambda p, c: (p.rect(3, 4, 21, 17, 3, fill=c), p.poly([6, 16, 6, 21, 11, 16], c)),
    "clock": lambda p, c: (
        p.circle(12, 12, 9, outline=c, width=2),
        p.line([12, 7, 12, 12, 15.5, 14], c, 1.8),
    ),
    "folder": lambda p, c: (p.rect(2, 5, 11, 9, 1.5, fill=c), p.rect(2, 7, 22, 19, 2, fill=c)),
    "camera": lambda p, c: (
        p.rect(2, 7, 22, 20, 2.5, fill=c),
        p.rect(8, 4, 16, 8, 1, fill=c),
        p.circle(12, 13.5, 4, fill=CLEAR),
        p.circle(12, 13.5, 2.5, fill=c),
    ),
    "gamepad": lambda p, c: (
        p.rect(2, 7, 22, 18, 5.5, fill=c),
        p.rect(6.2, 11.6, 10.8, 13.4, 0, fill=CLEAR),
        p.rect(7.6, 10.2, 9.4, 14.8, 0, fill=CLEAR),
        p.circle(15.5, 11, 1.3, fill=CLEAR),
        p.circle(18, 13.8, 1.3, fill=CLEAR),
    ),
    "note": lambda p, c: (p.circle(8, 17, 3.5, fill=c), p.line([11, 17, 11, 4, 18, 6], c, 2)),
    "grid": lambda p, c: [
        p.rect(x, y, x + 7, y + 7, 1.5, fill=c) for x in (3, 14) for y in (3, 14)
    ],
    "store": lambda p, c: (p.rect(3, 8, 21, 21, 2, fill=c), p.arc((8, 3, 16, 12), 180, 360, c, 2)),
    "sun": lambda p, c: (
        p.circle(12, 12, 5, fill=c),
        *[
            p.line(
                [
                    12 + 7.5 * math.cos(a),
                    12 + 7.5 * math.sin(a),
                    12 + 10 * math.cos(a),
                    12 + 10 * math.sin(a),
                ],
                c,
                1.8,
            )
            for a in [k * math.pi / 4 for k in range(8)]
        ],
    ),
    "cloud": lambda p, c: (
        p.circle(9, 13, 5, fill=c),
        p.circle(15, 11, 6, fill=c),
        p.rect(4, 13, 21, 18, 2.5, fill=c),
    ),
    "flight": lambda p, c: p.poly(
        [
            12,
            2,
            13.5,
            9,
            22,
            14,
            22,
            16,
            13.5,
            13.5,
            13,
            19,
            16,
            21,
            16,
            22.5,
            12,
            21.5,
            8,
            22.5,
            8,
            21,
            11,
            19,
            10.5,
            13.5,
            2,
            16,
            2,
            14,
            10.5,
            9,
        ],
        c,
    ),
    "hotel": lambda p, c: (
        p.rect(2, 14, 22, 18, 1, fill=c),
        p.rect(2, 8, 4, 20, 0, fill=c),
        p.circle(7.5, 11, 2.3, fill=c),
        p.rect(11, 9.5, 21, 14, 2, fill=c),
    ),
    "snoo": lambda p, c: _snoo(p, c, CLEAR),
    "upvote": lambda p, c: p.line(
        [12, 4, 19, 12, 15, 12, 15, 20, 9, 20, 9, 12, 5, 12, 12, 4], c, 1.8
    ),
    "downvote": lambda p, c: p.line(
        [12, 20, 19, 12, 15, 12, 15, 4, 9, 4, 9, 12, 5, 12, 12, 20], c, 1.8
    ),
    "comment": lambda p, c: (
        p.rect(3, 4, 21, 17, 4, outline=c, width=1.8),
        p.line([8, 17, 7, 21, 12, 17], c, 1.8),
    ),
    "restaurant": lambda p, c: (
        p.line([7, 3, 7, 21], c, 1.8),
        p.line([4.5, 3, 4.5, 8, 9.5, 8, 9.5, 3], c, 1.6),
        p.rect(14, 3, 19, 13, 2.5, fill=c),
        p.line([16.5, 12, 16.5, 21], c, 1.8),
    ),
    "alarm": lambda p, c: (
        p.circle(12, 13, 7.5, outline=c, width=2),
        p.line([12, 9, 12, 13, 14.5, 15], c, 1.8),
        p.line([3.5, 6, 7, 3], c, 2),
        p.line([20.5, 6, 17, 3], c, 2),
    ),
    "timer": lambda p, c: (
        p.line([6, 3, 18, 3], c, 2),
        p.line([6, 21, 18, 21], c, 2),
        p.poly([7, 4, 17, 4, 12, 12], c),
        p.poly([12, 12, 7, 20, 17, 20], c),
    ),
    "stopwatch": lambda p, c: (
        p.circle(12, 13.5, 7.5, outline=c, width=2),
        p.line([12, 13.5, 12, 9.5], c, 2),
        p.line([9.5, 2.5, 14.5, 2.5], c, 2),
        p.line([18, 6.5, 19.5, 5], c, 2),
    ),
    "keyboard": lambda p, c: (
        p.rect(2, 5, 22, 19, 2, fill=c),
        *[
            p.rect(x, y, x + 2, y + 2, 0, fill=CLEAR)
            for x in (4.5, 8.5, 12.5, 16.5)
            for y in (7.5, 11)
        ],
        p.rect(7, 14.5, 17, 16.5, 0, fill=CLEAR),
    ),
    "play": lambda p, c: p.poly([8, 5, 8, 19, 19, 12], c),
    "today": lambda p, c: (
        p.rect(3, 5, 21, 21, 2, outline=c, width=2),
        p.line([3, 9.5, 21, 9.5], c, 2),
        p.line([8, 2.5, 8, 6], c, 2),
        p.line([16, 2.5, 16, 6], c, 2),
    ),
    "inbox": lambda p, c: (
        p.rect(3, 3, 21, 21, 2, outline=c, width=2),
        p.line([3, 14, 8, 14, 9.5, 17, 14.5, 17, 16, 14, 21, 14], c, 2),
    ),
    "send": lambda p, c: p.poly([3, 20, 21, 12, 3, 4, 3, 10, 15, 12, 3, 14], c),
    "draft": lambda p, c: (
        p.poly([6, 2, 14, 2, 19, 7, 19, 22, 6, 22], c),
        p.poly([14, 2, 14, 7, 19, 7], CLEAR),
    ),
    "label": lambda p, c: p.poly([3, 6, 16, 6, 21, 12, 16, 18, 3, 18], c),
    "edit": lambda p, c: (p.poly([4, 20, 5, 15.5, 15, 5.5, 18.5, 9, 8.5, 19], c),),
    "delete": lambda p, c: (
        p.rect(6, 7, 18, 21, 1.5, fill=c),
        p.line([4, 5.5, 20, 5.5], c, 2),
        p.rect(9.5, 3, 14.5, 5, 0, fill=c),
    ),
    # Settings and the notification shade
    "bluetooth": lambda p, c: p.line([7, 7, 17, 17, 12, 21.5, 12, 2.5, 17, 7, 7, 17], c, 1.8),
    "dnd": lambda p, c: (
        p.circle(12, 12, 9.5, fill=c),
        p.rect(6.5, 10.8, 17.5, 13.2, 0.5, fill=CLEAR),
    ),
    "flashlight": lambda p, c: (
        p.poly([6, 2, 18, 2, 18, 6, 15, 10, 15, 22, 9, 22, 9, 10, 6, 6], c),
        p.circle(12, 14, 1.4, fill=CLEAR),
    ),
    "rotate": lambda p, c: (
        p.arc((4, 4, 20, 20), 40, 320, c, 2),
        p.poly([16, 1.5, 21.5, 5.5, 15, 9], c),
    ),
    "battery_saver": lambda p, c: (
        p.rect(7, 4, 17, 22, 1.5, outline=c, width=1.8),
        p.rect(10, 2, 14, 4, 0, fill=c),
        p.line([12, 9.5, 12, 16.5], c, 1.6),
        p.line([8.5, 13, 15.5, 13], c, 1.6),
    ),
    "dark_mode": lambda p, c: (p.circle(12, 12, 9, fill=c), p.circle(16.5, 7.5, 7, fill=CLEAR)),
    "bell": lambda p, c: (
        p.pie((5, 3.5, 19, 17.5), 180, 360, c),
        p.rect(5, 10, 19, 17, 0, fill=c),
        p.rect(3, 16, 21, 18, 1, fill=c),
        p.circle(12, 20.2, 2, fill=c),
    ),
    "volume": lambda p, c: (
        p.poly([3, 9, 7, 9, 12, 4, 12, 20, 7, 15, 3, 15], c),
        p.arc((8, 7, 18, 17), -60, 60, c, 2),
        p.arc((7, 3, 22, 21), -55, 55, c, 2),
    ),
    "info": lambda p, c: (
        p.circle(12, 12, 9.5, fill=c),
        p.rect(11, 10.5, 13, 17.5, 0.5, fill=CLEAR),
        p.circle(12, 7.5, 1.3, fill=CLEAR),
    ),
    "lock": lambda p, c: (
        p.rect(5, 10, 19, 21, 2, fill=c),
        p.arc((8, 3, 16, 13), 180, 360, c, 2),
        p.line([8, 8, 8, 10.5], c, 2),
        p.line([16, 8, 16, 10.5], c, 2),
    ),
    "storage": lambda p, c: [p.rect(4, y, 20, y + 4, 1, fill=c) for y in (4, 10, 16)],
    "devices": lambda p, c: (
        p.rect(3, 5, 15, 19, 1.5, outline=c, width=2),
        p.rect(16.5, 9, 21.5, 19, 1, fill=c),
    ),
    "accessibility": lambda p, c: (
        p.circle(12, 4.5, 2.2, fill=c),
        p.line([5, 8.5, 19, 8.5], c, 2),
        p.line([12, 8.5, 12, 14], c, 2.2),
        p.line([12, 14, 8.5, 21], c, 2),
        p.line([12, 14, 15.5, 21], c, 2),
    ),
    "shield": lambda p, c: p.poly([12, 2, 20, 5, 20, 11, 17, 18, 12, 22, 7, 18, 4, 11, 4, 5], c),
    "smartphone": lambda p, c: (
        p.rect(6, 2, 18, 22, 2.5, outline=c, width=2),
        p.line([10, 18.5, 14, 18.5], c, 1.5),
    ),
    "block": lambda p, c: (
        p.circle(12, 12, 8.5, outline=c, width=2),
        p.line([6.5, 17.5, 17.5, 6.5], c, 2),
    ),
    "open_in_new": lambda p, c: (
        p.rect(4, 4, 20, 20, 2, outline=c, width=2),
        p.line([10, 14, 20, 4], c, 2),
        p.line([14, 4, 20, 4, 20, 10], c, 2),
    ),
    "cart": lambda p, c: (
        p.line([2, 4, 5, 4, 7.5, 15, 18.5, 15, 21, 7, 6, 7], c, 1.8),
        p.circle(9, 19.5, 1.7, fill=c),
        p.circle(17, 19.5, 1.7, fill=c),
    ),
    "check": lambda p, c: p.line([5, 12.5, 10, 17.5, 19, 7], c, 2.2),
    "remove": lambda p, c: p.line([5, 12, 19, 12], c),
}


def _clock_face(pen: Pen) -> None:
    """The Clock app: a blue face with a light rim and white hands at ten past eleven."""
    pen.circle(12, 12, 11.5, fill=_rgba("#c6dafc"))
    pen.circle(12, 12, 10.3, fill=_rgba("#4285f4"))
    white = _rgba(theme.WHITE)
    pen.line([12, 12, 9.6, 6.2], white, 1.2)
    pen.line([12, 12, 18.2, 16.4], white, 1.0)
    pen.circle(12, 12, 0.9, fill=white)


def _calendar_page(pen: Pen) -> None:
    """The Calendar app: a blue page with rings and a white "31" on a white disc."""
    pen.circle(12, 12, 11.5, fill=_rgba(theme.WHITE))
    pen.rect(6, 6.5, 18, 18.5, 1.2, fill=_rgba("#4285f4"))
    pen.rect(6, 6.5, 18, 9, 1.2, fill=_rgba("#1a56c4"))
    pen.line([9, 5.5, 9, 7.5], _rgba("#1a56c4"), 0.9)
    pen.line([15, 5.5, 15, 7.5], _rgba("#1a56c4"), 0.9)
    fnt = theme.font("medium", max(1, round(pen.u * 7)))
    pen.d.text((12 * pen.u, 14 * pen.u), "31", font=fnt, fill=_rgba(theme.WHITE), anchor="mm")


def _gmail_envelope(pen: Pen) -> None:
    """The Gmail app: a white envelope with the red M on a white disc."""
    pen.circle(12, 12, 11.5, fill=_rgba(theme.WHITE))
    pen.rect(5, 7, 19, 17, 0.8, fill=_rgba("#f2f2f2"))
    red = _rgba("#ea4335")
    pen.poly([5, 7, 6.8, 7, 6.8, 17, 5, 17], red)
    pen.poly([17.2, 7, 19, 7, 19, 17, 17.2, 17], red)
    pen.poly([5, 7, 6.8, 7, 12, 11.2, 17.2, 7, 19, 7, 12, 13], red)


def _star_points(cx: float, cy: float, outer: float, inner: float) -> list[float]:
    pts: list[float] = []
    for k in range(10):
        r = outer if k % 2 == 0 else inner
        a = math.radians(-90 + k * 36)
        pts += [cx + r * math.cos(a), cy + r * math.sin(a)]
    return pts


def _chrome_logo(pen: Pen) -> None:
    for start, color in (
        (210, theme.GOOGLE_RED),
        (330, theme.GOOGLE_YELLOW),
        (90, theme.GOOGLE_GREEN),
    ):
        pen.pie((1, 1, 23, 23), start, start + 120, _rgba(color))
    pen.circle(12, 12, 5.4, fill=_rgba(theme.WHITE))
    pen.circle(12, 12, 4.3, fill=_rgba(theme.GOOGLE_BLUE))


def _google_g(pen: Pen) -> None:
    box = (4, 4, 20, 20)
    for start, end, color in (
        (-40, 45, theme.GOOGLE_BLUE),
        (45, 135, theme.GOOGLE_GREEN),
        (135, 210, theme.GOOGLE_YELLOW),
        (210, 320, theme.GOOGLE_RED),
    ):
        pen.arc(box, start, end, _rgba(color), width=3.2)
    pen.rect(12, 10.6, 19.6, 13.4, 0, fill=_rgba(theme.GOOGLE_BLUE))


def _photos(pen: Pen) -> None:
    for (x1, y1, x2, y2), color in (
        ((6, 3, 12, 12), theme.GOOGLE_RED),
        ((12, 6, 21, 12), theme.GOOGLE_BLUE),
        ((12, 12, 18, 21), theme.GOOGLE_GREEN),
        ((3, 12, 12, 18), theme.GOOGLE_YELLOW),
    ):
        pen.rect(x1, y1, x2, y2, 3, fill=_rgba(color))


def _youtube(pen: Pen) -> None:
    """YouTube's launcher icon: a red rounded rectangle with a white play triangle, wide on
    the white disc like the real one."""
    pen.rect(-1.5, 3.2, 25.5, 20.8, 5.5, fill=_rgba("#ff0000"))
    pen.poly([9.3, 7.6, 9.3, 16.4, 16.6, 12], _rgba(theme.WHITE))


GLYPHS.update(
    {
        # the YouTube app's glyphs
        "yt_logo": lambda p, c: (
            p.rect(1, 5, 23, 19, 4.5, fill=c),
            p.poly([9.5, 8.5, 9.5, 15.5, 15.5, 12], _rgba(theme.WHITE)),
        ),
        "play_arrow": lambda p, c: p.poly([8, 5, 8, 19, 19, 12], c),
        "pause": lambda p, c: (
            p.rect(6, 5, 10, 19, 0.5, fill=c),
            p.rect(14, 5, 18, 19, 0.5, fill=c),
        ),
        "replay": lambda p, c: (
            p.arc((5, 5, 19, 19), 200, 500, c, 2),
            p.poly([3, 8, 9, 8, 6, 13], c),
        ),
        "cast": lambda p, c: (
            p.line([3, 8, 3, 5, 21, 5, 21, 19, 14, 19], c, 1.8),
            p.arc((-3, 11, 11, 25), 270, 360, c, 1.8),
            p.arc((0, 14, 8, 22), 270, 360, c, 1.8),
            p.circle(3.5, 19, 1.3, fill=c),
        ),
        "notifications": lambda p, c: (
            p.arc((6, 4, 18, 16), 180, 360, c, 1.8),
            p.line([6, 10, 6, 16, 4, 18, 20, 18, 18, 16, 18, 10], c, 1.8),
            p.circle(12, 20.5, 1.8, fill=c),
        ),
        "shorts": lambda p, c: (
            p.rect(7, 3, 17, 21, 5, outline=c, width=1.8),
            p.poly([10.5, 9, 10.5, 15, 15, 12], c),
        ),
        "add_circle": lambda p, c: (
            p.circle(12, 12, 9, outline=c, width=1.3),
            p.line([12, 8, 12, 16], c, 1.4),
            p.line([8, 12, 16, 12], c, 1.4),
        ),
        "subs": lambda p, c: (
            p.line([6, 3, 18, 3], c, 1.6),
            p.line([4, 6, 20, 6], c, 1.6),
            p.rect(2, 9, 22, 21, 2, outline=c, width=1.8),
            p.poly([10, 12, 10, 18, 15, 15], c),
        ),
        "video_library": lambda p, c: (
            p.rect(6, 3, 21, 18, 1.5, outline=c, width=1.8),
            p.line([3, 7, 3, 21, 17, 21], c, 1.8),
            p.poly([11, 7.5, 11, 13.5, 16, 10.5], c),
        ),
        "thumb_up": lambda p, c: (
            p.rect(2, 10, 6, 21, 1, fill=c),
            p.poly([8, 10, 12, 3, 14, 4, 13, 9, 21, 9, 21, 13, 18, 21, 8, 21], c),
        ),
        "thumb_down": lambda p, c: (
            p.rect(18, 3, 22, 14, 1, fill=c),
            p.poly([16, 14, 12, 21, 10, 20, 11, 15, 3, 15, 3, 11, 6, 3, 16, 3], c),
        ),
    }
)


def _play_store(pen: Pen) -> None:
    pen.poly([6, 3, 6, 21, 15, 12], _rgba(theme.GOOGLE_BLUE))
    pen.poly([6, 3, 15, 12, 19, 8.5], _rgba(theme.GOOGLE_GREEN))
    pen.poly([6, 21, 15, 12, 19, 15.5], _rgba(theme.GOOGLE_RED))
    pen.poly([15, 12, 19, 8.5, 21.5, 12, 19, 15.5], _rgba(theme.GOOGLE_YELLOW))


def _snoo(pen: Pen, head: Color, face: Color) -> None:
    """Reddit's Snoo: a wide head with ears, an antenna and a smile; `face` draws the eyes
    and mouth (the colour behind it, or CLEAR to cut them out)."""
    pen.circle(5.2, 11.2, 2, fill=head)
    pen.circle(18.8, 11.2, 2, fill=head)
    pen.d.ellipse(pen.p(4.2, 9.2, 19.8, 19.6), fill=head)
    pen.line([12, 9.5, 13.4, 4.6, 16.6, 5.4], head, 1.1)
    pen.circle(17.6, 5.6, 1.6, fill=head)
    pen.circle(9, 13.4, 1.35, fill=face)
    pen.circle(15, 13.4, 1.35, fill=face)
    pen.arc((8.4, 12.6, 15.6, 17.6), 25, 155, face, 0.9)


def _reddit(pen: Pen) -> None:
    _snoo(pen, _rgba(theme.WHITE), _rgba(REDDIT_ORANGE))


def _contacts(pen: Pen) -> None:
    """A blue contact card with a white person on it."""
    card = _rgba("#039be5")
    pen.circle(12, 12, 18.4, outline=_rgba("#dadce0"), width=0.6)  # the white disc's edge
    pen.rect(0.5, 2, 23.5, 21.5, 2, fill=_rgba("#1565c0"))
    pen.rect(0.5, 4, 23.5, 21.5, 2, fill=card)
    pen.circle(12, 10.2, 3.1, fill=_rgba(theme.WHITE))
    pen.pie((6, 14.4, 18, 24.4), 180, 360, _rgba(theme.WHITE))
    pen.rect(5, 19.4, 19, 19.8, 0, fill=card)


def _files(pen: Pen) -> None:
    """A white folder with its tab on the left."""
    white = _rgba("#f5f5f5")
    pen.rect(3, 5, 11, 9, 1.2, fill=white)
    pen.poly([9, 5, 11.5, 7.5, 9, 7.5], white)
    pen.rect(3, 7.2, 21, 19, 1.5, fill=white)


def _messages(pen: Pen) -> None:
    """A white speech bubble with its tail at the top left and three grey lines."""
    pen.rect(4.5, 5, 21, 17.5, 3.5, fill=_rgba("#f1f1f1"))
    pen.poly([3, 4.5, 9, 5, 6, 9.5], _rgba("#f1f1f1"))
    for y, end in ((9, 17.5), (11.5, 17.5), (14, 14.5)):
        pen.line([8, y, end, y], _rgba("#9e9e9e"), 1.3)


REDDIT_ORANGE = "#ff4500"


def _maps(pen: Pen) -> None:
    """Google Maps' folded map: green, grey and blue land crossed by a yellow and a white
    road, a white G on the green and the red pin."""
    pen.circle(12, 12, 11.5, fill=_rgba("#d5d5d5"))
    regions = (
        ([0, 0, 18.5, 0, 0, 18.5], theme.GOOGLE_GREEN),
        ([0, 18.5, 18.5, 0, 20, 0, 0, 20.5], theme.GOOGLE_YELLOW),
        ([5, 24, 12.6, 14.6, 20.5, 24], theme.GOOGLE_BLUE),
        ([12.6, 14.6, 13.8, 13.2, 24, 22.5, 24, 24, 20.5, 24], "#f1f1f1"),
    )
    for points, color in regions:
        pen.poly(points, _rgba(color))
    white = _rgba(theme.WHITE)
    pen.arc((4.3, 4.3, 10.1, 10.1), -30, 300, white, width=1.5)
    pen.rect(7.2, 6.6, 10.1, 7.8, 0, fill=white)
    pen.circle(15.6, 7.6, 3.7, fill=_rgba(theme.GOOGLE_RED))
    pen.poly([12.2, 9, 19, 9, 15.6, 15.6], _rgba(theme.GOOGLE_RED))
    pen.circle(15.6, 7.6, 1.35, fill=_rgba("#7b1a12"))
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


def _app_icon(pen: Pen, app: str, size: int) -> None:
    if app in DRAWN_ICONS:
        DRAWN_ICONS[app](pen)
        return
    spec = APP_ICONS.get(app)
    if spec is None:
        from android_gym.sim.brand_icons import BRANDS

        if app in BRANDS:
            BRANDS[app](pen)
            return
        hue = zlib.crc32(app.encode()) % 360
        disc = _hsv(hue)
        pen.circle(12, 12, 11.5, fill=disc)
        fnt = theme.font("medium", round(size * 0.45))
        pen.d.text(
            (size / 2, size / 2), app[:1].upper(), font=fnt, fill=(255, 255, 255, 255), anchor="mm"
        )
        return
    disc, glyph, glyph_color = spec
    pen.circle(12, 12, 11.5, fill=_rgba(disc))
    inner = Pen(pen.d, pen.u * 24)
    if callable(glyph):
        inner.u = pen.u * 0.62
        _offset(pen, glyph, inner)
    else:
        inner.u = pen.u * 0.55
        _offset(pen, lambda p: GLYPHS[glyph](p, _rgba(glyph_color)), inner)


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


def tile(name: str, w: int, h: int, color: str, under: str | None) -> np.ndarray:
    """The icon `name` at w x h pixels, tinted `color`, over `under` (None: transparent)."""
    size = max(1, min(w, h))
    big = size * SS
    img = Image.new("RGBA", (big, big), CLEAR)
    pen = Pen(ImageDraw.Draw(img), big)
    if name.startswith("app:"):
        _app_icon(pen, name[4:], big)
    elif name in GLYPHS:
        GLYPHS[name](pen, _rgba(color))
    else:
        raise ValueError(f"unknown icon {name!r}; known: {', '.join(sorted(GLYPHS))} or app:<name>")
    img = img.resize((size, size), Image.Resampling.LANCZOS)
    out = Image.new("RGBA", (w, h), _rgba(under) if under else CLEAR)
    out.alpha_composite(img, ((w - size) // 2, (h - size) // 2))
    return np.asarray(out)
