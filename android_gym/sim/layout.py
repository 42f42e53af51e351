"""Lays out a view tree: computes every view's box (device pixels) and visible clip.

A small box model in the spirit of Android's LinearLayout and FrameLayout: columns and rows
with fixed, wrapped and flexible sizes, overlays, padding, gaps, alignment, and vertically
scrolling containers whose offsets the phone keeps (`scroll` maps a container's key to pixels).
"""

from __future__ import annotations

from android_gym.sim.theme import Metrics
from android_gym.sim.view import Box, View

_NO_PAD = (0.0, 0.0, 0.0, 0.0)
_NO_PAD_PX = (0, 0, 0, 0)


def intersect(a: Box, b: Box) -> Box:
    """The overlap of two boxes (empty boxes have x2 <= x1 or y2 <= y1)."""
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def is_empty(box: Box) -> bool:
    return box[2] <= box[0] or box[3] <= box[1]


class _Layout:
    def __init__(self, metrics: Metrics, scroll: dict[str, int]) -> None:
        self.m = metrics
        self.scroll = scroll
        self._heights: dict[tuple[int, int], int] = {}

    # -- measuring ----------------------------------------------------------------------------

    def pads(self, v: View) -> tuple[int, int, int, int]:
        if v.pad == _NO_PAD:
            return _NO_PAD_PX
        d = self.m.density
        return (round(v.pad[0] * d), round(v.pad[1] * d), round(v.pad[2] * d), round(v.pad[3] * d))

    def width(self, v: View, avail: int) -> int:
        """Width `v` takes when its parent wraps it (rows, overlays)."""
        if v.w is not None:
            return self.m.px(v.w)
        pl, _, pr, _ = self.pads(v)
        inner = max(0, avail - pl - pr)
        if v.kind in ("text", "field"):
            if not v.shown_text:
                return pl + pr
            widest = max(
                self.m.width_within(line, v.size, v.weight, inner)
                for line in v.shown_text.split("\n")
            )
            return min(avail, widest + pl + pr)
        if v.kind == "row":
            gaps = self.m.px(v.gap) * max(0, len(v.children) - 1)
            return min(avail, sum(self.width(c, inner) for c in v.children) + gaps + pl + pr)
        if v.kind in ("col", "stack") and v.children:
            return min(avail, max(self.width(c, inner) for c in v.children) + pl + pr)
        return avail if v.kind in ("image", "space") else pl + pr

    def height(self, v: View, width: int) -> int:
        """Height `v` takes at `width` when its parent wraps it."""
        if v.h is not None:
            return self.m.px(v.h)
        key = (id(v), width)
        cached = self._heights.get(key)
        if cached is not None:
            return cached
        pl, pt, pr, pb = self.pads(v)
        inner = max(0, width - pl - pr)
        if v.kind == "text":
            lines = self.m.wrap(v.text, v.size, v.weight, inner, v.lines) if v.text else []
            content = len(lines) * self.m.line_height(v.size)
        elif v.kind == "field":
            content = self.m.line_height(v.size)
        elif v.kind == "col":
            gaps = self.m.px(v.gap) * max(0, len(v.children) - 1)
            content = sum(self.height(c, self._child_width(c, inner)) for c in v.children) + gaps
        elif v.kind == "row":
            widths = self._row_widths(v, inner)
            content = max(
                (self.height(c, w) for c, w in zip(v.children, widths, strict=True)), default=0
            )
        elif v.kind == "stack":
            content = max(
                (self.height(c, self._child_width(c, inner)) for c in v.children), default=0
            )
        elif v.kind in ("icon", "image"):
            content = self.m.px(v.w) if v.w is not None else inner
        else:
            content = 0
        result = content + pt + pb
        self._heights[key] = result
        return result

    def _child_width(self, c: View, inner: int) -> int:
        return min(inner, self.m.px(c.w)) if c.w is not None else inner

    def _row_widths(self, v: View, inner: int) -> list[int]:
        gap = self.m.px(v.gap) * max(0, len(v.children) - 1)
        widths = [0 if c.flex else self.width(c, inner) for c in v.children]
        total_flex = sum(c.flex for c in v.children)
        if total_flex:
            left = max(0, inner - gap - sum(widths))
            for i, c in enumerate(v.children):
                if c.flex:
                    widths[i] = int(left * c.flex / total_flex)
        return widths

    # -- placing ------------------------------------------------------------------------------

    def place(self, v: View, x: int, y: int, w: int, h: int, clip: Box) -> None:
        if v.retained:
            placed = (x, y, x + w, y + h, clip)
            if v.memo is None:
                v.memo = {"placed": placed}
            elif v.memo["placed"] == placed:
                return
            else:
                raise ValueError("a retained view must always be placed at the same box")
        v.box = (x, y, x + w, y + h)
        v.clip = intersect(clip, v.box)
        if is_empty(v.clip):
            return  # off screen: descendants keep their empty boxes and are not drawn or hit
        pl, pt, pr, pb = self.pads(v)
        ix, iy, iw, ih = x + pl, y + pt, max(0, w - pl - pr), max(0, h - pt - pb)
        inner_clip = intersect(v.clip, (ix, iy, ix + iw, iy + ih)) if v.scroll else v.clip
        if v.kind in ("text", "field"):
            self._place_text(v, ix, iy, iw, ih)
        elif v.kind == "col":
            self._place_col(v, ix, iy, iw, ih, inner_clip)
        elif v.kind == "row":
            self._place_row(v, ix, iy, iw, ih, inner_clip)
        elif v.kind == "stack":
            self._place_stack(v, ix, iy, iw, ih, inner_clip)

    def _place_text(self, v: View, x: int, y: int, w: int, h: int) -> None:
        """Wraps the text and records each line's box (and a focused field's cursor)."""
        m = self.m
        v.font_px = m.text_size_px(v.size)
        line_h = m.line_height(v.size)
        if v.kind == "field":
            lines = [m.fit_end(v.shown_text, v.size, v.weight, w)]  # as an EditText scrolls
            y += max(0, (h - line_h) // 2)
        else:
            lines = m.wrap(v.text, v.size, v.weight, w, v.lines) if v.text else []
        placed = []
        for i, line in enumerate(lines):
            width = m.width_within(line, v.size, v.weight, 2 * w)
            if width > 2 * w:  # far wider than the view (a long typed word): shown from its
                lx = x  # start whatever the alignment, so drawing costs what shows
            elif v.text_align == "center":
                lx = x + (w - width) // 2
            elif v.text_align == "right":
                lx = x + w - width
            else:
                lx = x
            ly = y + i * line_h
            if line:
                placed.append((line, (lx, ly, lx + width + 2, ly + line_h)))
        v.lines_placed = tuple(placed)
        if v.kind == "field" and v.focused:
            end = x + (m.text_width(lines[0], v.size, v.weight) if v.text else 0)
            v.cursor = (end + 1, y + 3, end + 1 + max(2, m.px(1)), y + line_h - 3)

    def _cross(self, align: str, start: int, avail: int, size: int) -> int:
        if align == "center":
            return start + (avail - size) // 2
        if align == "end":
            return start + avail - size
        return start

    def _place_col(self, v: View, x: int, y: int, w: int, h: int, clip: Box) -> None:
        gap = self.m.px(v.gap)
        widths = [self._child_width(c, w) for c in v.children]
        heights = [
            0 if c.flex else self.height(c, cw) for c, cw in zip(v.children, widths, strict=True)
        ]
        used = sum(heights) + gap * max(0, len(v.children) - 1)
        total_flex = 0.0 if v.scroll else sum(c.flex for c in v.children)
        left = max(0, h - used)
        if total_flex:
            for i, c in enumerate(v.children):
                if c.flex:
                    heights[i] = int(left * c.flex / total_flex)
            left = 0
        cursor, step_gap = self._main_start(v, y, left, gap, len(v.children))
        if v.scroll:
            v.scroll_range = max(0, used - h)
            stored = self.scroll.get(v.scroll, 0)
            offset = min(max(0, stored), v.scroll_range)
            if offset != stored:
                self.scroll[v.scroll] = offset
            cursor -= offset
        for c, cw, ch in zip(v.children, widths, heights, strict=True):
            cx = self._cross(v.align or "start", x, w, cw)
            self.place(c, cx, cursor, cw, ch, clip)
            cursor += ch + step_gap

    def _main_start(self, v: View, start: int, left: int, gap: int, n: int) -> tuple[int, int]:
        if v.justify == "center":
            return start + left // 2, gap
        if v.justify == "end":
            return start + left, gap
        if v.justify == "between" and n > 1:
            return start, gap + left // (n - 1)
        return start, gap

    def _place_row(self, v: View, x: int, y: int, w: int, h: int, clip: Box) -> None:
        gap = self.m.px(v.gap)
        widths = self._row_widths(v, w)
        left = max(0, w - sum(widths) - gap * max(0, len(v.children) - 1))
        cursor, step_gap = self._main_start(v, x, left, gap, len(v.children))
        align = v.align or "center"
        for c, cw in zip(v.children, widths, strict=True):
            ch = (
                h
                if align == "stretch"
                else min(h, self.height(c, cw))
                if c.h is None
                else self.m.px(c.h)
            )
            cy = self._cross(align, y, h, ch)
            self.place(c, cursor, cy, cw, ch, clip)
            cursor += cw + step_gap

    def _place_stack(self, v: View, x: int, y: int, w: int, h: int, clip: Box) -> None:
        for c in v.children:
            if c.at == "fill":
                self.place(c, x, y, w, h, clip)
                continue
            cw = self.width(c, w) if c.w is not None or c.kind != "col" else w
            ch = self.height(c, cw)
            parts = c.at.split("-")
            vertical = "top" if "top" in parts else "bottom" if "bottom" in parts else "center"
            horizontal = "left" if "left" in parts else "right" if "right" in parts else "center"
            if c.at in ("top", "bottom"):
                horizontal = "fill"
            cx = {"left": x, "right": x + w - cw, "center": x + (w - cw) // 2, "fill": x}[
                horizontal
            ]
            cy = {"top": y, "bottom": y + h - ch, "center": y + (h - ch) // 2}[vertical]
            self.place(c, cx, cy, w if horizontal == "fill" else cw, ch, clip)


def layout(root: View, width: int, height: int, metrics: Metrics, scroll: dict[str, int]) -> None:
    """Lays `root` out over a `width` x `height` pixel screen, in place.

    `scroll` holds the offsets of scrolling containers by key; offsets are clamped to the
    content's range and written back.
    """
    screen = (0, 0, width, height)
    _Layout(metrics, scroll).place(root, 0, 0, width, height, screen)
