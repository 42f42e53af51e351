"""The YouTube app: search with suggestions, results, channel pages newest first, the watch
page and its clock-driven player, settings, back navigation, and agreement with Google's video
results."""

from __future__ import annotations

import numpy as np
import pytest
from sim_driver import elements, tap, texts

from android_gym.content import media, youtube
from android_gym.sim import Phone
from android_gym.sim.apps.youtube import PACKAGE, SETTINGS_ACTIVITY
from android_gym.ui import find


@pytest.fixture
def phone() -> Phone:
    p = Phone()
    p.reset(4)
    p.open_app(PACKAGE)
    return p


def facts(phone: Phone) -> dict:
    return phone.state().app_facts(PACKAGE)


def search(phone: Phone, query: str) -> None:
    tap(phone, content_desc="Search")
    assert phone.type_text(query)
    assert phone.press("enter")


def test_typing_shows_suggestions_not_results(phone: Phone) -> None:
    tap(phone, content_desc="Search")
    phone.type_text("gamesp")
    assert facts(phone)["screen"] == "search"
    assert "gamespot reviews" in texts(phone)
    assert not find(elements(phone), resource_id="channel_result")
    tap(phone, text="gamespot reviews")
    assert facts(phone)["screen"] == "results"
    assert find(elements(phone), resource_id="channel_result")[0].content_desc == "GameSpot Reviews"


def test_channel_videos_tab_lists_uploads_newest_first(phone: Phone) -> None:
    search(phone, "GameSpot")
    tap(phone, resource_id="channel_result")
    tap(phone, content_desc="Videos")
    shown = [e.text for e in find(elements(phone), resource_id="video_title")]
    uploads = youtube.uploads("GameSpot")
    assert shown == [v.title for v in uploads[: len(shown)]] and len(shown) >= 3
    assert [v.minutes for v in uploads] == sorted(v.minutes for v in uploads)


def test_results_are_by_relevance_not_date() -> None:
    found = youtube.search("GameSpot")
    assert [c.name for c in found.channels][:2] == ["GameSpot", "GameSpot Trailers"]
    own = [v for v in found.videos if v.channel == "GameSpot"]
    assert own == sorted(own, key=lambda v: -v.views)
    assert own != list(youtube.uploads("GameSpot")[: len(own)])


def test_watch_page_player_follows_the_clock_and_pauses(phone: Phone) -> None:
    search(phone, "IGN")
    tap(phone, resource_id="channel_result")
    tap(phone, content_desc="Videos")
    tap(phone, resource_id="compact_video")
    newest = youtube.uploads("IGN")[0]
    assert facts(phone) == {
        "screen": "watch",
        "title": newest.title,
        "channel": "IGN",
        "artist_channel": False,
        "playing": True,
    }
    assert phone.state().activity.endswith("WatchWhileActivity")
    assert f"0:00 / {newest.duration}" in texts(phone)
    phone.advance(60)
    phone.changed()
    assert f"1:00 / {newest.duration}" in texts(phone)
    tap(phone, content_desc="Pause video")  # the tap itself takes two seconds
    assert not facts(phone)["playing"]
    phone.advance(240)
    phone.changed()
    assert f"1:02 / {newest.duration}" in texts(phone)
    tap(phone, content_desc="Play video")
    assert facts(phone)["playing"]
    phone.advance(4 * 3600)
    phone.changed()
    assert not facts(phone)["playing"] and find(elements(phone), content_desc="Replay video")


def test_back_walks_the_stack(phone: Phone) -> None:
    search(phone, "Drake")
    tap(phone, resource_id="channel_result")
    tap(phone, resource_id="compact_video")
    assert facts(phone)["artist_channel"]
    screens = []
    while phone.foreground_package == PACKAGE:
        screens.append(facts(phone)["screen"])
        phone.press("back")
    assert screens == ["watch", "channel", "results", "home"]


def test_settings_from_the_account_menu(phone: Phone) -> None:
    tap(phone, content_desc="Account")
    assert phone.state().activity != SETTINGS_ACTIVITY
    tap(phone, content_desc="Settings")
    assert phone.state().activity == SETTINGS_ACTIVITY
    tap(phone, content_desc="General")
    assert phone.state().activity == SETTINGS_ACTIVITY
    switch = find(elements(phone), content_desc="Restricted Mode")[0]
    assert not switch.checked
    tap(phone, content_desc="Restricted Mode")
    assert find(elements(phone), content_desc="Restricted Mode")[0].checked


def test_music_chip_shows_artist_videos(phone: Phone) -> None:
    tap(phone, content_desc="Music")
    tap(phone, resource_id="video_card")
    assert facts(phone)["artist_channel"] and facts(phone)["playing"]


def test_google_video_results_are_the_channel_uploads() -> None:
    items = media.videos("GameSpot News", 3)
    newest = youtube.uploads("GameSpot News")
    assert [i.title for i in items] == [v.title for v in newest[:3]]
    assert items[0].url == f"https://m.youtube.com/watch?v={newest[0].vid}"


def test_channels_are_the_same_however_they_are_spelled() -> None:
    assert youtube.channel("the bbc").name == "BBC News"
    assert youtube.uploads("linus tech tips") == youtube.uploads("Linus Tech Tips")
    assert youtube.channel("GAMESPOT").name == "GameSpot"


def test_the_player_moves_even_when_an_action_changes_nothing(phone: Phone) -> None:
    search(phone, "IGN")
    tap(phone, resource_id="channel_result")
    tap(phone, content_desc="Videos")
    tap(phone, resource_id="compact_video")
    duration = youtube.uploads("IGN")[0].duration
    assert f"0:00 / {duration}" in texts(phone)
    assert not phone.press("enter"), "nothing takes the enter key here"
    assert f"0:02 / {duration}" in texts(phone), "two seconds of phone time went by"


def test_bottom_bar_labels_sit_under_their_icons() -> None:
    phone = Phone()
    phone.open_app(PACKAGE)
    shot, scale = phone.screenshot(), phone.config.scale
    for label in ("Home", "Library"):
        (box,) = [e.bounds for e in elements(phone) if e.text == label]
        x1, y1, x2, y2 = (round(v * scale) for v in box)
        ink = np.argwhere(shot[y1:y2, x1:x2].min(axis=2) < 128)
        centre = (x1 + x2) / 2 - x1
        assert abs(ink[:, 1].mean() - centre) < 0.1 * (x2 - x1), label
