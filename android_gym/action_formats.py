"""The text forms of actions that `Action.parse` understands: AutoUI, JSON and CogAgent.

Each parser returns an `Action`, None when the text is not in its form, or raises
`ActionParseError` when it is in its form but malformed.
"""

from __future__ import annotations

import json
import re

from android_gym.actions import Action, ActionType, Point, parse_action_type, parse_point
from android_gym.errors import ActionParseError


def _parse_autoui_if_marked(text: str) -> Action | None:
    if "action decision" in text.lower() or re.search(r'"action_type"\s*:\s*"', text):
        return _parse_autoui(text)
    return None


def _parse_json(text: str) -> Action | None:
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end <= start:
        return None
    try:
        data = json.loads(text[start : end + 1])
    except (json.JSONDecodeError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    return Action.from_dict(data)


_AUTOUI_FIELD = re.compile(r'"(action_type|touch_point|lift_point)"\s*:\s*"([^"]*)"')
_AUTOUI_TEXT = re.compile(r'"typed_text"\s*:\s*"(.*)"', re.DOTALL)


def _parse_autoui(text: str) -> Action | None:
    marker = text.lower().rfind("action decision")
    decision = text[marker:] if marker >= 0 else text
    fields = dict(_AUTOUI_FIELD.findall(decision))
    if "action_type" not in fields:
        return None
    kind = parse_action_type(fields["action_type"])
    if kind is ActionType.DUAL_POINT:
        if "touch_point" not in fields or "lift_point" not in fields:
            raise ActionParseError("AutoUI DUAL_POINT needs touch_point and lift_point")
        return Action(
            kind,
            parse_point(fields["touch_point"], "touch_point"),
            parse_point(fields["lift_point"], "lift_point"),
        )
    if kind is ActionType.TYPE:
        match = _AUTOUI_TEXT.search(decision)
        if match is None:
            raise ActionParseError('AutoUI TYPE needs "typed_text": "..."')
        return Action(kind, text=match.group(1))
    return Action(kind)


_COG_CALL = re.compile(r"\b([A-Z_]+)\s*\((.*)\)", re.DOTALL)
_COG_BOX = re.compile(
    r"box\s*=\s*\[\[\s*([-\d.]+)\s*,\s*([-\d.]+)\s*,\s*([-\d.]+)\s*,\s*([-\d.]+)\s*\]\]"
)
_COG_TEXT = re.compile(r"""text\s*=\s*(['"])(.*?)\1""", re.DOTALL)
_COG_KEY = re.compile(r"""key\s*=\s*(['"])(.*?)\1""")
_COG_KEYS = {
    "enter": ActionType.PRESS_ENTER,
    "back": ActionType.PRESS_BACK,
    "home": ActionType.PRESS_HOME,
}
_COG_SCROLL = {
    "SCROLL_DOWN": "down",
    "SCROLL_UP": "up",
    "SCROLL_LEFT": "left",
    "SCROLL_RIGHT": "right",
}


def _cog_box_center(args: str) -> Point:
    match = _COG_BOX.search(args)
    if match is None:
        raise ActionParseError("CogAgent operation needs box=[[x1,y1,x2,y2]] on a 0-1000 scale")
    x1, y1, x2, y2 = (float(v) for v in match.groups())
    return ((y1 + y2) / 2000.0, (x1 + x2) / 2000.0)


def _parse_cogagent(text: str) -> Action | None:
    match = _COG_CALL.search(text)
    if match is None:
        return None
    op, args = match.group(1), match.group(2)
    if op in ("CLICK", "TAP", "LONG_PRESS", "DOUBLE_CLICK"):
        y, x = _cog_box_center(args)
        return Action.tap(y, x)
    if op == "TYPE":
        found = _COG_TEXT.search(args)
        if found is None:
            raise ActionParseError("CogAgent TYPE needs text='...'")
        return Action.type_text(found.group(2))
    if op in _COG_SCROLL:
        center = _cog_box_center(args) if _COG_BOX.search(args) else (0.5, 0.5)
        base = Action.scroll(_COG_SCROLL[op])
        assert base.touch is not None and base.lift is not None
        dy, dx = center[0] - 0.5, center[1] - 0.5
        return Action.swipe(
            (base.touch[0] + dy, base.touch[1] + dx), (base.lift[0] + dy, base.lift[1] + dx)
        )
    if op == "KEY_PRESS":
        found = _COG_KEY.search(args)
        name = found.group(2).strip().lower() if found else ""
        if name not in _COG_KEYS:
            raise ActionParseError(
                f"CogAgent KEY_PRESS key {name!r} unknown; accepted: {sorted(_COG_KEYS)}"
            )
        return Action(_COG_KEYS[name])
    if op in ("END", "FINISH", "DONE"):
        return Action(ActionType.STATUS_TASK_COMPLETE)
    return None


PARSERS = (_parse_json, _parse_autoui_if_marked, _parse_cogagent)
"""Tried in this order."""
