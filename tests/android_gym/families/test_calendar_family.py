"""The calendar family: ranges, strict success by view and range, the oracle."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sim_driver import oracle_solves

from android_gym.devices.base import DeviceState
from android_gym.families import get, resolve
from android_gym.families.calendar_view import expected_start
from android_gym.sim.apps.calendar_app import PACKAGE

CALENDAR = get("calendar")


def _state(view: str, start: str, package: str = PACKAGE, **more: object) -> DeviceState:
    facts = {"screen": "main", "view": view, "start": start, "today": "2024-06-05"}
    return DeviceState(package, facts={PACKAGE: {**facts, "drawer": False, **more}})


def test_ranges_and_their_views() -> None:
    today = date(2024, 6, 5)  # a Wednesday
    assert expected_start(today, "this week") == date(2024, 6, 2)
    assert expected_start(today, "next month") == date(2024, 7, 1)
    assert resolve("What's on my calendar for the rest of the week?")[1] == {"range": "this week"}
    assert resolve("what do I have tomorrow on my calendar")[1] == {"range": "tomorrow"}
    assert resolve("Open the calendar")[0].name == "launch_app"


def test_success_is_the_view_of_the_asked_range_only() -> None:
    week = {"range": "this week"}
    start = _state("schedule", "2024-06-05")
    assert CALENDAR.success(week, _state("week", "2024-06-02"), start)
    assert not CALENDAR.success(week, _state("week", "2024-06-09"), start), "next week"
    assert not CALENDAR.success(week, _state("month", "2024-06-01"), start), "the month"
    assert not CALENDAR.success(week, _state("week", "2024-06-02", drawer=True), start)
    assert not CALENDAR.success(week, _state("week", "2024-06-02", "com.android.chrome"), start)
    month = {"range": "this month"}
    assert CALENDAR.success(month, _state("month", "2024-06-01"), start)
    assert not CALENDAR.success(month, _state("week", "2024-06-02"), start)


@pytest.mark.parametrize(
    "instruction",
    ["What's on my calendar for the rest of the month?", "Show me my calendar for next week"],
)
def test_oracle_shows_the_range(instruction: str) -> None:
    assert oracle_solves(instruction, seed=4)


def test_every_aitw_calendar_line_parses(aitw_dir: Path) -> None:
    for name in ("general_train.txt", "general_test.txt"):
        for line in (aitw_dir / name).read_text(encoding="utf-8").splitlines():
            if "calendar" in line.lower() and not line.lower().startswith(
                ("open the cal", "install")
            ):
                assert resolve(line)[0].name == "calendar", line
