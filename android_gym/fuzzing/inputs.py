"""The fuzzed inputs: each function draws from one seeded `numpy.random.Generator`.

- `actions`: strings (random, AutoUI, JSON, CogAgent, patterns that make naive regular
  expressions backtrack, huge and Unicode text with lone surrogates, controls and emoji), dicts,
  values of the action space (mutated too), `Action` objects (valid, and changed after
  construction), and values of other types;
- `instructions`: suite instructions mutated, repeated and padded, random and huge text,
  blank text, non-strings;
- `task_files`: AitW lists and suite YAML (well and badly formed), binary files, files in
  other encodings, with a BOM, with one huge line, empty.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from android_gym.actions import ACTION_TYPES, Action, ActionParseError, ActionType
from android_gym.spaces import MAX_TYPED_TEXT, action_space
from android_gym.tasks import load_suite

Rng = np.random.Generator

_RANGES = (
    (0x20, 0x7E),  # printable ASCII
    (0x00, 0x1F),  # controls, NUL included
    (0xA0, 0x24F),  # Latin
    (0x300, 0x36F),  # combining marks
    (0x590, 0x6FF),  # Hebrew, Arabic (right to left)
    (0x200B, 0x200F),  # zero-width and direction marks
    (0x4E00, 0x9FFF),  # CJK
    (0xD800, 0xDFFF),  # lone surrogates
    (0xE000, 0xF8FF),  # private use
    (0xFFF0, 0xFFFF),  # specials, non-characters
    (0x1F300, 0x1FAFF),  # emoji
    (0x10FFF0, 0x10FFFF),  # the last code points
)
_REPEATS = (
    "A(",
    "text='",
    '"typed_text": "',
    "{",
    "[",
    "CLICK(box=[[",
    "1,",
    "Action Decision: ",
    '"action_type": "',
    " ",
    "9",
    "\\",
)
_KEYS = ("action_type", "touch_point", "lift_point", "typed_text", "action", "type", "point")
_NAMES = (*(t.name for t in ACTION_TYPES), "tap", "back", "enter", "done", "home", "Type", "9")
_COG_OPS = ("CLICK", "TAP", "TYPE", "SCROLL_DOWN", "SCROLL_LEFT", "KEY_PRESS", "END", "LONG")


def size(rng: Rng) -> int:
    """A text length: mostly short, sometimes thousands, rarely 100,000."""
    roll = rng.random()
    if roll < 0.7:
        return int(rng.integers(0, 41))
    if roll < 0.9:
        return int(rng.integers(41, 2_001))
    if roll < 0.98:
        return int(rng.integers(2_001, 20_001))
    return 100_000


def text(rng: Rng, length: int | None = None) -> str:
    """Text of `length` characters (default: `size`) from one or a mix of Unicode ranges."""
    length = size(rng) if length is None else length
    picks = rng.choice(len(_RANGES), size=int(rng.integers(1, 4)))
    lows = np.array([_RANGES[i][0] for i in picks])
    spans = np.array([_RANGES[i][1] - _RANGES[i][0] + 1 for i in picks])
    which = rng.integers(0, len(picks), size=length)
    points = lows[which] + (rng.random(length) * spans[which]).astype(np.int64)
    return "".join(map(chr, points.tolist()))


def number(rng: Rng) -> Any:
    """A number that a parser may choke on: NaN, infinities, huge, tiny, negative, in range."""
    return rng.choice(
        np.array(
            [
                float("nan"),
                float("inf"),
                -float("inf"),
                1e308,
                -1e-308,
                10**400,
                -(2**63),
                0,
                1,
                float(rng.random()),
                float(rng.normal(0.5, 2)),
                int(rng.integers(-20, 20)),
            ],
            dtype=object,
        )
    )


def value(rng: Rng, depth: int = 0) -> Any:
    """Any value of the kinds JSON, numpy and Python callers produce."""
    kind = int(rng.integers(0, 10 if depth < 2 else 6))
    if kind == 0:
        return number(rng)
    if kind == 1:
        return text(rng)
    if kind == 2:
        return None if rng.random() < 0.5 else bool(rng.random() < 0.5)
    if kind == 3:
        return str(rng.choice(_NAMES))
    if kind == 4:
        return f"[{number(rng)}, {number(rng)}]"
    if kind == 5:
        shape = tuple(int(n) for n in rng.integers(0, 4, size=int(rng.integers(0, 3))))
        dtype = rng.choice(np.array(["float32", "int64", "uint8", "float64"]))
        return (rng.random(shape) * 4 - 1).astype(str(dtype))
    if kind in (6, 7):
        return [value(rng, depth + 1) for _ in range(int(rng.integers(0, 4)))]
    if kind == 8:
        return {str(rng.choice(_KEYS)): value(rng, depth + 1) for _ in range(3)}
    return bytes(rng.integers(0, 256, size=int(rng.integers(0, 40)), dtype=np.uint8))


def _autoui(rng: Rng) -> str:
    y, x = (number(rng) if rng.random() < 0.3 else round(float(v), 3) for v in rng.random(2))
    typed = text(rng) if rng.random() < 0.7 else ""
    plan = f"Action Plan: [{text(rng, 8)}] ; " if rng.random() < 0.5 else ""
    return (
        f'{plan}Action Decision: "action_type": "{rng.choice(_NAMES)}", '
        f'"touch_point": "[{y}, {x}]", "lift_point": "[{y}, {x}]", "typed_text": "{typed}"'
    )


def _cogagent(rng: Rng) -> str:
    box = ",".join(str(number(rng) if rng.random() < 0.2 else int(v)) for v in rng.random(4) * 1e3)
    args = [f"box=[[{box}]]", f"text='{text(rng)}'", f"key='{rng.choice(['Enter', 'Back', 'x'])}'"]
    chosen = ", ".join(a for a in args if rng.random() < 0.6)
    close = ")" if rng.random() < 0.9 else ""
    return f"{text(rng, 5)} {rng.choice(_COG_OPS)}({chosen}{close}"


def _json(rng: Rng) -> str:
    try:
        encoded = json.dumps(_dict(rng), default=str, ensure_ascii=bool(rng.random() < 0.5))
    except (ValueError, TypeError):  # an int too long to write
        encoded = "{"
    return encoded[: int(rng.integers(1, len(encoded) + 1))] if rng.random() < 0.2 else encoded


def _mutated(rng: Rng, base: str) -> str:
    chars = list(base)
    for _ in range(int(rng.integers(1, 6))):
        at = int(rng.integers(0, len(chars) + 1))
        chars[at:at] = text(rng, int(rng.integers(0, 4)))
        if chars and rng.random() < 0.5:
            del chars[int(rng.integers(0, len(chars)))]
    return "".join(chars)


def string_action(rng: Rng) -> str:
    """An action string: random, well formed, slightly broken, or pathological."""
    kind = int(rng.integers(0, 7))
    if kind == 0:
        return text(rng)
    if kind == 1:
        return _autoui(rng)
    if kind == 2:
        return _json(rng)
    if kind == 3:
        return _cogagent(rng)
    if kind == 4:
        return str(rng.choice(_REPEATS)) * int(rng.integers(1, 60_000))
    if kind == 5:
        return f" {str(rng.choice(_NAMES)).swapcase()}\t"
    return _mutated(rng, rng.choice([_autoui, _json, _cogagent])(rng))


def _dict(rng: Rng) -> dict[Any, Any]:
    keys = [str(rng.choice(_KEYS)) if rng.random() < 0.8 else text(rng, 6) for _ in range(4)]
    data: dict[Any, Any] = {k: value(rng) for k in keys[: int(rng.integers(0, 5))]}
    if rng.random() < 0.6:
        data["action_type"] = str(rng.choice(_NAMES)) if rng.random() < 0.7 else value(rng)
    return data


def space_value(rng: Rng, max_text: int = MAX_TYPED_TEXT) -> dict[str, Any]:
    """A value of the action space, often with one field changed to anything."""
    space = action_space(max_text)
    space.seed(int(rng.integers(2**31)))
    sample = dict(space.sample())
    if rng.random() < 0.5:
        key = str(rng.choice(_KEYS[:4]))
        if rng.random() < 0.2:
            sample.pop(key)
        else:
            sample[key] = value(rng) if rng.random() < 0.7 else np.int64(rng.integers(-9, 99))
    return sample


def action_object(rng: Rng) -> Action:
    """An `Action`: built with the constructors (text of any kind, points anywhere), or one
    whose fields were changed after construction, as a buggy agent or wrapper might."""
    kind = int(rng.integers(0, 4))
    try:
        if kind == 0:
            return Action.tap(*(float(v) for v in rng.normal(0.5, 1.0, 2)))
        if kind == 1:
            return Action.swipe(tuple(rng.random(2) * 3 - 1), tuple(rng.random(2)))
        if kind == 2:
            return Action.type_text(text(rng))
    except ActionParseError:  # refused at construction (as it should be): change one instead
        pass
    action = Action.key(ActionType.PRESS_BACK) if rng.random() < 0.5 else Action.tap(0.5, 0.5)
    field = str(rng.choice(["type", "touch", "lift", "text"]))
    if rng.random() < 0.2:
        object.__delattr__(action, field)
    else:
        bad = int(rng.integers(0, 12)) if rng.random() < 0.5 else value(rng)
        object.__setattr__(action, field, bad)
    return action


def other_value(rng: Rng) -> Any:
    """A value of a type `step` does not take."""
    return value(rng) if rng.random() < 0.8 else rng.choice(np.array([object(), set(), ...]))


MAKERS: tuple[tuple[float, Callable[[Rng], Any]], ...] = (
    (0.35, string_action),
    (0.2, _dict),
    (0.15, space_value),
    (0.2, action_object),
    (0.1, other_value),
)
"""What an action stream is made of, with the share of each kind."""


def actions(rng: Rng, count: int) -> list[Any]:
    """`count` fuzzed actions."""
    shares = np.array([share for share, _ in MAKERS])
    kinds = rng.choice(len(MAKERS), size=count, p=shares / shares.sum())
    return [MAKERS[k][1](rng) for k in kinds]


@cache
def _seed_instructions() -> tuple[str, ...]:
    """What fuzzed instructions start from: the General train split's."""
    return tuple(t.instruction for t in load_suite("general", "train"))


def instructions(rng: Rng, count: int) -> list[Any]:
    """`count` fuzzed instructions: suite instructions mutated or repeated, random and huge
    text, blank text, and values that are not strings."""
    seeds = _seed_instructions()
    out: list[Any] = []
    for _ in range(count):
        base = str(rng.choice(seeds))
        kind = int(rng.integers(0, 6))
        if kind == 0:
            out.append(_mutated(rng, base))
        elif kind == 1:
            out.append(" ".join([base] * int(rng.integers(2, 400))))
        elif kind == 2:
            out.append(text(rng))
        elif kind == 3:
            out.append(base + " " + str(rng.choice(_REPEATS)) * int(rng.integers(1, 3_000)))
        elif kind == 4:
            out.append(str(rng.choice(["", " ", "\n\t", "?", base.upper(), base[::-1]])))
        else:
            out.append(value(rng))
    return out


def _file_text(rng: Rng) -> str:
    lines = [
        x if isinstance(x, str) else str(x) for x in instructions(rng, int(rng.integers(1, 8)))
    ]
    if rng.random() < 0.3:
        lines.insert(0, "# a comment")
    return str(rng.choice(["\n", "\r\n", "\r"])).join(lines)


def _yaml_text(rng: Rng) -> str:
    entries = []
    for item in instructions(rng, int(rng.integers(0, 5))):
        entry = json.dumps(item if isinstance(item, str) else str(item))
        if rng.random() < 0.5:
            extra = json.dumps(value(rng), default=str)
            field = rng.choice(["max_steps", "family", "instruction"])
            entry = f"{{instruction: {entry}, {field}: {extra}}}"
        entries.append(f"  - {entry}")
    header = f"max_steps: {json.dumps(value(rng), default=str)}\n" if rng.random() < 0.5 else ""
    body = "tasks:\n" + "\n".join(entries) if rng.random() < 0.9 else text(rng)
    return header + body


def task_files(rng: Rng, count: int, folder: Path) -> list[Path]:
    """`count` task files written under `folder`: AitW lists and suite YAML (well and badly
    formed), binary files, files in other encodings, with a BOM, with one huge line, empty."""
    paths = []
    for i in range(count):
        kind = int(rng.integers(0, 7))
        suffix = ".yaml" if kind in (1, 2) else str(rng.choice([".txt", "", ".yml"]))
        path = folder / f"fuzz{i:04d}{suffix}"
        if kind == 0:
            data = _file_text(rng).encode("utf-8", "surrogatepass")
        elif kind in (1, 2):
            data = _yaml_text(rng).encode("utf-8", "surrogatepass")
        elif kind == 3:
            data = rng.integers(0, 256, size=int(rng.integers(1, 4_000)), dtype=np.uint8).tobytes()
        elif kind == 4:
            encoding = str(rng.choice(["latin-1", "utf-16", "cp1252", "utf-8-sig"]))
            data = "Open the clock\nCafé in Zürich\n".encode(encoding)
        elif kind == 5:
            data = ("search for " + "x" * int(rng.integers(500, 200_000))).encode()
        else:
            data = b""
        path.write_bytes(data)
        paths.append(path)
    return paths


def reset_options(rng: Rng, count: int) -> list[Any]:
    """`count` reset options: odd task indices and tasks, unknown keys, and values that are
    not mappings at all."""
    out: list[Any] = []
    for _ in range(count):
        kind = int(rng.integers(0, 4))
        if kind == 0:
            out.append({"task_index": value(rng) if rng.random() < 0.7 else number(rng)})
        elif kind == 1:
            out.append({"task": value(rng)})
        elif kind == 2:
            out.append({text(rng, int(rng.integers(0, 8))): value(rng)})
        else:
            out.append(value(rng))
    return out
