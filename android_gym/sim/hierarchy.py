"""The laid-out view tree as uiautomator sees it: XML export and hit-testing.

Only what is on screen is exported (bounds are the visible part, as uiautomator reports them),
and a tap reaches the front-most clickable view under the finger, so the XML an agent reads and
the taps it sends agree with the pixels.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from android_gym.sim.view import View

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;"})


_PLAIN = re.compile(r"[^&<>\"\n\x00-\x1f\ud800-\udfff\ufffe\uffff]*")


def _attr(value: str) -> str:
    if _PLAIN.fullmatch(value):
        return value
    return _INVALID_XML.sub("", value).translate(_ESCAPES)


_FLAGS = (
    "checkable",
    "checked",
    "clickable",
    "enabled",
    "focusable",
    "focused",
    "scrollable",
    "long-clickable",
    "password",
    "selected",
)
_FLAG_TEXT: dict[tuple[bool, ...], str] = {}


def _flags(values: tuple[bool, ...]) -> str:
    """The boolean attributes of a node (memoised: few combinations occur)."""
    text = _FLAG_TEXT.get(values)
    if text is None:
        text = " ".join(
            f'{n}="{"true" if f else "false"}"' for n, f in zip(_FLAGS, values, strict=True)
        )
        _FLAG_TEXT[values] = text
    return text


def _exported(v: View) -> bool:
    return v.kind != "space" or bool(v.rid or v.desc or v.on_tap or v.scroll)


def to_xml(root: View, default_package: str) -> str:
    """The uiautomator dump of a laid-out tree."""
    parts = ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?><hierarchy rotation=\"0\">"]
    _node(root, default_package, 0, parts)
    parts.append("</hierarchy>")
    return "".join(parts)


def _node(v: View, package: str, index: int, parts: list[str]) -> None:
    if v.retained:
        assert v.memo is not None, "retained views are laid out before they are exported"
        key = ("xml", package, index)
        fragment = v.memo.get(key)
        if fragment is None:
            inner: list[str] = []
            _node_subtree(v, package, index, inner)
            fragment = v.memo[key] = "".join(inner)
        parts.append(fragment)
        return
    _node_subtree(v, package, index, parts)


def _node_subtree(v: View, package: str, index: int, parts: list[str]) -> None:
    package = v.package or package
    rid = v.rid if (not v.rid or ":" in v.rid) else f"{package}:id/{v.rid}"
    x1, y1, x2, y2 = v.clip
    clickable = v.on_tap is not None
    flags = _flags(
        (
            v.checkable,
            v.checked,
            clickable,
            v.enabled,
            clickable or v.kind == "field",
            v.focused,
            bool(v.scroll) and v.scroll_range > 0,
            False,
            v.password,
            v.selected,
        )
    )
    parts.append(
        f'<node index="{index}" text="{_attr(v.text)}" resource-id="{_attr(rid)}" '
        f'class="{v.ui_class}" package="{package}" content-desc="{_attr(v.desc)}" {flags} '
        f'bounds="[{x1},{y1}][{x2},{y2}]">'
    )
    i = 0
    for child in v.children:
        cx1, cy1, cx2, cy2 = child.clip
        if cx2 > cx1 and cy2 > cy1 and _exported(child):
            _node(child, package, i, parts)
            i += 1
    parts.append("</node>")


def _contains(v: View, x: int, y: int) -> bool:
    x1, y1, x2, y2 = v.clip
    return x1 <= x < x2 and y1 <= y < y2


def deepest(root: View, x: int, y: int, wanted: Callable[[View], bool]) -> View | None:
    """The front-most, deepest visible view under (x, y) for which `wanted` holds.

    A view with a background is opaque to touches: views behind it are not reached.
    """
    if not _contains(root, x, y):
        return None
    for child in reversed(root.children):
        if not _contains(child, x, y):
            continue
        found = deepest(child, x, y, wanted)
        if found is not None:
            return found
        if child.bg is not None:
            break
    return root if wanted(root) else None


def tap_target(root: View, x: int, y: int) -> View | None:
    """The view a tap at (x, y) reaches: the front-most clickable one."""
    return deepest(root, x, y, lambda v: v.on_tap is not None)


def scroll_target(root: View, x: int, y: int) -> View | None:
    """The innermost scrolling container or swipe handler under (x, y)."""
    return deepest(root, x, y, lambda v: bool(v.scroll) or v.on_swipe is not None)
