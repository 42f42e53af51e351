"""The text forms of actions that `Action.parse` understands: AutoUI, JSON and CogAgent.

Each parser returns an `Action`, None when the text is not in its form, or raises
`ActionParseError` when it is in its form but malformed. Every pattern matches in time linear in
the text: none has a greedy `.*` that a later part must backtrack over (`"A(" * 50_000` took
26 s in the old CogAgent pattern); the last closing bracket or quote is found with `rfind`.
"""

from __future__ import annotations

import json
import re

from android_gym.actions import Action, ActionType, Point, parse_action_type, parse_point
from android_gym.errors import ActionParseError, quote


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
_AUTOUI_TEXT = re.compile(r'"typed_text"\s*:\s*"')


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
        end = decision.rfind('"')  # the text runs to the last quote, quotes inside included
        if match is None or end < match.end():
            raise ActionParseError('AutoUI TYPE needs "typed_text": "..."')
        return Action(kind, text=decision[match.end() : end])
    return Action(kind)


_COG_OPEN = re.compile(r"\b([A-Z_]+)\s*\(")
_COG_BOX = re.compile(
    r"box\s*=\s*\[\[\s*([-\d.]+)\s*,\s*([-\d.]+)\s*,\s*([-\d.]+)\s*,\s*([-\d.]+)\s*\]\]"
)
_COG_TEXT = re.compile(r"""text\s*=\s*(['"])""")
_COG_KEY = re.compile(r"""key\s*=\s*(['"])""")
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


def _quoted(pattern: re.Pattern, args: str) -> str | None:
    """The value of the first `name='...'` (or "...") of `pattern` that is closed, read in one
    pass: a quote character found unclosed once is never searched for again."""
    unclosed = set()
    for match in pattern.finditer(args):
        quote_char = match.group(1)
        if quote_char in unclosed:
            continue
        end = args.find(quote_char, match.end())
        if end >= 0:
            return args[match.end() : end]
        unclosed.add(quote_char)
    return None


def _cog_call(text: str) -> tuple[str, str] | None:
    """The operation and its arguments: the first `NAME(` and what runs to the last `)`."""
    close = text.rfind(")")
    match = _COG_OPEN.search(text, 0, max(close, 0))
    if match is None:
        return None
    return match.group(1), text[match.end() : close]


def _parse_cogagent(text: str) -> Action | None:
    call = _cog_call(text)
    if call is None:
        return None
    op, args = call
    if op in ("CLICK", "TAP", "LONG_PRESS", "DOUBLE_CLICK"):
        y, x = _cog_box_center(args)
        return Action.tap(y, x)
    if op == "TYPE":
        typed = _quoted(_COG_TEXT, args)
        if typed is None:
            raise ActionParseError("CogAgent TYPE needs text='...'")
        return Action.type_text(typed)
    if op in _COG_SCROLL:
        center = _cog_box_center(args) if _COG_BOX.search(args) else (0.5, 0.5)
        base = Action.scroll(_COG_SCROLL[op])
        assert base.touch is not None and base.lift is not None
        dy, dx = center[0] - 0.5, center[1] - 0.5
        return Action.swipe(
            (base.touch[0] + dy, base.touch[1] + dx), (base.lift[0] + dy, base.lift[1] + dx)
        )
    if op == "KEY_PRESS":
        name = (_quoted(_COG_KEY, args) or "").strip().lower()
        if name not in _COG_KEYS:
            raise ActionParseError(
                f"CogAgent KEY_PRESS key {quote(name)} unknown; accepted: {sorted(_COG_KEYS)}"
            )
        return Action(_COG_KEYS[name])
    if op in ("END", "FINISH", "DONE"):
        return Action(ActionType.STATUS_TASK_COMPLETE)
    return None


PARSERS = (_parse_json, _parse_autoui_if_marked, _parse_cogagent)
"""Tried in this order."""
