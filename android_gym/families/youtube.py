"""YouTube task families: the newest video of a channel or an artist, some music, and
YouTube's own settings page.

What they judge, and where a real device reports it:
- the foreground package and activity (`dumpsys activity activities`): YouTube, and its
  `SettingsActivity` for the settings task;
- on the watch page, what the UI hierarchy shows (`uiautomator dump`): the video's title
  (`title`), the channel's name (`channel_name`), the Official Artist Channel note after the
  name, and the player's button reading "Pause video" while it plays.
The newest upload a task asks for is the first entry of the channel's Videos tab (newest
first) in the task world's catalogue (`android_gym.content.youtube.uploads`): the facts are
readable on a real device, but that reference answer is the simulated catalogue's, so the
newest-video and artist judges are exact on the simulated phone only (docs/devices.md).

The oracle reads only the UI: it opens YouTube, searches the channel, opens it from the
results, picks the Videos tab and plays its first entry (music: the Music chip of the home
feed, or a search for the artist's music; settings: the avatar's menu).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from android_gym.actions import Action, ActionType
from android_gym.content.youtube import uploads
from android_gym.devices.base import DeviceState
from android_gym.families import navigation
from android_gym.families.base import Family, Params
from android_gym.families.frames import Frame, Reading
from android_gym.families.pools import Pool, pools
from android_gym.families.queries import covers
from android_gym.families.search import content_words
from android_gym.families.text import normalize, word_forms
from android_gym.packages import YOUTUBE as PACKAGE
from android_gym.ui import UIElement, find

APP = "YouTube"
_RECENT = (
    "latest|newest|new|recent|most recent|last|latest uploaded|brand new|recently|most recently"
)
_VERBS = (
    "play|watch|show|see|open|find|view|check|check out|pull up|put on|bring up|start|stream"
    "|channel|what|is|posted|uploaded|upload|me|i|want|to|just|out|one|search|for|get|could"
    "|can|you|put out|release|drop|come out with|came out with"
)
_YOUTUBE = "youtube|on youtube|in youtube|youtube app|the youtube app|on the youtube app"


def _pool(name: str) -> Pool:
    return pools()[name]


class _NewestVideo(Family):
    """The newest upload of the channel in slot `slot`, playing on its watch page."""

    slot = ""
    pool = ""
    app = APP
    samples: tuple[str, ...] = ()
    extra_cues = ""

    def frames(self) -> tuple[Frame, ...]:
        thing = "video|videos|upload|uploads|clip|youtube video" + self.extra_cues
        return (
            Frame.declare(
                self.name,
                self.slot,
                cues=[thing, _RECENT],
                slots={self.slot: _pool(self.pool)},
                templates=[
                    f"(from|by|of|on|for) {{{self.slot}}}",
                    f"{{{self.slot}}} (video|videos|upload|uploads|clip|music video|song|single)",
                ],
                words=[_VERBS + "|official|music|" + _YOUTUBE],
            ),
        )

    def params(self, reading: Reading) -> Params:
        return {self.slot: reading.params[self.slot]}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        values = _pool(self.pool).split(split)
        value = values[int(rng.integers(len(values)))]
        template = self.samples[int(rng.integers(len(self.samples)))]
        return template.format(value), {self.slot: value}

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        """YouTube in front on a watch page that plays the channel's newest upload: its
        title and channel name as the page shows them."""
        facts = _playing(state)
        if facts is None:
            return False
        newest = uploads(params[self.slot])[0]
        return facts["channel"] == newest.channel and facts["title"] == newest.title

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        return newest_upload_step(params[self.slot], elements, screen_size)


class ChannelVideo(_NewestVideo):
    name = "youtube_channel_video"
    description = "Play the newest video of a YouTube channel."
    slot, pool = "channel", "youtube_channels"
    samples = (
        "What's the latest video from {}?",
        "Play the latest video from {}",
        "Show me the newest {} upload",
        "Watch the most recent {} video on YouTube",
    )


class ArtistVideo(_NewestVideo):
    name = "youtube_artist_video"
    description = "Play an artist's new video on YouTube."
    slot, pool = "artist", "youtube_artists"
    extra_cues = "|music video|song|single"
    samples = (
        "Play the new {} video on YouTube",
        "Show me the newest {} music video",
        "Watch the latest video by {} on YouTube",
    )


_MUSIC = "music|song|songs|tune|tunes|track|tracks|playlist|jams|something to listen to"


class Music(Family):
    """Music playing on YouTube: a watch page whose channel carries the Official Artist
    Channel note (of the asked artist, when one is named) and whose player plays."""

    name = "youtube_music"
    phrasing_split = True
    description = "Play some music on YouTube (optionally by an artist)."
    app = APP
    _SAMPLES: ClassVar[dict[str, tuple[str, ...]]] = {
        "train": ("Play some music on YouTube", "Put on some music on YouTube"),
        "test": ("Play a song on YouTube", "Listen to some music on YouTube"),
    }
    _ARTIST_SAMPLES = ("Play some {} music on YouTube", "Play songs by {} on YouTube")

    def frames(self) -> tuple[Frame, ...]:
        return (
            Frame.declare(
                self.name,
                "music",
                cues=[_MUSIC],
                slots={"artist": _pool("youtube_artists")},
                templates=["(by|from|of) {artist}", "{artist} (music|songs|song|tracks)"],
                words=[
                    _VERBS + "|listen|listen to|some|a|any|good|nice|random|little|bit|" + _YOUTUBE
                ],
                optional=["artist"],
            ),
            # a known artist played on YouTube without a word for music ("put on some Adele
            # on YouTube"); no template, so no free text: "play a woodworking video" is no artist
            Frame.declare(
                self.name,
                "artist",
                cues=["play|put on|listen to|blast", _YOUTUBE],
                slots={"artist": _pool("youtube_artists")},
                words=[_VERBS + "|listen|some|a|bit of|little|" + _YOUTUBE],
            ),
        )

    def params(self, reading: Reading) -> Params:
        return {"artist": reading.params.get("artist", "")}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        if rng.integers(2):
            artists = _pool("youtube_artists").split(split)
            artist = artists[int(rng.integers(len(artists)))]
            template = self._ARTIST_SAMPLES[int(rng.integers(len(self._ARTIST_SAMPLES)))]
            return template.format(artist), {"artist": artist}
        templates = self._SAMPLES.get(split, self._SAMPLES["train"])
        return templates[int(rng.integers(len(templates)))], {"artist": ""}

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        facts = _playing(state)
        if facts is None or not facts["artist_channel"]:
            return False
        return not params["artist"] or _same(facts["channel"], uploads(params["artist"])[0].channel)

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        if not _in_youtube(elements):
            return navigation.open_app(APP, elements, screen_size)
        artist = params["artist"]
        if not artist:
            if _watching(elements):
                return _resume_or_back(elements, screen_size)
            chip = find(elements, resource_id="chip_cloud")
            music = find(elements, content_desc="Music", clickable=True)
            if chip and music and not music[0].selected:
                return navigation.tap(music[0], screen_size)
            cards = find(elements, resource_id="video_card")
            if chip and cards:
                return navigation.tap(cards[0], screen_size)
            return Action.key(ActionType.PRESS_BACK)
        if _watching(elements):
            return _resume_or_back(elements, screen_size, artist)
        return _search_step(f"{artist} music", elements, screen_size, "video_card")


class TopicVideo(Family):
    """A video about a topic playing on YouTube: a watch page whose title (as the page
    shows it) names every content word of the topic."""

    name = "youtube_video"
    description = "Play a video about a topic on YouTube."
    app = APP
    _SAMPLES = (
        "Play a {} video on YouTube",
        "Watch videos about {} on YouTube",
        "Search YouTube for {} videos",
    )
    _TOPICS = ("cat", "cooking", "guitar lessons", "yoga", "woodworking", "chess", "skateboarding")
    _TOPICS += ("origami", "gardening", "baking bread", "magic tricks", "knitting")

    def frames(self) -> tuple[Frame, ...]:
        return (
            Frame.declare(
                self.name,
                "topic",
                cues=["video|videos|clip|clips", _YOUTUBE + "|youtube for"],
                slots={"topic": None},
                templates=["{topic} (video|videos|clip|clips)", "(about|of|on|with) {topic}"],
                words=[_VERBS + "|some|a|any|funny|good|few"],
                compound=["topic"],
            ),
        )

    def params(self, reading: Reading) -> Params:
        return {"topic": reading.params["topic"]}

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        topics = Pool("topic", {t: () for t in self._TOPICS}).split(split)
        topic = topics[int(rng.integers(len(topics)))]
        template = self._SAMPLES[int(rng.integers(len(self._SAMPLES)))]
        return template.format(topic), {"topic": topic}

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        facts = _playing(state)
        if facts is None:
            return False
        wanted = [word_forms(w) for w in content_words(params["topic"])]
        return bool(wanted) and covers(facts["title"], wanted)

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        if not _in_youtube(elements):
            return navigation.open_app(APP, elements, screen_size)
        if _watching(elements):
            return _resume_or_back(elements, screen_size)
        return _search_step(params["topic"], elements, screen_size, "video_card")


FAMILIES: tuple[Family, ...] = (
    ChannelVideo(),
    ArtistVideo(),
    Music(),
    TopicVideo(),
)
"""The YouTube families, in the order the registry tries them (a free-text name reads as a
channel before an artist: both play the same newest upload)."""


# -- what the judges and the oracle read ----------------------------------------------------


def _same(a: str, b: str) -> bool:
    return normalize(a) == normalize(b)


def _playing(state: DeviceState) -> dict | None:
    """YouTube's facts when it is in front on a watch page whose player plays, else None."""
    if state.package != PACKAGE:
        return None
    facts = state.app_facts(PACKAGE)
    return facts if facts.get("screen") == "watch" and facts.get("playing") else None


def _in_youtube(elements: list[UIElement]) -> bool:
    return any(e.package == PACKAGE for e in elements)


def _watching(elements: list[UIElement]) -> bool:
    return bool(find(elements, resource_id="player_view"))


def _text_of(elements: list[UIElement], rid: str) -> str:
    found = find(elements, resource_id=rid)
    return found[0].text if found else ""


def _resume_or_back(
    elements: list[UIElement], screen: tuple[int, int], channel: str = ""
) -> Action:
    """On a watch page of the wanted channel (any, when none is named): play it if it is
    paused or ended; else go back."""
    if not channel or _same(_text_of(elements, "channel_name"), channel):
        for label in ("Play video", "Replay video"):
            button = find(elements, content_desc=label, clickable=True)
            if button:
                return navigation.tap(button[0], screen)
    return Action.key(ActionType.PRESS_BACK)


def _search_step(
    query: str, elements: list[UIElement], screen: tuple[int, int], pick: str
) -> Action:
    """One step of searching YouTube for `query` and tapping the first `pick` result."""
    field = navigation.focused_field(elements)
    if field is not None:
        return navigation.type_into(field, query, elements, screen)
    shown = find(elements, resource_id="search_query")
    if shown:
        if not _same(shown[0].text, query):
            return navigation.tap(shown[0], screen)
        results = find(elements, resource_id=pick)
        if results:
            return navigation.tap(results[0], screen)
        return Action.key(ActionType.PRESS_BACK)
    search = find(elements, content_desc="Search", clickable=True)
    if search:
        return navigation.tap(search[0], screen)
    return Action.key(ActionType.PRESS_BACK)


def newest_upload_step(channel: str, elements: list[UIElement], screen: tuple[int, int]) -> Action:
    """One step towards the newest upload of `channel`: search it, open the channel from the
    results, pick its Videos tab (newest first) and play the first entry."""
    if not _in_youtube(elements):
        return navigation.open_app(APP, elements, screen)
    if _watching(elements):
        return _resume_or_back(elements, screen, channel)
    title = find(elements, resource_id="channel_title")
    if title:
        if not _same(title[0].text, channel):
            return Action.key(ActionType.PRESS_BACK)
        videos_tab = find(elements, content_desc="Videos", clickable=True)
        if videos_tab and not videos_tab[0].selected:
            return navigation.tap(videos_tab[0], screen)
        first = find(elements, resource_id="compact_video")
        return navigation.tap(first[0], screen) if first else Action.key(ActionType.PRESS_BACK)
    if find(elements, resource_id="search_query") and navigation.focused_field(elements) is None:
        wanted = [
            e
            for e in find(elements, resource_id="channel_result")
            if _same(e.content_desc, channel)
        ]
        if wanted:
            return navigation.tap(wanted[0], screen)
    return _search_step(channel, elements, screen, "channel_result")
