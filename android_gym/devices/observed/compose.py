"""`read_state`: a `DeviceState` from what any Android device shows, its uiautomator hierarchy
and its shell, so that one task family judges the simulated phone and a real one alike.

The shell is asked once (`commands.COMMAND`); the hierarchy is parsed once. The foreground app's
facts come from its reader (one module per app), given that app's part of the screen; the
system's facts (settings, the shade) and the Clock's alarms are read whatever is in front. A
fact the device does not show is left out (see each reader's docstring, and docs/devices.md
for the families that this makes inexact on a real device).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from android_gym.devices.base import DeviceState
from android_gym.devices.observed import (
    calendar_app,
    chrome,
    clock,
    gmail,
    google_app,
    maps,
    play_store,
    reddit,
    settings_app,
    system,
    youtube,
)
from android_gym.devices.observed.commands import ShellReport, parse_report, read_shell
from android_gym.devices.observed.screen import Screen
from android_gym.packages import ANDROID, SYSTEM_UI
from android_gym.ui import parse_ui_xml

Reader = Callable[[Screen, ShellReport], dict[str, Any]]

FOREGROUND: dict[str, Reader] = {
    chrome.PACKAGE: chrome.facts,
    calendar_app.PACKAGE: calendar_app.facts,
    gmail.PACKAGE: gmail.facts,
    maps.PACKAGE: maps.facts,
    play_store.PACKAGE: play_store.facts,
    reddit.PACKAGE: reddit.facts,
    settings_app.PACKAGE: settings_app.facts,
    youtube.PACKAGE: youtube.facts,
}
"""The readers of apps whose facts the screen shows only while they are in front."""

URLS: dict[str, Callable[[Screen], str | None]] = {
    chrome.PACKAGE: chrome.url,
    google_app.PACKAGE: google_app.url,
}
"""Apps that show a web page, and how each shows its URL."""


def read_state(ui_xml: str, shell: Callable[[str], str]) -> DeviceState:
    """The state of a device from its hierarchy dump and its shell (one command).

    Raises `DeviceError` when `ui_xml` is not a uiautomator hierarchy."""
    screen = Screen(tuple(parse_ui_xml(ui_xml)))
    return _compose(screen, read_shell(shell))


def state_from(ui_xml: str, shell_output: str) -> DeviceState:
    """The state of a device from its hierarchy dump and what `commands.COMMAND` printed on
    it, for a caller that ran the command itself (`AdbDevice.observe` runs it while the
    hierarchy is dumped). Raises `DeviceError` when `ui_xml` is not a uiautomator hierarchy."""
    return _compose(Screen(tuple(parse_ui_xml(ui_xml))), parse_report(shell_output))


def _compose(screen: Screen, report: ShellReport) -> DeviceState:
    """The state from the parsed screen and the shell's report."""
    package = report.package
    app = screen.of(package)
    facts: dict[str, dict[str, Any]] = {
        ANDROID: system.settings_facts(report),
        SYSTEM_UI: system.shade_facts(screen),
    }
    if clock.PACKAGE in report.packages:
        facts[clock.PACKAGE] = clock.facts(screen.of(clock.PACKAGE), report)
    reader = FOREGROUND.get(package)
    if reader is not None and app:
        facts[package] = reader(app, report)
    find_url = URLS.get(package)
    return DeviceState(
        package=package,
        activity=report.activity,
        url=find_url(app) if find_url is not None else None,
        packages=report.packages,
        facts=facts,
    )
