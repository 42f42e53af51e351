"""The Clock app: alarm list, time picker (dial and keyboard mode), days, delete, and alarms
that survive closing the app."""

from __future__ import annotations

from sim_driver import elements, tap

from android_gym.sim import Phone
from android_gym.sim.apps.clock import PACKAGE
from android_gym.ui import find


def _clock() -> Phone:
    phone = Phone()
    phone.reset(0)
    phone.open_app(PACKAGE)
    return phone


def _alarms(phone: Phone) -> tuple:
    return phone.state().app_facts(PACKAGE)["alarms"]


def test_seeded_alarms_some_disabled_listed_with_switches() -> None:
    phone = _clock()
    alarms = _alarms(phone)
    assert any(on for _, _, on in alarms) and any(not on for _, _, on in alarms)
    switches = find(elements(phone), resource_id="onoff")
    assert [s.checked for s in switches] == [on for _, _, on in alarms][: len(switches)]


def test_dial_sets_hour_then_minute_then_pm() -> None:
    phone = _clock()
    tap(phone, content_desc="Add alarm")
    tap(phone, resource_id="radial_hour", text="4")
    assert find(elements(phone), resource_id="radial_minute"), "the dial turns to minutes"
    tap(phone, resource_id="radial_minute", content_desc="37")  # between two labels
    tap(phone, resource_id="pm_label")
    tap(phone, resource_id="button1")
    assert ("16:37", (), True) in _alarms(phone)


def test_cancel_and_back_set_nothing() -> None:
    phone = _clock()
    before = _alarms(phone)
    tap(phone, content_desc="Add alarm")
    tap(phone, resource_id="radial_hour", text="4")
    tap(phone, resource_id="button2")
    tap(phone, content_desc="Add alarm")
    phone.press("back")
    assert _alarms(phone) == before and not find(elements(phone), resource_id="time_picker")


def test_keyboard_mode_types_the_time_and_rejects_an_invalid_one() -> None:
    phone = _clock()
    tap(phone, content_desc="Add alarm")
    tap(phone, resource_id="toggle_mode")
    assert phone.type_text("13")  # the hour field is focused, its text selected
    tap(phone, resource_id="button1")
    assert find(elements(phone), resource_id="label_error"), "13 is not an hour of a 12-hour clock"
    tap(phone, resource_id="input_hour")
    phone.type_text("5")
    tap(phone, resource_id="input_minute")
    phone.type_text("45")
    tap(phone, resource_id="am_pm_spinner")
    tap(phone, resource_id="text1", text="AM")
    tap(phone, resource_id="button1")
    assert ("05:45", (), True) in _alarms(phone)


def test_days_toggle_delete_and_alarms_survive_closing_the_app() -> None:
    phone = _clock()
    tap(phone, content_desc="Add alarm")
    tap(phone, resource_id="radial_hour", text="10")
    tap(phone, resource_id="radial_minute", content_desc="15")
    tap(phone, resource_id="button1")  # 10:15 AM (the phone's morning half)
    tap(phone, content_desc="Saturday")
    tap(phone, content_desc="Sunday")
    assert ("10:15", ("Sun", "Sat"), True) in _alarms(phone)
    while phone.foreground_package == PACKAGE:
        phone.press("back")
    phone.open_app(PACKAGE)
    assert ("10:15", ("Sun", "Sat"), True) in _alarms(phone), "alarms are stored data"
    tap(phone, resource_id="onoff", content_desc="10:15 AM")
    assert ("10:15", ("Sun", "Sat"), False) in _alarms(phone)
    tap(phone, resource_id="digital_clock", content_desc="10:15 AM")  # edit: picker opens
    tap(phone, resource_id="button1")
    assert ("10:15", ("Sun", "Sat"), True) in _alarms(phone), "saving an edit switches it on"
    tap(phone, content_desc="Delete alarm")
    assert all(t != "10:15" for t, _, _ in _alarms(phone))
    phone.reset(1)
    assert len(_alarms(phone)) == 4, "a new episode starts from the seeded alarms"


def test_tabs_switch() -> None:
    phone = _clock()
    tap(phone, resource_id="tab_clock")
    assert find(elements(phone), resource_id="date")
    assert phone.state().app_facts(PACKAGE)["tab"] == "clock"
    tap(phone, resource_id="tab_timer")
    tap(phone, text="5")
    assert find(elements(phone), text="00h 00m 05s")
