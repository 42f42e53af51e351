"""Alarms in the Clock app: "Set an alarm for 6pm", "Wake me up at 5:45am", "Set an alarm
for 4pm on Saturday", "alarm at seven thirty tomorrow".

Success: an enabled alarm at the asked time, repeating on exactly the asked days (none asked:
a one-time alarm, or one that rings every day), exists in the Clock. A time given without
AM/PM ("7:30") is met by either half of the day. A wrong time, other days or a switched-off
alarm is not success. Source of the facts: the Clock app's alarms, time, repeat days and
enabled state, as `dumpsys alarm` lists the scheduled (enabled) ones for
com.google.android.deskclock and the Clock's alarm list shows them (`Clock.facts()["alarms"]`).

The oracle works from the UI: it opens Clock, goes to the Alarm tab, switches on an existing
alarm of that time and those days when there is one, else taps +, taps the hour and the minute
on the dial and AM/PM, OK, and then the asked day chips of the new (expanded) alarm.
"""

from __future__ import annotations

import numpy as np

from android_gym.actions import Action, ActionType
from android_gym.content.calendar import DAY_NAMES, DAYS, EVERY_DAY, WEEKDAYS
from android_gym.devices.base import DeviceState
from android_gym.families import navigation
from android_gym.families.base import Family, Params
from android_gym.families.clock_times import TimeOfDay, parse_time, times
from android_gym.families.frames import Frame, Reading
from android_gym.families.pools import pools
from android_gym.packages import CLOCK
from android_gym.ui import UIElement, find

DAY_SETS = {
    **{name: (DAYS[k],) for k, name in enumerate(DAY_NAMES)},
    "weekdays": WEEKDAYS,
    "weekends": ("Sun", "Sat"),
    "every day": EVERY_DAY,
}
"""The repeat days each value of the `alarm_days` pool stands for (in the Clock's order)."""

FRAME = Frame.declare(
    "alarm",
    "set",
    cues=["alarm|alarms|wake me|wake me up|wake up|alarm clock"],
    slots={"time": times(), "days": pools()["alarm_days"], "half": pools()["day_halves"]},
    words=[
        "set|create|make|add|new|put|schedule|an|a|for|at|on|every|each|me|up|clock|app"
        "|in the clock app|on my phone|tomorrow|today|to"
        "|go off|ring|start|please|i need|i want|need|want|up at|repeat|repeating"
    ],
    optional=["days", "half"],
)
_SAMPLES = {
    "train": (
        "Set an alarm for {time}",
        "Wake me up at {time}",
        "Set an alarm for {time} on {day}",
        "Create an alarm at {time}",
    ),
    "test": (
        "Set an alarm for {time}",
        "Please set an alarm at {time} {day}",
        "Wake me up at {time} on {day}",
        "Add an alarm for {time}",
    ),
}
_SAMPLE_DAYS = (*DAY_NAMES, "weekends")
"""Days sampled tasks ask for (weekdays would take five chip taps: past the horizon)."""


def wanted_days(params: Params) -> tuple[str, ...]:
    return DAY_SETS[params["days"]] if params.get("days") else ()


class AlarmFamily(Family):
    name = "alarm"
    description = "Set an alarm in the Clock app at a time, optionally on days of the week."
    app = "Clock"

    def frames(self) -> tuple[Frame, ...]:
        return (FRAME,)

    def params(self, reading: Reading) -> Params:
        time = parse_time(reading.params["time"])
        if time.pm is None and reading.params.get("half"):  # "seven thirty tomorrow morning"
            time = TimeOfDay(time.hour, time.minute, reading.params["half"] == "pm")
        return {"time": _value(time), "days": reading.params.get("days", "")}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        choices = [v for v in times().split(split) if v[-2:] in ("am", "pm") and _round(v)]
        time = parse_time(choices[int(rng.integers(len(choices)))])
        days = "" if rng.random() < 0.5 else _SAMPLE_DAYS[int(rng.integers(len(_SAMPLE_DAYS)))]
        templates = [
            t for t in _SAMPLES.get(split, _SAMPLES["train"]) if ("{day}" in t) == bool(days)
        ]
        template = templates[int(rng.integers(len(templates)))]
        spoken = time.spoken() if rng.random() < 0.7 else time.spoken().replace("m", ".m.")
        instruction = template.format(time=spoken, day=days)
        return instruction, {"time": _value(time), "days": days}

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        time = parse_time(params["time"])
        days = wanted_days(params)
        wanted = {f"{h:02d}:{time.minute:02d}" for h in time.hours24()}
        accepted = {days} if days else {(), EVERY_DAY}
        return any(
            on and t in wanted and d in accepted
            for t, d, on in state.app_facts(CLOCK).get("alarms", ())
        )

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        if not any(e.package == CLOCK for e in elements):
            return navigation.open_app("Clock", elements, screen_size)
        time = parse_time(params["time"])
        if find(elements, resource_id="time_picker"):
            return _set_picker(time, elements, screen_size)
        tab = find(elements, resource_id="tab_alarm")
        if tab and not tab[0].selected:
            return navigation.tap(tab[0], screen_size)
        step = _fix_card(time, wanted_days(params), elements, screen_size)
        if step is not None:
            return step
        add = find(elements, content_desc="Add alarm", clickable=True)
        if add:
            return navigation.tap(add[0], screen_size)
        return Action.key(ActionType.PRESS_BACK)


def _round(value: str) -> bool:
    """Times people set alarms for: on the hour, or at a multiple of five minutes."""
    return parse_time(value).minute % 5 == 0


def _value(time: TimeOfDay) -> str:
    return f"{time.hour}:{time.minute:02d}{'' if time.pm is None else ('pm' if time.pm else 'am')}"


def _set_picker(time: TimeOfDay, elements: list[UIElement], screen: tuple[int, int]) -> Action:
    """One step on the time picker: back to the dial, then hour, minute, AM/PM, OK."""
    to_dial = find(elements, content_desc="Switch to clock mode for the time input.")
    if to_dial:
        return navigation.tap(to_dial[0], screen)
    hours, minutes = find(elements, resource_id="hours"), find(elements, resource_id="minutes")
    if not hours or not minutes:
        return Action.key(ActionType.PRESS_BACK)
    minute = f"{time.minute:02d}"
    if hours[0].text != str(time.hour):
        ring = find(elements, resource_id="radial_hour", text=str(time.hour))
        return navigation.tap((ring or hours)[0], screen)
    if minutes[0].text != minute:
        ring = find(elements, resource_id="radial_minute", content_desc=minute)
        return navigation.tap((ring or minutes)[0], screen)
    if time.pm is not None:
        half = find(elements, resource_id="pm_label" if time.pm else "am_label")
        if half and not half[0].checked:
            return navigation.tap(half[0], screen)
    return navigation.tap(find(elements, resource_id="button1")[0], screen)


def _inside(outer: UIElement, inner: UIElement) -> bool:
    x1, y1, x2, y2 = outer.bounds
    cx, cy = inner.center
    return x1 <= cx < x2 and y1 <= cy < y2


def _card_time(label: str) -> tuple[int, int] | None:
    """The 24-hour time of an alarm's spoken label ("5:47 PM")."""
    clock, _, half = label.partition(" ")
    if ":" not in clock or half not in ("AM", "PM"):
        return None
    hour, minute = clock.split(":")
    return int(hour) % 12 + (12 if half == "PM" else 0), int(minute)


def _listed_days(summary: str) -> tuple[str, ...]:
    """The repeat days a collapsed card's summary line names."""
    if summary == "Every day":
        return EVERY_DAY
    return tuple(d for d in DAYS if d in summary.replace(" ", "").split(","))


def _fix_card(
    time: TimeOfDay, days: tuple[str, ...], elements: list[UIElement], screen: tuple[int, int]
) -> Action | None:
    """A step that makes an alarm on screen at the asked time right: a day chip of the open
    card, or the switch of a card with the asked days; None when no card can be used."""
    hours = {(h, time.minute) for h in time.hours24()}
    for card in find(elements, resource_id="alarm_item"):
        inside = [e for e in elements if _inside(card, e)]
        label = next((e for e in inside if e.resource_id.endswith("digital_clock")), None)
        if label is None or _card_time(label.content_desc) not in hours:
            continue
        switch = next((e for e in inside if e.resource_id.endswith("onoff")), None)
        chips = [e for e in inside if e.resource_id.endswith("day_button")]
        if chips:
            for chip, day in zip(chips, DAYS, strict=False):
                if chip.checked != (day in days):
                    return navigation.tap(chip, screen)
        else:
            summary = next((e.text for e in inside if e.resource_id.endswith("days_text")), "")
            if _listed_days(summary) != days:
                continue
        if switch is not None and not switch.checked:
            return navigation.tap(switch, screen)
    return None
