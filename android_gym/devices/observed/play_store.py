"""The Play Store (com.android.vending), from the hierarchy.

- `page`: "details" (an app's page, `details`), "results" (`search_results`), "typing" (the
  search box being edited, `search_bar_text_input`), else "home";
- `title`: the app page's title (`title`);
- `button`: its main action: "Downloading" while the download's Cancel shows, "Install", or
  "Open" (the app is installed).
"""

from __future__ import annotations

from typing import Any

from android_gym.devices.observed.commands import ShellReport
from android_gym.devices.observed.screen import Screen
from android_gym.packages import PLAY_STORE

PACKAGE = PLAY_STORE


def facts(app: Screen, report: ShellReport) -> dict[str, Any]:
    if not app.has("details"):
        page = (
            "results"
            if app.has("search_results")
            else "typing"
            if app.has("search_bar_text_input")
            else "home"
        )
        return {"page": page, "title": "", "button": ""}
    if app.has("cancel_button"):
        button = "Downloading"
    elif app.has("install_button"):
        button = "Install"
    elif any(e.enabled for e in app.all("open_button")):
        button = "Open"
    else:
        button = ""
    return {"page": "details", "title": app.text("title"), "button": button}
