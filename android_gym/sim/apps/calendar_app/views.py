"""The Calendar's screens: the toolbar, the schedule, day, week and month views, the drawer
and an event's page (Material 3, Google Calendar's colours)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from android_gym.content import calendar as cal
from android_gym.sim import theme
from android_gym.sim.view import View, col, divider, icon, row, space, stack, text

if TYPE_CHECKING:
    from android_gym.sim.apps.calendar_app import Calendar

SURFACE = "#ffffff"
BLUE = "#1a73e8"
SELECTED = "#d3e3fd"
GRID = "#e0e0e0"
FIRST_HOUR, LAST_HOUR = 7, 21
"""The hours the day and week grids show (events fall between 8 AM and 8 PM)."""
VIEW_ICONS = {"schedule": "menu", "day": "today", "week": "grid", "month": "today"}


def short(day: date) -> str:
    """ "Jun 2"."""
    return f"{day.strftime('%b')} {day.day}"


def main(app: Calendar) -> View:
    ui = app.main().ui
    kind = ui["view"]
    body = {"schedule": _schedule, "day": _day, "week": _week, "month": _month}[kind](app)
    content = col(
        _toolbar(app),
        col(
            body,
            flex=1,
            desc=app.range_label(),
            rid="main_view",
            on_swipe=app.swipe if kind != "schedule" else None,
        ),
        flex=1,
        bg=SURFACE,
    )
    fab = row(
        icon("add", 28, color=BLUE),
        justify="center",
        w=56,
        h=56,
        radius=16,
        bg="#c2e7ff",
        desc="Create new event",
        rid="floating_action_button",
        at="bottom-right",
        shadow=True,
    )
    parts: list[View | None] = [
        content,
        col(fab, pad=(0, 0, 16, 20), at="bottom-right", align="end"),
    ]
    if app.top.ui.get("dialog") == "drawer":
        parts.append(_drawer(app))
    return stack(*parts, flex=1, bg=SURFACE)


def _toolbar(app: Calendar) -> View:
    start, _ = app.range()
    title = start.strftime("%B") if start.year == app.today.year else start.strftime("%B %Y")
    return row(
        icon(
            "menu",
            24,
            color=theme.TEXT_SECONDARY,
            desc="Show Calendar List and Settings drawer",
            on_tap=lambda: app.drawer(True),
            rid="drawer_toggle",
        ),
        text(title, size=22, color=theme.TEXT, pad=(24, 0, 0, 0), rid="date_picker_text_view"),
        space(flex=1),
        icon("search", 24, color=theme.TEXT_SECONDARY, desc="Search"),
        stack(
            icon("today", 26, color=theme.TEXT_SECONDARY, at="center"),
            text(
                str(app.today.day), size=9, weight="bold", color=theme.TEXT_SECONDARY, at="center"
            ),
            w=32,
            h=32,
            on_tap=app.go_today,
            desc="Jump to Today",
            rid="action_today",
        ),
        row(
            text("A", size=15, color=theme.WHITE),
            justify="center",
            w=32,
            h=32,
            radius=16,
            bg="#7b1fa2",
        ),
        gap=16,
        h=64,
        pad=(16, 0, 16, 0),
    )


def _chip(app: Calendar, event: cal.Event, size: float = 13, lines: int = 2) -> View:
    label = event.title if event.start is None or lines == 1 else f"{event.title}\n{event.when()}"
    return text(
        label,
        size=size,
        lines=lines,
        color=theme.WHITE,
        bg=event.color,
        radius=4,
        pad=(6, 3, 6, 3),
        on_tap=lambda: app.open_event(event.id),
        desc=f"{event.title}, {short(event.day)}, {event.when()}",
        rid="event_chip",
    )


def _date_badge(day: date, today: date, size: float = 20) -> View:
    """A day's number, on a blue disc (content description "Today") for today."""
    is_today = day == today
    return text(
        str(day.day),
        desc="Today" if is_today else "",
        size=size,
        w=size * 1.9,
        h=size * 1.9,
        pad=(0, size * 0.28, 0, 0),
        text_align="center",
        radius=size * 0.95,
        bg=BLUE if is_today else None,
        color=theme.WHITE if is_today else theme.TEXT,
    )


def _schedule(app: Calendar) -> View:
    today = app.today
    rows: list[View] = []
    month = None
    for offset in range(0, 46):
        day = today + timedelta(days=offset)
        found = cal.on(app.phone.date, day)
        if day.month != month:
            month = day.month
            rows.append(text(day.strftime("%B %Y"), size=20, weight="medium", pad=(72, 20, 16, 8)))
        if not found:
            continue
        rows.append(
            row(
                col(
                    text(
                        day.strftime("%a").upper(),
                        size=11,
                        color=theme.TEXT_SECONDARY,
                        text_align="center",
                    ),
                    _date_badge(day, today),
                    w=56,
                    align="center",
                ),
                col(*[_chip(app, e) for e in found], gap=6, flex=1),
                align="start",
                gap=8,
                pad=(8, 6, 16, 6),
            )
        )
    return col(*rows, space(h=88), scroll=app.scroll_key("schedule"), flex=1)


def _hour_label(hour: int) -> View:
    label = f"{(hour - 1) % 12 + 1} {'PM' if hour >= 12 else 'AM'}"
    return text(label, size=10, color=theme.TEXT_SECONDARY, w=44, pad=(4, 0, 0, 0))


def _grid(app: Calendar, days: list[date]) -> View:
    """Hour rows across the days' columns, each event in the row of its start."""
    by_day = {d: cal.on(app.phone.date, d) for d in days}
    lines = []
    for hour in range(FIRST_HOUR, LAST_HOUR):
        cells = []
        for d in days:
            here = [e for e in by_day[d] if e.start is not None and e.start // 60 == hour]
            single = len(days) == 1
            cells.append(
                col(
                    *[
                        _chip(app, e, size=12 if single else 9, lines=2 if single else 3)
                        for e in here
                    ],
                    flex=1,
                    h=40,
                    pad=1,
                    border=None,
                )
            )
        lines.append(row(_hour_label(hour), *cells, align="start", h=40))
        lines.append(divider(GRID))
    return col(*lines, flex=1)


def _day(app: Calendar) -> View:
    start, _ = app.range()
    all_day = [e for e in cal.on(app.phone.date, start) if e.start is None]
    return col(
        row(
            col(
                text(
                    start.strftime("%a"),
                    size=12,
                    color=BLUE if start == app.today else theme.TEXT_SECONDARY,
                ),
                _date_badge(start, app.today, 22),
                align="center",
                w=64,
            ),
            col(*[_chip(app, e, lines=1) for e in all_day], flex=1, gap=4),
            pad=(0, 4, 16, 8),
        ),
        divider(GRID),
        _grid(app, [start]),
        flex=1,
    )


def _week(app: Calendar) -> View:
    start, _ = app.range()
    days = [start + timedelta(days=k) for k in range(7)]
    header = row(
        space(w=44),
        *[
            col(
                text(d.strftime("%a")[0], size=11, color=theme.TEXT_SECONDARY, text_align="center"),
                _date_badge(d, app.today, 15),
                align="center",
                flex=1,
            )
            for d in days
        ],
        pad=(0, 4, 0, 6),
    )
    return col(header, divider(GRID), _grid(app, days), flex=1)


def _month(app: Calendar) -> View:
    start, end = app.range()
    first = cal.week_start(start)
    weeks = []
    day = first
    while day <= end:
        cells = []
        for _ in range(7):
            found = cal.on(app.phone.date, day)
            inside = start <= day <= end
            cells.append(
                col(
                    text(
                        str(day.day),
                        size=11,
                        text_align="center",
                        color=(theme.WHITE if day == app.today else theme.TEXT)
                        if inside
                        else theme.TEXT_HINT,
                        bg=BLUE if day == app.today else None,
                        radius=9,
                        desc="Today" if day == app.today and inside else "",
                    ),
                    *[_chip(app, e, size=8, lines=1) for e in found[:3]],
                    gap=2,
                    flex=1,
                    pad=1,
                )
            )
            day += timedelta(days=1)
        weeks.append(row(*cells, align="start", flex=1))
        weeks.append(divider(GRID))
    letters = row(
        *[
            text(c, size=11, color=theme.TEXT_SECONDARY, text_align="center", flex=1)
            for c in "SMTWTFS"
        ],
        pad=(0, 4, 0, 4),
    )
    return col(letters, *weeks, flex=1)


def _drawer(app: Calendar) -> View:
    current = app.main().ui["view"]

    def item(kind: str) -> View:
        chosen = kind == current
        return row(
            icon(VIEW_ICONS[kind], 22, color=theme.TEXT_SECONDARY),
            text(
                kind.capitalize(),
                size=15,
                weight="medium",
                color=theme.TEXT,
                pad=(24, 0, 0, 0),
                flex=1,
            ),
            h=48,
            pad=(20, 0, 16, 0),
            radius=24,
            bg=SELECTED if chosen else None,
            selected=chosen,
            on_tap=lambda: app.show_view(kind),
            rid=f"drawer_{kind}",
            desc=f"{kind.capitalize()} view",
        )

    panel = col(
        text("Google Calendar", size=22, color=theme.TEXT, pad=(24, 20, 16, 16)),
        *[item(k) for k in ("schedule", "day", "week", "month")],
        space(h=8),
        divider(),
        text("alex.morgan@gmail.com", size=13, color=theme.TEXT_SECONDARY, pad=(24, 16, 16, 8)),
        *[
            row(
                space(h=18, w=18, radius=3, bg=color),
                text(name, size=14, color=theme.TEXT, pad=(20, 0, 0, 0)),
                h=40,
                pad=(24, 0, 16, 0),
            )
            for name, color in (
                ("Alex Morgan", "#039be5"),
                ("Birthdays", "#33b679"),
                ("Holidays", "#0b8043"),
            )
        ],
        w=300,
        bg=SURFACE,
        shadow=True,
        rid="drawer_layout",
    )
    return row(
        panel,
        space(flex=1, on_tap=lambda: app.drawer(False), desc="Close navigation drawer"),
        align="stretch",
        flex=1,
    )


def event_page(app: Calendar, event: cal.Event) -> View:
    def line(glyph: str, value: str, rid: str) -> View:
        return row(
            icon(glyph, 22, color=theme.TEXT_SECONDARY),
            text(value, size=15, color=theme.TEXT, flex=1, pad=(24, 0, 0, 0), rid=rid),
            pad=(20, 12, 20, 12),
        )

    when = f"{event.day.strftime('%A, %B')} {event.day.day}"
    return col(
        row(
            icon(
                "close",
                24,
                color=theme.TEXT_SECONDARY,
                desc="Close",
                on_tap=lambda: app.back() and None,
            ),
            space(flex=1),
            icon("edit", 22, color=theme.TEXT_SECONDARY, desc="Edit event"),
            icon("more_vert", 24, color=theme.TEXT_SECONDARY, desc="More options"),
            gap=20,
            h=56,
            pad=(16, 0, 16, 0),
        ),
        row(
            space(h=18, w=18, radius=4, bg=event.color),
            text(event.title, size=22, color=theme.TEXT, flex=1, pad=(24, 0, 0, 0), rid="title"),
            pad=(22, 8, 20, 4),
            align="start",
        ),
        text(
            f"{when} · {event.when()}",
            size=14,
            color=theme.TEXT_SECONDARY,
            pad=(64, 0, 20, 12),
            rid="time",
        ),
        line("location", event.place, "location") if event.place else None,
        line("history", "30 minutes before", "reminder"),
        line("today", "Alex Morgan", "calendar"),
        space(flex=1),
        flex=1,
        bg=SURFACE,
    )
