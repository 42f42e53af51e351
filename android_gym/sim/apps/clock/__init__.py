"""The Clock app (com.google.android.deskclock): Alarm, Clock, Timer and Stopwatch tabs.

The Alarm tab lists the alarms (time, enable switch, repeat days; a card expands to its day
chips and Delete); the + button opens the time picker (`picker.py`), which sets a new alarm,
and a tap on an alarm's time edits it. The app is dark, as the reference screenshot of the
time picker shows. Alarms are the app's stored data: closing the app keeps them.
"""

from __future__ import annotations

from typing import ClassVar

from android_gym import packages
from android_gym.content.calendar import DAYS
from android_gym.sim.apps.activities import StackApp
from android_gym.sim.apps.clock import picker, tabs
from android_gym.sim.apps.clock.state import Alarm, ClockState
from android_gym.sim.view import View, col, stack

PACKAGE = packages.CLOCK
TABS = ("alarm", "clock", "timer", "stopwatch")


class Clock(StackApp):
    package = PACKAGE
    label = packages.PHONE_APPS[PACKAGE]
    icon = "app:clock"
    bar_color = tabs.BG
    light_bars = True
    activities: ClassVar[dict[str, str]] = {"main": "com.android.deskclock.DeskClock"}

    def new_state(self) -> ClockState:
        return ClockState()

    def close(self) -> None:
        """Back from the Clock closes its screen; the alarms stay (they are stored)."""
        self.state = ClockState(alarms=self.state.alarms, next_id=self.state.next_id)

    def screen_key(self) -> str:
        return f"{self.state!r}|{self.phone.date}|{self.phone.clock}"

    def facts(self) -> dict[str, object]:
        """The alarms as `dumpsys alarm` and the Clock's list report them: each one's time
        (24-hour "HH:MM"), repeat days and whether it is enabled (only enabled alarms are
        scheduled with the AlarmManager)."""
        return {
            "alarms": tuple((a.time24, a.days, a.enabled) for a in self.state.alarms),
            "tab": self.top.ui.get("tab", "alarm"),
        }

    def now(self) -> tuple[int, int]:
        """The phone's time of day ("9:38", a morning time) as (hour, minute)."""
        hour, minute = self.phone.clock.split(":")
        return int(hour), int(minute)

    # -- state changes -------------------------------------------------------------------------

    @property
    def dialog(self) -> dict | None:
        return self.top.ui.get("dialog")

    def select_tab(self, tab: str) -> None:
        self.top.ui["tab"] = tab
        self.state.expanded = None

    def add_alarm(self) -> None:
        hour, minute = self.now()
        self.top.ui["dialog"] = picker.new_dialog(hour, minute)

    def edit_alarm(self, alarm_id: int) -> None:
        alarm = self.state.find(alarm_id)
        if alarm is not None:
            self.top.ui["dialog"] = picker.new_dialog(alarm.hour, alarm.minute, alarm_id)

    def toggle(self, alarm_id: int) -> None:
        alarm = self.state.find(alarm_id)
        if alarm is not None:
            alarm.enabled = not alarm.enabled
            self.state.snackbar = self._until(alarm) if alarm.enabled else ""

    def expand(self, alarm_id: int) -> None:
        self.state.expanded = None if self.state.expanded == alarm_id else alarm_id

    def toggle_day(self, alarm_id: int, day: str) -> None:
        alarm = self.state.find(alarm_id)
        if alarm is not None:
            chosen = set(alarm.days) ^ {day}
            alarm.days = tuple(d for d in DAYS if d in chosen)

    def delete(self, alarm_id: int) -> None:
        self.state.alarms = [a for a in self.state.alarms if a.id != alarm_id]
        self.state.expanded = None
        self.state.snackbar = "Alarm deleted"

    def picker_ok(self) -> None:
        d = self.dialog
        if d is None or not picker.confirm(d):
            return
        hour, minute = picker.hour24(d), d["minute"]
        alarm = self.state.find(d["editing"]) if d["editing"] is not None else None
        if alarm is None:
            alarm = self.state.add(hour, minute)
        else:
            alarm.hour, alarm.minute, alarm.enabled = hour, minute, True
            self.state.alarms.sort(key=lambda a: (a.hour, a.minute, a.id))
        self.state.expanded = alarm.id
        self.state.snackbar = self._until(alarm)
        self.top.ui["dialog"] = None
        # the list scrolls to the alarm just set (the layout keeps the offset in range)
        index = self.state.alarms.index(alarm)
        self.phone.scroll[self.scroll_key("alarms")] = self.phone.metrics.px(tabs.CARD_DP * index)

    def picker_do(self, edit, *args) -> None:
        """Runs one of `picker`'s edits on the open dialog (if it is still open)."""
        if self.dialog is not None:
            edit(self.dialog, *args)

    def _until(self, alarm: Alarm) -> str:
        hour, minute = self.now()
        left = (alarm.hour * 60 + alarm.minute - hour * 60 - minute - 1) % (24 * 60) + 1
        hours, minutes = divmod(left, 60)
        parts = [f"{hours} hour{'s' * (hours != 1)}"] * bool(hours)
        parts += [f"{minutes} minute{'s' * (minutes != 1)}"] * bool(minutes)
        return f"Alarm set for {' and '.join(parts)} from now."

    # -- screen --------------------------------------------------------------------------------

    def build(self) -> View:
        tab = self.top.ui.get("tab", "alarm")
        d = self.dialog
        body = tabs.screen(self, tab, dim=d is not None)
        if d is None:
            return body
        return stack(
            body,
            col(on_tap=lambda: self.back() and None, on_swipe=lambda _: False, rid="scrim"),
            self._picker(d),
            flex=1,
            bg=tabs.BG,
        )

    def _picker(self, d: dict) -> View:
        do = self.picker_do
        if d["keyboard"]:
            content = picker.keyboard_body(
                d,
                on_focus=lambda name: lambda: do(picker.focus, name),
                on_type=lambda name: lambda value: do(picker.type_into, name, value),
                on_spinner=lambda: do(lambda dd: dd.update(spinner=not dd["spinner"])),
            )
        else:
            handlers = {
                "hours": lambda: do(lambda dd: dd.update(mode="hour")),
                "minutes": lambda: do(lambda dd: dd.update(mode="minute")),
                "am": lambda: do(lambda dd: dd.update(pm=False)),
                "pm": lambda: do(lambda dd: dd.update(pm=True)),
            }
            edit = picker.pick_hour if d["mode"] == "hour" else picker.pick_minute
            content = col(
                picker.header(d, handlers),
                picker.dial(d, lambda value: lambda: do(edit, value)),
                gap=8,
            )
        toggle = picker.input_toggle(
            d["keyboard"], lambda: do(picker.to_keyboard, not self.dialog["keyboard"])
        )
        box = col(
            content,
            picker.buttons(toggle, lambda: self.back() and None, self.picker_ok),
            bg=picker.SURFACE,
            radius=4,
            w=312,
            at="center",
            rid="time_picker",
            cls="android.widget.FrameLayout",
        )
        if not d["spinner"]:
            return box
        menu = picker.spinner_menu(
            lambda pm: lambda: do(lambda dd: dd.update(pm=pm, spinner=False))
        )
        return stack(box, menu, at="center", w=312)
