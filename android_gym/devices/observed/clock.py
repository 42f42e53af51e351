"""The Clock (com.google.android.deskclock): its alarms, as `(time, days, enabled)` with the
time "HH:MM" (24-hour) and the repeat days in the Clock's order ("Sun" ... "Sat"; none: once).

Sources: `dumpsys alarm` lists the enabled alarms at their next time, whatever is in front; it
does not hold repeat days, which the Clock's alarm list shows while it is on screen (each card's
time, switch, and day chips when expanded or its summary line: "Every day", "Mon, Tue, Wed,
Thu, Fri", "Sun, Sat"; "Today", "Tomorrow" and "Not scheduled" for one-time alarms). An enabled
alarm that no card on screen shows has unknown days (None): a family asking for days cannot
count it. On a real Clock, `dumpsys alarm` holds each alarm's next state change (a reminder
two hours ahead, then the alarm), so its times there are a hint; the list is the source to
trust.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from android_gym.devices.observed.commands import ShellReport
from android_gym.devices.observed.screen import Screen
from android_gym.packages import CLOCK

PACKAGE = CLOCK
DAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
DAY_NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
ONCE = ("Today", "Tomorrow", "Not scheduled")

Alarm = tuple[str, tuple[str, ...] | None, bool]
"""(time, repeat days or None when not on screen, enabled)."""


def facts(app: Screen, report: ShellReport) -> dict[str, Any]:
    cards = listed(app)
    shown = Counter(time for time, _, on in cards if on)
    unseen: list[Alarm] = []
    for time, count in Counter(report.alarm_times).items():
        unseen += [(time, None, True)] * max(0, count - shown[time])
    return {"alarms": (*cards, *unseen)}


def listed(app: Screen) -> list[Alarm]:
    """The alarms of the cards on screen."""
    out = []
    for card in app.all("alarm_item"):
        inside = app.inside(card)
        label = inside.first("digital_clock")
        time = _time24(label.content_desc) if label is not None else None
        if time is None:
            continue
        switch = inside.first("onoff")
        chips = inside.all("day_button")
        if chips:
            days = tuple(
                DAYS[DAY_NAMES.index(c.content_desc)]
                for c in chips
                if c.checked and c.content_desc in DAY_NAMES
            )
        else:
            days = _summary_days(inside.text("days_text"))
        out.append((time, days, switch is not None and switch.checked))
    return out


def _time24(spoken: str) -> str | None:
    """ "18:00" for "6:00 PM"."""
    clock, _, half = spoken.partition(" ")
    hour, _, minute = clock.partition(":")
    if half not in ("AM", "PM") or not hour.isdigit() or not minute.isdigit():
        return None
    return f"{int(hour) % 12 + (12 if half == 'PM' else 0):02d}:{int(minute):02d}"


def _summary_days(summary: str) -> tuple[str, ...] | None:
    if summary == "Every day":
        return DAYS
    if summary in ONCE:
        return ()
    days = tuple(d for d in DAYS if d in summary.replace(" ", "").split(","))
    return days or None
