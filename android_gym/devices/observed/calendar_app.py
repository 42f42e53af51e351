"""Google Calendar (com.google.android.calendar), from the hierarchy and the device's date.

- `screen`: "main" while the view (`main_view`) is on screen, else "event" (an event's page);
- `view`, `start`, `end`: the view's content description names the view and the days it shows
  ("Week view, Jun 2 – 8, 2024", "Month view, June 2024", "Day view, Sunday, Jun 2, 2024",
  "Schedule view, Jun 2 – Jul 17, 2024"): ISO dates;
- `drawer`: the navigation drawer (`drawer_layout`) covers the view;
- `today`: the device's date (`date`).
"""

from __future__ import annotations

import calendar as gregorian
from datetime import date, datetime
from typing import Any

from android_gym.devices.observed.commands import ShellReport
from android_gym.devices.observed.screen import Screen
from android_gym.packages import CALENDAR

PACKAGE = CALENDAR
_MONTHS = {name: i for i, name in enumerate(gregorian.month_abbr) if name}
_FULL_MONTHS = {name: i for i, name in enumerate(gregorian.month_name) if name}


def facts(app: Screen, report: ShellReport) -> dict[str, Any]:
    out: dict[str, Any] = {"drawer": app.has("drawer_layout")}
    if report.now is not None:
        out["today"] = report.now.date().isoformat()
    main = app.first("main_view")
    if main is None:
        return {**out, "screen": "event"}
    out["screen"] = "main"
    shown = view_range(main.content_desc)
    if shown is not None:
        out["view"], first, last = shown
        out.update(start=first.isoformat(), end=last.isoformat())
    return out


def view_range(label: str) -> tuple[str, date, date] | None:
    """(view, first day, last day) of a view's description; None when it is not one."""
    kind, _, span = label.partition(" view, ")
    try:
        if kind == "Month":
            month, year = span.split()
            first = date(int(year), _FULL_MONTHS[month], 1)
            last_day = gregorian.monthrange(first.year, first.month)[1]
            return "month", first, first.replace(day=last_day)
        if kind == "Day":
            day = datetime.strptime(span.split(", ", 1)[1], "%b %d, %Y").date()
            return "day", day, day
        if kind in ("Week", "Schedule"):
            head, _, tail = span.partition(" – ")
            tail_days, year = tail.rsplit(", ", 1)
            start_month, start_day = head.split()
            end = tail_days.split()
            end_month = _MONTHS[end[0]] if len(end) == 2 else _MONTHS[start_month]
            last = date(int(year), end_month, int(end[-1]))
            first_year = last.year - (1 if _MONTHS[start_month] > end_month else 0)
            first = date(first_year, _MONTHS[start_month], int(start_day))
            return kind.lower(), first, last
    except (KeyError, ValueError, IndexError):
        return None
    return None
