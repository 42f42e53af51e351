"""What the readers look at: the elements of one app's window in a uiautomator dump.

Every reader of this package reads its app's facts from a `Screen` of that app's elements, found
by resource id (short form, as `android_gym.ui.find` matches it) or content description; none
parses XML itself (`android_gym.ui.parse_ui_xml` does, once per state read).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from android_gym.ui import UIElement


@dataclass(frozen=True)
class Screen:
    """A sequence of elements in document order (a whole dump, or one package's part)."""

    elements: tuple[UIElement, ...]

    def __iter__(self) -> Iterator[UIElement]:
        return iter(self.elements)

    def __bool__(self) -> bool:
        return bool(self.elements)

    def of(self, package: str) -> Screen:
        """The elements that `package`'s windows drew."""
        return Screen(tuple(e for e in self.elements if e.package == package))

    def all(self, rid: str) -> list[UIElement]:
        """The elements whose resource id (full, or short without "pkg:id/") is `rid`."""
        return [e for e in self.elements if rid in (e.resource_id, e.short_id)]

    def first(self, rid: str) -> UIElement | None:
        found = self.all(rid)
        return found[0] if found else None

    def text(self, rid: str) -> str:
        """The text of the first element with id `rid` ("" when there is none)."""
        element = self.first(rid)
        return element.text if element is not None else ""

    def has(self, rid: str) -> bool:
        return self.first(rid) is not None

    def described(self, desc: str) -> list[UIElement]:
        """The elements whose content description is exactly `desc`."""
        return [e for e in self.elements if e.content_desc == desc]

    def inside(self, outer: UIElement) -> Screen:
        """The elements whose centre lies in `outer`'s bounds (its children on screen)."""
        return Screen(
            tuple(e for e in self.elements if e is not outer and outer.contains(*e.center))
        )
