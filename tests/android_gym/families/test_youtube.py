"""The YouTube families: the AitW lines parse into them, judges are strict both ways, the
test split holds channels and artists train never uses, and the oracle solves from the UI."""

from __future__ import annotations

from pathlib import Path

import gymnasium as gym
import numpy as np
import pytest
from sim_driver import elements, tap

import android_gym  # noqa: F401
from android_gym.agents import OracleAgent
from android_gym.content.youtube import uploads
from android_gym.devices.sim import SimDevice
from android_gym.families import get, resolve
from android_gym.families.pools import pools
from android_gym.families.youtube import FAMILIES
from android_gym.sim.apps.youtube import PACKAGE
from android_gym.ui import find

AITW = next(
    (
        p / "shared" / "aitw"
        for p in Path(__file__).resolve().parents
        if (p / "shared" / "aitw").is_dir()
    ),
    None,
)
NAMES = {f.name for f in FAMILIES}


@pytest.mark.skipif(AITW is None, reason="the AitW task lists (shared/aitw) are absent")
def test_every_youtube_line_of_aitw_parses_into_a_youtube_family() -> None:
    """... or, for the settings of the YouTube app, into `app_settings` (see there)."""
    cues = ("youtube", "latest video", "video from")
    lines = [
        line.strip()
        for name in ("general_train.txt", "general_test.txt")
        for line in (AITW / name).read_text().splitlines()
        if any(c in line.lower() for c in cues) and "music app" not in line.lower()
    ]
    assert len(lines) >= 48
    wanted = {*NAMES, "app_settings"}
    assert {line: resolve(line)[0].name in wanted for line in lines} == dict.fromkeys(lines, True)


@pytest.mark.parametrize(
    ("text", "family", "params"),
    [
        ("Show me the newest GameSpot upload", "youtube_channel_video", {"channel": "GameSpot"}),
        ("Play the latest video from the BBC", "youtube_channel_video", {"channel": "BBC News"}),
        ("Put on Taylor Swift's new video", "youtube_artist_video", {"artist": "Taylor Swift"}),
        ("Play some music on YouTube", "youtube_music", {"artist": ""}),
        ("Play some Drake songs on YouTube", "youtube_music", {"artist": "Drake"}),
        ("Can you play a cat video on YouTube for me?", "youtube_video", {"topic": "cat"}),
        ("Open YouTube", "launch_app", {"app": "YouTube"}),
        ("Open the YouTube Music app", "launch_app", {"app": "YT Music"}),
    ],
)
def test_free_phrasings_parse(text: str, family: str, params: dict) -> None:
    found, got = resolve(text)
    assert (found.name, got) == (family, params)


def test_test_split_channels_and_artists_never_appear_in_train() -> None:
    for name in ("youtube_channels", "youtube_artists"):
        pool = pools()[name]
        assert pool.split("test") and not set(pool.split("test")) & set(pool.split("train"))
    rng = np.random.default_rng(0)
    for family in FAMILIES:
        for _ in range(20):
            _, params = family.sample(rng, "test")
            for slot in ("channel", "artist"):
                if params.get(slot):
                    pool = pools()[f"youtube_{slot}s"]
                    assert params[slot] not in pool.split("train")


def watch(device: SimDevice, query: str, result: str, videos_tab: bool, index: int = 0) -> None:
    phone = device.phone
    phone.open_app(PACKAGE)
    tap(phone, content_desc="Search")
    phone.type_text(query)
    phone.press("enter")
    tap(phone, resource_id=result)
    if videos_tab:
        tap(phone, content_desc="Videos")
        rows = find(elements(phone), resource_id="compact_video")
        x, y = rows[index].center
        phone.tap(x, y)


def test_newest_video_judge_is_strict() -> None:
    family = get("youtube_channel_video")
    params = {"channel": "GameSpot"}
    device = SimDevice()
    device.reset(1)
    start = device.state()
    watch(device, "GameSpot", "channel_result", videos_tab=True, index=1)  # an older upload
    assert not family.success(params, device.state(), start)
    device.key("back")
    watch(device, "GameSpot Trailers", "channel_result", videos_tab=True)  # another channel
    assert not family.success(params, device.state(), start)
    device.reset(1)
    watch(device, "GameSpot", "channel_result", videos_tab=True)
    assert family.success(params, device.state(), start)
    assert device.state().app_facts(PACKAGE)["title"] == uploads("GameSpot")[0].title
    tap(device.phone, content_desc="Pause video")  # paused is not playing
    assert not family.success(params, device.state(), start)


def test_results_or_suggestions_are_not_a_watch_page() -> None:
    family = get("youtube_artist_video")
    device = SimDevice()
    device.reset(2)
    start = device.state()
    device.phone.open_app(PACKAGE)
    tap(device.phone, content_desc="Search")
    device.phone.type_text("Bruno Mars")
    assert not family.success({"artist": "Bruno Mars"}, device.state(), start)
    device.phone.press("enter")
    assert not family.success({"artist": "Bruno Mars"}, device.state(), start)


def test_music_needs_an_artist_channel_and_the_asked_artist() -> None:
    music = get("youtube_music")
    device = SimDevice()
    device.reset(3)
    start = device.state()
    watch(device, "IGN", "video_card", videos_tab=False)
    assert not music.success({"artist": ""}, device.state(), start)
    device.reset(3)
    watch(device, "Adele music", "video_card", videos_tab=False)
    assert music.success({"artist": ""}, device.state(), start)
    assert music.success({"artist": "Adele"}, device.state(), start)
    assert not music.success({"artist": "Drake"}, device.state(), start)


def test_the_settings_for_the_youtube_app_may_be_youtubes_own() -> None:
    family, params = resolve("Check the settings for the YouTube app")
    assert (family.name, params["app"]) == ("app_settings", "YouTube")
    device = SimDevice()
    device.reset(0)
    start = device.state()
    device.phone.open_app(PACKAGE)
    tap(device.phone, content_desc="Account")
    assert not family.success(params, device.state(), start)
    tap(device.phone, content_desc="Settings")
    assert family.success(params, device.state(), start)
    device.phone.open_app("com.android.settings")
    assert not family.success(params, device.state(), start), "Settings' own front page"
    assert not family.success({"app": "Netflix"}, device.state(), start)


@pytest.fixture(scope="module")
def env():
    return gym.make("AndroidGeneral-v0")


@pytest.mark.parametrize("family", sorted(NAMES))
def test_oracle_solves_sampled_test_tasks_within_ten_steps(env, family: str) -> None:
    fam = get(family)
    rng = np.random.default_rng(5)
    for seed in range(2):
        instruction, params = fam.sample(rng, "test")
        assert resolve(instruction) == (fam, params)
        obs, info = env.reset(seed=seed, options={"task": instruction})
        agent, reward = OracleAgent(), 0.0
        for _ in range(10):
            obs, reward, terminated, truncated, info = env.step(agent.act(obs, info))
            if terminated or truncated:
                break
        assert reward == 1.0, instruction
