"""OracleAgent and RandomAgent on the General test split; the oracle reads only the UI."""

from __future__ import annotations

import inspect

import gymnasium as gym
import pytest

import android_gym  # noqa: F401
from android_gym.agents import OracleAgent, RandomAgent
from android_gym.agents import oracle as oracle_module
from android_gym.demo import run_episode
from android_gym.families import navigation
from android_gym.ui import parse_ui_xml


@pytest.fixture(scope="module")
def env():
    return gym.make("AndroidGeneral-v0", split="test")


def test_oracle_solves_the_test_split(env) -> None:
    tasks = env.unwrapped.tasks
    results = [run_episode(env, OracleAgent(), seed=i, task_index=i)[0] for i in range(len(tasks))]
    assert sum(results) / len(results) >= 0.98


def test_random_agent_rarely_succeeds(env) -> None:
    agent = RandomAgent(seed=0)
    results = [run_episode(env, agent, seed=i, task_index=i)[0] for i in range(64)]
    assert sum(results) / len(results) < 0.05


def test_random_agent_is_seeded_and_validated() -> None:
    obs, info = {"instruction": "what is up"}, {}
    assert [str(RandomAgent(seed=3).act(obs, info)) for _ in range(5)] == [
        str(RandomAgent(seed=3).act(obs, info)) for _ in range(5)
    ]
    with pytest.raises(ValueError):
        RandomAgent(probabilities=(0, 0, 0, 0))


def test_oracle_code_never_touches_the_simulator() -> None:
    for module in (oracle_module, navigation):
        source = inspect.getsource(module)
        assert "android_gym.sim" not in source and ".phone" not in source


def test_oracle_drives_a_real_device_dump() -> None:
    """On a hand-written dump like a Pixel's home screen, the oracle taps the search widget."""
    dump = (
        '<?xml version="1.0"?><hierarchy rotation="0"><node class="android.widget.FrameLayout" '
        'package="com.google.android.apps.nexuslauncher" bounds="[0,0][1080,2280]">'
        '<node resource-id="com.google.android.apps.nexuslauncher:id/search_container_hotseat" '
        'class="android.widget.FrameLayout" package="com.google.android.apps.nexuslauncher" '
        'clickable="true" bounds="[70,2000][1010,2120]"/></node></hierarchy>'
    )
    action = OracleAgent().act(
        {"instruction": "What's the news in Chile?"}, {"ui_xml": dump, "screen_size": (1080, 2280)}
    )
    assert action.is_tap
    assert action.touch == pytest.approx((2060 / 2280, 540 / 1080))
    assert parse_ui_xml(dump)
