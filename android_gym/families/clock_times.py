"""Times of day as a parameter pool: every minute of the day, named the ways people write it.

The pool is made by rule rather than listed in YAML (1,440 times and their spellings). A value
is a 12-hour time with its half of the day ("6:00pm", "5:45am"); its aliases are the other
spellings of the same moment: "6pm", "18:00", "1800", "06:00" for a morning time. A time
written without AM/PM on the 12-hour clock ("7:30", "seven thirty", "7") is its own value
("7:30") that stands for either half: the instruction does not say which.
Spelled-out times reach the pool through the shared number reading ("quarter to six pm" is
read as "5:45pm" before values are looked up).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from android_gym.families.pools import Pool


@dataclass(frozen=True)
class TimeOfDay:
    """A parsed pool value: `hour` on the 12-hour clock (1-12), `minute`, and `pm` (None when
    the instruction gave no half of the day)."""

    hour: int
    minute: int
    pm: bool | None

    def hours24(self) -> tuple[int, ...]:
        """The 24-hour hours it may mean (two when the half is not given)."""
        base = self.hour % 12
        if self.pm is None:
            return (base, base + 12)
        return (base + 12 if self.pm else base,)

    def spoken(self) -> str:
        """How an instruction writes it: "6pm", "5:45am", "7:30"."""
        half = "" if self.pm is None else ("pm" if self.pm else "am")
        return (
            f"{self.hour}{half}"
            if not self.minute and half
            else f"{self.hour}:{self.minute:02d}{half}"
        )


def parse_time(value: str) -> TimeOfDay:
    """A value of `TIMES` as a `TimeOfDay` ("6:00pm", "7:30")."""
    half = value[-2:] if value[-2:] in ("am", "pm") else ""
    hour, minute = value[: len(value) - len(half)].split(":")
    return TimeOfDay(int(hour), int(minute), None if not half else half == "pm")


def value_of(hour24: int, minute: int) -> str:
    """The pool value of a 24-hour time: (18, 0) -> "6:00pm"."""
    return f"{(hour24 - 1) % 12 + 1}:{minute:02d}{'pm' if hour24 >= 12 else 'am'}"


@cache
def times() -> Pool:
    """The closed pool of times of day (see the module docstring)."""
    values: dict[str, tuple[str, ...]] = {}
    for hour24 in range(24):
        for minute in range(60):
            h12, half = (hour24 - 1) % 12 + 1, "pm" if hour24 >= 12 else "am"
            names = [f"{h12}:{minute:02d} {half}"] + ([f"{h12}{half}"] if minute == 0 else [])
            if hour24 == 0 or hour24 > 12:
                names.append(f"{hour24}:{minute:02d}")
            if hour24 < 10:
                names.append(f"{hour24:02d}:{minute:02d}")
            names.append(f"{hour24:02d}{minute:02d}")
            values[value_of(hour24, minute)] = tuple(names)
    for hour in range(1, 13):
        for minute in range(60):
            values[f"{hour}:{minute:02d}"] = (str(hour), f"{hour} o clock") if minute == 0 else ()
    return Pool("time", values, closed=True)
