"""Colours, fonts and text metrics of the simulated phone (Material / Android look).

Layout is computed in device pixels from sizes given in dp; `Metrics` converts and measures
text with the Roboto fonts shipped by the `font-roboto` package, so the same layout (and the
same uiautomator XML) comes out at any render scale and on any machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import islice

import font_roboto
import numpy as np
from PIL import Image, ImageFont


@lru_cache(maxsize=1024)
def rgb(color: str) -> tuple[int, int, int]:
    """'#rrggbb' to an RGB triple."""
    value = color.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def rgba(color: str, alpha: int = 255) -> tuple[int, int, int, int]:
    """'#rrggbb' to an RGBA quadruple."""
    return (*rgb(color), alpha)


FONT_FILES = {
    "regular": font_roboto.Roboto,
    "medium": font_roboto.RobotoMedium,
    "bold": font_roboto.RobotoBold,
    "light": font_roboto.RobotoLight,
}

# Material palette used across apps.
WHITE = "#ffffff"
BLACK = "#000000"
TEXT = "#202124"
TEXT_SECONDARY = "#5f6368"
TEXT_HINT = "#80868b"
DIVIDER = "#dadce0"
SURFACE = "#f1f3f4"
LINK = "#1a0dab"
LINK_BLUE = "#1967d2"
GOOGLE_BLUE = "#4285f4"
GOOGLE_RED = "#ea4335"
GOOGLE_YELLOW = "#fbbc05"
GOOGLE_GREEN = "#34a853"
ACCENT = "#1a73e8"
INCOGNITO_BG = "#202124"
INCOGNITO_SURFACE = "#3c4043"
STATUS_BAR = "#000000"
NAV_BAR = "#000000"
KEYBOARD_BG = "#e8eaed"
KEY_BG = "#ffffff"

REFERENCE_WIDTH_DP = 411.43
"""Width of the screen in dp: 1080 px at 420 dpi (density 2.625), a Pixel-class phone."""


@lru_cache(maxsize=256)
def font(weight: str, size_px: int) -> ImageFont.FreeTypeFont:
    """A Roboto font of `weight` at `size_px` pixels (cached)."""
    return ImageFont.truetype(
        FONT_FILES[weight], max(1, size_px), layout_engine=ImageFont.Layout.BASIC
    )


Glyph = tuple[np.ndarray, int, int, float]
"""A rendered glyph: coverage mask (uint8 [h, w]), x and y offset from the pen at the
ascender line, and the advance."""


@lru_cache(maxsize=8192)
def glyph(weight: str, size_px: int, char: str) -> Glyph:
    """One character rendered once and cached: drawing text is pasting cached glyphs, which
    is several times faster than asking FreeType to render every line anew."""
    fnt = font(weight, size_px)
    mask, (ox, oy) = fnt.getmask2(char, "L")
    coverage = np.asarray(Image.Image()._new(mask)) if mask.size[0] and mask.size[1] else _EMPTY
    return coverage, ox, oy, advance(weight, size_px, char)


@lru_cache(maxsize=8192)
def advance(weight: str, size_px: int, char: str) -> float:
    """How far one character moves the pen (cached). Roboto's basic layout does not kern, so
    a string's advance is the sum of its characters'."""
    return font(weight, size_px).getlength(char)


def fit(
    chars: Iterable[str], weight: str, size_px: int, width_px: int, *, used: float = 0.0
) -> int:
    """How many of `chars`, in order, fit in `width_px` (as `_width` rounds) after `used`
    pixels: measured a character at a time, so the cost is linear in what fits, however long
    the text is."""
    pen, count = used, 0
    for char in chars:
        pen += advance(weight, size_px, char)
        if round(pen) > width_px:
            break
        count += 1
    return count


_EMPTY = np.zeros((0, 0), dtype=np.uint8)


def text_coverage(line: str, weight: str, size_px: int, height: int) -> np.ndarray:
    """The coverage mask (uint8 [height, width]) of one line of text, vertically centred on the
    font's ascent and descent, as wide as its glyphs advance (plus 2 pixels).

    A line is its words, each drawn once from cached glyphs and cached itself: the words of
    the simulated web repeat far more than its lines do."""
    space = glyph(weight, size_px, " ")[3]
    words = [_word(weight, size_px, height, w) for w in line.split(" ")]
    width = int(sum(advance for _, advance in words) + space * (len(words) - 1)) + 2
    out = np.zeros((height, width), dtype=np.uint8)
    pen = 0.0
    for mask, advance in words:
        _stamp(out, mask, round(pen) - _PAD, 0)
        pen += advance + space
    return out


def _stamp(out: np.ndarray, mask: np.ndarray, x: int, y: int) -> None:
    """Combines `mask` into `out` at (x, y) by maximum, clipped to `out`."""
    h, w = mask.shape
    x1, y1 = max(0, x), max(0, y)
    x2, y2 = min(out.shape[1], x + w), min(out.shape[0], y + h)
    if x2 > x1 and y2 > y1:
        region = out[y1:y2, x1:x2]
        np.maximum(region, mask[y1 - y : y2 - y, x1 - x : x2 - x], out=region)


_PAD = 8
"""Pixels a word's mask extends left of its pen position, for glyphs that reach back."""


def visible_start(line: str, weight: str, size_px: int, width_px: int) -> str:
    """The start of `line` that can put ink within `width_px` of where it begins: a glyph
    reaches at most `_PAD` pixels back from its pen, so the characters that start further right
    are left out. Drawing the result gives the same pixels in that width and costs what is
    visible there, however long the line."""
    return line[: fit(line, weight, size_px, width_px + 2 * _PAD) + 1]


@lru_cache(maxsize=65_536)
def _word(weight: str, size_px: int, height: int, word: str) -> tuple[np.ndarray, float]:
    """One word's coverage mask (starting `_PAD` pixels left of its pen position) and its
    advance."""
    fnt = font(weight, size_px)
    ascent, descent = fnt.getmetrics()
    top = (height - (ascent + descent)) // 2
    glyphs = [glyph(weight, size_px, c) for c in word]
    advance = sum(g[3] for g in glyphs)
    width = int(advance) + 2 * _PAD
    out = np.zeros((height, width), dtype=np.uint8)
    pen = float(_PAD)
    for mask, ox, oy, step in glyphs:
        _stamp(out, mask, round(pen) + ox, top + oy)
        pen += step
    out.flags.writeable = False
    return out, advance


@lru_cache(maxsize=200_000)
def _width(weight: str, size_px: int, text: str) -> int:
    return round(font(weight, size_px).getlength(text))


LONG_TEXT = 64
"""Texts longer than this (in characters) are measured and drawn only as far as they show: a
character at a time up to the width at hand, so typing a long text costs what is visible of it.
Shorter ones are measured whole, which is faster for them (and cached)."""


def _width_within(weight: str, size_px: int, text: str, limit: int) -> int:
    """`_width(text)` when it is at most `limit`, else `limit + 1` (a text wider than the room
    at hand behaves the same however much wider)."""
    if len(text) > LONG_TEXT and fit(text, weight, size_px, limit) < len(text):
        return limit + 1
    return min(_width(weight, size_px, text), limit + 1)


@lru_cache(maxsize=65_536)
def _wrap(text: str, size_px: int, weight: str, width_px: int, max_lines: int) -> tuple[str, ...]:
    """Greedy word wrap; with `max_lines`, lines after the first `max_lines` + 1 are never
    made and the last kept line ends with an ellipsis when text was cut."""
    lines = _lines(text, size_px, weight, width_px)
    if not max_lines:
        return tuple(lines)
    kept = list(islice(lines, max_lines + 1))
    if len(kept) <= max_lines:
        return tuple(kept)
    last = kept[max_lines - 1]
    room = fit(last, weight, size_px, width_px, used=advance(weight, size_px, "…"))
    return (*kept[: max_lines - 1], last[:room].rstrip() + "…")


def _lines(text: str, size_px: int, weight: str, width_px: int) -> Iterator[str]:
    """The wrapped lines one by one, each word measured once: a line's width is the sum of
    its words' and spaces' (Roboto's basic layout has no kerning across a space)."""
    space = _width(weight, size_px, " ")
    for paragraph in text.split("\n"):
        current: list[str] = []
        used = 0
        for word in paragraph.split(" "):
            w = _width_within(weight, size_px, word, width_px)
            if current and used + space + w > width_px:
                yield " ".join(current)
                current, used = [word], w
            else:
                used += (space if current else 0) + w
                current.append(word)
        yield " ".join(current)


class Metrics:
    """dp-to-pixel conversion and text measurement for one screen width."""

    def __init__(self, width_px: int) -> None:
        self.density = width_px / REFERENCE_WIDTH_DP

    def px(self, dp: float) -> int:
        """dp to device pixels."""
        return round(dp * self.density)

    def text_size_px(self, sp: float) -> int:
        return max(1, round(sp * self.density))

    def line_height(self, sp: float) -> int:
        """Height of one line of text at `sp`, Material's 1.33 line spacing."""
        return round(sp * self.density * 1.33)

    def text_width(self, text: str, sp: float, weight: str) -> int:
        """Advance width of `text` in device pixels (cached)."""
        return _width(weight, self.text_size_px(sp), text)

    def width_within(self, text: str, sp: float, weight: str, limit: int) -> int:
        """`text_width(text)` when it is at most `limit`, else `limit + 1`, in time linear in
        the part of `text` that fits."""
        return _width_within(weight, self.text_size_px(sp), text, limit)

    def fit_end(self, text: str, sp: float, weight: str, width_px: int) -> str:
        """The longest end of `text` no wider than `width_px` (what a field scrolled to its end
        shows), in time linear in its length."""
        kept = fit(reversed(text), weight, self.text_size_px(sp), width_px)
        return text[len(text) - kept :]

    def wrap(
        self, text: str, sp: float, weight: str, width_px: int, max_lines: int = 0
    ) -> list[str]:
        """Greedy word wrap of `text` into lines no wider than `width_px`.

        With `max_lines`, the last kept line ends with an ellipsis when text was cut.
        """
        return list(_wrap(text, self.text_size_px(sp), weight, width_px, max_lines))
