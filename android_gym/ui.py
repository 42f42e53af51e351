"""UI elements and the uiautomator XML format, shared by every device backend.

Real devices produce this XML with `uiautomator dump`; the simulated phone writes the same format
from its view tree. Agents, the oracle and the wrappers read it through `parse_ui_xml`; the
environment hit-tests taps with `tappable_at`, which reads only the start tags that can matter.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from android_gym.errors import DeviceError

Bounds = tuple[int, int, int, int]
"""Element bounds in device pixels: (x1, y1, x2, y2), right and bottom exclusive."""

_BOUNDS = re.compile(r"\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]")
_BOUNDS_ATTRIBUTE = re.compile(r' bounds="\[(-?\d+),(-?\d+)\]\[(-?\d+),(-?\d+)\]"')
_ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')
_FOCUSED = ' focused="true"'
_TAPPABLE_MARKS = (' clickable="true"', ' checkable="true"', 'EditText"')
"""Text that the start tag of every `UIElement.tappable` element holds (a cheap pre-test)."""


@dataclass(frozen=True)
class UIElement:
    """One node of a uiautomator hierarchy (attributes as uiautomator names them)."""

    text: str = ""
    resource_id: str = ""
    class_name: str = ""
    package: str = ""
    content_desc: str = ""
    bounds: Bounds = (0, 0, 0, 0)
    clickable: bool = False
    long_clickable: bool = False
    scrollable: bool = False
    focusable: bool = False
    focused: bool = False
    enabled: bool = True
    checkable: bool = False
    checked: bool = False
    selected: bool = False
    password: bool = False
    depth: int = 0

    @property
    def center(self) -> tuple[int, int]:
        """Centre in device pixels as (x, y)."""
        x1, y1, x2, y2 = self.bounds
        return ((x1 + x2) // 2, (y1 + y2) // 2)

    def center_yx(self, screen_width: int, screen_height: int) -> tuple[float, float]:
        """Centre as a normalised (y, x) point, the form `Action.tap` takes."""
        x, y = self.center
        return (y / screen_height, x / screen_width)

    def contains(self, x: int, y: int) -> bool:
        """Whether device pixel (x, y) lies inside the bounds (right and bottom exclusive)."""
        x1, y1, x2, y2 = self.bounds
        return x1 <= x < x2 and y1 <= y < y2

    @property
    def editable(self) -> bool:
        """An editable text field (uiautomator reports EditText subclasses as EditText)."""
        return self.class_name.endswith("EditText")

    @property
    def tappable(self) -> bool:
        """A tap on it can do something: it is enabled and clickable, checkable or an editable
        field (a tap focuses it). Scrollable and merely focusable containers do not count:
        lists and web views are often both without reacting to a tap."""
        return self.enabled and (self.clickable or self.checkable or self.editable)

    @property
    def area(self) -> int:
        x1, y1, x2, y2 = self.bounds
        return max(0, x2 - x1) * max(0, y2 - y1)

    @property
    def label(self) -> str:
        """What a person would call this element: its text, else its content description."""
        return self.text or self.content_desc

    @property
    def short_id(self) -> str:
        """The resource id without its package prefix ("url_bar" for "com.x:id/url_bar")."""
        return self.resource_id.rsplit("/", 1)[-1]

    def describe(self) -> str:
        """A one-line description for prompts and logs."""
        kind = self.class_name.rsplit(".", 1)[-1]
        parts = [kind]
        if self.short_id:
            parts.append(f"#{self.short_id}")
        if self.label:
            parts.append(repr(self.label[:60]))
        flags = [n for n in ("clickable", "scrollable", "focused", "checked") if getattr(self, n)]
        if flags:
            parts.append("[" + ",".join(flags) + "]")
        return " ".join(parts)


def to_pixels(point: tuple[float, float], screen_size: tuple[int, int]) -> tuple[int, int]:
    """A normalised (y, x) point as the device pixel (x, y) that the environment touches."""
    y, x = point
    width, height = screen_size
    return (round(x * (width - 1)), round(y * (height - 1)))


def parse_bounds(text: str) -> Bounds:
    """Parses "[x1,y1][x2,y2]"."""
    match = _BOUNDS.fullmatch(text.strip())
    if match is None:
        raise DeviceError(f"malformed bounds {text!r}; expected '[x1,y1][x2,y2]'")
    x1, y1, x2, y2 = (int(v) for v in match.groups())
    return (x1, y1, x2, y2)


def format_bounds(bounds: Bounds) -> str:
    """Writes bounds as uiautomator does: "[x1,y1][x2,y2]"."""
    x1, y1, x2, y2 = bounds
    return f"[{x1},{y1}][{x2},{y2}]"


def _element(attributes: Mapping[str, str], depth: int) -> UIElement:
    """The element of one node's attributes (as uiautomator names them)."""
    get = attributes.get
    bounds_text = get("bounds")
    match = _BOUNDS.fullmatch(bounds_text.strip()) if bounds_text else None
    if bounds_text and match is None:
        raise DeviceError(f"malformed bounds {bounds_text!r}; expected '[x1,y1][x2,y2]'")
    return UIElement(
        get("text", ""),
        get("resource-id", ""),
        get("class", ""),
        get("package", ""),
        get("content-desc", ""),
        tuple(int(v) for v in match.groups()) if match else (0, 0, 0, 0),  # type: ignore[arg-type]
        get("clickable") == "true",
        get("long-clickable") == "true",
        get("scrollable") == "true",
        get("focusable") == "true",
        get("focused") == "true",
        get("enabled", "true") == "true",
        get("checkable") == "true",
        get("checked") == "true",
        get("selected") == "true",
        get("password") == "true",
        depth,
    )


def _walk(node: ET.Element, depth: int, out: list[UIElement]) -> None:
    """Appends the elements under `node` in pre-order (agents parse a hierarchy every step)."""
    for child in node:
        if child.tag == "node":
            out.append(_element(child.attrib, depth))
            _walk(child, depth + 1, out)


def parse_ui_xml(xml: str) -> list[UIElement]:
    """Every node of a uiautomator dump, in document (pre-)order.

    Raises `DeviceError` when the text is not a uiautomator hierarchy. Recent dumps are
    memoised: agents and wrappers often parse the same screen more than once.
    """
    return list(_parse(xml))


@lru_cache(maxsize=64)
def _parse(xml: str) -> tuple[UIElement, ...]:
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise DeviceError(f"UI hierarchy is not well-formed XML: {exc}") from None
    if root.tag != "hierarchy":
        raise DeviceError(f"UI hierarchy must have a <hierarchy> root, got <{root.tag}>")
    out: list[UIElement] = []
    _walk(root, 0, out)
    return tuple(out)


def _tag(xml: str, position: int) -> tuple[int, int]:
    """Where the start tag that holds `position` begins and ends. Attribute values of a dump
    escape quotes and angle brackets, so it runs from the last "<node " to the next ">"."""
    return xml.rfind("<node ", 0, position), xml.find(">", position)


def _tag_element(xml: str, start: int, end: int) -> UIElement:
    """The element of the start tag xml[start:end], read from that tag alone (depth 0: unknown)."""
    attributes = {
        name: html.unescape(value) if "&" in value else value
        for name, value in _ATTRIBUTE.findall(xml, start, end)
    }
    return _element(attributes, 0)


def tappable_at(xml: str, x: int, y: int) -> bool:
    """Whether device pixel (x, y) lies in a `UIElement.tappable` element of a dump.

    Reads only the start tags holding one of `_TAPPABLE_MARKS` (every tappable element's does),
    not the whole tree: `parse_ui_xml` is some ten times slower, and the environment hit-tests
    every tap that changed nothing.
    """
    for mark in _TAPPABLE_MARKS:
        at = xml.find(mark)
        while at >= 0:
            start, end = _tag(xml, at)
            box = _BOUNDS_ATTRIBUTE.search(xml, start, end)
            if (
                box is not None
                and int(box[1]) <= x < int(box[3])
                and int(box[2]) <= y < int(box[4])
                and _tag_element(xml, start, end).tappable
            ):
                return True
            at = xml.find(mark, end)
    return False


def focused_elements(xml: str) -> list[UIElement]:
    """The elements of a dump marked focused, read from their start tags alone (depth 0).

    Raises `DeviceError` on malformed bounds, as `parse_ui_xml` does."""
    out, at = [], xml.find(_FOCUSED)
    while at >= 0:
        start, end = _tag(xml, at)
        out.append(_tag_element(xml, start, end))
        at = xml.find(_FOCUSED, end)
    return out


def find(
    elements: Iterable[UIElement],
    *,
    resource_id: str | None = None,
    text: str | None = None,
    contains: str | None = None,
    content_desc: str | None = None,
    clickable: bool | None = None,
) -> list[UIElement]:
    """Elements matching every given criterion.

    `resource_id` matches the full id or its short form; `text` matches text or content
    description exactly (case-insensitive); `contains` matches a substring of either.
    """
    out = []
    for e in elements:
        if resource_id is not None and resource_id not in (e.resource_id, e.short_id):
            continue
        if text is not None and text.lower() not in (e.text.lower(), e.content_desc.lower()):
            continue
        if (
            contains is not None
            and contains.lower() not in (e.text + "\n" + e.content_desc).lower()
        ):
            continue
        if content_desc is not None and e.content_desc != content_desc:
            continue
        if clickable is not None and e.clickable != clickable:
            continue
        out.append(e)
    return out
