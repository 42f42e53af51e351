"""Photographs of the simulated web, painted procedurally: "scene:<seed>" (a landscape whose
style follows words in the seed: night, ocean, desert, forest, city, blossom, gradient, ...),
"building:<seed>" (a hotel or apartment block), "person:<seed>" (a portrait) and
"food:<seed>" (a dish, shaped by its name: burger, pizza, fries, drink, taco, ...).
Deterministic in key and size, like every picture of `images`."""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

SS = 2
RGB = tuple[int, int, int]
Draw = ImageDraw.ImageDraw


def downsample(img: Image.Image) -> Image.Image:
    """A picture drawn at `SS` times its size, averaged down (anti-aliased edges)."""
    return img.reduce(SS)


def _rng(key: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(key.encode("utf-8", "replace")))


def _rgb(rng: np.random.Generator, low: int = 30, high: int = 230) -> RGB:
    r, g, b = (int(v) for v in rng.integers(low, high, 3))
    return (r, g, b)


def _jitter(rng: np.random.Generator, color: RGB, amount: int = 25) -> RGB:
    r, g, b = (int(np.clip(c + rng.integers(-amount, amount + 1), 0, 255)) for c in color)
    return (r, g, b)


def _sky(w: int, h: int, top: RGB, bottom: RGB) -> Image.Image:
    t = np.linspace(0, 1, h, dtype=np.float32)[:, None, None]
    sky = np.asarray(top, np.float32) * (1 - t) + np.asarray(bottom, np.float32) * t
    return Image.fromarray(np.broadcast_to(sky, (h, w, 3)).astype(np.uint8))


def _hills(
    draw: Draw, rng: np.random.Generator, W: int, H: int, base: RGB, peaks: bool, snow: bool = False
) -> None:
    for layer in range(3):
        level = H * (0.5 + 0.15 * layer)
        xs = np.linspace(0, W, 7 if peaks else 5)
        ys = level - rng.uniform(0, H * (0.25 if peaks else 0.08), len(xs))
        shade = tuple(int(c * (1.15 - 0.3 * layer)) for c in base)
        points = [*zip(xs.tolist(), ys.tolist(), strict=True)]
        draw.polygon([*points, (W, H), (0, H)], fill=shade)
        if snow and layer == 0:
            for x, y in points[1:-1]:
                draw.polygon(
                    [(x - W * 0.05, y + H * 0.06), (x, y), (x + W * 0.05, y + H * 0.06)],
                    fill=(245, 247, 250),
                )


# style: (words, sky top, sky bottom, ground)
STYLES = (
    ("night|star|galaxy|nebula|aurora|northern", (8, 12, 40), (60, 30, 90), (20, 24, 40)),
    ("ocean|beach|lake|sea|wave|tropical|island", (70, 150, 230), (250, 200, 150), (30, 90, 150)),
    ("desert|dune|sand", (240, 150, 80), (255, 220, 160), (210, 140, 70)),
    ("forest|pine|misty|tree", (170, 190, 190), (225, 232, 228), (40, 80, 55)),
    ("city|skyline|street", (40, 50, 110), (240, 140, 110), (25, 25, 40)),
    ("blossom|cherry|flower|spring", (250, 215, 230), (255, 245, 250), (120, 80, 90)),
    ("autumn|leaves|fall", (250, 200, 120), (255, 235, 200), (150, 70, 30)),
    ("minimal|gradient|abstract|pastel", (120, 90, 220), (250, 150, 170), (255, 255, 255)),
    ("snow|peak|mountain|alps", (120, 170, 225), (225, 235, 245), (70, 90, 120)),
)


def scene(arg: str, w: int, h: int) -> Image.Image:
    """A landscape in the style its seed names (rolling hills when it names none)."""
    rng = _rng("scene:" + arg)
    words = arg.lower()
    style = next((s for s in STYLES if re.search(s[0], words)), None)
    top, bottom, ground = (
        style[1:] if style else (_rgb(rng, 60, 200), _rgb(rng, 150, 255), _rgb(rng, 30, 120))
    )
    top, bottom, ground = _jitter(rng, top), _jitter(rng, bottom), _jitter(rng, ground)
    W, H = w * SS, h * SS
    img = _sky(W, H, top, bottom)
    draw = ImageDraw.Draw(img)
    key = style[0].split("|")[0] if style else "hills"
    if key in ("night", "city"):
        for _ in range(60 if key == "night" else 20):
            x, y = rng.uniform(0, W), rng.uniform(0, H * 0.6)
            draw.ellipse((x, y, x + SS, y + SS), fill=(255, 255, 240))
    if key == "night" and re.search("aurora|northern", words):
        for k in range(3):
            y = H * (0.2 + 0.08 * k)
            draw.line(
                [(x, y + np.sin(x / W * 6 + k) * H * 0.05) for x in range(0, W, 8)],
                fill=(80, 230, 150),
                width=int(H * 0.04),
            )
        img = img.filter(ImageFilter.GaussianBlur(SS * 2))
        draw = ImageDraw.Draw(img)
    if key not in ("minimal",):
        r = min(W, H) * rng.uniform(0.05, 0.1)
        cx, cy = rng.uniform(0.2, 0.8) * W, rng.uniform(0.12, 0.35) * H
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 246, 220))
    _foreground(draw, rng, key, W, H, ground)
    return downsample(img)


def _foreground(draw: Draw, rng: np.random.Generator, key: str, W: int, H: int, c: RGB) -> None:
    if key == "ocean":
        draw.rectangle((0, H * 0.55, W, H), fill=c)
        for k in range(6):
            y = H * (0.6 + 0.06 * k)
            draw.line(
                (W * rng.uniform(0, 0.4), y, W * rng.uniform(0.6, 1), y),
                fill=_jitter(rng, (200, 225, 245), 10),
                width=SS,
            )
        draw.polygon(
            [(0, H * 0.85), (W * 0.5, H * 0.8), (W, H * 0.9), (W, H), (0, H)], fill=(235, 215, 170)
        )
    elif key == "desert":
        for k in range(3):
            y = H * (0.55 + 0.14 * k)
            draw.chord(
                (-W * 0.3 + k * W * 0.3, y, W * 1.1, y + H * 0.5),
                180,
                360,
                fill=tuple(int(v * (1 - 0.12 * k)) for v in c),
            )
    elif key in ("forest", "blossom", "autumn"):
        _hills(draw, rng, W, H, c, peaks=False)
        for _ in range(14):
            x, y = rng.uniform(0, W), rng.uniform(H * 0.45, H * 0.9)
            s = H * rng.uniform(0.06, 0.14)
            if key == "forest":
                draw.polygon(
                    [(x, y - s * 2), (x - s * 0.6, y), (x + s * 0.6, y)],
                    fill=_jitter(rng, (25, 70, 45), 15),
                )
            else:
                tint = (245, 160, 190) if key == "blossom" else (230, 110, 40)
                draw.ellipse((x - s, y - s, x + s, y + s), fill=_jitter(rng, tint, 20))
    elif key == "city":
        x = 0.0
        while x < W:
            bw, bh = W * rng.uniform(0.06, 0.14), H * rng.uniform(0.2, 0.55)
            draw.rectangle((x, H - bh, x + bw, H), fill=_jitter(rng, c, 8))
            for wy in np.arange(H - bh + H * 0.03, H - H * 0.02, H * 0.04):
                for wx in np.arange(x + bw * 0.15, x + bw * 0.85, bw * 0.25):
                    if rng.random() < 0.45:
                        draw.rectangle((wx, wy, wx + SS * 2, wy + SS * 2), fill=(255, 220, 120))
            x += bw + W * 0.01
    elif key == "minimal":
        for _ in range(3):
            r = min(W, H) * rng.uniform(0.15, 0.4)
            cx, cy = rng.uniform(0, W), rng.uniform(0, H)
            draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_jitter(rng, (250, 200, 220), 40))
    else:
        _hills(draw, rng, W, H, c, peaks=True, snow=key == "snow")


def building(arg: str, w: int, h: int) -> Image.Image:
    """A hotel or apartment block against the sky, windows in rows."""
    rng = _rng("building:" + arg)
    W, H = w * SS, h * SS
    img = _sky(W, H, _jitter(rng, (110, 165, 230)), _jitter(rng, (215, 230, 245)))
    draw = ImageDraw.Draw(img)
    wall = _jitter(rng, (200, 190, 175), 45)
    x1, x2, top = W * rng.uniform(0.05, 0.2), W * rng.uniform(0.75, 0.95), H * rng.uniform(0.1, 0.3)
    draw.rectangle((x1, top, x2, H), fill=wall)
    glass = _jitter(rng, (70, 100, 130), 20)
    cols, rows = int(rng.integers(4, 7)), int(rng.integers(5, 9))
    cw, rh = (x2 - x1) / cols, (H - top) / rows
    for i in range(cols):
        for j in range(rows - 1):
            wx, wy = x1 + i * cw + cw * 0.2, top + j * rh + rh * 0.25
            draw.rectangle((wx, wy, wx + cw * 0.6, wy + rh * 0.5), fill=glass)
    draw.rectangle((x1 + (x2 - x1) * 0.4, H - rh * 0.9, x1 + (x2 - x1) * 0.6, H), fill=(60, 50, 45))
    draw.rectangle((0, H * 0.93, W, H), fill=(90, 140, 80))
    return downsample(img)


def person(arg: str, w: int, h: int) -> Image.Image:
    """A head-and-shoulders portrait on a soft background."""
    rng = _rng("person:" + arg)
    W, H = w * SS, h * SS
    img = _sky(W, H, _rgb(rng, 150, 220), _rgb(rng, 190, 245))
    draw = ImageDraw.Draw(img)
    skins = ((241, 194, 160), (224, 172, 132), (198, 134, 94), (141, 85, 36))
    skin = skins[int(rng.integers(0, len(skins)))]
    suit = _rgb(rng, 15, 70)
    draw.ellipse((W * 0.12, H * 0.7, W * 0.88, H * 1.5), fill=suit)
    draw.polygon(
        [(W * 0.43, H * 0.72), (W * 0.57, H * 0.72), (W * 0.5, H * 0.95)], fill=(245, 245, 245)
    )
    draw.rectangle((W * 0.44, H * 0.55, W * 0.56, H * 0.75), fill=skin)
    draw.ellipse((W * 0.32, H * 0.18, W * 0.68, H * 0.64), fill=skin)
    hair = _rgb(rng, 20, 150) if rng.random() < 0.7 else (190, 190, 195)
    draw.chord((W * 0.3, H * 0.14, W * 0.7, H * 0.5), 180, 360, fill=hair)
    return downsample(img)


def _plate(draw: Draw, W: int, H: int) -> tuple[float, float, float]:
    r = min(W, H) * 0.42
    cx, cy = W / 2, H / 2
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(250, 250, 250))
    draw.ellipse(
        (cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8), outline=(225, 225, 225), width=SS
    )
    return cx, cy, r


def _dish(draw: Draw, rng: np.random.Generator, kind: str, W: int, H: int) -> None:
    cx, cy, r = W / 2, H / 2, min(W, H) * 0.36
    bun, beef, lettuce = (214, 150, 70), (100, 55, 35), (110, 180, 60)
    if kind == "burger":
        draw.chord((cx - r, cy - r * 0.9, cx + r, cy + r * 0.5), 180, 360, fill=bun)
        draw.rectangle((cx - r * 1.05, cy - r * 0.22, cx + r * 1.05, cy - r * 0.05), fill=lettuce)
        draw.rounded_rectangle((cx - r, cy - r * 0.08, cx + r, cy + r * 0.2), r * 0.1, fill=beef)
        draw.rectangle((cx - r * 1.02, cy - r * 0.1, cx + r * 1.02, cy), fill=(250, 200, 40))
        draw.rounded_rectangle((cx - r, cy + r * 0.2, cx + r, cy + r * 0.5), r * 0.15, fill=bun)
    elif kind == "pizza":
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(220, 160, 80))
        draw.ellipse(
            (cx - r * 0.85, cy - r * 0.85, cx + r * 0.85, cy + r * 0.85), fill=(230, 90, 50)
        )
        for _ in range(7):
            x, y = cx + rng.uniform(-0.6, 0.6) * r, cy + rng.uniform(-0.6, 0.6) * r
            draw.ellipse(
                (x - r * 0.12, y - r * 0.12, x + r * 0.12, y + r * 0.12), fill=(160, 30, 30)
            )
    elif kind == "fries":
        for k in range(9):
            x = cx - r * 0.5 + k * r * 0.12
            draw.rectangle((x, cy - r * 0.9, x + r * 0.08, cy), fill=(245, 200, 70))
        draw.polygon(
            [
                (cx - r * 0.65, cy - r * 0.2),
                (cx + r * 0.65, cy - r * 0.2),
                (cx + r * 0.5, cy + r),
                (cx - r * 0.5, cy + r),
            ],
            fill=(210, 30, 40),
        )
    elif kind == "drink":
        draw.polygon(
            [
                (cx - r * 0.5, cy - r * 0.8),
                (cx + r * 0.5, cy - r * 0.8),
                (cx + r * 0.38, cy + r),
                (cx - r * 0.38, cy + r),
            ],
            fill=(250, 250, 250),
        )
        draw.rectangle(
            (cx - r * 0.55, cy - r * 0.95, cx + r * 0.55, cy - r * 0.78), fill=(40, 40, 40)
        )
        draw.rectangle(
            (cx - r * 0.44, cy - r * 0.2, cx + r * 0.44, cy + r * 0.3), fill=(0, 112, 74)
        )
    elif kind == "stack":
        for k in range(4):
            y = cy + r * 0.4 - k * r * 0.28
            draw.ellipse((cx - r, y - r * 0.25, cx + r, y + r * 0.25), fill=(225, 170, 90))
        draw.rectangle(
            (cx - r * 0.2, cy - r * 0.55, cx + r * 0.2, cy - r * 0.4), fill=(255, 240, 180)
        )
    elif kind == "taco":
        draw.chord((cx - r, cy - r * 0.7, cx + r, cy + r * 1.1), 180, 360, fill=(235, 195, 100))
        draw.rectangle((cx - r * 0.85, cy - r * 0.1, cx + r * 0.85, cy + r * 0.1), fill=lettuce)
    else:
        color = {
            "salad": lettuce,
            "chicken": (190, 120, 50),
            "dessert": (120, 70, 40),
            "sandwich": bun,
        }.get(kind)
        for _ in range(5):
            rr = r * rng.uniform(0.3, 0.5)
            x, y = cx + rng.uniform(-0.4, 0.4) * r, cy + rng.uniform(-0.4, 0.4) * r
            fill = _jitter(rng, color, 30) if color else _rgb(rng, 60, 230)
            draw.ellipse((x - rr, y - rr, x + rr, y + rr), fill=fill)


DISHES = (
    ("taco", r"taco|burrito|chalupa|gordita|quesarito|crunchwrap|quesadilla|nachos|bowl"),
    ("burger", r"burger|whopper|big mac|quarter pounder|double|single|baconator|king|4x4"),
    ("pizza", r"pizza|pepperoni|supreme|lover|works|hawaiian|cowboy|combo|deluxe|feast|veggie"),
    ("fries", r"fries|rings|hash brown"),
    (
        "drink",
        r"coffee|latte|macchiato|espresso|brew|frappuccino|drink|lemonade|shake|frosty|"
        r"mcflurry|tea",
    ),
    ("stack", r"pancake|waffle|french toast|slam|sampler"),
    ("salad", r"salad|greens"),
    ("chicken", r"chicken|nugget|tender|strips|wings|bucket|shrimp|fish|lobster"),
    ("dessert", r"cookie|cake|cheesecake|donut|tiramisu|roll|brownie|munchkin|kreme|glazed"),
    ("sandwich", r"sandwich|footlong|melt|wrap|sub|bread|biscuit|croissant|muffin|grilled"),
)


def food(arg: str, w: int, h: int) -> Image.Image:
    """A dish on a plate over a table; burgers, pizzas, fries, drinks, tacos, pancakes,
    salads, chicken, desserts and sandwiches look like themselves."""
    rng = _rng("food:" + arg)
    name = arg.lower()
    kind = next((k for k, words in DISHES if re.search(words, name)), "")
    W, H = w * SS, h * SS
    img = _sky(W, H, _jitter(rng, (196, 160, 120), 20), _jitter(rng, (160, 120, 85), 20))
    draw = ImageDraw.Draw(img)
    if kind not in ("drink", "fries"):
        _plate(draw, W, H)
    _dish(draw, rng, kind, W, H)
    return downsample(img)


KINDS: dict[str, Callable[[str, int, int], Image.Image]] = {
    "scene": scene,
    "building": building,
    "person": person,
    "food": food,
}
