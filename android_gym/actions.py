"""Actions in the Android-in-the-Wild (AitW) action space, and their text forms.

An `Action` is one of AitW's action types. Points are `(y, x)` pairs normalised to [0, 1], the
order AitW and AutoUI use. A DUAL_POINT whose touch and lift points are within `TAP_DISTANCE` of
each other is a tap, otherwise a swipe from touch to lift.

Three text forms are understood by `Action.parse`:

- AutoUI: ``Action Plan: [...] ; Action Decision: "action_type": "DUAL_POINT",
  "touch_point": "[0.52, 0.31]", "lift_point": "[0.52, 0.31]", "typed_text": ""``
  (the plan is optional);
- JSON: ``{"action_type": "TYPE", "typed_text": "hello"}``, the form `Action.to_json` writes,
  with case-insensitive type names, AitW integer ids and short aliases ("tap", "back", ...);
- CogAgent grounded operations: ``CLICK(box=[[x1,y1,x2,y2]])``, ``TYPE(box=..., text='...')``,
  ``SCROLL_DOWN(box=...)``, ``KEY_PRESS(key='Enter')``, ``END()``, boxes in (x, y) order on a
  0-1000 scale.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, fields
from enum import IntEnum
from typing import Any

import numpy as np

from android_gym.errors import ActionParseError, quote

TAP_DISTANCE = 0.04
"""Touch and lift points closer than this (normalised distance) make a tap, as in AitW."""

Point = tuple[float, float]

MAX_ACTION_CHARS = 8192
"""Longest action string `Action.parse` reads; a longer one is refused before any pattern runs,
so parsing takes bounded time. Policies write a few hundred characters (AutoUI's plan and
decision, CogAgent's grounded operation); typed text is cut to the env's `max_text` anyway."""


class ActionType(IntEnum):
    """AitW action types; the values are AitW's own integer ids."""

    TYPE = 3
    DUAL_POINT = 4
    PRESS_BACK = 5
    PRESS_HOME = 6
    PRESS_ENTER = 7
    STATUS_TASK_COMPLETE = 10
    STATUS_TASK_IMPOSSIBLE = 11

    @property
    def index(self) -> int:
        """Position of this type in `ACTION_TYPES` (the Discrete action space's value)."""
        return ACTION_TYPES.index(self)

    @classmethod
    def from_index(cls, index: int) -> ActionType:
        """The type at position `index` of `ACTION_TYPES`."""
        if not 0 <= int(index) < len(ACTION_TYPES):
            raise ActionParseError(
                f"action type index {index} out of range; accepted: 0..{len(ACTION_TYPES) - 1} "
                f"({', '.join(t.name for t in ACTION_TYPES)}); AitW's ids go in a dict's "
                "action_type_id"
            )
        return ACTION_TYPES[int(index)]


ACTION_TYPES: tuple[ActionType, ...] = tuple(ActionType)
"""Every action type, in the order of the environment's Discrete action-type space."""

_ALIASES: dict[str, ActionType] = {
    "type": ActionType.TYPE,
    "input": ActionType.TYPE,
    "dual_point": ActionType.DUAL_POINT,
    "tap": ActionType.DUAL_POINT,
    "click": ActionType.DUAL_POINT,
    "swipe": ActionType.DUAL_POINT,
    "scroll": ActionType.DUAL_POINT,
    "press_back": ActionType.PRESS_BACK,
    "back": ActionType.PRESS_BACK,
    "press_home": ActionType.PRESS_HOME,
    "home": ActionType.PRESS_HOME,
    "press_enter": ActionType.PRESS_ENTER,
    "enter": ActionType.PRESS_ENTER,
    "status_task_complete": ActionType.STATUS_TASK_COMPLETE,
    "task_complete": ActionType.STATUS_TASK_COMPLETE,
    "complete": ActionType.STATUS_TASK_COMPLETE,
    "done": ActionType.STATUS_TASK_COMPLETE,
    "status_task_impossible": ActionType.STATUS_TASK_IMPOSSIBLE,
    "task_impossible": ActionType.STATUS_TASK_IMPOSSIBLE,
    "impossible": ActionType.STATUS_TASK_IMPOSSIBLE,
}

ACCEPTED_FORMS = (
    'AutoUI (Action Decision: "action_type": "DUAL_POINT", "touch_point": "[y, x]", '
    '"lift_point": "[y, x]", "typed_text": ""), JSON ({"action_type": ..., "touch_point": [y, x], '
    '"lift_point": [y, x], "typed_text": ...}) or CogAgent (CLICK(box=[[x1,y1,x2,y2]]), '
    "TYPE(text='...'), SCROLL_UP/DOWN/LEFT/RIGHT(box=...), KEY_PRESS(key='Enter'), END())"
)


def parse_action_type(value: Any) -> ActionType:
    """Reads an action type from an AitW id, an `ActionType` or a (case-insensitive) name."""
    if isinstance(value, ActionType):
        return value
    if isinstance(value, bool):
        raise ActionParseError(f"action_type must be a name or an AitW id, got {value!r}")
    if isinstance(value, str) and len(value) > _LONGEST_NAME:
        raise ActionParseError(f"unknown action type {quote(value)}; {_TYPES_ACCEPTED}")
    if isinstance(value, int):
        try:
            return ActionType(value)
        except ValueError:
            raise ActionParseError(
                f"unknown AitW action id {value}; accepted ids: "
                + ", ".join(f"{t.value} ({t.name})" for t in ACTION_TYPES)
            ) from None
    if isinstance(value, str):
        key = re.sub(r"[\s-]+", "_", value.strip().lower())
        if key in _ALIASES:
            return _ALIASES[key]
        if key.isascii() and key.isdigit():  # not '²', which isdigit() but int() refuses
            return parse_action_type(int(key))
    raise ActionParseError(f"unknown action type {quote(value)}; {_TYPES_ACCEPTED}")


_TYPES_ACCEPTED = (
    f"accepted: {', '.join(t.name for t in ACTION_TYPES)} or aliases {', '.join(sorted(_ALIASES))}"
)
_LONGEST_NAME = 64
"""Type names longer than this are refused unread (the longest accepted has 22 characters)."""


def parse_point(value: Any, name: str) -> Point:
    """Reads a `(y, x)` point from a pair of numbers or a string such as "[0.5, 0.2]"."""
    if isinstance(value, str):
        numbers = re.findall(r"-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|nan|inf", value, re.IGNORECASE)
        value = [float(n) for n in numbers]
    try:
        y, x = (float(v) for v in value)
    except (TypeError, ValueError, OverflowError):
        raise ActionParseError(
            f"{name} must be a pair [y, x] of numbers in [0, 1], got {quote(value)}"
        ) from None
    if not (math.isfinite(y) and math.isfinite(x)):
        raise ActionParseError(f"{name} must be finite, got {quote(value)}")
    return (y, x)


@dataclass(frozen=True)
class Action:
    """One AitW action. Build with the constructors (`tap`, `swipe`, `type`, `key`, ...).

    `touch` and `lift` are set for DUAL_POINT only, `text` for TYPE only. Points are `(y, x)` in
    [0, 1]; values outside that range are kept as given (the environment clips them and says so).
    Fields that make no sense (a type that is not an `ActionType`, missing or non-finite points,
    text that is not a string or holds a lone surrogate) raise `ActionParseError` here.
    """

    type: ActionType
    touch: Point | None = None
    lift: Point | None = None
    text: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.type, ActionType):
            raise ActionParseError(
                f"Action type must be an ActionType such as ActionType.TYPE, got "
                f"{type(self.type).__name__} {quote(self.type)}; Action.parse and "
                "parse_action_type read names and AitW ids"
            )
        if self.type is ActionType.DUAL_POINT:
            if self.touch is None or self.lift is None:
                raise ActionParseError("DUAL_POINT needs both touch_point and lift_point")
            object.__setattr__(self, "touch", parse_point(self.touch, "touch_point"))
            object.__setattr__(self, "lift", parse_point(self.lift, "lift_point"))
        else:
            object.__setattr__(self, "touch", None)
            object.__setattr__(self, "lift", None)
        if self.type is ActionType.TYPE:
            if not isinstance(self.text, str):
                raise ActionParseError(f"typed_text must be a string, got {quote(self.text)}")
            try:
                self.text.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise ActionParseError(
                    f"typed_text holds a lone surrogate at position {exc.start} "
                    f"({quote(self.text[exc.start : exc.end])}); it must be valid Unicode"
                ) from None
        else:
            object.__setattr__(self, "text", "")

    @classmethod
    def checked(cls, action: Action) -> Action:
        """`action` validated again, as a new `Action` built from its fields: an object changed
        after construction (`object.__setattr__` on the frozen fields) or a subclass that
        skipped the checks is refused with `ActionParseError`, never trusted."""
        return cls(*(getattr(action, f.name, None) for f in fields(cls)))

    # -- constructors -------------------------------------------------------------------------

    @classmethod
    def tap(cls, y: float, x: float) -> Action:
        """A tap at `(y, x)`."""
        return cls(ActionType.DUAL_POINT, (y, x), (y, x))

    @classmethod
    def swipe(cls, touch: Point, lift: Point) -> Action:
        """A swipe from `touch` to `lift` (both `(y, x)`)."""
        return cls(ActionType.DUAL_POINT, touch, lift)

    @classmethod
    def scroll(cls, direction: str, distance: float = 0.4) -> Action:
        """A swipe through the middle of the screen that moves content `direction`-wards.

        "down" reveals what is below (the finger moves up), as the AitW scroll actions do.
        """
        half = distance / 2
        moves = {
            "down": ((0.5 + half, 0.5), (0.5 - half, 0.5)),
            "up": ((0.5 - half, 0.5), (0.5 + half, 0.5)),
            "right": ((0.5, 0.5 + half), (0.5, 0.5 - half)),
            "left": ((0.5, 0.5 - half), (0.5, 0.5 + half)),
        }
        if direction not in moves:
            raise ActionParseError(
                f"unknown scroll direction {quote(direction)}; use {sorted(moves)}"
            )
        return cls.swipe(*moves[direction])

    @classmethod
    def type_text(cls, text: str) -> Action:
        """Types `text` into the focused field."""
        return cls(ActionType.TYPE, text=text)

    @classmethod
    def key(cls, action_type: ActionType | str) -> Action:
        """A key or status action (PRESS_BACK, PRESS_HOME, PRESS_ENTER, STATUS_*)."""
        kind = parse_action_type(action_type)
        if kind in (ActionType.DUAL_POINT, ActionType.TYPE):
            raise ActionParseError(f"{kind.name} is not a key action; use tap/swipe/type_text")
        return cls(kind)

    # -- properties ---------------------------------------------------------------------------

    @property
    def is_tap(self) -> bool:
        """True for a DUAL_POINT whose touch and lift are within `TAP_DISTANCE`."""
        if self.type is not ActionType.DUAL_POINT:
            return False
        assert self.touch is not None and self.lift is not None
        return math.dist(self.touch, self.lift) <= TAP_DISTANCE

    @property
    def is_swipe(self) -> bool:
        """True for a DUAL_POINT that is not a tap."""
        return self.type is ActionType.DUAL_POINT and not self.is_tap

    @property
    def ends_episode(self) -> bool:
        """True for STATUS_TASK_COMPLETE and STATUS_TASK_IMPOSSIBLE."""
        return self.type in (ActionType.STATUS_TASK_COMPLETE, ActionType.STATUS_TASK_IMPOSSIBLE)

    def clipped(self) -> Action:
        """The same action with its points clipped into [0, 1]."""
        if self.type is not ActionType.DUAL_POINT:
            return self
        assert self.touch is not None and self.lift is not None

        def clip(p: Point) -> Point:
            return (min(1.0, max(0.0, p[0])), min(1.0, max(0.0, p[1])))

        return Action(self.type, clip(self.touch), clip(self.lift))

    @property
    def in_range(self) -> bool:
        """True when every point lies in [0, 1]."""
        return self.clipped() == self

    # -- conversion ---------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the form `to_json` writes and `from_dict` reads)."""
        out: dict[str, Any] = {"action_type": self.type.name}
        if self.touch is not None and self.lift is not None:
            out["touch_point"] = [round(v, 4) for v in self.touch]
            out["lift_point"] = [round(v, 4) for v in self.lift]
        if self.type is ActionType.TYPE:
            out["typed_text"] = self.text
        return out

    def to_json(self) -> str:
        """One-line JSON form."""
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def to_autoui(self) -> str:
        """The AutoUI "Action Decision" string that AutoUI and DigiRL policies emit."""
        touch = self.touch if self.touch is not None else (-1.0, -1.0)
        lift = self.lift if self.lift is not None else (-1.0, -1.0)

        def fmt(p: Point) -> str:
            return f"[{p[0]:.4f}, {p[1]:.4f}]"

        return (
            f'Action Decision: "action_type": "{self.type.name}", '
            f'"touch_point": "{fmt(touch)}", "lift_point": "{fmt(lift)}", '
            f'"typed_text": "{self.text}"'
        )

    def to_space(self, max_text: int) -> dict[str, Any]:
        """The value of the environment's Dict action space that means this action."""
        touch = self.touch if self.touch is not None else (0.0, 0.0)
        lift = self.lift if self.lift is not None else touch
        return {
            "action_type": self.type.index,
            "touch_point": np.asarray(touch, dtype=np.float32),
            "lift_point": np.asarray(lift, dtype=np.float32),
            "typed_text": self.text[:max_text],
        }

    def __str__(self) -> str:
        if self.type is ActionType.DUAL_POINT:
            assert self.touch is not None and self.lift is not None
            if self.is_tap:
                return f"tap(y={self.touch[0]:.3f}, x={self.touch[1]:.3f})"
            return (
                f"swipe(({self.touch[0]:.3f}, {self.touch[1]:.3f}) -> "
                f"({self.lift[0]:.3f}, {self.lift[1]:.3f}))"
            )
        if self.type is ActionType.TYPE:
            return f"type({self.text!r})"
        return self.type.name

    # -- parsing ------------------------------------------------------------------------------

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Action:
        """Reads the JSON/dict form, or a value of the environment's Dict action space.

        `action_type` may be a name or an alias (a string), an `ActionType`, or an integer:
        an integer is always the Discrete index into `ACTION_TYPES` (what the action space
        samples), whether it is a Python int, a numpy integer or a 0-d array, so `.tolist()`,
        JSON and RPC round trips keep the action. AitW's integer ids go in `action_type_id`
        (the AitW dataset's key). A missing `lift_point` means a tap.
        """
        if not isinstance(data, dict):
            raise ActionParseError(f"expected a dict action, got {type(data).__name__}")
        if len(data) > _MAX_KEYS:
            raise ActionParseError(f"an action dict has at most {_MAX_KEYS} keys, got {len(data)}")
        keys = {str(k).lower(): v for k, v in data.items()}
        raw_type = keys.get("action_type", keys.get("action", keys.get("type")))
        if raw_type is None and "action_type_id" in keys:
            kind = _aitw_id(keys["action_type_id"])
        elif raw_type is None:
            raise ActionParseError(
                f"action dict has no 'action_type'; accepted forms: {ACCEPTED_FORMS}"
            )
        elif _is_index(raw_type):
            kind = ActionType.from_index(_index(raw_type))
        else:
            kind = parse_action_type(raw_type)
        if kind is ActionType.DUAL_POINT:
            touch = keys.get("touch_point", keys.get("point"))
            if touch is None:
                raise ActionParseError("DUAL_POINT needs a touch_point [y, x]")
            lift = keys.get("lift_point")
            touch_p = parse_point(touch, "touch_point")
            lift_p = touch_p if lift is None else parse_point(lift, "lift_point")
            return cls(kind, touch_p, lift_p)
        if kind is ActionType.TYPE:
            text = keys.get("typed_text", keys.get("text"))
            if not isinstance(text, str):
                raise ActionParseError(f"TYPE needs typed_text as a string, got {quote(text)}")
            return cls(kind, text=text)
        return cls(kind)

    @classmethod
    def parse(cls, text: str) -> Action:
        """Parses an AutoUI, JSON or CogAgent action string; raises `ActionParseError`."""
        if not isinstance(text, str):
            raise ActionParseError(f"expected an action string, got {type(text).__name__}")
        if len(text) > MAX_ACTION_CHARS:
            raise ActionParseError(
                f"action string of {len(text):,} characters is longer than the "
                f"{MAX_ACTION_CHARS:,} accepted ({quote(text)})"
            )
        stripped = text.strip()
        if not stripped:
            raise ActionParseError(f"empty action string; accepted forms: {ACCEPTED_FORMS}")
        from android_gym import action_formats

        for parse in action_formats.PARSERS:
            parsed = parse(stripped)
            if parsed is not None:
                return parsed
        if re.fullmatch(r"[A-Za-z_ -]+", stripped):
            return cls.key(stripped)
        raise ActionParseError(
            f"could not parse action {quote(text)}; accepted forms: {ACCEPTED_FORMS}"
        )


def _index(value: Any) -> int:
    """The Discrete index a space value's `action_type` holds (a numpy integer or 0-d array)."""
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        raise ActionParseError(
            f"action_type of a space value must be one integer, got {quote(value)}"
        ) from None


_MAX_KEYS = 64
"""Keys an action dict may have (its fields and their aliases are a handful)."""


def _is_index(raw_type: Any) -> bool:
    """Whether a dict's `action_type` is an integer (a Discrete index, of any integer type)."""
    if isinstance(raw_type, (bool, np.bool_, ActionType)):
        return False
    return isinstance(raw_type, (int, np.integer)) or (
        isinstance(raw_type, np.ndarray) and raw_type.ndim == 0
    )


def _aitw_id(value: Any) -> ActionType:
    """The type of an AitW integer id (`action_type_id`: 3 TYPE, 4 DUAL_POINT, ...)."""
    if not _is_index(value):
        raise ActionParseError(f"action_type_id must be an AitW integer id, got {quote(value)}")
    return parse_action_type(int(value))
