"""Pictures of the storefronts: the stores' logos ("brand:<store>") and product shots of the
catalog's kinds of gear ("gear:<category>:<seed>": laptops, keyboards, mice, headsets,
speakers, monitors, cables, batteries, ...). Deterministic in key and size."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw

from android_gym.content.common import rng_for
from android_gym.sim import photos, theme

SS = photos.SS
RGBA = tuple[int, int, int, int]
Draw = ImageDraw.ImageDraw


def _canvas(w: int, h: int, fill: RGBA = (0, 0, 0, 0)) -> tuple[Image.Image, Draw]:
    img = Image.new("RGBA", (max(1, w * SS), max(1, h * SS)), fill)
    return img, ImageDraw.Draw(img)


def _words(
    draw: Draw, parts: list[tuple[str, str]], x: float, y: float, size: float, weight: str = "bold"
) -> float:
    """Draws coloured letters left to right from (x, y) (vertical centre); returns the end x."""
    fnt = theme.font(weight, max(1, int(size)))
    for letters, color in parts:
        draw.text((x, y), letters, font=fnt, fill=theme.rgba(color), anchor="lm")
        x += fnt.getlength(letters)
    return x


def brand(arg: str, w: int, h: int) -> Image.Image:
    """A store's logo: Costco's red word over a blue band, Best Buy's yellow tag, Walmart's
    yellow spark, Newegg's orange and blue word, eBay's four-colour letters."""
    img, d = _canvas(w, h)
    W, H = w * SS, h * SS
    if arg == "costco":
        _words(d, [("COSTCO", "#e31837")], 0, H * 0.36, H * 0.62)
        d.rectangle((0, H * 0.72, W * 0.92, H * 0.98), fill=theme.rgba("#005dab"))
        _words(d, [("WHOLESALE", "#ffffff")], W * 0.12, H * 0.85, H * 0.24)
    elif arg == "bestbuy":
        d.text(
            (0, H * 0.28),
            "BEST",
            font=theme.font("bold", int(H * 0.42)),
            fill=(255, 255, 255, 255),
            anchor="lm",
        )
        d.text(
            (0, H * 0.72),
            "BUY",
            font=theme.font("bold", int(H * 0.42)),
            fill=(255, 255, 255, 255),
            anchor="lm",
        )
        d.polygon(
            [
                (W * 0.62, H * 0.62),
                (W * 0.92, H * 0.62),
                (W * 0.98, H * 0.76),
                (W * 0.92, H * 0.9),
                (W * 0.62, H * 0.9),
            ],
            fill=theme.rgba("#ffe000"),
        )
    elif arg == "walmart":
        cx, cy, r = W / 2, H / 2, min(W, H) * 0.46
        for k in range(6):
            angle = np.pi / 2 + k * np.pi / 3
            dx, dy = np.cos(angle), -np.sin(angle)
            x0, y0 = cx + dx * r * 0.3, cy + dy * r * 0.3
            x1, y1 = cx + dx * r, cy + dy * r
            d.line((x0, y0, x1, y1), fill=theme.rgba("#ffc220"), width=max(2, int(r * 0.28)))
            d.ellipse(
                (x1 - r * 0.14, y1 - r * 0.14, x1 + r * 0.14, y1 + r * 0.14),
                fill=theme.rgba("#ffc220"),
            )
    elif arg == "newegg":
        end = _words(d, [("new", "#f7a800")], 0, H / 2, H * 0.72)
        _words(d, [("egg", "#ffffff")], end, H / 2, H * 0.72)
    else:  # ebay
        _words(
            d,
            [("e", "#e53238"), ("b", "#0064d2"), ("a", "#f5af02"), ("y", "#86b817")],
            0,
            H * 0.48,
            H * 0.95,
            "medium",
        )
    return photos.downsample(img)


def _body(d: Draw, category: str, W: float, H: float, c: RGBA) -> None:
    dark, grey = (36, 36, 40, 255), (190, 192, 196, 255)
    if category in ("laptop", "case"):
        d.rounded_rectangle((W * 0.2, H * 0.2, W * 0.8, H * 0.62), W * 0.02, fill=dark)
        d.rectangle((W * 0.23, H * 0.24, W * 0.77, H * 0.59), fill=c)
        d.polygon(
            [(W * 0.1, H * 0.7), (W * 0.2, H * 0.62), (W * 0.8, H * 0.62), (W * 0.9, H * 0.7)],
            fill=grey,
        )
    elif category in ("desktop", "handheld"):
        d.rounded_rectangle((W * 0.32, H * 0.1, W * 0.68, H * 0.9), W * 0.04, fill=dark)
        d.ellipse((W * 0.42, H * 0.25, W * 0.58, H * 0.41), fill=c)
        d.line((W * 0.38, H * 0.6, W * 0.62, H * 0.6), fill=c, width=int(SS * 3))
    elif category in ("keyboard", "keycaps"):
        d.rounded_rectangle((W * 0.06, H * 0.34, W * 0.94, H * 0.68), W * 0.03, fill=dark)
        for r in range(4):
            for k in range(12):
                x, y = W * (0.1 + k * 0.068), H * (0.38 + r * 0.075)
                d.rectangle(
                    (x, y, x + W * 0.05, y + H * 0.055), fill=c if (r + k) % 5 == 0 else grey
                )
    elif category in ("mouse", "mousepad"):
        if category == "mousepad":
            d.rounded_rectangle((W * 0.08, H * 0.55, W * 0.92, H * 0.85), W * 0.04, fill=dark)
        d.ellipse((W * 0.34, H * 0.12, W * 0.66, H * 0.72), fill=dark)
        d.line((W * 0.5, H * 0.14, W * 0.5, H * 0.36), fill=c, width=int(SS * 3))
    elif category in ("headset", "headphones", "earpads"):
        d.arc((W * 0.2, H * 0.12, W * 0.8, H * 0.8), 180, 360, fill=dark, width=int(W * 0.06))
        for x in (0.16, 0.66):
            d.rounded_rectangle((W * x, H * 0.42, W * (x + 0.18), H * 0.78), W * 0.06, fill=c)
    elif category == "earbuds":
        d.rounded_rectangle(
            (W * 0.28, H * 0.45, W * 0.72, H * 0.85),
            W * 0.12,
            fill=(245, 245, 245, 255),
            outline=grey,
            width=int(SS * 2),
        )
        for x in (0.36, 0.56):
            d.ellipse(
                (W * x, H * 0.18, W * (x + 0.12), H * 0.34),
                fill=(250, 250, 250, 255),
                outline=grey,
                width=int(SS * 2),
            )
    elif category in ("speaker", "cradle"):
        d.rounded_rectangle((W * 0.16, H * 0.3, W * 0.84, H * 0.72), H * 0.2, fill=c)
        d.ellipse((W * 0.4, H * 0.38, W * 0.6, H * 0.64), fill=dark)
    elif category == "monitor":
        d.rounded_rectangle((W * 0.06, H * 0.16, W * 0.94, H * 0.66), W * 0.02, fill=dark)
        d.rectangle((W * 0.09, H * 0.19, W * 0.91, H * 0.63), fill=c)
        d.rectangle((W * 0.46, H * 0.66, W * 0.54, H * 0.8), fill=dark)
        d.rectangle((W * 0.34, H * 0.8, W * 0.66, H * 0.84), fill=dark)
    elif category in ("cable", "adapter", "drive", "powerbank"):
        d.arc((W * 0.15, H * 0.2, W * 0.85, H * 0.85), 200, 520, fill=dark, width=int(SS * 4))
        d.rounded_rectangle((W * 0.1, H * 0.2, W * 0.3, H * 0.32), W * 0.02, fill=grey)
        d.rounded_rectangle((W * 0.7, H * 0.2, W * 0.86, H * 0.3), W * 0.02, fill=c)
    elif category == "battery":
        for k in range(4):
            x = W * (0.2 + k * 0.16)
            d.rounded_rectangle((x, H * 0.22, x + W * 0.12, H * 0.8), W * 0.02, fill=c)
            d.rectangle((x, H * 0.22, x + W * 0.12, H * 0.36), fill=dark)
            d.rectangle((x + W * 0.04, H * 0.18, x + W * 0.08, H * 0.22), fill=grey)
    else:  # gift cards and anything else
        d.rounded_rectangle(
            (W * 0.12, H * 0.28, W * 0.88, H * 0.72), W * 0.04, fill=theme.rgba("#0046be")
        )
        d.polygon(
            [
                (W * 0.62, H * 0.55),
                (W * 0.82, H * 0.55),
                (W * 0.86, H * 0.62),
                (W * 0.82, H * 0.69),
                (W * 0.62, H * 0.69),
            ],
            fill=theme.rgba("#ffe000"),
        )


def gear(arg: str, w: int, h: int) -> Image.Image:
    """A product shot on white: `arg` is "<category>:<seed>"; the seed picks the colour."""
    category, _, seed = arg.partition(":")
    r, g, b = (int(v) for v in rng_for("gear", seed).integers(30, 210, 3))
    img, d = _canvas(w, h, (255, 255, 255, 255))
    _body(d, category, w * SS, h * SS, (r, g, b, 255))
    return photos.downsample(img)


KINDS: dict[str, Callable[[str, int, int], Image.Image]] = {"brand": brand, "gear": gear}
