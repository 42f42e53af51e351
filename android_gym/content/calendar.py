"""The phone owner's calendar: dates from the phone's date line and events around today.

The phone shows its date as "Saturday, Jun 1" without a year; `today` picks the first year
from 2024 on in which that date falls on that weekday, so weeks and months lay out as on a
real calendar. Events are seeded by the date, deterministic, and placed relative to today:
some today, some later this week, some next week and later this month, a few in the past.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from android_gym.content.common import rng_for

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAYS = ("Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat")
"""Days of the week in the Clock's order (its chips read S M T W T F S), as alarms repeat."""
DAY_NAMES = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")
WEEKDAYS = DAYS[1:6]
EVERY_DAY = DAYS

COLORS = ("#039be5", "#33b679", "#8e24aa", "#e67c73", "#f6bf26", "#f4511e", "#7986cb")
TIMED = (
    ("Team standup", "Google Meet", 30),
    ("Dentist appointment", "Bright Smile Dental", 60),
    ("Lunch with Sarah", "Cafe Rosa", 60),
    ("Yoga class", "Downtown Studio", 60),
    ("Project review", "Conference room B", 60),
    ("1:1 with manager", "Google Meet", 30),
    ("Haircut", "Main Street Barbers", 45),
    ("Book club", "City Library", 90),
    ("Soccer practice", "Riverside Park", 90),
    ("Dinner with parents", "Olive Garden", 120),
    ("Car service", "Toyota Service Center", 60),
    ("Coffee with Alex", "Blue Bottle Coffee", 45),
    ("Piano lesson", "Music Academy", 60),
    ("Quarterly planning", "Conference room A", 120),
    ("Doctor's appointment", "City Clinic", 30),
    ("Movie night", "AMC Theater", 150),
)
ALL_DAY = ("Mom's birthday", "Pay rent", "Trip to Denver", "Company holiday", "Anniversary")


@dataclass(frozen=True)
class Event:
    """One event: `day` (a date), `start` minutes after midnight (None: all day), `minutes`
    long, its `title`, `place` and `color`; `id` is stable for its page."""

    id: int
    day: date
    start: int | None
    minutes: int
    title: str
    place: str
    color: str

    def when(self) -> str:
        """ "10:00 – 11:00 AM" or "All day"."""
        if self.start is None:
            return "All day"
        return f"{clock(self.start)} – {clock(self.start + self.minutes)}"


def clock(minutes: int) -> str:
    """Minutes after midnight as "9:30 AM"."""
    hour, minute = divmod(minutes % (24 * 60), 60)
    return f"{(hour - 1) % 12 + 1}:{minute:02d} {'PM' if hour >= 12 else 'AM'}"


@lru_cache(maxsize=64)
def today(phone_date: str) -> date:
    """The date the phone's date line ("Saturday, Jun 1") stands for."""
    weekday, month_day = phone_date.split(", ")
    month_name, day = month_day.split()
    month = _MONTHS.index(month_name) + 1
    wanted = _WEEKDAYS.index(weekday)
    for year in range(2024, 2040):
        if date(year, month, int(day)).weekday() == wanted:
            return date(year, month, int(day))
    return date(2024, month, int(day))


def week_start(day: date) -> date:
    """The Sunday that starts `day`'s week (the calendar's weeks run Sunday to Saturday)."""
    return day - timedelta(days=(day.weekday() + 1) % 7)


def month_start(day: date, months: int = 0) -> date:
    """The first day of the month `months` after `day`'s."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@lru_cache(maxsize=64)
def events(phone_date: str) -> tuple[Event, ...]:
    """The calendar's events from 14 days before today to 45 days after, in time order."""
    now = today(phone_date)
    rng = rng_for("calendar", now.isoformat())
    out = []
    for offset in range(-14, 46):
        day = now + timedelta(days=offset)
        count = int(rng.choice((0, 1, 1, 2, 2, 3))) if offset else 2
        starts = sorted(int(s) for s in rng.choice(range(16, 40), size=count, replace=False))
        for start in starts:
            title, place, minutes = TIMED[int(rng.integers(len(TIMED)))]
            color = COLORS[int(rng.integers(len(COLORS)))]
            out.append(Event(len(out) + 1, day, start * 30, minutes, title, place, color))
        if rng.random() < 0.08:
            title = ALL_DAY[int(rng.integers(len(ALL_DAY)))]
            out.append(Event(len(out) + 1, day, None, 0, title, "", COLORS[1]))
    return tuple(sorted(out, key=lambda e: (e.day, -1 if e.start is None else e.start, e.id)))


def on(phone_date: str, day: date) -> list[Event]:
    """The events of one day."""
    return [e for e in events(phone_date) if e.day == day]
