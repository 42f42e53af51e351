"""The watch page: the player (picture, play/pause, time and a progress bar that follows the
phone's clock), the title, views and age, the channel with its Subscribe button, the action
chips and the videos up next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content import youtube as catalogue
from android_gym.content.youtube import Video, count, duration
from android_gym.sim import theme
from android_gym.sim.apps.youtube.widgets import (
    GREY,
    RED,
    avatar,
    badge,
    channel_color,
    subscribe_button,
    video_row,
)
from android_gym.sim.theme import REFERENCE_WIDTH_DP
from android_gym.sim.view import View, col, icon, image, row, space, stack, text

if TYPE_CHECKING:
    from android_gym.sim.apps.youtube import YouTubeApp

ACTIONS = (("thumb_up", "Like"), ("thumb_down", "Dislike"), ("share", "Share"))
ACTIONS += (("download", "Download"), ("add", "Save"))


def build(app: YouTubeApp) -> View:
    video = app.watched()
    if video is None:  # an id no channel has (never happens through the UI)
        return col(text("Video unavailable", size=16, pad=16), flex=1, bg=theme.WHITE)
    c = catalogue.channel(video.channel)
    info = col(
        text(video.title, size=18, weight="medium", lines=3, rid="title", pad=(12, 12, 12, 4)),
        text(
            f"{count(video.views)} views  {video.age}",
            size=12.5,
            color=GREY,
            pad=(12, 0, 12, 10),
            rid="video_info",
        ),
        row(
            avatar(c.name, 36, channel_color(c.name)),
            text(c.name, size=15, weight="medium", lines=1, rid="channel_name", pad=(12, 0, 0, 0)),
            badge(c),
            text(count(c.subscribers), size=12, color=GREY, pad=(8, 0, 0, 0)),
            space(flex=1),
            subscribe_button(),
            pad=(12, 6, 12, 6),
            on_tap=lambda: app.open_channel(app.top.args["channel"]),
            desc=c.name,
            rid="owner",
        ),
        row(
            *[
                row(
                    icon(glyph, 18, color=theme.TEXT),
                    text(label, size=12.5, weight="medium", pad=(6, 0, 0, 0)),
                    bg="#f2f2f2",
                    radius=16,
                    pad=(12, 7, 12, 7),
                    desc=label,
                )
                for glyph, label in ACTIONS
            ],
            gap=8,
            pad=(12, 10, 12, 10),
        ),
        text("Up next", size=15, weight="medium", pad=(12, 8, 12, 4)),
        *[video_row(v, lambda v=v: app.play(v)) for v in _up_next(video)],
        flex=1,
        scroll=app.scroll_key(),
        rid="watch_list",
    )
    return col(player(app, video), info, flex=1, bg=theme.WHITE)


def _up_next(video: Video) -> list[Video]:
    """The channel's other uploads, then music or other channels' videos."""
    others = [v for v in catalogue.uploads(video.channel) if v.vid != video.vid][:4]
    more = catalogue.music_videos(4, video.vid) if video.music else catalogue.home_feed()[:4]
    return others + [v for v in more if v.channel != video.channel]


def player(app: YouTubeApp, video: Video) -> View:
    """The 16:9 player: picture, the play/pause (or replay) button, time and progress."""
    position = app.position()
    playing = app.playing()
    ended = position >= video.seconds
    glyph, label = (
        ("pause", "Pause video")
        if playing
        else ("replay", "Replay video")
        if ended
        else ("play_arrow", "Play video")
    )
    done = position / video.seconds
    height = REFERENCE_WIDTH_DP * 9 / 16
    track = "#bdbdbd"
    if 0 < done < 1:
        bar = row(space(h=3, flex=done, bg=RED), space(h=3, flex=1 - done, bg=track), h=3)
    else:
        bar = space(h=3, bg=RED if done >= 1 else track)
    return stack(
        image(video.image, h=height),
        row(
            icon(
                glyph,
                44,
                color=theme.WHITE,
                desc=label,
                on_tap=app.toggle_play,
                rid="player_control_play_pause_replay_button",
            ),
            at="center",
        ),
        col(
            text(
                f"{duration(position)} / {video.duration}",
                size=12,
                color=theme.WHITE,
                pad=(12, 0, 12, 6),
                rid="time_bar_current_time",
            ),
            bar,
            at="bottom",
        ),
        h=height,
        bg=theme.BLACK,
        rid="player_view",
        desc="Video player",
    )
