"""The Clock's time picker dialog, as Android's TimePickerDialog draws it: a dial operated by
taps (an hour ring, then a minute ring, AM/PM beside the time) and a keyboard mode (hour and
minute fields, an AM/PM spinner), switched by the icon at its bottom left.

The dialog's state is a plain dict kept in the activity's `ui["dialog"]`; the functions below
edit that dict, and the view functions draw it. Handlers are given by the app and reach the
live dict when they run.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from android_gym.sim.view import View, col, field, icon, row, space, stack, text

Dialog = dict[str, Any]
Handler = Callable[[], None]

SURFACE = "#333537"
ACCENT = "#8ab4f8"
BRIGHT = "#ffffff"
DIM = "#9aa0a6"
DIAL_BG = "#45474a"
DIAL = 248.0
"""Size of the dial in dp; numbers sit on a ring of `RING` dp around its centre."""
RING = 96.0
TARGET = 40.0
TO_KEYBOARD = "Switch to text input mode for the time input."
TO_DIAL = "Switch to clock mode for the time input."


def new_dialog(hour: int, minute: int, editing: int | None = None) -> Dialog:
    """A picker showing `hour` (0-23) and `minute` on the hour ring, for a new alarm or for
    the alarm `editing`."""
    return {
        "kind": "time",
        "hour": (hour - 1) % 12 + 1,
        "minute": minute,
        "pm": hour >= 12,
        "mode": "hour",
        "keyboard": False,
        "fields": {"hour": "", "minute": ""},
        "focus": "hour",
        "fresh": True,
        "spinner": False,
        "error": False,
        "editing": editing,
    }


def hour24(d: Dialog) -> int:
    """The dialog's hour on the 24-hour clock."""
    return d["hour"] % 12 + (12 if d["pm"] else 0)


# -- edits ---------------------------------------------------------------------------------------


def pick_hour(d: Dialog, hour: int) -> None:
    """A tap on the hour ring: sets the hour and turns to the minute ring, as Android does."""
    d["hour"], d["mode"] = hour, "minute"


def pick_minute(d: Dialog, minute: int) -> None:
    d["minute"] = minute


def to_keyboard(d: Dialog, keyboard: bool) -> None:
    """Switches input mode; the fields start with the time shown, the hour field focused."""
    d["keyboard"], d["spinner"], d["error"] = keyboard, False, False
    if keyboard:
        d["fields"] = {"hour": str(d["hour"]), "minute": f"{d['minute']:02d}"}
        d["focus"], d["fresh"] = "hour", True


def focus(d: Dialog, name: str) -> None:
    """A tap on a field focuses it with its text selected (typing replaces it)."""
    d["focus"], d["fresh"], d["spinner"] = name, True, False


def type_into(d: Dialog, name: str, value: str) -> None:
    """Typing into a field: digits only, two at most. The first keys after focusing replace
    the selected text (Android selects a time field's text when it gains focus)."""
    old = d["fields"][name]
    if d["fresh"] and d["focus"] == name:
        value = value[len(old) :] if value.startswith(old) else ""
        d["fresh"] = False
    d["fields"][name] = "".join(c for c in value if c.isdigit())[:2]
    d["focus"], d["error"] = name, False


def confirm(d: Dialog) -> bool:
    """OK: in keyboard mode the fields must hold a valid time (else the error shows and the
    dialog stays). True when the dialog's time is set."""
    if not d["keyboard"]:
        return True
    h, m = d["fields"]["hour"], d["fields"]["minute"]
    if not (h.isdigit() and m.isdigit() and 1 <= int(h) <= 12 and int(m) <= 59):
        d["error"] = True
        return False
    d["hour"], d["minute"] = int(h), int(m)
    return True


# -- views ---------------------------------------------------------------------------------------


def _at(view: View, x: float, y: float) -> View:
    """`view` placed with its top-left corner at (x, y) dp inside a stack."""
    return col(view, pad=(x, y, 0, 0), at="top-left")


def _label(value: str, bright: bool, on_tap: Handler, rid: str, size: float = 60) -> View:
    return text(
        value,
        size=size,
        weight="regular" if size > 30 else "medium",
        color=BRIGHT if bright else DIM,
        on_tap=on_tap,
        rid=rid,
    )


def header(d: Dialog, h: dict[str, Handler]) -> View:
    """The time at the top: hour, minutes (the ring being set is bright) and AM / PM."""
    hour_mode = d["mode"] == "hour"
    return row(
        _label(str(d["hour"]), hour_mode, h["hours"], "hours"),
        text(":", size=60, color=DIM),
        _label(f"{d['minute']:02d}", not hour_mode, h["minutes"], "minutes"),
        col(
            _am_pm("AM", not d["pm"], h["am"], "am_label"),
            _am_pm("PM", d["pm"], h["pm"], "pm_label"),
            pad=(12, 0, 0, 0),
        ),
        justify="center",
        pad=(0, 20, 0, 8),
        rid="time_header",
    )


def _am_pm(value: str, chosen: bool, on_tap: Handler, rid: str) -> View:
    return text(
        value,
        size=18,
        weight="medium",
        color=BRIGHT if chosen else DIM,
        on_tap=on_tap,
        rid=rid,
        checkable=True,
        checked=chosen,
        pad=(4, 2, 4, 2),
    )


def dial(d: Dialog, pick: Callable[[int], Handler]) -> View:
    """The ring of the mode being set: 12 hours, or the minutes (every fifth labelled, the
    others tap targets between them), the chosen one on a blue disc with the hand to it."""
    hour_mode = d["mode"] == "hour"
    chosen = d["hour"] if hour_mode else d["minute"]
    centre = DIAL / 2
    values = list(range(1, 13)) if hour_mode else list(range(0, 60, 5))
    between = [] if hour_mode else [m for m in range(60) if m % 5]
    steps = 12 if hour_mode else 60

    def spot(value: int, radius: float = RING) -> tuple[float, float]:
        angle = 2 * math.pi * (value % steps) / steps
        return centre + radius * math.sin(angle), centre - radius * math.cos(angle)

    parts: list[View | None] = []
    # the hand: dots from the centre to the chosen value (on its disc, or a dot between labels)
    reach = RING - (TARGET / 2 if chosen in values else 5)
    for k in range(1, 25):
        dx, dy = spot(chosen, reach * k / 24)
        parts.append(_at(space(h=2.5, w=2.5, bg=ACCENT), dx - 1.25, dy - 1.25))
    parts.append(_at(space(h=7, w=7, bg=ACCENT, radius=3.5), centre - 3.5, centre - 3.5))
    if chosen not in values:
        x, y = spot(chosen)
        parts.append(_at(space(h=10, w=10, bg=ACCENT, radius=5), x - 5, y - 5))
    rid = "radial_hour" if hour_mode else "radial_minute"
    for value in values:
        vx, vy = spot(value)
        label = str(value) if hour_mode else f"{value:02d}"
        parts.append(
            _at(
                text(
                    label,
                    w=TARGET,
                    h=TARGET,
                    size=16,
                    pad=(0, 9, 0, 0),
                    text_align="center",
                    color=BRIGHT,
                    bg=ACCENT if value == chosen else None,
                    radius=TARGET / 2,
                    on_tap=pick(value),
                    rid=rid,
                    desc=label,
                    selected=value == chosen,
                ),
                vx - TARGET / 2,
                vy - TARGET / 2,
            )
        )
    for value in between:
        vx, vy = spot(value)
        parts.append(
            _at(
                space(h=9, w=9, on_tap=pick(value), rid=rid, desc=f"{value:02d}"),
                vx - 4.5,
                vy - 4.5,
            )
        )
    return row(
        stack(
            *parts,
            w=DIAL,
            h=DIAL,
            bg=DIAL_BG,
            radius=DIAL / 2,
            desc="Select hours" if hour_mode else "Select minutes",
        ),
        justify="center",
        rid="radial_picker",
    )


def buttons(toggle: View, on_cancel: Handler, on_ok: Handler) -> View:
    def button(label: str, on_tap: Handler, rid: str) -> View:
        return text(label, size=15, weight="medium", color=ACCENT, on_tap=on_tap, rid=rid, pad=12)

    return row(
        toggle,
        space(flex=1),
        button("CANCEL", on_cancel, "button2"),
        button("OK", on_ok, "button1"),
        pad=(16, 8, 8, 8),
    )


def input_toggle(keyboard: bool, on_tap: Handler) -> View:
    """The icon that switches between the dial and the keyboard."""
    return icon(
        "clock" if keyboard else "keyboard",
        28,
        color=DIM,
        desc=TO_DIAL if keyboard else TO_KEYBOARD,
        on_tap=on_tap,
        rid="toggle_mode",
        pad=4,
    )


def keyboard_body(
    d: Dialog,
    on_focus: Callable[[str], Handler],
    on_type: Callable[[str], Callable[[str], None]],
    on_spinner: Handler,
) -> View:
    """Keyboard mode: "Type in time", the hour and minute fields and the AM/PM spinner."""

    def entry(name: str) -> View:
        focused = d["focus"] == name and not d["spinner"]
        return col(
            col(
                _field(d["fields"][name], name, focused, on_focus(name), on_type(name)),
                bg="#3c4043",
                radius=4,
                border=ACCENT if focused else None,
                w=76,
                h=56,
                pad=(10, 0, 10, 0),
            ),
            text(name, size=12, color=DIM, pad=(2, 4, 0, 0)),
        )

    half = "PM" if d["pm"] else "AM"
    return col(
        text("Type in time", size=12, weight="medium", color=DIM, pad=(24, 20, 24, 12)),
        row(
            entry("hour"),
            text(":", size=34, color=BRIGHT, pad=(6, 0, 6, 18)),
            entry("minute"),
            row(
                text(half, size=16, color=BRIGHT),
                icon("chevron_down", 18, color=DIM),
                gap=4,
                pad=(14, 0, 0, 18),
                on_tap=on_spinner,
                rid="am_pm_spinner",
                desc=half,
                cls="android.widget.Spinner",
            ),
            pad=(24, 0, 24, 0),
            align="start",
        ),
        text("Enter a valid time", size=12, color="#f28b82", pad=(24, 4, 24, 0), rid="label_error")
        if d["error"]
        else None,
        space(h=12),
    )


def _field(
    value: str, name: str, focused: bool, on_tap: Handler, on_change: Callable[[str], None]
) -> View:
    return field(
        value,
        size=30,
        color=BRIGHT,
        focused=focused,
        on_tap=on_tap,
        on_change=on_change,
        rid=f"input_{name}",
        h=56,
    )


def spinner_menu(on_pick: Callable[[bool], Handler]) -> View:
    """The AM/PM spinner's drop-down list."""
    return col(
        *[
            text(
                label,
                size=16,
                color=BRIGHT,
                pad=(20, 12, 40, 12),
                on_tap=on_pick(label == "PM"),
                rid="text1",
            )
            for label in ("AM", "PM")
        ],
        bg="#44474a",
        radius=4,
        at="center",
        w=120,
        cls="android.widget.ListView",
    )
