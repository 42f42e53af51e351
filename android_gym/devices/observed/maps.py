"""Google Maps (com.google.android.apps.maps), from the hierarchy and the device's clock.

- `screen`: "directions" (`maps_destination`), "navigation" (its "Exit navigation" button),
  "place" (`maps_place_title`), "results" (`maps_results_list`), "search" (the suggestions
  while typing), else "home";
- `query`: the search box of a results page;
- `place`: "name, address" of a place page (its details' content description) or of the
  directions' destination ("Destination: name, address"); navigation shows no address, so none;
- `mode`: the selected travel mode of directions (`maps_mode_drive|transit|walk`);
- `clock`, `date`: the device's time as the status bar shows it ("9:38", 12-hour) and its date
  ("Saturday, Jun 1"), from `date`, for the places' opening hours.
"""

from __future__ import annotations

from typing import Any

from android_gym.devices.observed.commands import ShellReport
from android_gym.devices.observed.screen import Screen
from android_gym.packages import MAPS

PACKAGE = MAPS
MODES = ("drive", "transit", "walk")
_DESTINATION = "Destination: "


def facts(app: Screen, report: ShellReport) -> dict[str, Any]:
    out: dict[str, Any] = {"query": "", "place": "", "mode": ""}
    if report.now is not None:
        now = report.now
        out["clock"] = f"{(now.hour - 1) % 12 + 1}:{now.minute:02d}"
        out["date"] = f"{now:%A}, {now:%b} {now.day}"
    destination = app.first("maps_destination")
    title = app.first("maps_place_title")
    if destination is not None:
        out["screen"] = "directions"
        out["place"] = destination.content_desc.removeprefix(_DESTINATION)
        chosen = [m for m in MODES if any(e.selected for e in app.all(f"maps_mode_{m}"))]
        out["mode"] = chosen[0] if chosen else ""
    elif app.described("Exit navigation"):
        out["screen"] = "navigation"
    elif title is not None:
        out["screen"] = "place"
        prefix = title.text + ", "
        out["place"] = next((e.content_desc for e in app if e.content_desc.startswith(prefix)), "")
    elif app.has("maps_results_list"):
        out["screen"] = "results"
        out["query"] = app.text("maps_search_box")
    elif app.has("suggestions_list"):
        out["screen"] = "search"
    else:
        out["screen"] = "home"
    return out
