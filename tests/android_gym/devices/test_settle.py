"""Settling: the wait after an action ends when successive hierarchies are equal, not before
`min_s`, and at `cap_s` for a screen that keeps changing. A scripted clock makes it exact."""

from __future__ import annotations

import time

import pytest

from android_gym.devices.settle import SettleOptions, SettleReport, settle
from android_gym.devices.sim import SimDevice


class Clock:
    """Time that passes only when slept or when a look costs some."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.now += seconds


def looks(clock: Clock, screens: list[str], cost_s: float = 0.01):
    """A look that returns the next screen (the last one forever after) and costs `cost_s`."""
    shown = iter(screens)
    last = [screens[0]]

    def look() -> str:
        clock.now += cost_s
        last[0] = next(shown, last[0])
        return last[0]

    return look


def test_a_still_screen_settles_after_two_looks_past_the_minimum() -> None:
    clock = Clock()
    options = SettleOptions(min_s=0.1, interval_s=0.05, cap_s=2.0)
    xml, report = settle(looks(clock, ["a"]), options, clock(), clock, clock.sleep)
    assert xml == "a"
    assert report.settled and report.looks == 2
    assert report.waited_s == pytest.approx(0.1 + 0.01 + 0.05 + 0.01)


def test_a_changing_screen_is_followed_until_it_stops() -> None:
    clock = Clock()
    options = SettleOptions(min_s=0.0, interval_s=0.05, cap_s=2.0, stable=3)
    xml, report = settle(
        looks(clock, ["a", "b", "c", "c", "c"]), options, 100.0, clock, clock.sleep
    )
    assert xml == "c"
    assert report == SettleReport(report.waited_s, True, 5)


def test_a_screen_that_never_settles_ends_at_the_cap() -> None:
    clock = Clock()
    frames = [f"frame {i}" for i in range(1000)]
    options = SettleOptions(min_s=0.0, interval_s=0.1, cap_s=1.0)
    xml, report = settle(looks(clock, frames), options, 100.0, clock, clock.sleep)
    assert not report.settled
    assert 0.9 <= report.waited_s <= 1.0
    assert xml == frames[report.looks - 1]


def test_the_simulated_phone_settles_at_once() -> None:
    device = SimDevice(scale=0.25)
    device.reset(0)
    xml, report = settle(device.ui_xml, SettleOptions(min_s=0, interval_s=0), time.monotonic())
    assert report.settled and report.looks == 2
    assert xml == device.ui_xml()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (False, None),
        (True, SettleOptions()),
        ({"cap_s": 3.0}, SettleOptions(cap_s=3.0)),
        (SettleOptions(min_s=0.0), SettleOptions(min_s=0.0)),
    ],
)
def test_options_from_config_values(value, expected) -> None:
    assert SettleOptions.of(value) == expected


@pytest.mark.parametrize(
    "fields", [{"min_s": 2.0, "cap_s": 1.0}, {"interval_s": -1.0}, {"stable": 1}]
)
def test_impossible_options_are_refused(fields) -> None:
    with pytest.raises(ValueError, match="settle needs"):
        SettleOptions(**fields)
