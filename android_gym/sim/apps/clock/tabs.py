"""The Clock's screens: the tab bar and the Alarm, Clock, Timer and Stopwatch tabs.

Drawn dark as the reference screenshot shows; `dim` draws them in muted colours behind the
time picker dialog (the renderer has no transparency, so the scrim is in the colours).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content.calendar import DAY_NAMES, DAYS
from android_gym.sim.apps.clock.state import Alarm
from android_gym.sim.view import View, col, divider, icon, row, space, stack, text

if TYPE_CHECKING:
    from android_gym.sim.apps.clock import Clock

BG = "#121316"
TEXT = "#e3e3e3"
TEXT_OFF = "#8e9196"
DIM_TEXT = "#55585c"
ACCENT = "#8ab4f8"
LINE = "#2c2e31"
CARD_DP = 118
"""Height of a collapsed alarm card in dp (the list scrolls by it to show a new alarm)."""
TAB_ICONS = {"alarm": "alarm", "clock": "clock", "timer": "timer", "stopwatch": "stopwatch"}


def screen(app: Clock, tab: str, dim: bool) -> View:
    """The whole window: the tab bar over the tab's content, the tab's button at the bottom."""
    body = {"alarm": _alarms, "clock": _clock, "timer": _timer, "stopwatch": _stopwatch}[tab]
    return col(_tab_bar(app, tab, dim), body(app, dim), flex=1, bg=BG)


def _tab_bar(app: Clock, tab: str, dim: bool) -> View:
    def one(name: str) -> View:
        chosen = name == tab
        color = DIM_TEXT if dim else (TEXT if chosen else TEXT_OFF)
        return col(
            icon(TAB_ICONS[name], 26, color=color),
            text(
                name.upper(),
                size=13,
                weight="medium",
                color=color,
                pad=(0, 6, 0, 0),
                text_align="center",
            ),
            align="center",
            flex=1,
            pad=(0, 12, 0, 10),
            on_tap=lambda: app.select_tab(name),
            desc=name.capitalize(),
            selected=chosen,
            rid=f"tab_{name}",
        )

    return col(
        row(
            *[one(name) for name in ("alarm", "clock", "timer", "stopwatch")],
            icon("more_vert", 24, color=DIM_TEXT if dim else TEXT_OFF, desc="More options"),
            pad=(0, 0, 8, 0),
        ),
        divider(LINE),
    )


def _fab(glyph: str, desc: str, on_tap, dim: bool, rid: str = "fab") -> View:
    return row(
        icon(glyph, 30, color="#1b1b1f" if not dim else "#2b3a55"),
        justify="center",
        w=72,
        h=72,
        radius=36,
        bg="#2b3a55" if dim else ACCENT,
        on_tap=on_tap,
        desc=desc,
        rid=rid,
        cls="android.widget.ImageButton",
    )


def _bottom(button: View) -> View:
    return row(button, justify="center", pad=(0, 12, 0, 24))


# -- alarms ----------------------------------------------------------------------------------------


def _alarms(app: Clock, dim: bool) -> View:
    state = app.state
    hour, minute = app.now()
    now = hour * 60 + minute
    cards = [_card(app, a, state.expanded == a.id, dim, now) for a in state.alarms]
    if not cards:
        cards = [text("No alarms", size=16, color=TEXT_OFF, text_align="center", pad=(0, 80))]
    snackbar = None
    if state.snackbar and not dim:
        snackbar = text(
            state.snackbar,
            size=14,
            color="#202124",
            bg="#e3e3e3",
            radius=4,
            pad=(16, 14, 16, 14),
            rid="snackbar_text",
        )
    return col(
        col(*cards, space(h=96), scroll=app.scroll_key("alarms"), flex=1, rid="alarm_recycler"),
        col(snackbar, pad=(12, 0, 12, 0)) if snackbar else None,
        _bottom(_fab("add", "Add alarm", app.add_alarm, dim)),
        flex=1,
    )


def _card(app: Clock, alarm: Alarm, expanded: bool, dim: bool, now: int) -> View:
    on = alarm.enabled
    big = DIM_TEXT if dim else (TEXT if on else TEXT_OFF)
    small = DIM_TEXT if dim else TEXT_OFF
    spoken = f"{alarm.clock} {alarm.half}"
    aid = alarm.id
    parts: list[View | None] = [
        row(
            row(
                text(alarm.clock, size=52, weight="light", color=big),
                text(alarm.half, size=20, color=big, pad=(6, 0, 0, 8)),
                align="end",
                on_tap=lambda: app.edit_alarm(aid),
                rid="digital_clock",
                desc=spoken,
            ),
            space(flex=1),
            _switch(on, dim, lambda: app.toggle(aid), spoken),
            pad=(20, 8, 20, 0),
        ),
        row(
            text(
                alarm.summary(now), size=15, weight="medium", color=small, flex=1, rid="days_text"
            ),
            icon(
                "expand_less" if expanded else "chevron_down",
                24,
                color=small,
                desc="Collapse alarm" if expanded else "Expand alarm",
                on_tap=lambda: app.expand(aid),
                rid="arrow",
            ),
            pad=(20, 4, 20, 12),
        ),
    ]
    if expanded:
        parts.append(_details(app, alarm, dim))
    parts.append(col(divider(LINE), pad=(16, 0, 16, 0)))
    return col(*parts, rid="alarm_item", desc=f"Alarm {spoken}")


def _switch(on: bool, dim: bool, on_tap, desc: str) -> View:
    track = "#3f5f8f" if on else "#5f6368"
    thumb = ACCENT if on else "#bdc1c6"
    if dim:
        track, thumb = "#303134", "#45474a"
    return stack(
        space(h=14, w=34, bg=track, radius=7, at="center"),
        space(h=22, w=22, bg=thumb, radius=11, at="right" if on else "left"),
        w=40,
        h=28,
        on_tap=on_tap,
        checkable=True,
        checked=on,
        desc=desc,
        rid="onoff",
        cls="android.widget.Switch",
    )


def _details(app: Clock, alarm: Alarm, dim: bool) -> View:
    aid = alarm.id

    def chip(k: int) -> View:
        day = DAYS[k]
        chosen = day in alarm.days
        return text(
            day[0],
            w=36,
            h=36,
            size=14,
            weight="medium",
            pad=(0, 8, 0, 0),
            text_align="center",
            radius=18,
            bg=(ACCENT if chosen else None) if not dim else None,
            border=None if chosen else "#5f6368",
            color="#1b1b1f" if chosen and not dim else TEXT_OFF,
            on_tap=lambda: app.toggle_day(aid, day),
            desc=DAY_NAMES[k],
            checkable=True,
            checked=chosen,
            rid="day_button",
        )

    return col(
        row(*[chip(k) for k in range(7)], justify="between", pad=(20, 0, 20, 12)),
        row(
            icon("close", 22, color=TEXT_OFF),
            text("Delete", size=15, weight="medium", color=TEXT_OFF, pad=(16, 0, 0, 0)),
            pad=(20, 10, 20, 14),
            on_tap=lambda: app.delete(aid),
            rid="delete",
            desc="Delete alarm",
        ),
    )


# -- the other tabs --------------------------------------------------------------------------------


def _clock(app: Clock, dim: bool) -> View:
    color = DIM_TEXT if dim else TEXT
    day, date = app.phone.date.split(", ")
    return col(
        space(h=48),
        row(
            text(app.phone.clock, size=64, weight="light", color=color),
            text("AM", size=22, color=color, pad=(6, 0, 0, 10)),
            align="end",
            justify="center",
            rid="digital_clock",
        ),
        text(
            f"{day[:3].upper()}, {date.upper()}",
            size=14,
            weight="medium",
            color=TEXT_OFF,
            text_align="center",
            pad=(0, 8, 0, 0),
            rid="date",
        ),
        space(flex=1),
        _bottom(_fab("location", "Cities", None, dim)),
        flex=1,
    )


def _timer(app: Clock, dim: bool) -> View:
    digits = app.top.ui.get("timer", "")[-6:].rjust(6, "0")
    shown = f"{digits[0:2]}h {digits[2:4]}m {digits[4:6]}s"

    def key(label: str) -> View:
        def press() -> None:
            typed = app.top.ui.get("timer", "")
            typed = typed[:-1] if label == "⌫" else (typed + label)[-6:]
            app.top.ui["timer"] = typed.lstrip("0")

        return text(
            label, size=30, color=TEXT, text_align="center", flex=1, pad=(0, 14), on_tap=press
        )

    keys = [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"], ["00", "0", "⌫"]]
    return col(
        text(shown, size=44, weight="light", color=TEXT, text_align="center", pad=(0, 32, 0, 16)),
        divider(LINE),
        *[row(*[key(k) for k in line], pad=(32, 0, 32, 0)) for line in keys],
        space(flex=1),
        _bottom(_fab("play", "Start", None, dim)),
        flex=1,
        rid="timer_setup",
    )


def _stopwatch(app: Clock, dim: bool) -> View:
    return col(
        space(h=96),
        text("0:00.00", size=60, weight="light", color=TEXT, text_align="center", rid="stopwatch"),
        space(flex=1),
        _bottom(_fab("play", "Start", None, dim)),
        flex=1,
    )
