"""The view tree: what every simulated screen is made of.

A screen is a pure function of an app's state that returns a tree of `View`s. The same tree is
laid out (`layout.py`), rendered to pixels (`render.py`), exported as uiautomator XML and
hit-tested for input (`hierarchy.py`), so the pixels and the XML always say the same thing.

Sizes are in dp (text sizes in sp). Build trees with the small constructors at the bottom
(`col`, `row`, `stack`, `text`, `icon`, `image`, `field`, `space`, `divider`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from android_gym.sim import theme

Handler = Callable[[], None]
Box = tuple[int, int, int, int]

DEFAULT_CLASS = {
    "col": "android.widget.LinearLayout",
    "row": "android.widget.LinearLayout",
    "stack": "android.widget.FrameLayout",
    "text": "android.widget.TextView",
    "icon": "android.widget.ImageView",
    "image": "android.widget.ImageView",
    "field": "android.widget.EditText",
    "space": "android.view.View",
}


@dataclass(eq=False, slots=True)
class View:
    """One node of a screen. Only `kind` is required; everything else has a neutral default.

    kind: "col" and "row" stack children vertically / horizontally, "stack" overlays them,
    "text", "icon", "image" and "field" (an editable text field) are leaves, "space" is empty.
    Sizing: `w`/`h` fix a size in dp; `None` means fill the parent's width in a column, wrap
    the content otherwise; `flex` shares the space left in the parent's main axis.
    """

    kind: str
    children: tuple[View, ...] = ()
    """A tuple (a leaf's is the shared empty one): a cached screen holds thousands of views,
    and every list would be one more object for each full garbage collection to scan."""
    # semantics (exported to uiautomator XML)
    cls: str = ""
    text: str = ""
    rid: str = ""
    desc: str = ""
    package: str = ""
    focused: bool = False
    checkable: bool = False
    checked: bool = False
    selected: bool = False
    enabled: bool = True
    password: bool = False
    # layout (dp)
    w: float | None = None
    h: float | None = None
    flex: float = 0.0
    pad: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    gap: float = 0.0
    align: str = ""
    justify: str = "start"
    at: str = "fill"
    # style
    bg: str | None = None
    radius: float = 0.0
    border: str | None = None
    shadow: bool = False
    size: float = 14.0
    weight: str = "regular"
    color: str = theme.TEXT
    lines: int = 0
    text_align: str = "left"
    icon: str = ""
    image: str = ""
    # behaviour
    on_tap: Handler | None = None
    on_swipe: Callable[[str], bool] | None = None
    scroll: str = ""
    hint: str = ""
    on_change: Callable[[str], None] | None = None
    on_submit: Handler | None = None
    on_blur: Handler | None = None
    # written by layout
    box: Box = (0, 0, 0, 0)
    clip: Box = (0, 0, 0, 0)
    lines_placed: tuple[tuple[str, Box], ...] = ()
    font_px: int = 0
    cursor: Box | None = None
    scroll_range: int = 0
    # reuse across screens
    retained: bool = False
    """The same object appears in many screens, always at the same place: layout, drawing
    operations and XML of its subtree are computed once (see `memo`)."""
    memo: dict | None = None

    @property
    def ui_class(self) -> str:
        if self.cls:
            return self.cls
        if self.scroll:
            return "android.widget.ScrollView"
        if self.kind == "text" and self.on_tap is not None:
            return "android.widget.Button"
        return DEFAULT_CLASS[self.kind]

    @property
    def clickable(self) -> bool:
        return self.on_tap is not None

    @property
    def editable(self) -> bool:
        return self.kind == "field"

    @property
    def shown_text(self) -> str:
        """What the view displays: a field's value, else its hint in grey."""
        if self.kind == "field":
            return self.text or self.hint
        return self.text

    def walk(self):
        """This view and all its descendants, pre-order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find_focused_field(self) -> View | None:
        """The focused editable field in this tree, if any."""
        for node in self.walk():
            if node.kind == "field" and node.focused:
                return node
        return None


def _pad(value: float | tuple[float, ...]) -> tuple[float, float, float, float]:
    """CSS-like padding: one value, (vertical, horizontal) or (left, top, right, bottom)."""
    if isinstance(value, (int, float)):
        return (value, value, value, value)
    if len(value) == 2:
        v, h = value
        return (h, v, h, v)
    left, top, right, bottom = value
    return (left, top, right, bottom)


def _make(kind: str, children: tuple[View | None, ...], attrs: dict) -> View:
    if "pad" in attrs:
        attrs["pad"] = _pad(attrs["pad"])
    kids = tuple(c for c in children if c is not None)
    return View(kind, kids, **attrs)


def col(*children: View | None, **attrs) -> View:
    """Children stacked top to bottom. `None` children are skipped (handy for conditionals)."""
    return _make("col", children, attrs)


def row(*children: View | None, **attrs) -> View:
    """Children side by side, vertically centred unless `align` says otherwise."""
    return _make("row", children, attrs)


def stack(*children: View | None, **attrs) -> View:
    """Children drawn over each other; each child's `at` places it ("fill", "top", "bottom",
    "center", "top-right", "bottom-right", ...)."""
    return _make("stack", children, attrs)


def text(value: str, **attrs) -> View:
    """A text label; long text wraps (limit with `lines`)."""
    return _make("text", (), {"text": value, **attrs})


def icon(name: str, size: float = 24, **attrs) -> View:
    """A square icon from `icons.py`, tinted with `color`."""
    attrs.setdefault("w", size)
    attrs.setdefault("h", size)
    return _make("icon", (), {"icon": name, **attrs})


def image(key: str, w: float | None = None, h: float | None = None, **attrs) -> View:
    """A picture drawn by `images.py` from its key (wallpapers, logos, product photos, maps)."""
    return _make("image", (), {"image": key, "w": w, "h": h, **attrs})


def field(value: str, hint: str = "", **attrs) -> View:
    """An editable text field; when `focused`, the phone shows the keyboard and routes typing to
    `on_change` and the enter key to `on_submit`."""
    return _make("field", (), {"text": value, "hint": hint, **attrs})


def space(h: float = 0, w: float | None = None, **attrs) -> View:
    """Empty space (not exported to the XML)."""
    return _make("space", (), {"h": h, "w": w, **attrs})


def divider(color: str = theme.DIVIDER, thickness: float = 1) -> View:
    """A horizontal rule."""
    return space(h=thickness, bg=color)
