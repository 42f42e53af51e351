"""Pictures of the simulated web, drawn with Pillow from their image key's argument.

`images.tile` dispatches these kinds here: "stars:<rating>", "weather:<condition>",
"curve:<v1,v2,...>" (an hourly temperature graph), "chart:<seed>" (a price history),
"item:<shape>:<seed>" (a product shot), "badge:<name>" (a logo tile), "cover:<seed>" (a book
cover), "citymap:<seed>" (a street map with pins), and the photographs of `photos`.
Every picture is deterministic in its key and size.
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw

from android_gym.sim import map_tiles, photos, store_drawings, theme

SS = photos.SS
RGB = tuple[int, int, int]
YELLOW, GREY, BLUE = (251, 188, 4), (218, 220, 224), (66, 133, 244)


def _rng(key: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(key.encode("utf-8", "replace")))


def _color(rng: np.random.Generator, low: int = 40, high: int = 230) -> RGB:
    r, g, b = (int(v) for v in rng.integers(low, high, 3))
    return (r, g, b)


def _canvas(w: int, h: int, fill: tuple = (0, 0, 0, 0)) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGBA", (w * SS, h * SS), fill)
    return img, ImageDraw.Draw(img)


def _star(cx: float, cy: float, r: float) -> list[tuple[float, float]]:
    points = []
    for k in range(10):
        radius = r if k % 2 == 0 else r * 0.45
        a = math.radians(-90 + k * 36)
        points.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    return points


def stars(arg: str, w: int, h: int) -> Image.Image:
    """Five stars filled to `arg` (a rating out of 5), yellow over grey."""
    rating = float(arg or 0)
    img, draw = _canvas(w, h)
    size = min(h, w / 5) * SS
    mask = Image.new("L", img.size, 0)
    mdraw = ImageDraw.Draw(mask)
    for k in range(5):
        cx = size * (k + 0.5)
        draw.polygon(_star(cx, h * SS / 2, size * 0.48), fill=(*GREY, 255))
        mdraw.polygon(_star(cx, h * SS / 2, size * 0.48), fill=255)
    filled = Image.new("RGBA", img.size, (*YELLOW, 255))
    cut = Image.new("L", img.size, 0)
    ImageDraw.Draw(cut).rectangle((0, 0, size * rating, h * SS), fill=255)
    img.paste(filled, (0, 0), Image.fromarray(np.minimum(np.asarray(mask), np.asarray(cut))))
    return photos.downsample(img)


def _sun(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    for k in range(8):
        a = k * math.pi / 4
        draw.line(
            (
                cx + r * 1.3 * math.cos(a),
                cy + r * 1.3 * math.sin(a),
                cx + r * 1.75 * math.cos(a),
                cy + r * 1.75 * math.sin(a),
            ),
            fill=(*YELLOW, 255),
            width=max(1, int(r * 0.22)),
        )
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(*YELLOW, 255))


def _cloud(draw: ImageDraw.ImageDraw, x: float, y: float, s: float, color: RGB) -> None:
    fill = (*color, 255)
    draw.ellipse((x, y + s * 0.25, x + s * 0.55, y + s * 0.75), fill=fill)
    draw.ellipse((x + s * 0.25, y, x + s * 0.85, y + s * 0.6), fill=fill)
    draw.ellipse((x + s * 0.55, y + s * 0.2, x + s, y + s * 0.7), fill=fill)
    draw.rounded_rectangle(
        (x + s * 0.1, y + s * 0.4, x + s * 0.95, y + s * 0.75), radius=s * 0.17, fill=fill
    )


def weather(arg: str, w: int, h: int) -> Image.Image:
    """A condition icon: "sunny", "partly_cloudy", "cloudy", "rain" or "storm"."""
    img, draw = _canvas(w, h)
    s = min(w, h) * SS
    if arg in ("sunny", "partly_cloudy"):
        r = s * (0.22 if arg == "sunny" else 0.17)
        _sun(draw, s * (0.5 if arg == "sunny" else 0.38), s * (0.5 if arg == "sunny" else 0.36), r)
    if arg != "sunny":
        grey = (200, 204, 209) if arg in ("partly_cloudy", "cloudy") else (154, 160, 166)
        _cloud(draw, s * 0.12, s * (0.3 if arg == "partly_cloudy" else 0.2), s * 0.78, grey)
    if arg == "rain":
        for k in range(3):
            x = s * (0.3 + 0.2 * k)
            draw.line((x, s * 0.72, x - s * 0.06, s * 0.9), fill=(*BLUE, 255), width=int(s * 0.06))
    if arg == "storm":
        bolt = [(0.52, 0.6), (0.4, 0.8), (0.5, 0.8), (0.44, 0.97), (0.62, 0.72), (0.52, 0.72)]
        draw.polygon([(x * s, y * s) for x, y in bolt], fill=(*YELLOW, 255))
    return photos.downsample(img)


def curve(arg: str, w: int, h: int) -> Image.Image:
    """The temperature graph: a yellow line through the values over a pale yellow fill."""
    values = [float(v) for v in arg.split(",") if v] or [0.0]
    img, draw = _canvas(w, h)
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = w * SS / max(1, len(values))
    points = [
        (step * (i + 0.5), SS * (h * 0.15 + (high - v) / span * h * 0.6))
        for i, v in enumerate(values)
    ]
    edge = [(0, points[0][1]), *points, (w * SS, points[-1][1])]
    draw.polygon([*edge, (w * SS, h * SS), (0, h * SS)], fill=(254, 239, 195, 255))
    draw.line(edge, fill=(*YELLOW, 255), width=2 * SS, joint="curve")
    return photos.downsample(img)


def chart(arg: str, w: int, h: int) -> Image.Image:
    """A price history: a random walk, green when it ends higher, with faint grid lines."""
    rng = _rng("chart:" + arg)
    walk = np.cumsum(rng.normal(0, 1, 60))
    up = walk[-1] >= walk[0]
    line = (24, 128, 56) if up else (217, 48, 37)
    img, draw = _canvas(w, h, (255, 255, 255, 255))
    for k in range(1, 4):
        y = h * SS * k / 4
        draw.line((0, y, w * SS, y), fill=(232, 234, 237, 255), width=SS)
    span = (walk.max() - walk.min()) or 1.0
    points = [
        (w * SS * i / 59, SS * (h * 0.1 + (walk.max() - v) / span * h * 0.8))
        for i, v in enumerate(walk)
    ]
    fill = (230, 244, 234, 255) if up else (252, 232, 230, 255)
    draw.polygon([*points, (w * SS, h * SS), (0, h * SS)], fill=fill)
    draw.line(points, fill=(*line, 255), width=2 * SS, joint="curve")
    return photos.downsample(img)


def _item_shape(draw: ImageDraw.ImageDraw, shape: str, W: float, H: float, c: RGB) -> None:
    fill, dark = (*c, 255), (40, 40, 44, 255)
    if shape in ("tv", "laptop", "tablet", "box"):
        if shape == "tv":
            draw.rounded_rectangle((W * 0.08, H * 0.2, W * 0.92, H * 0.72), W * 0.02, fill=dark)
            draw.rectangle((W * 0.11, H * 0.23, W * 0.89, H * 0.69), fill=fill)
            draw.polygon(
                [
                    (W * 0.3, H * 0.82),
                    (W * 0.4, H * 0.72),
                    (W * 0.6, H * 0.72),
                    (W * 0.7, H * 0.82),
                ],
                fill=dark,
            )
        elif shape == "laptop":
            draw.rounded_rectangle((W * 0.2, H * 0.2, W * 0.8, H * 0.62), W * 0.02, fill=dark)
            draw.rectangle((W * 0.23, H * 0.24, W * 0.77, H * 0.59), fill=fill)
            draw.polygon(
                [(W * 0.1, H * 0.7), (W * 0.2, H * 0.62), (W * 0.8, H * 0.62), (W * 0.9, H * 0.7)],
                fill=(180, 182, 186, 255),
            )
        elif shape == "tablet":
            draw.rounded_rectangle((W * 0.25, H * 0.12, W * 0.75, H * 0.88), W * 0.04, fill=dark)
            draw.rounded_rectangle((W * 0.28, H * 0.16, W * 0.72, H * 0.84), W * 0.02, fill=fill)
        else:
            draw.rounded_rectangle((W * 0.22, H * 0.25, W * 0.78, H * 0.8), W * 0.04, fill=fill)
            draw.rectangle((W * 0.22, H * 0.42, W * 0.78, H * 0.5), fill=(245, 245, 245, 255))
    elif shape == "phone":
        draw.rounded_rectangle((W * 0.34, H * 0.08, W * 0.66, H * 0.92), W * 0.06, fill=dark)
        draw.rounded_rectangle((W * 0.36, H * 0.11, W * 0.64, H * 0.89), W * 0.05, fill=fill)
    elif shape in ("fridge", "refrigerator"):
        draw.rounded_rectangle(
            (W * 0.3, H * 0.06, W * 0.7, H * 0.94), W * 0.03, fill=(200, 203, 208, 255)
        )
        draw.line((W * 0.3, H * 0.4, W * 0.7, H * 0.4), fill=(150, 150, 155, 255), width=SS * 2)
        draw.line((W * 0.62, H * 0.15, W * 0.62, H * 0.32), fill=dark, width=SS * 3)
    elif shape in ("bottle", "tube"):
        slim = 0.1 if shape == "tube" else 0.18
        draw.rounded_rectangle(
            (W * (0.5 - slim), H * 0.3, W * (0.5 + slim), H * 0.9), W * 0.04, fill=fill
        )
        draw.rectangle(
            (W * (0.5 - slim * 0.6), H * 0.1, W * (0.5 + slim * 0.6), H * 0.3), fill=dark
        )
    elif shape == "compact":
        draw.ellipse((W * 0.2, H * 0.2, W * 0.8, H * 0.8), fill=dark)
        draw.ellipse((W * 0.27, H * 0.27, W * 0.73, H * 0.73), fill=fill)
    elif shape == "umbrella":
        draw.pieslice((W * 0.12, H * 0.15, W * 0.88, H * 0.75), 180, 360, fill=fill)
        draw.line((W * 0.5, H * 0.45, W * 0.5, H * 0.92), fill=dark, width=SS * 3)
    elif shape in ("chair", "sofa"):
        draw.rounded_rectangle((W * 0.15, H * 0.3, W * 0.85, H * 0.6), W * 0.05, fill=fill)
        draw.rounded_rectangle((W * 0.1, H * 0.55, W * 0.9, H * 0.75), W * 0.05, fill=fill)
        draw.rectangle((W * 0.15, H * 0.75, W * 0.2, H * 0.88), fill=dark)
        draw.rectangle((W * 0.8, H * 0.75, W * 0.85, H * 0.88), fill=dark)
    elif shape in ("ladder", "lumber", "tool"):
        if shape == "ladder":
            draw.line((W * 0.35, H * 0.9, W * 0.45, H * 0.1), fill=fill, width=SS * 4)
            draw.line((W * 0.65, H * 0.9, W * 0.55, H * 0.1), fill=fill, width=SS * 4)
            for k in range(5):
                y = H * (0.25 + 0.15 * k)
                draw.line(
                    (W * (0.43 - 0.02 * k), y, W * (0.57 + 0.02 * k), y), fill=fill, width=SS * 3
                )
        elif shape == "lumber":
            for k in range(3):
                draw.rectangle(
                    (W * 0.1, H * (0.3 + 0.15 * k), W * 0.9, H * (0.42 + 0.15 * k)),
                    fill=(222, 184, 135, 255),
                    outline=(160, 120, 80, 255),
                    width=SS,
                )
        else:
            draw.rounded_rectangle((W * 0.15, H * 0.35, W * 0.6, H * 0.7), W * 0.05, fill=fill)
            draw.rectangle((W * 0.6, H * 0.47, W * 0.92, H * 0.57), fill=dark)
    else:  # towel, bag, tent, cooler, hat, sandals, blanket
        draw.rounded_rectangle((W * 0.2, H * 0.3, W * 0.8, H * 0.8), W * 0.06, fill=fill)
        for k in range(3):
            y = H * (0.4 + 0.12 * k)
            draw.line((W * 0.2, y, W * 0.8, y), fill=(255, 255, 255, 160), width=SS * 2)


def item(arg: str, w: int, h: int) -> Image.Image:
    """A product on white: `arg` is "<shape>:<seed>" (tv, phone, tablet, laptop, fridge,
    bottle, tube, compact, umbrella, chair, sofa, ladder, lumber, tool, or a soft good)."""
    shape, _, seed = arg.partition(":")
    img, draw = _canvas(w, h, (255, 255, 255, 255))
    _item_shape(draw, shape, w * SS, h * SS, _color(_rng("item:" + seed), 30, 210))
    return photos.downsample(img)


def badge(arg: str, w: int, h: int) -> Image.Image:
    """A logo tile: a coloured rounded square with the name's initials."""
    hue = zlib.crc32(arg.encode("utf-8", "replace")) % 6
    colors = ((13, 71, 161), (183, 28, 28), (0, 105, 92), (74, 20, 140), (230, 81, 0), (38, 50, 56))
    img, draw = _canvas(w, h)
    draw.rounded_rectangle(
        (0, 0, w * SS - 1, h * SS - 1), radius=w * SS * 0.22, fill=(*colors[hue], 255)
    )
    initials = "".join(p[0] for p in arg.split()[:2]).upper() or "?"
    font = theme.font("bold", max(1, int(h * SS * 0.42)))
    draw.text((w * SS / 2, h * SS / 2), initials, font=font, fill=(255, 255, 255, 255), anchor="mm")
    return photos.downsample(img)


def cover(arg: str, w: int, h: int) -> Image.Image:
    """A book cover: a coloured board with a band and a title block."""
    rng = _rng("cover:" + arg)
    img, draw = _canvas(w, h, (*_color(rng, 30, 200), 255))
    W, H = w * SS, h * SS
    draw.rectangle((0, H * 0.62, W, H * 0.72), fill=(*_color(rng, 150, 255), 255))
    for k in range(3):
        draw.rectangle(
            (W * 0.15, H * (0.18 + 0.09 * k), W * (0.85 - 0.15 * k), H * (0.23 + 0.09 * k)),
            fill=(255, 255, 255, 220),
        )
    return photos.downsample(img)


def citymap(arg: str, w: int, h: int) -> Image.Image:
    """A city street map: a block grid, parks, a river, highways and red pins."""
    rng = _rng("citymap:" + arg)
    img, draw = _canvas(w, h, (241, 243, 244, 255))
    W, H = w * SS, h * SS
    block = max(8, int(min(W, H) / rng.uniform(6, 9)))
    for _ in range(3):
        x, y = rng.uniform(0, W), rng.uniform(0, H)
        draw.rectangle((x, y, x + block * 1.6, y + block * 1.2), fill=(206, 234, 214, 255))
    street = max(1, SS)
    for x in range(0, W, block):
        draw.line((x, 0, x, H), fill=(255, 255, 255, 255), width=street * 2)
    for y in range(0, H, block):
        draw.line((0, y, W, y), fill=(255, 255, 255, 255), width=street * 2)
    if rng.random() < 0.7:
        x = rng.uniform(0.3, 0.7) * W
        draw.polygon(
            [(x, 0), (x + W * 0.12, 0), (x + W * 0.05, H), (x - W * 0.07, H)],
            fill=(170, 218, 255, 255),
        )
    for _ in range(2):
        y0, y1 = rng.uniform(0, H), rng.uniform(0, H)
        draw.line((0, y0, W, y1), fill=(253, 226, 147, 255), width=street * 5)
    for _ in range(int(rng.integers(3, 6))):
        x, y = rng.uniform(0.1, 0.9) * W, rng.uniform(0.25, 0.85) * H
        r = max(3 * SS, H * 0.055)
        draw.ellipse((x - r, y - 2.6 * r, x + r, y - 0.6 * r), fill=(234, 67, 53, 255))
        draw.polygon(
            [(x - r * 0.85, y - 1.3 * r), (x + r * 0.85, y - 1.3 * r), (x, y)],
            fill=(234, 67, 53, 255),
        )
        draw.ellipse(
            (x - r * 0.35, y - 1.95 * r, x + r * 0.35, y - 1.25 * r), fill=(165, 14, 14, 255)
        )
    return photos.downsample(img)


KINDS: dict[str, Callable[[str, int, int], Image.Image]] = {
    **photos.KINDS,
    **store_drawings.KINDS,
    "stars": stars,
    "weather": weather,
    "curve": curve,
    "chart": chart,
    "item": item,
    "badge": badge,
    "cover": cover,
    "citymap": citymap,
    "mapview": map_tiles.mapview,
}
