"""The Calendar app (com.google.android.calendar): schedule, day, week and month views of the
owner's events around the phone's date, the navigation drawer that switches views, and an
event's page.

The view in front names its range in the UI hierarchy (the view's content description, e.g.
"Week view, Jun 2 – 8, 2024"), as the facts say too; swiping left or right moves the day, week
or month view by one range, and the Today button returns to today's.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from android_gym import packages
from android_gym.content import calendar as cal
from android_gym.sim.apps.activities import Activity, StackApp, StackState
from android_gym.sim.apps.calendar_app import views
from android_gym.sim.view import View

PACKAGE = packages.CALENDAR
VIEWS = ("schedule", "day", "week", "month")


class Calendar(StackApp):
    package = PACKAGE
    label = packages.PHONE_APPS[PACKAGE]
    icon = "app:calendar"
    bar_color = views.SURFACE
    light_bars = False
    first = "main"
    activities: ClassVar[dict[str, str]] = {
        "main": "com.android.calendar.AllInOneActivity",
        "event": "com.google.android.calendar.event.EventInfoActivity",
    }

    def new_state(self) -> StackState:
        return StackState([Activity("main", ui={"view": "schedule", "offset": 0})])

    def screen_key(self) -> str:
        return f"{self.state!r}|{self.phone.date}"

    @property
    def today(self) -> date:
        return cal.today(self.phone.date)

    def main(self) -> Activity:
        return self.state.stack[0]

    def range(self) -> tuple[date, date]:
        """The first and last day the main view shows."""
        ui = self.main().ui
        kind, offset, now = ui["view"], ui["offset"], self.today
        if kind == "day":
            day = now + timedelta(days=offset)
            return day, day
        if kind == "week":
            start = cal.week_start(now) + timedelta(days=7 * offset)
            return start, start + timedelta(days=6)
        if kind == "month":
            start = cal.month_start(now, offset)
            return start, cal.month_start(now, offset + 1) - timedelta(days=1)
        return now, now + timedelta(days=45)

    def range_label(self) -> str:
        """What the view's content description says it shows: "Week view, Jun 2 – 8, 2024"."""
        start, end = self.range()
        kind = self.main().ui["view"]
        if kind == "month":
            span = start.strftime("%B %Y")
        elif kind == "day":
            span = f"{start.strftime('%A')}, {views.short(start)}, {start.year}"
        elif start.month == end.month:
            span = f"{views.short(start)} – {end.day}, {end.year}"
        else:
            span = f"{views.short(start)} – {views.short(end)}, {end.year}"
        return f"{kind.capitalize()} view, {span}"

    def facts(self) -> dict[str, object]:
        """What the UI hierarchy shows: the screen ("main" or "event"), the view in front, the
        first and last day it shows (ISO dates, from its range label), whether the drawer
        covers it; and the device's date (`adb shell date`)."""
        start, end = self.range()
        return {
            "screen": self.top.name,
            "view": self.main().ui["view"],
            "start": start.isoformat(),
            "end": end.isoformat(),
            "drawer": bool(self.top.ui.get("dialog")),
            "today": self.today.isoformat(),
        }

    # -- state changes -------------------------------------------------------------------------

    def show_view(self, kind: str) -> None:
        self.main().ui.update(view=kind, offset=0, dialog=None)

    def drawer(self, opened: bool) -> None:
        self.top.ui["dialog"] = "drawer" if opened else None

    def go_today(self) -> None:
        self.main().ui["offset"] = 0

    def swipe(self, direction: str) -> bool:
        """Left shows the next day, week or month; right the previous one."""
        if direction not in ("left", "right") or self.main().ui["view"] == "schedule":
            return False
        self.main().ui["offset"] += 1 if direction == "left" else -1
        return True

    def open_event(self, event_id: int) -> None:
        self.open("event", id=event_id)

    # -- screen --------------------------------------------------------------------------------

    def build(self) -> View:
        if self.top.name == "event":
            found = [e for e in cal.events(self.phone.date) if e.id == self.top.args["id"]]
            return views.event_page(self, found[0])
        return views.main(self)
