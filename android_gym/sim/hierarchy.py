"""The laid-out view tree as uiautomator sees it: XML export and hit-testing.

Only what is on screen is exported (bounds are the visible part, as uiautomator reports them),
and a tap reaches the front-most clickable view under the finger, so the XML an agent reads and
the taps it sends agree with the pixels.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from android_gym.sim.layout import is_empty
from android_gym.sim.view import View

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;"})


_PLAIN = re.compile(r"[^&<>\"\n\x00-\x1f\ud800-\udfff\ufffe\uffff]*")


def _attr(value: str) -> str:
    if _PLAIN.fullmatch(value):
        return value
    return _INVALID_XML.sub("", value).translate(_ESCAPES)


def _bool(flag: bool) -> str:
    return "true" if flag else "false"


def _exported(v: View) -> bool:
    return v.kind != "space" or bool(v.rid or v.desc or v.on_tap or v.scroll)


def to_xml(root: View, default_package: str) -> str:
    """The uiautomator dump of a laid-out tree."""
    parts = ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">"]
    _node(root, default_package, 0, parts)
    parts.append("</hierarchy>")
    return "".join(parts)


def _node(v: View, package: str, index: int, parts: list[str]) -> None:
    if is_empty(v.clip) or not _exported(v):
        return
    package = v.package or package
    rid = v.rid if (not v.rid or ":" in v.rid) else f"{package}:id/{v.rid}"
    x1, y1, x2, y2 = v.clip
    parts.append(
        f'<node index="{index}" text="{_attr(v.text)}" resource-id="{_attr(rid)}" '
        f'class="{v.ui_class}" package="{package}" content-desc="{_attr(v.desc)}" '
        f'checkable="{_bool(v.checkable)}" checked="{_bool(v.checked)}" '
        f'clickable="{_bool(v.clickable)}" enabled="{_bool(v.enabled)}" '
        f'focusable="{_bool(v.clickable or v.editable)}" focused="{_bool(v.focused)}" '
        f'scrollable="{_bool(bool(v.scroll) and v.scroll_range > 0)}" long-clickable="false" '
        f'password="{_bool(v.password)}" selected="{_bool(v.selected)}" '
        f'bounds="[{x1},{y1}][{x2},{y2}]">'
    )
    i = 0
    for child in v.children:
        if not is_empty(child.clip) and _exported(child):
            _node(child, package, i, parts)
            i += 1
    parts.append("</node>")


Path = tuple[int, ...]
"""A view's position in a tree: child indices from the root."""


def _contains(v: View, x: int, y: int) -> bool:
    x1, y1, x2, y2 = v.clip
    return x1 <= x < x2 and y1 <= y < y2


def find_path(root: View, x: int, y: int, wanted: Callable[[View], bool]) -> Path | None:
    """The path of the front-most, deepest visible view under (x, y) for which `wanted` holds.

    A view with a background is opaque to touches: views behind it are not reached.
    """
    if not _contains(root, x, y):
        return None
    for i in range(len(root.children) - 1, -1, -1):
        child = root.children[i]
        if not _contains(child, x, y):
            continue
        found = find_path(child, x, y, wanted)
        if found is not None:
            return (i, *found)
        if child.bg is not None:
            break
    return () if wanted(root) else None


def node_at(root: View, path: Path) -> View:
    """The view at `path`."""
    node = root
    for i in path:
        node = node.children[i]
    return node


def tap_path(root: View, x: int, y: int) -> Path | None:
    """Where a tap at (x, y) lands: the front-most clickable view."""
    return find_path(root, x, y, lambda v: v.on_tap is not None)


def scroll_path(root: View, x: int, y: int) -> Path | None:
    """The innermost scrolling container or swipe handler under (x, y)."""
    return find_path(root, x, y, lambda v: bool(v.scroll) or v.on_swipe is not None)


def focused_path(root: View) -> Path | None:
    """The focused editable field, if any."""
    if root.kind == "field" and root.focused:
        return ()
    for i, child in enumerate(root.children):
        found = focused_path(child)
        if found is not None:
            return (i, *found)
    return None
