"""Renders a laid-out view tree to an RGB screenshot.

The tree becomes a display list of primitive operations (rounded rectangles, text lines,
icons, images) in device pixels. Each operation is drawn once into a small tile, cached by its
content, and pasted with numpy at its scaled position and clip; whole frames are cached by their
display list. A screen seen before costs a dictionary lookup; a new one mostly numpy slicing.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache, partial

import numpy as np
from PIL import Image, ImageDraw

from android_gym.sim import icons, images, theme
from android_gym.sim.layout import intersect, is_empty
from android_gym.sim.theme import rgb
from android_gym.sim.view import Box, View

Op = tuple
Block = tuple[int, int, int, int, np.ndarray]
"""Rows y1:y2 and columns x1:x2 of a frame, and the pixels copied there."""
SUPERSAMPLE = 3
SHADOW = "#d3d5d9"


def display_list(root: View) -> tuple[Op, ...]:
    """The drawing operations of a laid-out tree, back to front."""
    ops: list[Op] = []
    _collect(root, None, theme.WHITE, ops)
    return tuple(ops)


def _collect(v: View, under: str | None, plain: str | None, ops: list[Op]) -> None:
    """Appends the operations of `v`'s subtree. `under` is the background colour text and
    corners blend over (None: unknown); `plain` is the colour that `v`'s whole area is known
    to show already (the frame starts white), so a flat fill of that colour is left out."""
    if is_empty(v.clip):
        return
    if v.retained and v.bg is not None:
        assert v.memo is not None, "retained views are laid out before they are drawn"
        layer = v.memo.get("layer")
        if layer is None:
            inner: list[Op] = []
            _collect_subtree(v, under, theme.WHITE, inner)  # a layer is drawn on white
            layer = v.memo["layer"] = ("layer", v.box, v.clip, tuple(inner))
        ops.append(layer)
        return
    _collect_subtree(v, under, plain, ops)


def _collect_subtree(v: View, under: str | None, plain: str | None, ops: list[Op]) -> None:
    border = SHADOW if v.shadow and v.border is None else v.border
    if v.bg is not None or border is not None:
        flat = v.radius == 0 and border is None
        if not (flat and v.bg == plain):
            ops.append(("rect", v.box, v.clip, v.bg, v.radius, border, under))
        if v.bg is not None:
            under = v.bg
        plain = v.bg if flat else None
    if v.kind in ("text", "field"):
        color = v.color if (v.kind == "text" or v.text) else theme.TEXT_HINT
        for line, box in v.lines_placed:
            ops.append(("text", box, v.clip, line, v.font_px, v.weight, color, under))
        if v.cursor is not None:
            ops.append(("rect", v.cursor, v.clip, theme.ACCENT, 0, None, under))
    elif v.kind == "icon":
        ops.append(("icon", v.box, v.clip, v.icon, v.color, under))
    elif v.kind == "image":
        ops.append(("image", v.box, v.clip, v.image, under))
    for i, child in enumerate(v.children):
        # the children of a column or row never overlap; a stack's later ones lie over the
        # earlier ones
        _collect(child, under, plain if v.kind != "stack" or i == 0 else None, ops)


# -- tiles --------------------------------------------------------------------------------------


def _rect_tile(
    w: int, h: int, fill: str | None, radius: int, border: str | None, under: str | None
) -> np.ndarray:
    """An RGBA tile of a (rounded, bordered) rectangle, anti-aliased by supersampling.

    A rounded rectangle larger than its corners is drawn small (corners and one pixel of
    straight edge) and stretched: its edges are uniform, so the result is the same and a
    card-sized tile costs what a button-sized one does."""
    core = 2 * radius + 3
    if radius > 0 and (w > core or h > core):
        small = _rect_tile(min(w, core), min(h, core), fill, radius, border, under)
        return small[_stretch(h, small.shape[0])][:, _stretch(w, small.shape[1])]
    s = SUPERSAMPLE if radius > 0 else 1
    base = (*rgb(under), 255) if under else (0, 0, 0, 0)
    img = Image.new("RGBA", (w * s, h * s), base)
    draw = ImageDraw.Draw(img)
    box = (0, 0, w * s - 1, h * s - 1)
    fill_rgba = (*rgb(fill), 255) if fill else None
    outline = (*rgb(border), 255) if border else None
    draw.rounded_rectangle(box, radius=radius * s, fill=fill_rgba, outline=outline, width=max(1, s))
    if s > 1:
        img = img.resize((w, h), Image.Resampling.BOX)
    return np.asarray(img)


def _stretch(size: int, small: int) -> np.ndarray:
    """Indices into `small` pixels that repeat its middle one to make `size` pixels."""
    if size <= small:
        return np.arange(size)
    mid = small // 2
    return np.concatenate(
        [np.arange(mid), np.full(size - small + 1, mid), np.arange(mid + 1, small)]
    )


def _text_tile(
    line: str, size: int, weight: str, color: str, under: str | None, h: int
) -> np.ndarray:
    """A line of text from cached glyphs: blended over `under` (RGB), or the colour with the
    glyph coverage as alpha (RGBA) when the background is unknown."""
    coverage = theme.text_coverage(line, weight, size, h)
    if under is None:
        tile = np.empty((*coverage.shape, 4), dtype=np.uint8)
        tile[..., :3] = rgb(color)
        tile[..., 3] = coverage
        return tile
    return np.take(_blend_table(color, under), coverage, axis=0)


@lru_cache(maxsize=1024)
def _blend_table(ink: str, paper: str) -> np.ndarray:
    """The 256 colours (uint8 [256, 3]) from `paper` (coverage 0) to `ink` (coverage 255)."""
    a = np.arange(256, dtype=np.uint16)[:, None]
    table = np.asarray(rgb(ink), np.uint16) * a + np.asarray(rgb(paper), np.uint16) * (255 - a)
    return ((table + 127) // 255).astype(np.uint8)


class Renderer:
    """Turns display lists into frames at `scale` (rendered pixels per device pixel).

    Drawing a display list records its plan: the pixel blocks it copied, each a view of a
    cached tile (or a colour row) and where it went. A frame drawn before is redrawn from its
    plan, a few dozen block copies, without resolving a single operation."""

    def __init__(self, width: int, height: int, scale: float, tile_cache: int = 20_000) -> None:
        self.width, self.height, self.scale = width, height, scale
        self.size = (round(width * scale), round(height * scale))
        self._tiles: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._tile_cache = tile_cache

    def draw(self, ops: tuple[Op, ...]) -> tuple[np.ndarray, list[Block]]:
        """A new uint8 frame [H, W, 3] for `ops`, and its plan for `replay`."""
        canvas, plan = self._blank(), []
        for op in ops:
            self._draw(canvas, op, plan)
        return canvas, plan

    def replay(self, plan: list[Block]) -> np.ndarray:
        """A new uint8 frame [H, W, 3] drawn from a plan of `draw`."""
        canvas = self._blank()
        for y1, y2, x1, x2, block in plan:
            canvas[y1:y2, x1:x2] = block
        return canvas

    def _blank(self) -> np.ndarray:
        """A white frame (what every display list is drawn over)."""
        return np.full((self.size[1], self.size[0], 3), 255, dtype=np.uint8)

    def _scaled(self, box: Box) -> Box:
        s = self.scale
        return (round(box[0] * s), round(box[1] * s), round(box[2] * s), round(box[3] * s))

    def _tile(self, key: tuple, make) -> np.ndarray:
        """The tile cached under `key`, made when missing: RGB when it is opaque, and in row
        order (a column-ordered tile copies into a frame far more slowly)."""
        tile = self._tiles.get(key)
        if tile is None:
            tile = make()
            if tile.shape[2] == 4 and tile[..., 3].min() == 255:
                tile = tile[..., :3]
            tile = self._tiles[key] = np.ascontiguousarray(tile)
            if len(self._tiles) > self._tile_cache:
                self._tiles.popitem(last=False)
        return tile

    def _draw(self, canvas: np.ndarray, op: Op, plan: list[Block]) -> None:
        kind, box, clip = op[0], self._scaled(op[1]), self._scaled(op[2])
        x1, y1, x2, y2 = box
        w, h = x2 - x1, y2 - y1
        if w <= 0 or h <= 0:
            return
        if kind == "rect":
            _, _, _, fill, radius, border, under = op
            if radius == 0 and border is None and fill is not None:
                _fill(canvas, intersect(box, clip), fill, plan)
                return
            r = min(round(radius * self.scale * self._density()), w // 2, h // 2)
            key = ("rect", w, h, fill, r, border, under)
            make = partial(_rect_tile, w, h, fill, r, border, under)
        elif kind == "text":
            _, _, _, line, size, weight, color, under = op
            px = max(1, round(size * self.scale))
            if len(line) > theme.LONG_TEXT:  # only what can show is drawn
                line = theme.visible_start(line, weight, px, min(clip[2], self.size[0]) - x1)
            key = ("text", line, px, weight, color, under, h)
            make = partial(_text_tile, line, px, weight, color, under, h)
        elif kind == "icon":
            _, _, _, name, color, under = op
            key = ("icon", name, color, under, w, h)
            make = partial(icons.tile, name, w, h, color, under)
        elif kind == "layer":
            key = ("layer", op[3])
            make = partial(self._layer, op)
        else:
            _, _, _, name, under = op
            key = ("image", name, under, w, h)
            make = partial(images.tile, name, w, h, under)
        self._paste(canvas, key, self._tile(key, make), x1, y1, clip, plan)

    def _paste(
        self,
        canvas: np.ndarray,
        key: tuple,
        tile: np.ndarray,
        x: int,
        y: int,
        clip: Box,
        plan: list[Block],
    ) -> None:
        """Pastes the RGB or RGBA tile cached under `key` at (x, y), clipped. An RGBA tile is
        alpha-blended over the pixels under it once: the result is cached by the pixels (a
        64-bit hash of them), so an icon over the same wallpaper costs a hash and a copy."""
        h, w = tile.shape[:2]
        cx1, cy1, cx2, cy2 = intersect((x, y, x + w, y + h), clip)
        cx1, cy1 = max(cx1, 0), max(cy1, 0)
        cx2, cy2 = min(cx2, canvas.shape[1]), min(cy2, canvas.shape[0])
        if cx2 <= cx1 or cy2 <= cy1:
            return
        part = tile[cy1 - y : cy2 - y, cx1 - x : cx2 - x]
        target = canvas[cy1:cy2, cx1:cx2]
        if part.shape[2] == 4:
            over = ("over", key, cx1 - x, cy1 - y, cx2 - x, cy2 - y, hash(target.tobytes()))
            part = self._tile(over, partial(_over, part, target))
        target[...] = part
        plan.append((cy1, cy2, cx1, cx2, part))

    def _layer(self, op: Op) -> np.ndarray:
        """A retained subtree drawn once into its own tile (it is opaque: it has a background)."""
        _, box, clip, inner = op
        full = self._blank()
        for child in inner:
            self._draw(full, child, [])
        x1, y1, x2, y2 = intersect(self._scaled(box), self._scaled(clip))
        return np.ascontiguousarray(full[max(0, y1) : y2, max(0, x1) : x2])

    def _density(self) -> float:
        return self.width / theme.REFERENCE_WIDTH_DP


@lru_cache(maxsize=4096)
def _row(color: str, width: int) -> np.ndarray:
    """One pixel row of `color`, `width` pixels long (uint8 [1, width, 3])."""
    return np.tile(np.asarray(rgb(color), dtype=np.uint8), width).reshape(1, width, 3)


def _fill(canvas: np.ndarray, box: Box, color: str, plan: list[Block]) -> None:
    """Fills a box with a colour. Copying a prepared row is ~100x faster than letting numpy
    broadcast a 3-element colour over the box."""
    height, width = canvas.shape[:2]
    x1, y1, x2, y2 = max(0, box[0]), max(0, box[1]), min(width, box[2]), min(height, box[3])
    if x2 > x1 and y2 > y1:
        row = _row(color, x2 - x1)
        canvas[y1:y2, x1:x2] = row
        plan.append((y1, y2, x1, x2, row))


def _over(part: np.ndarray, target: np.ndarray) -> np.ndarray:
    """An RGBA tile alpha-blended over RGB pixels, as RGB."""
    a = part[..., 3:4].astype(np.uint16)
    return ((part[..., :3] * a + target * (255 - a) + 127) // 255).astype(np.uint8)
