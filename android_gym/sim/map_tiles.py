"""The map the Maps app draws: streets, parks, water and highways of one deterministic town,
"Your location", red pins and a blue route.

A map picture is named by its key, `mapview:<cx>,<cy>,<span>;<pins>;<route>;<selected>`: the
centre and the width of the view in miles, the pins as "x,y" pairs joined by "|", the end of
the route (or empty) and the selected pin (or -1). `view_key` writes keys; the town itself
(where streets, parks and water are) depends only on world coordinates, so every view of it
agrees.
"""

from __future__ import annotations

import math
import zlib

from PIL import Image, ImageDraw

from android_gym.sim import photos

LAND = (241, 238, 230, 255)
PARK = (200, 230, 201, 255)
WATER = (170, 218, 255, 255)
STREET = (255, 255, 255, 255)
HIGHWAY = (253, 226, 147, 255)
HIGHWAY_EDGE = (241, 196, 83, 255)
ROUTE = (26, 115, 232, 255)
ROUTE_EDGE = (25, 103, 210, 255)
HALO = (203, 218, 238, 255)
PIN = (234, 67, 53, 255)
PIN_DOT = (165, 14, 14, 255)
BLOCK = 0.25
"""Miles between minor streets (major streets every mile)."""


def view_key(
    center: tuple[float, float],
    span: float,
    pins: list[tuple[float, float]] | tuple = (),
    route_to: tuple[float, float] | None = None,
    selected: int = -1,
) -> str:
    """The image key of a map view (see the module docstring)."""
    dots = "|".join(f"{x:.2f},{y:.2f}" for x, y in pins)
    end = f"{route_to[0]:.2f},{route_to[1]:.2f}" if route_to else ""
    return f"mapview:{center[0]:.2f},{center[1]:.2f},{span:.2f};{dots};{end};{selected}"


def fit(
    points: list[tuple[float, float]], margin: float = 1.35
) -> tuple[tuple[float, float], float]:
    """A centre and span that show all `points` and "Your location"."""
    xs = [0.0, *(p[0] for p in points)]
    ys = [0.0, *(p[1] for p in points)]
    span = max(max(xs) - min(xs), (max(ys) - min(ys)) * 1.4, 1.0) * margin
    return ((max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2), span


def _pair(text: str) -> tuple[float, float]:
    x, y = text.split(",")
    return float(x), float(y)


def mapview(arg: str, w: int, h: int) -> Image.Image:
    """The map view named by `arg` at w x h pixels."""
    view, pins, end, selected = arg.split(";")
    cx, cy, span = (float(v) for v in view.split(","))
    S = photos.SS
    W, H = w * S, h * S
    img = Image.new("RGBA", (W, H), LAND)
    draw = ImageDraw.Draw(img)
    scale = W / span  # pixels per mile

    def to_px(x: float, y: float) -> tuple[float, float]:
        return W / 2 + (x - cx) * scale, H / 2 - (y - cy) * scale

    x0, x1 = cx - span / 2, cx + span / 2
    y0, y1 = cy - span / 2 * H / W, cy + span / 2 * H / W
    _streets(draw, to_px, x0, x1, y0, y1, scale, W, H)
    _parks(draw, to_px, x0, x1, y0, y1, scale)
    _water(draw, to_px, y0, y1, scale, W)
    _highways(draw, to_px, scale)
    if end:
        _route(draw, to_px, _pair(end), scale)
    _you(draw, to_px(0, 0), scale)
    dots = [_pair(p) for p in pins.split("|") if p]
    chosen = int(selected)
    for k, (x, y) in enumerate(dots):
        if k != chosen:
            _pin(draw, to_px(x, y), H * 0.035)
    if 0 <= chosen < len(dots):
        _pin(draw, to_px(*dots[chosen]), H * 0.05)
    return photos.downsample(img)


def _cells(lo: float, hi: float, step: float) -> range:
    return range(math.floor(lo / step), math.ceil(hi / step) + 1)


def _parks(draw, to_px, x0, x1, y0, y1, scale) -> None:
    """Parks fill some half-mile squares (which ones depends only on where they are)."""
    step = 0.5
    for i in _cells(x0, x1, step):
        for j in _cells(y0, y1, step):
            if zlib.crc32(f"park:{i}:{j}".encode()) % 9 == 0:
                a = to_px(i * step + 0.06, (j + 1) * step - 0.06)
                b = to_px((i + 1) * step - 0.06, j * step + 0.06)
                draw.rounded_rectangle((*a, *b), radius=scale * 0.03, fill=PARK)


def _water(draw, to_px, y0, y1, scale, W) -> None:
    """Stevens Creek, winding north-south west of town, into the bay in the north."""
    points = [to_px(-2.2 + 0.25 * math.sin(y * 1.7), y) for y in _frange(y0 - 1, y1 + 1, 0.1)]
    draw.line(points, fill=WATER, width=max(2, round(scale * 0.06)))
    top = to_px(0, 3.2)[1]
    if top > 0:
        draw.rectangle((0, 0, W, top), fill=WATER)


def _frange(lo: float, hi: float, step: float) -> list[float]:
    return [lo + k * step for k in range(int((hi - lo) / step) + 1)]


def _streets(draw, to_px, x0, x1, y0, y1, scale, W, H) -> None:
    minor = scale * BLOCK >= 24
    for step, width in ((BLOCK, 0.02), (1.0, 0.045)):
        if step == BLOCK and not minor:
            continue
        thick = max(2, round(scale * width))
        for i in _cells(x0, x1, step):
            x = to_px(i * step, 0)[0]
            draw.line((x, 0, x, H), fill=STREET, width=thick)
        for j in _cells(y0, y1, step):
            y = to_px(0, j * step)[1]
            draw.line((0, y, W, y), fill=STREET, width=thick)


def _highways(draw, to_px, scale) -> None:
    """US-101 across the north of town and a state highway north-south, east of it."""
    thick = max(4, round(scale * 0.07))
    for (ax, ay), (bx, by) in (((-9, 2.2), (9, 1.6)), ((1.6, -9), (2.4, 9))):
        line = (*to_px(ax, ay), *to_px(bx, by))
        draw.line(line, fill=HIGHWAY_EDGE, width=thick + 4)
        draw.line(line, fill=HIGHWAY, width=thick)


def _route(draw, to_px, end: tuple[float, float], scale: float) -> None:
    """East-west from "Your location", then north-south to the place, along the grid."""
    points = [to_px(0, 0), to_px(end[0], 0), to_px(*end)]
    thick = max(6, round(scale * 0.08))
    draw.line(points, fill=ROUTE_EDGE, width=thick + 6, joint="curve")
    draw.line(points, fill=ROUTE, width=thick, joint="curve")


def _you(draw, at: tuple[float, float], scale: float) -> None:
    """The blue dot of "Your location" with its white ring and accuracy halo."""
    x, y = at
    r = 22
    draw.ellipse((x - r * 2.4, y - r * 2.4, x + r * 2.4, y + r * 2.4), fill=HALO)
    draw.ellipse((x - r * 1.25, y - r * 1.25, x + r * 1.25, y + r * 1.25), fill=STREET)
    draw.ellipse((x - r, y - r, x + r, y + r), fill=(66, 133, 244, 255))


def _pin(draw, at: tuple[float, float], r: float) -> None:
    """A red map pin whose point is at `at`."""
    x, y = at
    r = max(r, 10)
    draw.ellipse((x - r, y - 2.6 * r, x + r, y - 0.6 * r), fill=PIN)
    draw.polygon([(x - r * 0.85, y - 1.3 * r), (x + r * 0.85, y - 1.3 * r), (x, y)], fill=PIN)
    draw.ellipse((x - r * 0.35, y - 1.95 * r, x + r * 0.35, y - 1.25 * r), fill=PIN_DOT)
