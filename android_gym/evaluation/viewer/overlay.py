"""The marks drawn over a screenshot to show an action, shared by the HTML pages and the GIFs.

A tap is a dot (with the bounds of the element it hit), a swipe an arrow from touch to lift,
typed text a caption, a key or status action a badge, and an action that did not parse a badge
holding what the agent sent. Points are normalised `(y, x)`, as in `android_gym.Action`.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from android_gym.actions import Action, ActionType

Point = tuple[float, float]

KEY_BADGES = {
    ActionType.PRESS_BACK: "BACK",
    ActionType.PRESS_HOME: "HOME",
    ActionType.PRESS_ENTER: "ENTER",
    ActionType.STATUS_TASK_COMPLETE: "COMPLETE",
    ActionType.STATUS_TASK_IMPOSSIBLE: "IMPOSSIBLE",
}
DOT_RADIUS = 0.03
"""Radius of a tap's dot, as a fraction of the screen width."""
COLOR = "#e53935"
BOX_COLOR = "#fdd835"
ARROW_HEAD = (
    '<svg width="0" height="0" style="position:absolute"><defs><marker id="head" '
    'viewBox="0 0 10 10" refX="6" refY="5" markerWidth="4" markerHeight="4" orient="auto">'
    f'<path d="M0,0 L10,5 L0,10 z" fill="{COLOR}"/></marker></defs></svg>'
)
"""The arrow head that `svg` refers to, included once per page."""


@dataclass(frozen=True)
class Mark:
    """One thing drawn over a screenshot.

    `kind` is "dot" (points[0]), "arrow" (points[0] to points[1]), "box" (corners points[0] and
    points[1]), "text" (typed text, `label`) or "badge" (`label`).
    """

    kind: str
    points: tuple[Point, ...] = ()
    label: str = ""


def action_marks(
    action: Action | None, action_text: str | None, target: tuple[Point, Point] | None = None
) -> list[Mark]:
    """The marks of one step: `target` is the (top-left, bottom-right) corners of the element a
    tap hit, when known."""
    if action is None:
        sent = (action_text or "").strip()
        return [Mark("badge", label=f"unparsed: {sent[:60]}" if sent else "no action")]
    if action.type is ActionType.DUAL_POINT:
        assert action.touch is not None and action.lift is not None
        if not action.is_tap:
            return [Mark("arrow", (action.touch, action.lift))]
        box = [Mark("box", target)] if target is not None else []
        return [*box, Mark("dot", (action.touch,))]
    if action.type is ActionType.TYPE:
        return [Mark("text", label=action.text)]
    return [Mark("badge", label=KEY_BADGES.get(action.type, action.type.name))]


def svg(marks: list[Mark], width: int, height: int) -> str:
    """The geometric marks (dot, arrow, box) as an SVG drawn over a `width` x `height` screen."""
    stroke = max(2, round(width / 150))
    shapes = []
    for mark in marks:
        pixels = [(x * width, y * height) for y, x in mark.points]
        if mark.kind == "dot":
            (x, y) = pixels[0]
            shapes.append(
                f'<circle class="mark-dot" cx="{x:.1f}" cy="{y:.1f}" r="{DOT_RADIUS * width:.1f}" '
                f'fill="{COLOR}" fill-opacity="0.55" stroke="white" stroke-width="{stroke}"/>'
            )
        elif mark.kind == "arrow":
            (x1, y1), (x2, y2) = pixels
            shapes.append(
                f'<line class="mark-arrow" x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                f'stroke="{COLOR}" stroke-width="{2 * stroke}" marker-end="url(#head)"/>'
            )
        elif mark.kind == "box":
            (x1, y1), (x2, y2) = pixels
            shapes.append(
                f'<rect class="mark-box" x="{x1:.1f}" y="{y1:.1f}" width="{x2 - x1:.1f}" '
                f'height="{y2 - y1:.1f}" fill="none" stroke="{BOX_COLOR}" '
                f'stroke-width="{stroke}"/>'
            )
    if not shapes:
        return ""
    return (
        f'<svg class="overlay" viewBox="0 0 {width} {height}" preserveAspectRatio="none">'
        f"{''.join(shapes)}</svg>"
    )


def captions(marks: list[Mark]) -> str:
    """The textual marks (typed text, badges) as HTML laid over the screenshot."""
    return "".join(
        f'<div class="mark-{mark.kind}">{escape(mark.label)}</div>'
        for mark in marks
        if mark.kind in ("text", "badge")
    )
