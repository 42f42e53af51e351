"""The alarm family: parsing times and days, strict success, the oracle, held-out times."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sim_driver import oracle_solves

from android_gym.devices.base import DeviceState
from android_gym.families import get, resolve
from android_gym.families.clock_times import times
from android_gym.sim.apps.clock import PACKAGE

ALARM = get("alarm")


@pytest.mark.parametrize(
    "instruction, time, days",
    [
        ("Set an alarm for 6pm", "6:00pm", ""),
        ("Set an alarmfor 5pm", "5:00pm", ""),
        ("Wake me up at 5:45am", "5:45am", ""),
        ("alarm at seven thirty tomorrow", "7:30", ""),
        ("Set an alarm for 4pm on Saturday", "4:00pm", "Saturday"),
        ("set an alarm for quarter to seven in the morning", "6:45am", ""),
        ("Wake me up at 18:30 on weekdays", "6:30pm", "weekdays"),
    ],
)
def test_free_text_alarms_parse(instruction: str, time: str, days: str) -> None:
    family, params = resolve(instruction)
    assert family.name == "alarm" and params == {"time": time, "days": days}


def _state(*alarms: tuple) -> DeviceState:
    return DeviceState(PACKAGE, facts={PACKAGE: {"alarms": alarms}})


def test_success_needs_an_enabled_alarm_at_that_time_and_those_days() -> None:
    start = _state()
    six_pm = {"time": "6:00pm", "days": ""}
    assert ALARM.success(six_pm, _state(("18:00", (), True)), start)
    assert not ALARM.success(six_pm, _state(("18:00", (), False)), start), "switched off"
    assert not ALARM.success(six_pm, _state(("06:00", (), True)), start), "the wrong half"
    assert not ALARM.success(six_pm, _state(("18:05", (), True)), start), "the wrong minute"
    assert not ALARM.success(six_pm, _state(("18:00", ("Mon",), True)), start), "Mondays only"
    saturday = {"time": "4:00pm", "days": "Saturday"}
    assert ALARM.success(saturday, _state(("16:00", ("Sat",), True)), start)
    assert not ALARM.success(saturday, _state(("16:00", (), True)), start)
    either = {"time": "7:30", "days": ""}
    assert ALARM.success(either, _state(("19:30", (), True)), start)
    assert ALARM.success(either, _state(("07:30", (), True)), start)


def test_seeded_alarms_do_not_satisfy_the_aitw_time() -> None:
    from android_gym.devices.sim import SimDevice

    device = SimDevice()
    device.reset(0)
    params = {"time": "6:00pm", "days": ""}
    assert not ALARM.success(params, device.state(), device.state()), "the 6 PM alarm is off"


def test_test_split_times_are_held_out() -> None:
    pool = times()
    assert not set(pool.split("train")) & set(pool.split("test"))
    rng = np.random.default_rng(0)
    train = {ALARM.sample(rng, "train")[1]["time"] for _ in range(60)}
    test = {ALARM.sample(rng, "test")[1]["time"] for _ in range(60)}
    assert train and test and not train & test


@pytest.mark.parametrize(
    "instruction",
    ["Set an alarm for 3pm", "Wake me up at 5:47am", "Set an alarm for 9:20pm on Friday"],
)
def test_oracle_sets_the_alarm_within_the_horizon(instruction: str) -> None:
    assert oracle_solves(instruction, seed=5)


def test_every_aitw_alarm_line_parses(aitw_dir: Path) -> None:
    for name in ("general_train.txt", "general_test.txt"):
        for line in (aitw_dir / name).read_text(encoding="utf-8").splitlines():
            if "alarm" in line.lower():
                assert resolve(line)[0].name == "alarm", line
