"""The Google app (com.google.android.googlequicksearchbox): the URL of its results page.

The app shows no address bar: on a Google results page its search box (`googleapp_search_box`)
holds the query, and the results' tab row (`tabs`) marks the selected tab, so the URL is the
Google search URL of that query and tab. Any other page's URL is not on screen (None), nor is a
results page's while its in-page search box is being edited (the app's box is hidden then).
"""

from __future__ import annotations

from urllib.parse import quote_plus

from android_gym.devices.observed.screen import Screen
from android_gym.packages import GOOGLE

PACKAGE = GOOGLE
TABS = {"NEWS": "nws", "IMAGES": "isch", "VIDEOS": "vid", "SHOPPING": "shop", "BOOKS": "bks"}
"""The results' tabs and their `tbm` URL parameter (none for ALL)."""


def url(app: Screen) -> str | None:
    box, tabs = app.first("googleapp_search_box"), app.first("tabs")
    if box is None or tabs is None or box.focused:
        return None
    query = box.text or next((e.text for e in app.inside(box) if e.text), "")
    if not query.strip():
        return None
    selected = [e.label for e in app.inside(tabs) if e.selected]
    tab = TABS.get(selected[0], "") if selected else ""
    return (
        "https://www.google.com/search?q="
        + quote_plus(query.strip())
        + (f"&tbm={tab}" if tab else "")
    )
