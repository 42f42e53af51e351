"""The Calendar app: dates from the phone's date line, views and their ranges, the drawer,
swiping ranges, an event's page."""

from __future__ import annotations

from datetime import date

from sim_driver import elements, tap

from android_gym.content import calendar as cal
from android_gym.sim import Phone
from android_gym.sim.apps.calendar_app import PACKAGE
from android_gym.ui import find


def test_today_matches_the_weekday_of_the_phone_date() -> None:
    assert cal.today("Saturday, Jun 1") == date(2024, 6, 1)
    assert cal.today("Tuesday, Mar 6").strftime("%A %b %-d") == "Tuesday Mar 6"
    assert cal.week_start(date(2024, 6, 5)) == date(2024, 6, 2)
    assert cal.month_start(date(2024, 12, 5), 1) == date(2025, 1, 1)


def test_views_show_their_range_and_swipes_move_it() -> None:
    phone = Phone()
    phone.reset(0)
    phone.open_app(PACKAGE)
    facts = phone.state().app_facts(PACKAGE)
    assert facts["view"] == "schedule" and facts["start"] == facts["today"]
    tap(phone, resource_id="drawer_toggle")
    tap(phone, resource_id="drawer_week")
    facts = phone.state().app_facts(PACKAGE)
    today = date.fromisoformat(facts["today"])
    assert facts["view"] == "week" and facts["start"] == cal.week_start(today).isoformat()
    view = find(elements(phone), resource_id="main_view")[0]
    assert view.content_desc.startswith("Week view, ")
    x1, y1, x2, y2 = view.bounds
    assert phone.swipe(x2 - 50, (y1 + y2) // 2, x1 + 50, (y1 + y2) // 2)
    assert phone.state().app_facts(PACKAGE)["start"] > facts["start"]
    tap(phone, content_desc="Jump to Today")
    assert phone.state().app_facts(PACKAGE)["start"] == facts["start"]


def test_event_page_and_back() -> None:
    phone = Phone()
    phone.reset(2)
    phone.open_app(PACKAGE)
    chip = tap(phone, resource_id="event_chip")
    assert phone.state().app_facts(PACKAGE)["screen"] == "event"
    assert find(elements(phone), resource_id="title")[0].text == chip.content_desc.split(",")[0]
    phone.press("back")
    assert phone.state().app_facts(PACKAGE)["screen"] == "main"
