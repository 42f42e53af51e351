"""The shell half of a state read: one command line for everything a state needs from `adb
shell`, and the parsers of what Android prints for it.

Each part of the line is preceded by `echo @@name`, so one round trip brings back every
section and `sections` splits them apart. Real devices print a lot for `dumpsys activity
activities` and `dumpsys alarm`; `grep` keeps the lines read here. What each section gives:

- `activity`: the resumed activity (`mResumedActivity: ActivityRecord{... u0 PKG/ACT t12}`,
  or Android 13+'s `topResumedActivity=ActivityRecord{...}`) and its intent's `dat=package:`
  (the app that Settings' App info shows);
- `packages`: `pm list packages`;
- `alarms`: the Clock's pending alarms in `dumpsys alarm` (their next time: repeat days are not
  there; `clock.py` takes them from the Clock's list);
- `date`: the device's local date and time (`date +%Y-%m-%dT%H:%M:%S`);
- one section per system toggle (`android_gym.toggles`: `settings get ...`, `cmd uimode
  night`);
- `blocked`: the packages whose notifications are off (`appops query-op POST_NOTIFICATION
  ignore`: one package a line, or "No operations.").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from android_gym.packages import CLOCK
from android_gym.toggles import TOGGLES

MARK = "@@"

SECTIONS: tuple[tuple[str, str], ...] = (
    (
        "activity",
        "dumpsys activity activities | grep -E 'ResumedActivity|Hist|intent='",
    ),
    ("packages", "pm list packages"),
    ("alarms", "dumpsys alarm | grep -E 'Alarm\\{|origWhen'"),
    ("date", "date +%Y-%m-%dT%H:%M:%S"),
    *((toggle.name, toggle.read_command) for toggle in TOGGLES),
    ("blocked", "appops query-op POST_NOTIFICATION ignore"),
)
COMMAND = "; ".join(f"echo {MARK}{name}; {command}" for name, command in SECTIONS)
"""The one command line a state read runs."""

_RECORD = re.compile(r"ActivityRecord\{\S+ u\d+ ([\w.]+)/([\w.$]+)")
_RESUMED = re.compile(r"(?:mResumedActivity: |topResumedActivity=)ActivityRecord\{([^}]*)\}")
_DATA_PACKAGE = re.compile(r"\bdat=package:([\w.]+)")
_WHEN = re.compile(r"origWhen=\d{4}-\d\d-\d\d (\d\d):(\d\d)")
_PACKAGE_NAME = re.compile(r"^[A-Za-z][\w]*(\.[\w]+)+$")


@dataclass(frozen=True)
class ShellReport:
    """What the shell says about a device."""

    package: str = ""
    activity: str = ""
    """The resumed activity's class as dumpsys prints it (".Settings" when it lies in the
    package, else the full name), the form `DeviceState.activity` holds."""
    intent_package: str = ""
    """The `package:` data of the resumed activity's intent ("" when it has none)."""
    packages: tuple[str, ...] = ()
    alarm_times: tuple[str, ...] = ()
    """The Clock's pending alarms, "HH:MM" (24-hour)."""
    now: datetime | None = None
    toggles: dict[str, bool] = field(default_factory=dict)
    """The system toggles (`android_gym.toggles`), read with their `read_command`."""
    blocked: tuple[str, ...] = ()


def read_shell(shell: Callable[[str], str]) -> ShellReport:
    """Runs `COMMAND` once and parses its sections."""
    return parse_report(shell(COMMAND))


def parse_report(output: str) -> ShellReport:
    """The report in what `COMMAND` printed."""
    parts = sections(output)
    package, activity, intent_package = resumed(parts.get("activity", ""))
    toggles = {t.name: t.parse(parts[t.name]) for t in TOGGLES if t.name in parts}
    return ShellReport(
        package=package,
        activity=activity,
        intent_package=intent_package,
        packages=listed_packages(parts.get("packages", "")),
        alarm_times=alarm_times(parts.get("alarms", "")),
        now=local_time(parts.get("date", "")),
        toggles=toggles,
        blocked=blocked(parts.get("blocked", "")),
    )


def sections(output: str) -> dict[str, str]:
    """The output of `COMMAND` split at its `@@name` lines: name -> what followed."""
    out: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in output.splitlines():
        if line.startswith(MARK) and line[len(MARK) :].isidentifier():
            current = out.setdefault(line[len(MARK) :], [])
        elif current is not None:
            current.append(line)
    return {name: "\n".join(lines) for name, lines in out.items()}


def resumed(dump: str) -> tuple[str, str, str]:
    """(package, activity, intent's package data) of the resumed activity in `dumpsys
    activity activities`; empty strings when none is resumed."""
    match = _RESUMED.search(dump)
    if match is None:
        return "", "", ""
    record = _RECORD.search("ActivityRecord{" + match[1])
    if record is None:
        return "", "", ""
    lines = dump.splitlines()
    data = ""
    for i, line in enumerate(lines):
        if "Hist" in line and match[1] in line:
            following = lines[i + 1] if i + 1 < len(lines) else ""
            found = _DATA_PACKAGE.search(following) if "intent=" in following else None
            data = found[1] if found else ""
            break
    return record[1], record[2], data


def listed_packages(text: str) -> tuple[str, ...]:
    """The packages of `pm list packages`, sorted."""
    return tuple(
        sorted(line[8:].strip() for line in text.splitlines() if line.startswith("package:"))
    )


def alarm_times(text: str) -> tuple[str, ...]:
    """The times ("HH:MM") of the Clock's alarms in `dumpsys alarm`: each `Alarm{...}` record
    of the Clock's package, at the `origWhen=` that follows it."""
    times, clock = [], False
    for line in text.splitlines():
        if "Alarm{" in line:
            clock = line.rstrip().endswith(CLOCK + "}")
        elif clock and (when := _WHEN.search(line)):
            times.append(f"{when[1]}:{when[2]}")
            clock = False
    return tuple(times)


def local_time(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def blocked(text: str) -> tuple[str, ...]:
    """The packages `appops query-op` listed (none for "No operations.")."""
    return tuple(
        sorted(line.strip() for line in text.splitlines() if _PACKAGE_NAME.match(line.strip()))
    )
