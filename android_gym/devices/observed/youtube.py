"""YouTube (com.google.android.youtube), from the hierarchy.

- `screen`: "watch" while the player (`player_view`) is on screen;
- on a watch page, when the player's controls and the video's details are on screen: `title`
  (`title`), `channel` (`channel_name`), `artist_channel` (the "Official Artist Channel" badge
  beside the channel) and `playing` (the play/pause button offers "Pause video"). Without them
  (details scrolled away) none of these is given, so no task counts the video as playing.

On a real device the player hides its controls a few seconds into a video: `playing` is read
only while they show (a tap on the player shows them).
"""

from __future__ import annotations

from typing import Any

from android_gym.devices.observed.commands import ShellReport
from android_gym.devices.observed.screen import Screen
from android_gym.packages import YOUTUBE

PACKAGE = YOUTUBE
ARTIST_BADGE = "Official Artist Channel"


def facts(app: Screen, report: ShellReport) -> dict[str, Any]:
    if not app.has("player_view"):
        return {"screen": "other"}
    out: dict[str, Any] = {"screen": "watch"}
    button = app.first("player_control_play_pause_replay_button")
    owner = app.first("owner")
    title = app.first("title")
    if button is None or owner is None or title is None:
        return out
    return {
        **out,
        "title": title.text,
        "channel": app.text("channel_name"),
        "artist_channel": bool(app.inside(owner).described(ARTIST_BADGE)),
        "playing": button.content_desc == "Pause video",
    }
