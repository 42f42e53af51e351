"""The YouTube app: home feed, search with suggestions, results (channels, videos, playlists),
channel pages whose Videos tab lists uploads newest first, the watch page with a player whose
progress follows the phone's clock, and the account menu with YouTube's settings.

State is the activity stack (`StackApp`) plus the settings switches. The watch page remembers
when (phone time, `Phone.elapsed`) playback started, so the player's position moves as the
agent acts; pausing keeps the position.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from android_gym import packages
from android_gym.content import youtube as catalogue
from android_gym.content.youtube import Video
from android_gym.sim import theme
from android_gym.sim.apps.activities import Activity, StackApp
from android_gym.sim.apps.youtube import screens, settings
from android_gym.sim.view import View

PACKAGE = packages.YOUTUBE
WATCH_ACTIVITY = "com.google.android.apps.youtube.app.watchwhile.WatchWhileActivity"
SETTINGS_ACTIVITY = "com.google.android.apps.youtube.app.settings.SettingsActivity"


@dataclass
class YouTubeState:
    """The activity stack and the switches of the settings pages."""

    stack: list[Activity] = field(default_factory=lambda: [Activity("home")])
    switches: dict[str, bool] = field(default_factory=dict)


class YouTubeApp(StackApp):
    package = PACKAGE
    label = packages.PHONE_APPS[PACKAGE]
    icon = "app:youtube"
    first = "home"
    activities: ClassVar[dict[str, str]] = {
        "settings": SETTINGS_ACTIVITY,
        "settings_page": SETTINGS_ACTIVITY,
    }

    def new_state(self) -> YouTubeState:
        return YouTubeState()

    def activity(self) -> str:
        return self.activities.get(self.top.name, WATCH_ACTIVITY)

    @property
    def bar_color(self) -> str:  # type: ignore[override]
        """White bars, black while a video is on screen (the player runs to the top)."""
        return theme.BLACK if self.top.name == "watch" else theme.WHITE

    @property
    def light_bars(self) -> bool:  # type: ignore[override]
        return self.top.name == "watch"

    def screen_key(self) -> str:
        moving = f"|{self.position()}" if self.playing() else ""
        return repr(self.state) + moving

    # -- navigation (handlers call these when they run) -----------------------------------

    def ui(self) -> dict[str, Any]:
        """The transient UI state of the screen in front."""
        return self.top.ui

    def set_ui(self, key: str, value: Any) -> None:
        self.top.ui[key] = value

    def start_search(self, typed: str = "") -> None:
        """Opens the search box (with the keyboard), holding `typed`."""
        self.open("search")
        self.top.ui["typed"] = typed

    def search(self, query: str) -> None:
        """Shows the results for `query` in place of the search box."""
        if not query.strip():
            return
        self.replace("results", query=" ".join(query.split()))

    def open_channel(self, name: str) -> None:
        self.open("channel", channel=name)

    def play(self, v: Video) -> None:
        """Opens the watch page for `v`, playing from the start; a video picked on a watch
        page replaces the one playing."""
        args = {"channel": v.channel, "vid": v.vid, "started": self.phone.elapsed}
        if self.top.name == "watch":
            self.replace("watch", **args)
        else:
            self.open("watch", **args)

    def toggle_play(self) -> None:
        """Pauses at the current position, or plays on from it (from the start once ended)."""
        top = self.top
        video = self.watched()
        if video is None:
            return
        now = self.phone.elapsed
        position = self.position()
        if top.ui.get("paused_at") is not None:
            top.args["started"] = now - position
            top.ui["paused_at"] = None
        elif position >= video.seconds:
            top.args["started"] = now
        else:
            top.ui["paused_at"] = position

    def open_settings(self, page: str = "") -> None:
        if page:
            self.open("settings_page", page=page)
        else:
            self.open("settings")

    def flip(self, switch: str) -> None:
        self.state.switches[switch] = not self.state.switches.get(switch, False)

    # -- what the player shows --------------------------------------------------------------

    def watched(self) -> Video | None:
        """The video on the watch page in front, if any."""
        if self.top.name != "watch":
            return None
        return catalogue.find(self.top.args["channel"], self.top.args["vid"])

    def position(self) -> int:
        """Seconds played of the video in front."""
        video = self.watched()
        if video is None:
            return 0
        paused = self.top.ui.get("paused_at")
        if paused is not None:
            return paused
        return min(video.seconds, int(self.phone.elapsed - self.top.args["started"]))

    def playing(self) -> bool:
        video = self.watched()
        return (
            video is not None
            and self.top.ui.get("paused_at") is None
            and self.position() < video.seconds
        )

    def facts(self) -> dict[str, Any]:
        """What the screen's UI hierarchy shows: the screen in front and, on a watch page,
        the video's title, its channel's name, whether that channel carries the Official
        Artist Channel note, and whether the player offers "Pause video" (it is playing)."""
        video = self.watched()
        out: dict[str, Any] = {"screen": self.top.name}
        if video is not None:
            out.update(
                title=video.title,
                channel=video.channel,
                artist_channel=catalogue.channel(video.channel).kind == "music",
                playing=self.playing(),
            )
        return out

    def build(self) -> View:
        name = self.top.name
        if name in ("settings", "settings_page", "account"):
            return settings.build(self)
        return screens.build(self)
