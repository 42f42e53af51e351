"""The view toolkit: layout geometry, scrolling and hit-testing."""

from __future__ import annotations

import time

from android_gym.sim.hierarchy import deepest, tap_target, to_xml
from android_gym.sim.layout import layout
from android_gym.sim.theme import Metrics
from android_gym.sim.view import col, field, row, space, stack, text
from android_gym.ui import parse_ui_xml

M = Metrics(1080)  # density 2.625


def test_column_fixed_flex_and_padding() -> None:
    top, middle, bottom = space(h=20), space(flex=1), space(h=40)
    root = col(top, middle, bottom, pad=10)
    layout(root, 1080, 2400, M, {})
    p = M.px(10)
    assert top.box == (p, p, 1080 - p, p + M.px(20))
    assert bottom.box[3] == 2400 - p
    assert middle.box[1] == top.box[3] and middle.box[3] == bottom.box[1]


def test_row_shares_flex_width_and_centres_vertically() -> None:
    a, b, c = space(w=100, h=10), space(flex=1, h=10), space(flex=3, h=10)
    bar = row(a, b, c, h=50)
    layout(col(bar), 1080, 2400, M, {})  # the root fills the screen; the row is its child
    assert a.box[2] - a.box[0] == M.px(100)
    assert abs((c.box[2] - c.box[0]) - 3 * (b.box[2] - b.box[0])) <= 3
    assert c.box[2] >= 1080 - 3
    assert a.box[1] == (M.px(50) - M.px(10)) // 2


def test_text_wraps_and_limits_lines() -> None:
    long = text("word " * 80, size=16)
    short = text("word " * 80, size=16, lines=2)
    layout(col(long, short), 1080, 2400, M, {})
    assert len(long.lines_placed) > 3
    assert len(short.lines_placed) == 2 and short.lines_placed[-1][0].endswith("…")
    for _, (x1, _, x2, _) in long.lines_placed:
        assert x1 >= 0 and x2 <= 1080 + 2


def test_long_text_lays_out_in_time_linear_in_what_is_visible() -> None:
    """A two-line label of 20,000-letter words and a field holding 20,000 characters lay
    out at once, showing the most that fits (cutting one character at a time took minutes)."""
    label = text("w" * 20_000 + " " + "v" * 20_000 + " tail", size=16, lines=2)
    value = field("x" * 20_000 + "end", focused=True, size=16)
    start = time.perf_counter()
    layout(col(label, value), 1080, 2400, M, {})
    assert time.perf_counter() - start < 2.0
    (first, _), (last, _) = label.lines_placed
    assert first == "w" * 20_000, "a word wider than the line has a line of its own"
    assert last.endswith("…") and M.text_width(last, 16, "regular") <= 1080
    assert last.startswith("v") and M.text_width(last[:-1] + "v…", 16, "regular") > 1080
    ((shown, _),) = value.lines_placed
    assert shown.endswith("xend"), "a long value shows its end, as an EditText scrolls"
    assert M.text_width(shown, 16, "regular") <= 1080 < M.text_width("x" + shown, 16, "regular")


def test_scroll_offsets_clip_children_and_are_clamped() -> None:
    items = [space(h=100, rid=f"item{i}", on_tap=lambda: None) for i in range(30)]
    scroller = col(*items, flex=1, scroll="list")
    offsets = {"list": 10**6}
    layout(col(col(scroller, h=400)), 1080, 2400, M, offsets)
    assert offsets["list"] == scroller.scroll_range == 30 * M.px(100) - M.px(400)
    visible = [
        e for e in parse_ui_xml(to_xml(scroller, "pkg")) if e.resource_id.startswith("pkg:id/item")
    ]
    assert 0 < len(visible) < 30
    assert visible[-1].resource_id == "pkg:id/item29"  # scrolled to the end
    assert all(0 <= e.bounds[1] < e.bounds[3] <= M.px(400) for e in visible)


def test_taps_reach_the_front_most_clickable_view() -> None:
    hits = []
    behind = space(on_tap=lambda: hits.append("behind"))
    front = col(space(h=100, on_tap=lambda: hits.append("front")), at="top")
    root = stack(behind, front)
    layout(root, 1080, 2400, M, {})
    tap_target(root, 50, 50).on_tap()
    tap_target(root, 50, 900).on_tap()
    assert hits == ["front", "behind"]
    assert deepest(root, 5000, 5000, lambda v: True) is None


def test_opaque_overlays_block_taps_to_views_behind() -> None:
    behind = space(on_tap=lambda: None)
    sheet = col(space(h=50), bg="#ffffff", at="bottom", h=200)
    root = stack(behind, sheet)
    layout(root, 1080, 2400, M, {})
    assert tap_target(root, 10, 2000) is None
    assert tap_target(root, 10, 100) is behind
