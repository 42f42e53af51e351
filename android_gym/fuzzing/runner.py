"""Feeding fuzzed input to an `AndroidEnv` and counting what it did: typed errors (what the
documentation promises), exceptions that escaped (what it must never do), flags and faults, and
how long each call took."""

from __future__ import annotations

import gc
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from android_gym.actions import Action
from android_gym.devices import Device
from android_gym.env import AndroidEnv
from android_gym.errors import ActionParseError, AndroidGymError, quote
from android_gym.tasks import parse_instruction
from android_gym.ui import parse_ui_xml


def now() -> tuple[float, float, int]:
    """Wall-clock and CPU seconds of this process, and the full (generation 2) garbage
    collections it has run: a call's start for `Outcomes.timed`."""
    return time.perf_counter(), time.process_time(), gc.get_stats()[2]["collections"]


@dataclass
class Outcomes:
    """What calls with fuzzed input did: `typed` counts the documented errors by type,
    `escaped` every other exception by type (the figure that must be 0), `flags` what steps
    reported (`invalid_reason`, "clipped", "fault"); `seconds` and `cpu_seconds` each call's
    wall-clock and CPU time (on a shared machine the CPU time is what the call cost, the wall
    time adds the waits for a core), `full_gc` whether Python ran a full garbage collection
    during it (a pause that grows with the process's heap, whatever the input)."""

    typed: Counter[str] = field(default_factory=Counter)
    escaped: Counter[str] = field(default_factory=Counter)
    flags: Counter[str] = field(default_factory=Counter)
    seconds: list[float] = field(default_factory=list)
    cpu_seconds: list[float] = field(default_factory=list)
    full_gc: list[bool] = field(default_factory=list)
    slowest: dict[str, str] = field(default_factory=dict)
    """The input of the slowest call by wall-clock ("wall"), CPU time ("cpu") and wall-clock
    among the calls without a full collection ("wall_without_full_gc")."""
    examples: dict[str, str] = field(default_factory=dict)
    """One input (quoted) per escaped exception type or fault, to reproduce it."""
    _max: dict[str, float] = field(default_factory=dict)

    def timed(self, start: tuple[float, float, int], what: Any) -> None:
        """Records the call begun at `start` (a `now()`) with input `what`."""
        end = now()
        wall, cpu, full_gc = end[0] - start[0], end[1] - start[1], end[2] != start[2]
        self.seconds.append(wall)
        self.cpu_seconds.append(cpu)
        self.full_gc.append(full_gc)
        quiet = -1.0 if full_gc else wall
        for key, value in (("wall", wall), ("cpu", cpu), ("wall_without_full_gc", quiet)):
            if value > self._max.get(key, -1.0):
                self.slowest[key] = f"{type(what).__name__} {quote(what)}"
                self._max[key] = value

    def escape(self, exc: BaseException, what: Any) -> None:
        name = type(exc).__name__
        self.escaped[name] += 1
        self.examples.setdefault(name, f"{type(what).__name__} {quote(what)}: {quote(str(exc))}")

    def summary(self) -> dict[str, Any]:
        """The counts, and the median and slowest call in milliseconds, JSON-ready."""
        quiet = [t for t, full in zip(self.seconds, self.full_gc, strict=True) if not full]
        out: dict[str, Any] = {
            "calls": len(self.seconds),
            "escaped": sum(self.escaped.values()),
            "escaped_types": dict(self.escaped),
            "typed_errors": dict(self.typed),
            "flags": dict(self.flags),
            "calls_with_full_gc": sum(self.full_gc),
        }
        for suffix, times in (
            ("ms", self.seconds),
            ("cpu_ms", self.cpu_seconds),
            ("ms_without_full_gc", quiet),
        ):
            ms = [t * 1000 for t in times] or [float("nan")]
            out[f"median_{suffix}"] = round(statistics.median(ms), 3)
            out[f"max_{suffix}"] = round(max(ms), 3)
        return {**out, "slowest_input": self.slowest, "examples": self.examples}


def _explore(env: AndroidEnv, info: dict[str, Any], rng: np.random.Generator) -> Action | None:
    """A tap on a text field (half the time, when one shows) or on any tappable element, so
    that fuzzed typing reaches fields and screens past the first."""
    elements = [e for e in parse_ui_xml(info["ui_xml"]) if e.tappable]
    fields = [e for e in elements if e.editable]
    pool = fields if fields and rng.random() < 0.5 else elements
    if not pool:
        return None
    target = pool[int(rng.integers(len(pool)))]
    return Action.tap(*target.center_yx(*env.device.screen_size))


def fuzz_steps(
    env: AndroidEnv, values: list[Any], rng: np.random.Generator, explore: float = 0.25
) -> Outcomes:
    """Steps `env` with every value (with `explore` of them preceded by a tap on a field or
    element, timed too), resetting to a random task whenever an episode ends. In strict mode
    `ActionParseError` is the typed error; in the default mode nothing may raise."""
    out = Outcomes()
    _, info = env.reset(seed=int(rng.integers(2**31)))
    for value in values:
        tap = _explore(env, info, rng) if rng.random() < explore else None
        for action in (tap, value) if tap is not None else (value,):
            start = now()
            try:
                _, _, terminated, truncated, info = env.step(action)
            except Exception as exc:
                out.timed(start, action)
                if env.strict and isinstance(exc, ActionParseError):
                    out.typed[type(exc).__name__] += 1
                    continue
                out.escape(exc, action)
                _, info = env.reset(seed=int(rng.integers(2**31)))
                continue
            out.timed(start, action)
            out.flags[info["invalid_reason"] or "valid"] += 1
            out.flags["clipped"] += info["action_clipped"]
            if info["error"]:
                out.flags["fault"] += 1
                out.examples.setdefault("fault", f"{quote(action)}: {quote(info['error'])}")
            if terminated or truncated:
                index = int(rng.integers(len(env.tasks)))
                _, info = env.reset(seed=int(rng.integers(2**31)), options={"task_index": index})
    return out


def fuzz_parses(values: list[Any]) -> Outcomes:
    """`Action.parse` on every string value: `ActionParseError` is the typed error."""
    out = Outcomes()
    for value in values:
        if not isinstance(value, str):
            continue
        start = now()
        try:
            Action.parse(value)
        except ActionParseError:
            out.typed["ActionParseError"] += 1
        except Exception as exc:
            out.escape(exc, value)
        out.timed(start, value)
    return out


def _typed_call(out: Outcomes, what: Any, call, *args: Any, **kwargs: Any) -> None:
    """Runs `call`, counting an `AndroidGymError` (and an out-of-range task index's
    `IndexError`) as typed, anything else as escaped; the time goes to `out`."""
    start = now()
    try:
        call(*args, **kwargs)
    except (AndroidGymError, IndexError) as exc:
        out.typed[type(exc).__name__] += 1
    except Exception as exc:
        out.escape(exc, what)
    out.timed(start, what)


def fuzz_instructions(
    env: AndroidEnv, instructions: list[Any], options: list[Any]
) -> tuple[Outcomes, Outcomes]:
    """(parses, resets): `parse_instruction` on every instruction, then `env.reset` with each
    as its task and with each of `options` as its options."""
    parses, resets = Outcomes(), Outcomes()
    for instruction in instructions:
        _typed_call(parses, instruction, parse_instruction, instruction)
        _typed_call(resets, instruction, env.reset, options={"task": instruction})
    for option in options:
        _typed_call(resets, option, env.reset, options=option)
    return parses, resets


def fuzz_task_files(paths: list[Path], device: Device) -> Outcomes:
    """An `AndroidEnv` made from every task file, on one shared `device`."""
    out = Outcomes()
    for path in paths:
        _typed_call(out, path, AndroidEnv, task_file=path, device=device)
    return out
