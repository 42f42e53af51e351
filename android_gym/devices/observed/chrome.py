"""Chrome (com.android.chrome): the page URL and what the toolbar shows, from the hierarchy.

- URL: the omnibox (`url_bar`) while it is not being edited, which shows the URL without its
  scheme ("www.google.com/search?q=x"): read back as https. The new tab page (`ntp`) is
  "chrome://newtab/". None while the app menu, the tab switcher or the omnibox's editor covers
  the page, or the page hides the toolbar (an in-page search box being edited).
- `overlay`: "menu" (`app_menu_list`), "switcher" (`tab_switcher_view`), "omnibox" (the
  editor's suggestion list, or a focused `url_bar`), else "".
- `current_incognito`: only where the screen says it (the new tab page, whose incognito form
  says "You've gone Incognito"); left out elsewhere.

Not readable on a real device, so left out: the windows, the ids of the tabs (and so which tab
is new), and each site's data (a store's cart lives in its cookies; the cart page shows it
only while it is open).
"""

from __future__ import annotations

from typing import Any

from android_gym.devices.observed.commands import ShellReport
from android_gym.devices.observed.screen import Screen
from android_gym.packages import CHROME

PACKAGE = CHROME
NEW_TAB = "chrome://newtab/"
INCOGNITO_NTP = "You've gone Incognito"


def overlay(app: Screen) -> str:
    if app.has("app_menu_list"):
        return "menu"
    if app.has("tab_switcher_view"):
        return "switcher"
    bar = app.first("url_bar")
    if app.has("omnibox_results_container") or (bar is not None and bar.focused):
        return "omnibox"
    return ""


def url(app: Screen) -> str | None:
    """The URL of the page on screen (None while something covers it)."""
    if not app or overlay(app):
        return None
    if app.has("ntp"):
        return NEW_TAB
    bar = app.first("url_bar")
    if bar is None or not bar.text:
        return None
    return bar.text if "://" in bar.text else "https://" + bar.text


def facts(app: Screen, report: ShellReport) -> dict[str, Any]:
    out: dict[str, Any] = {"overlay": overlay(app)}
    if app.has("ntp") and not out["overlay"]:
        out["current_incognito"] = any(e.text == INCOGNITO_NTP for e in app)
    return out
