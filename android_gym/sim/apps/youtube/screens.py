"""YouTube's browsing screens: home (with its bottom navigation tabs), the search box with
suggestions, search results and channel pages. Handlers reach the app's live state when they
run (screens are cached)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from android_gym.content import youtube as catalogue
from android_gym.sim import theme
from android_gym.sim.apps.youtube import watch
from android_gym.sim.apps.youtube.widgets import (
    GREY,
    avatar,
    back_bar,
    badge,
    bottom_nav,
    channel_color,
    channel_row,
    chip_row,
    subscribe_button,
    tabs,
    top_bar,
    video_card,
    video_row,
)
from android_gym.sim.search_editor import EditorStyle, search_editor
from android_gym.sim.theme import REFERENCE_WIDTH_DP
from android_gym.sim.view import View, col, divider, icon, image, row, space, stack, text

if TYPE_CHECKING:
    from android_gym.sim.apps.youtube import YouTubeApp

WIDTH = REFERENCE_WIDTH_DP
HOME_CHIPS = catalogue.CHIPS[:5]
CHANNEL_TABS = ("Home", "Videos", "Playlists", "About")
LIBRARY = ("History", "Your videos", "Downloads", "Watch later", "Liked videos")


def build(app: YouTubeApp) -> View:
    """The screen in front."""
    name = app.top.name
    if name == "search":
        return _search(app)
    if name == "results":
        return _results(app)
    if name == "channel":
        return _channel(app)
    if name == "watch":
        return watch.build(app)
    return _home(app)


def _feed(app: YouTubeApp, videos: tuple[catalogue.Video, ...], part: str = "list") -> View:
    return col(
        *[video_card(v, lambda v=v: app.play(v), WIDTH) for v in videos],
        flex=1,
        scroll=app.scroll_key(part),
        rid="results",
        cls="androidx.recyclerview.widget.RecyclerView",
    )


def _home(app: YouTubeApp) -> View:
    tab = app.ui().get("tab", "Home")
    bar = top_bar(lambda: app.start_search(), lambda: app.open("account"))
    if tab == "Home":
        chip = app.ui().get("chip", "All")
        body = col(
            chip_row(HOME_CHIPS, chip, lambda c: app.set_ui("chip", c)),
            _feed(app, catalogue.home_feed(chip), f"home:{chip}"),
            flex=1,
        )
    elif tab == "Subscriptions":
        names = ("GameSpot", "IGN", "BBC News", "Vox")
        body = col(
            row(
                *[
                    col(
                        avatar(n, 52, channel_color(n)),
                        text(n, size=11, color=GREY, lines=1, w=64, text_align="center"),
                        gap=4,
                        align="center",
                        on_tap=lambda n=n: app.open_channel(n),
                        desc=n,
                    )
                    for n in names
                ],
                gap=18,
                pad=(16, 10, 16, 10),
            ),
            divider(),
            _feed(app, tuple(catalogue.uploads(n)[0] for n in names), "subs"),
            flex=1,
        )
    elif tab == "Library":
        body = col(
            *[
                row(
                    icon("history" if item == "History" else "video_library", 24, color=GREY),
                    text(item, size=15, pad=(24, 0, 0, 0)),
                    h=52,
                    pad=(20, 0, 16, 0),
                    desc=item,
                )
                for item in LIBRARY
            ],
            flex=1,
        )
    else:
        body = col(
            space(flex=1),
            text("Shorts are not available", size=15, color=GREY, text_align="center"),
            space(flex=1),
            flex=1,
        )
    return col(
        bar,
        body,
        bottom_nav(tab, lambda t: app.set_ui("tab", t)),
        flex=1,
        bg=theme.WHITE,
    )


def _search(app: YouTubeApp) -> View:
    style = EditorStyle(
        field_id="search_edit_text", hint="Search YouTube", bar=theme.WHITE, height=56
    )
    typed = app.ui().get("typed", "")
    return search_editor(
        typed,
        catalogue.suggestions(typed),
        style=style,
        on_change=lambda value: app.set_ui("typed", value),
        on_submit=lambda: app.search(app.ui().get("typed", "")),
        on_pick=app.search,
        on_back=lambda: app.back() and None,
    )


def _results(app: YouTubeApp) -> View:
    query = app.top.args["query"]
    found = catalogue.search(query)
    entries: list[View] = [
        channel_row(c, lambda c=c: app.open_channel(c.name)) for c in found.channels
    ]
    entries += [video_card(v, lambda v=v: app.play(v), WIDTH) for v in found.videos[:3]]
    entries += [_playlist(app, p) for p in found.playlists]
    entries += [video_card(v, lambda v=v: app.play(v), WIDTH) for v in found.videos[3:]]
    bar = row(
        icon("arrow_back", 24, color=theme.TEXT, desc="Navigate up", on_tap=lambda: app.back()),
        text(
            query,
            size=16,
            lines=1,
            flex=1,
            bg="#f2f2f2",
            radius=18,
            pad=(16, 8, 16, 8),
            on_tap=lambda: app.start_search(app.top.args["query"]),
            rid="search_query",
            desc="Search YouTube",
            cls="android.widget.EditText",
        ),
        icon("mic", 22, color=theme.TEXT, desc="Search with your voice"),
        icon("more_vert", 22, color=theme.TEXT, desc="More options"),
        h=56,
        gap=14,
        pad=(14, 0, 12, 0),
        rid="toolbar",
    )
    return col(
        bar,
        col(
            *entries,
            flex=1,
            scroll=app.scroll_key(),
            rid="results",
            cls="androidx.recyclerview.widget.RecyclerView",
        ),
        flex=1,
        bg=theme.WHITE,
    )


def _playlist(app: YouTubeApp, playlist: catalogue.Playlist) -> View:
    first = playlist.videos[0]
    return row(
        stack(
            image(first.image, w=160, h=90, radius=8),
            col(
                icon("video_library", 20, color=theme.WHITE),
                text(str(len(playlist.videos)), size=12, color=theme.WHITE),
                w=64,
                h=90,
                bg="#303030",
                align="center",
                justify="center",
                at="right",
            ),
            w=160,
            h=90,
        ),
        col(
            text(playlist.title, size=14.5, lines=2, rid="video_title"),
            text(f"{playlist.channel} · Playlist", size=12, color=GREY, lines=1),
            gap=4,
            flex=1,
        ),
        gap=12,
        align="start",
        pad=(12, 8, 8, 16),
        on_tap=lambda: app.play(first),
        desc=f"{playlist.title} - Playlist",
        rid="playlist",
        cls="android.view.ViewGroup",
    )


def _channel(app: YouTubeApp) -> View:
    c = catalogue.channel(app.top.args["channel"])
    tab = app.ui().get("tab", "Home")
    uploads = catalogue.uploads(c.name)
    header = col(
        image(f"scene:banner {c.name}", h=68),
        row(
            avatar(c.name, 64, channel_color(c.name)),
            col(
                row(text(c.name, size=20, weight="bold", lines=1, rid="channel_title"), badge(c)),
                text(
                    f"{c.handle} · {c.subscribers_text} · {len(uploads)} videos",
                    size=12,
                    color=GREY,
                    lines=2,
                ),
                gap=4,
                flex=1,
            ),
            gap=16,
            pad=(16, 14, 16, 10),
        ),
        row(subscribe_button(), pad=(16, 0, 16, 10)),
    )
    if tab == "Videos":
        chips = chip_row(("Latest", "Popular", "Oldest"), "Latest", lambda _c: None)
        rows = [video_row(v, lambda v=v: app.play(v), with_channel=False) for v in uploads]
        body: list[View | None] = [chips, *rows]
    elif tab == "Home":
        popular = sorted(uploads, key=lambda v: -v.views)[:4]
        body = [
            text("Popular videos", size=16, weight="medium", pad=(16, 14, 16, 6)),
            *[video_row(v, lambda v=v: app.play(v), with_channel=False) for v in popular],
        ]
    elif tab == "Playlists":
        body = [_playlist(app, catalogue.Playlist("Popular uploads", c.name, uploads[:6]))]
    else:
        body = [
            text(
                f"Welcome to the official {c.name} channel. New videos every week.",
                size=14,
                pad=(16, 14, 16, 0),
            )
        ]
    return col(
        back_bar(
            c.name,
            lambda: app.back(),
            icon("search", 24, color=theme.TEXT, desc="Search", on_tap=lambda: app.start_search()),
            icon("more_vert", 24, color=theme.TEXT, desc="More options"),
        ),
        col(
            header,
            tabs(CHANNEL_TABS, tab, lambda t: app.set_ui("tab", t)),
            *body,
            flex=1,
            scroll=app.scroll_key(tab),
            rid="channel_page",
        ),
        flex=1,
        bg=theme.WHITE,
    )
