"""The UI hierarchy of a step as collapsible HTML, with the element a tap hit highlighted.

The hierarchy comes from the step's uiautomator XML, read by `android_gym.ui.parse_ui_xml`;
nesting follows the elements' depths. The element a tap hit is the tappable element whose bounds
hold the tapped pixel (the smallest one), else the smallest element that holds it: what the
environment's hit-testing would pick.
"""

from __future__ import annotations

from html import escape

from android_gym.ui import UIElement, format_bounds, to_pixels

Point = tuple[float, float]


def hit_element(
    elements: list[UIElement], point: Point, screen_size: tuple[int, int]
) -> int | None:
    """Index of the element a tap at normalised `point` hit, or None when none holds it."""
    x, y = to_pixels(point, screen_size)
    hits = [i for i, element in enumerate(elements) if element.contains(x, y)]
    if not hits:
        return None
    return min(hits, key=lambda i: (not elements[i].tappable, elements[i].area))


def tree_html(elements: list[UIElement], highlight: int | None) -> str:
    """Nested `<details>` of the hierarchy; the highlighted element and its ancestors open."""
    opened = _ancestors(elements, highlight)
    parts: list[str] = []
    depths: list[int] = []
    for i, element in enumerate(elements):
        while depths and depths[-1] >= element.depth:
            depths.pop()
            parts.append("</details>")
        label = escape(f"{element.describe()}  {format_bounds(element.bounds)}")
        css = ' class="hit"' if i == highlight else ""
        if i + 1 < len(elements) and elements[i + 1].depth > element.depth:
            is_open = " open" if i in opened else ""
            parts.append(f"<details{is_open}><summary{css}>{label}</summary>")
            depths.append(element.depth)
        else:
            parts.append(f'<div class="leaf{" hit" if css else ""}">{label}</div>')
    parts.extend("</details>" for _ in depths)
    return "".join(parts)


def _ancestors(elements: list[UIElement], index: int | None) -> set[int]:
    """`index` and the elements above it (pre-order: the nearest earlier shallower ones)."""
    if index is None:
        return set()
    out, depth = {index}, elements[index].depth
    for i in range(index - 1, -1, -1):
        if elements[i].depth < depth:
            out.add(i)
            depth = elements[i].depth
    return out
