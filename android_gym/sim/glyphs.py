"""Material glyphs of the simulated phone on the 24-unit grid: what `icons.tile` draws for a
name that is not an app ("search", "mic", "more_vert", system bar glyphs such as "nav_back"
and "wifi", and the apps' own glyphs). Each glyph is `draw(pen, colour)`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from android_gym.sim import theme
from android_gym.sim.icons import CLEAR, Color, Pen
from android_gym.sim.theme import rgba


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
    "star": lambda p, c: p.poly(star_points(12, 12.5, 10, 4.2), c),
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
    "snoo": lambda p, c: snoo(p, c, CLEAR),
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


def star_points(cx: float, cy: float, outer: float, inner: float) -> list[float]:
    pts: list[float] = []
    for k in range(10):
        r = outer if k % 2 == 0 else inner
        a = math.radians(-90 + k * 36)
        pts += [cx + r * math.cos(a), cy + r * math.sin(a)]
    return pts


GLYPHS.update(
    {
        # the YouTube app's glyphs
        "yt_logo": lambda p, c: (
            p.rect(1, 5, 23, 19, 4.5, fill=c),
            p.poly([9.5, 8.5, 9.5, 15.5, 15.5, 12], rgba(theme.WHITE)),
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


def snoo(pen: Pen, head: Color, face: Color) -> None:
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
