"""Waiting for a real screen to settle after an action, instead of a fixed sleep.

A phone answers a tap in tens to hundreds of milliseconds (an activity starts, a page loads, a
list scrolls on). DigiRL sleeps 5 s after every action; this waits until successive UI
hierarchies are equal, at least `min_s` after the action and at most `cap_s`. A screen that
never settles (a video, a spinner, a ticking clock) ends the wait at the cap, reported as not
settled. The simulated phone settles at once and needs none of this.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class SettleOptions:
    """How to wait after an action.

    Args:
        min_s: the first look at the screen is this long after the action (gives the phone
            time to start reacting; two equal looks before it has would end the wait early).
        interval_s: time between looks (each look is one hierarchy dump, itself tens of
            milliseconds on a phone).
        cap_s: the longest wait; the screen is reported unsettled when it is reached.
        stable: how many successive equal hierarchies count as settled (at least 2).
    """

    min_s: float = 0.1
    interval_s: float = 0.05
    cap_s: float = 5.0
    stable: int = 2

    def __post_init__(self) -> None:
        if not 0 <= self.min_s <= self.cap_s or self.interval_s < 0:
            raise ValueError(f"settle needs 0 <= min_s <= cap_s and interval_s >= 0, got {self}")
        if self.stable < 2:
            raise ValueError(f"settle needs stable >= 2 equal looks, got {self.stable}")

    @classmethod
    def of(cls, value: SettleOptions | dict[str, Any] | bool | None) -> SettleOptions | None:
        """Options from a SettleOptions, a dict of its fields, True (the defaults), or
        None / False (no settling)."""
        if value is None or value is False:
            return None
        if value is True:
            return cls()
        if isinstance(value, dict):
            return cls(**value)
        if isinstance(value, cls):
            return value
        raise TypeError(f"settle must be SettleOptions, a dict, a bool or None, got {value!r}")


@dataclass(frozen=True)
class SettleReport:
    """How the wait after one action went: seconds waited (from the end of the action to the
    last look), whether the screen settled before the cap, and how many hierarchies were read.
    `info["settle"]` of an environment step holds `as_info()`."""

    waited_s: float
    settled: bool
    looks: int

    def as_info(self) -> dict[str, Any]:
        return asdict(self)


def settle(
    look: Callable[[], str],
    options: SettleOptions,
    start: float,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[str, SettleReport]:
    """Looks (`look()` dumps the hierarchy) until `options.stable` successive looks are equal
    or `options.cap_s` after `start` (a `clock()` time, the end of the action) has passed.
    Returns the last hierarchy and the report."""
    _sleep_until(start + options.min_s, clock, sleep)
    last = look()
    looks, equal = 1, 1
    while equal < options.stable:
        if clock() + options.interval_s - start > options.cap_s:
            return last, SettleReport(clock() - start, False, looks)
        _sleep_until(clock() + options.interval_s, clock, sleep)
        current = look()
        looks += 1
        equal = equal + 1 if current == last else 1
        last = current
    return last, SettleReport(clock() - start, True, looks)


def _sleep_until(deadline: float, clock: Callable[[], float], sleep: Callable[[float], None]):
    left = deadline - clock()
    if left > 0:
        sleep(left)
