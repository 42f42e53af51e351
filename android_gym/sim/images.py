"""Pictures of the simulated phone, drawn procedurally and deterministically from a key.

Keys: "wallpaper" (the home screen), "logo:google" (the wordmark), "site:<name>" (a site's tile
on Chrome's new tab page), "map:<seed>" (a street map with pins), "photo:<seed>" (a picture:
news thumbnail, wallpaper result, hotel), "product:<seed>" (a product shot on white), and
the web's pictures drawn by `drawings` (stars, weather icons, charts, scenes, products, ...).
The same key always gives the same pixels, on any machine.
"""

from __future__ import annotations

import zlib

import numpy as np
from PIL import Image, ImageDraw

from android_gym.sim import drawings, theme

SITE_TILES: dict[str, tuple[str, str, str]] = {
    # name: (background, letters, letter colour)
    "facebook": ("#757575", "F", theme.WHITE),
    "youtube": ("#ff0000", "You", theme.WHITE),
    "amazon": (theme.WHITE, "a", "#222222"),
    "wikipedia": (theme.WHITE, "W", "#222222"),
    "espn": ("#e41e31", "ESPN", theme.WHITE),
    "yahoo": ("#5f01d1", "YAHOO!", theme.WHITE),
    "ebay": ("#f5f5f5", "ebay", "#e53238"),
    "instagram": ("#c13584", "Ig", theme.WHITE),
}


def _seed(key: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(key.encode("utf-8")))


def _gradient(
    w: int, h: int, top: tuple[int, int, int], bottom: tuple[int, int, int]
) -> np.ndarray:
    t = np.linspace(0.0, 1.0, max(1, h), dtype=np.float32)[:, None, None]
    colors = np.asarray(top, np.float32) * (1 - t) + np.asarray(bottom, np.float32) * t
    return np.broadcast_to(colors, (h, w, 3)).astype(np.uint8)


def _wallpaper(w: int, h: int) -> Image.Image:
    arr = _gradient(w, h, (246, 190, 214), (120, 60, 120)).copy()
    img = Image.fromarray(arr)
    draw = ImageDraw.Draw(img)
    hill = [
        (0, h * 0.83),
        (w * 0.25, h * 0.78),
        (w * 0.5, h * 0.81),
        (w * 0.8, h * 0.77),
        (w, h * 0.8),
        (w, h),
        (0, h),
    ]
    draw.polygon(hill, fill=(64, 26, 84))
    draw.rectangle((0, h * 0.9, w, h), fill=(34, 14, 52))
    return img


def _google_logo(w: int, h: int, under: str | None) -> Image.Image:
    img = Image.new("RGBA", (w, h), (*theme.rgb(under), 255) if under else (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    fnt = theme.font("regular", max(1, int(h * 0.8)))
    colors = [
        theme.GOOGLE_BLUE,
        theme.GOOGLE_RED,
        theme.GOOGLE_YELLOW,
        theme.GOOGLE_BLUE,
        theme.GOOGLE_GREEN,
        theme.GOOGLE_RED,
    ]
    total = fnt.getlength("Google")
    x = (w - total) / 2
    for ch, color in zip("Google", colors, strict=True):
        draw.text((x, h / 2), ch, font=fnt, fill=color, anchor="lm")
        x += fnt.getlength(ch)
    return img


def _site_tile(name: str, w: int, h: int) -> Image.Image:
    bg, letters, fg = SITE_TILES.get(name, ("#9e9e9e", name[:1].upper(), theme.WHITE))
    img = Image.new("RGB", (w, h), bg)
    draw = ImageDraw.Draw(img)
    size = h * (0.55 if len(letters) <= 2 else 0.3)
    draw.text(
        (w / 2, h / 2), letters, font=theme.font("bold", max(1, int(size))), fill=fg, anchor="mm"
    )
    return img


def _map(key: str, w: int, h: int) -> Image.Image:
    rng = _seed(key)
    img = Image.new("RGB", (w, h), (232, 234, 226))
    draw = ImageDraw.Draw(img)
    for _ in range(3):
        x1, y1 = rng.uniform(0, w), rng.uniform(0, h)
        draw.ellipse((x1, y1, x1 + w * 0.25, y1 + h * 0.3), fill=(200, 230, 201))
    for _ in range(7):
        y = rng.uniform(0, h)
        draw.line(
            (0, y, w, y + rng.uniform(-h / 3, h / 3)), fill=(255, 255, 255), width=max(2, h // 40)
        )
        x = rng.uniform(0, w)
        draw.line(
            (x, 0, x + rng.uniform(-w / 4, w / 4), h), fill=(255, 255, 255), width=max(2, h // 40)
        )
    draw.line((0, h * 0.6, w, h * 0.35), fill=(255, 214, 102), width=max(3, h // 25))
    for _ in range(3):
        x, y = rng.uniform(w * 0.15, w * 0.85), rng.uniform(h * 0.2, h * 0.8)
        r = max(3, h // 18)
        draw.ellipse((x - r, y - 2 * r, x + r, y), fill=(219, 68, 55))
        draw.polygon([(x - r * 0.8, y - r), (x + r * 0.8, y - r), (x, y + r)], fill=(219, 68, 55))
    return img


def _photo(key: str, w: int, h: int) -> Image.Image:
    rng = _seed(key)
    top = tuple(int(v) for v in rng.integers(40, 220, 3))
    bottom = tuple(int(v) for v in rng.integers(20, 200, 3))
    img = Image.fromarray(_gradient(w, h, top, bottom).copy())
    draw = ImageDraw.Draw(img)
    for _ in range(4):
        cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.1, 0.35) * min(w, h)
        color = tuple(int(v) for v in rng.integers(0, 255, 3))
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=color)
    return img


def _product(key: str, w: int, h: int) -> Image.Image:
    rng = _seed(key)
    img = Image.new("RGB", (w, h), (255, 255, 255))
    draw = ImageDraw.Draw(img)
    body = tuple(int(v) for v in rng.integers(30, 200, 3))
    kind = int(rng.integers(0, 3))
    if kind == 0:  # a screen device (tv, laptop, tablet)
        draw.rounded_rectangle(
            (w * 0.12, h * 0.18, w * 0.88, h * 0.7), radius=w * 0.03, fill=(30, 30, 34)
        )
        draw.rectangle((w * 0.16, h * 0.22, w * 0.84, h * 0.66), fill=body)
        draw.rectangle((w * 0.45, h * 0.7, w * 0.55, h * 0.8), fill=(60, 60, 60))
    elif kind == 1:  # a phone
        draw.rounded_rectangle(
            (w * 0.34, h * 0.1, w * 0.66, h * 0.9), radius=w * 0.05, fill=(25, 25, 28)
        )
        draw.rounded_rectangle((w * 0.36, h * 0.13, w * 0.64, h * 0.87), radius=w * 0.04, fill=body)
    else:  # a boxed item
        draw.rounded_rectangle((w * 0.2, h * 0.25, w * 0.8, h * 0.8), radius=w * 0.04, fill=body)
        draw.rectangle((w * 0.2, h * 0.42, w * 0.8, h * 0.5), fill=(240, 240, 240))
    return img


def tile(key: str, w: int, h: int, under: str | None) -> np.ndarray:
    """The picture for `key` at w x h pixels."""
    kind, _, arg = key.partition(":")
    if kind == "wallpaper":
        img = _wallpaper(w, h)
    elif kind == "logo":
        img = _google_logo(w, h, under)
    elif kind == "site":
        img = _site_tile(arg, w, h)
    elif kind == "map":
        img = _map(key, w, h)
    elif kind == "photo":
        img = _photo(key, w, h)
    elif kind == "product":
        img = _product(key, w, h)
    elif kind in drawings.KINDS:
        img = drawings.KINDS[kind](arg, w, h)
    else:
        raise ValueError(
            f"unknown image key {key!r}; kinds: wallpaper, logo, site, map, photo, product, "
            + ", ".join(drawings.KINDS)
        )
    return np.asarray(img)
