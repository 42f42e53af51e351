"""Calendar ranges: "What's on my calendar for the rest of the week?", "Open the calendar and
show me this week's events", "What do I have tomorrow?", "Show my calendar for next month".

Success: the Calendar is in front, its drawer closed, showing the view that covers the asked
range: the day view of today or tomorrow, the week view of this or next week, the month view
of this or next month, and for no range ("What's on my calendar?") the schedule from today.
Source of the facts: the foreground package (`dumpsys activity`), the view and the range it
shows as the UI hierarchy names them (the view's content description, "Week view, Jun 2 – 8,
2024", `Calendar.facts()`), and the device's date (`adb shell date`).

The oracle opens the Calendar, picks the view in its drawer and, for tomorrow, next week or
next month, swipes the view once to the left while it still shows today.
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from android_gym.actions import Action, ActionType
from android_gym.devices.base import DeviceState
from android_gym.families import navigation
from android_gym.families.base import Family, Params
from android_gym.families.frames import Frame, Reading
from android_gym.families.pools import pools
from android_gym.packages import CALENDAR
from android_gym.ui import UIElement, find

RANGES = {
    # range: (view, how many ranges after today's)
    "upcoming": ("schedule", 0),
    "today": ("day", 0),
    "tomorrow": ("day", 1),
    "this week": ("week", 0),
    "next week": ("week", 1),
    "this month": ("month", 0),
    "next month": ("month", 1),
}
_WORDS = (
    "what|whats|is|are|on|my|for|the|of|show|me|open|and|check|see|view|look at|app"
    "|do|i|have|upcoming|planned|coming up|display|go to|in|rest|all|any|whole|entire"
    "|this|view|happening|going on|got|anything|something|scheduled"
)
FRAMES = (
    Frame.declare(
        "calendar",
        "range",
        cues=["calendar|events|event|schedule|agenda|appointments|plans|meetings|google calendar"],
        slots={"range": pools()["calendar_ranges"]},
        words=[_WORDS],
        optional=["range"],
    ),
    # the speaker asking what they have on a day, without a word for the calendar ("What do I
    # have going on tomorrow?"): the range must be said
    Frame.declare(
        "calendar",
        "range",
        cues=["do i have|have i got|am i busy|am i free|am i doing"],
        slots={"range": pools()["calendar_ranges"]},
        words=[_WORDS + "|busy|free|doing"],
    ),
)
_SAMPLES = {
    "train": (
        "What's on my calendar for {range}?",
        "Open the calendar and show me {range}'s events",
        "Show me my calendar for {range}",
    ),
    "test": ("What do I have on my calendar {range}?", "Check my calendar for {range}"),
}


def expected_start(today: date, rng: str) -> date:
    """The first day the asked view shows."""
    view, offset = RANGES[rng]
    if view == "week":
        return today - timedelta(days=(today.weekday() + 1) % 7) + timedelta(days=7 * offset)
    if view == "month":
        index = today.year * 12 + today.month - 1 + offset
        return date(index // 12, index % 12 + 1, 1)
    return today + timedelta(days=offset)


class CalendarFamily(Family):
    name = "calendar"
    description = "Show the Calendar view that covers a range: a day, a week, a month."
    app = "Calendar"

    def frames(self) -> tuple[Frame, ...]:
        return FRAMES

    def params(self, reading: Reading) -> Params:
        return {"range": reading.params.get("range", "upcoming")}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        # six ranges hold out two for the test split (pool splits)
        choices = pools()["calendar_ranges"].split(split)
        value = choices[int(rng.integers(len(choices)))]
        templates = _SAMPLES.get(split, _SAMPLES["train"])
        template = templates[int(rng.integers(len(templates)))]
        spoken = value if value not in ("this week", "this month") else f"the rest of {value}"
        if "{range}'s" in template:
            spoken = value
        return template.format(range=spoken), {"range": value}

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        if state.package != CALENDAR:
            return False
        facts = state.app_facts(CALENDAR)
        if facts.get("screen") != "main" or facts.get("drawer"):
            return False
        view, _ = RANGES[params["range"]]
        today = date.fromisoformat(facts["today"])
        return (
            facts["view"] == view
            and facts["start"] == expected_start(today, params["range"]).isoformat()
        )

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        if not any(e.package == CALENDAR for e in elements):
            return navigation.open_app("Calendar", elements, screen_size)
        view, offset = RANGES[params["range"]]
        item = find(elements, resource_id=f"drawer_{view}")
        if item:
            return navigation.tap(item[0], screen_size)
        shown = find(elements, resource_id="main_view")
        if not shown:
            return Action.key(ActionType.PRESS_BACK)
        if not shown[0].content_desc.lower().startswith(view):
            return navigation.tap(find(elements, resource_id="drawer_toggle")[0], screen_size)
        if offset and find(elements, content_desc="Today"):
            x1, y1, x2, y2 = shown[0].bounds
            w, h = screen_size
            cy = (y1 + y2) / 2 / h
            return Action.swipe((cy, x2 / w - 0.1), (cy, x1 / w + 0.1))
        return Action.key(ActionType.PRESS_BACK)
