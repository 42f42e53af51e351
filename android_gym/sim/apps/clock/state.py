"""The Clock app's data: its alarms, as the app's database keeps them.

An alarm has a time of day (24-hour), the days it repeats on (none: it rings once, at the
next occurrence of its time) and an enabled switch. The seeded alarms are the ones a used
phone has: an enabled weekday alarm and a few switched off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from android_gym.content.calendar import EVERY_DAY, WEEKDAYS
from android_gym.sim.apps.activities import Activity


@dataclass
class Alarm:
    """One alarm: `hour` 0-23, `minute`, the `days` it repeats on (in `DAYS` order), and
    whether it is `enabled`. `id` stays with the alarm while it is edited."""

    id: int
    hour: int
    minute: int
    days: tuple[str, ...] = ()
    enabled: bool = True

    @property
    def clock(self) -> str:
        """The time as the list shows it: "6:00" (12-hour, without AM/PM)."""
        return f"{(self.hour - 1) % 12 + 1}:{self.minute:02d}"

    @property
    def half(self) -> str:
        return "PM" if self.hour >= 12 else "AM"

    @property
    def time24(self) -> str:
        """ "18:00": the time as `dumpsys alarm` and the families write it."""
        return f"{self.hour:02d}:{self.minute:02d}"

    def summary(self, now: int) -> str:
        """The line under the time: its days, "Every day", or for a one-time alarm "Today" or
        "Tomorrow" (by the time of day `now`, in minutes) when on, "Not scheduled" when off."""
        if self.days == EVERY_DAY:
            return "Every day"
        if self.days == WEEKDAYS:
            return "Mon, Tue, Wed, Thu, Fri"
        if self.days:
            return ", ".join(self.days)
        if not self.enabled:
            return "Not scheduled"
        return "Today" if self.hour * 60 + self.minute > now else "Tomorrow"


def seeded_alarms() -> list[Alarm]:
    """The alarms at reset: one on (6:15 AM on weekdays), three off (8:30 AM on weekdays,
    9:00 AM at the weekend, 6:00 PM once)."""
    return [
        Alarm(1, 6, 15, WEEKDAYS, True),
        Alarm(2, 8, 30, WEEKDAYS, False),
        Alarm(3, 9, 0, ("Sun", "Sat"), False),
        Alarm(4, 18, 0, (), False),
    ]


@dataclass
class ClockState:
    """The Clock's activity stack (one screen with tabs; the time picker is its dialog), its
    alarms, which alarm card is expanded and the snackbar's message."""

    stack: list[Activity] = field(default_factory=lambda: [Activity("main", ui={"tab": "alarm"})])
    alarms: list[Alarm] = field(default_factory=seeded_alarms)
    next_id: int = 5
    expanded: int | None = None
    snackbar: str = ""

    def add(self, hour: int, minute: int) -> Alarm:
        """A new enabled one-time alarm, kept in time order as the list shows them."""
        alarm = Alarm(self.next_id, hour, minute)
        self.next_id += 1
        self.alarms.append(alarm)
        self.alarms.sort(key=lambda a: (a.hour, a.minute, a.id))
        return alarm

    def find(self, alarm_id: int) -> Alarm | None:
        return next((a for a in self.alarms if a.id == alarm_id), None)
