"""Icons of the simulated phone, drawn with Pillow on Material's 24-unit grid.

`tile(name, w, h, color, under)` returns an anti-aliased RGBA (or RGB, when the background
`under` is known) tile. Names: Material glyphs (`glyphs.py`: "search", "mic", "more_vert",
system bar glyphs such as "nav_back", "wifi", ...) and app icons (`app_icons.py`: "app:chrome",
"app:phone", ...; an unknown app gets a coloured disc with its initial). `Pen` draws on the
24-unit grid at any size.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from android_gym.sim.theme import rgba

SS = 4
Color = tuple[int, int, int, int]
CLEAR: Color = (0, 0, 0, 0)


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


def tile(name: str, w: int, h: int, color: str, under: str | None) -> np.ndarray:
    """The icon `name` at w x h pixels, tinted `color`, over `under` (None: transparent)."""
    size = max(1, min(w, h))
    big = size * SS
    img = Image.new("RGBA", (big, big), CLEAR)
    pen = Pen(ImageDraw.Draw(img), big)
    from android_gym.sim.app_icons import draw_app_icon
    from android_gym.sim.glyphs import GLYPHS

    if name.startswith("app:"):
        draw_app_icon(pen, name[4:], big)
    elif name in GLYPHS:
        GLYPHS[name](pen, rgba(color))
    else:
        raise ValueError(f"unknown icon {name!r}; known: {', '.join(sorted(GLYPHS))} or app:<name>")
    img = img.resize((size, size), Image.Resampling.LANCZOS)
    out = Image.new("RGBA", (w, h), rgba(under) if under else CLEAR)
    out.alpha_composite(img, ((w - size) // 2, (h - size) // 2))
    return np.asarray(out)
