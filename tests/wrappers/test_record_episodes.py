"""RecordEpisodes writes the open episode format that distrl_agent reads as demonstrations."""

from __future__ import annotations

import json
from pathlib import Path

import gymnasium as gym
import numpy as np

import android_gym  # noqa: F401
from android_gym.agents import OracleAgent
from android_gym.recording import iter_episodes, read_episode
from android_gym.wrappers import DiscreteActions, RecordEpisodes
from distrl_agent.trajectory import Trajectory

TASK = {"task": "What's the weather like in Zürich?"}


def _env(directory: Path) -> RecordEpisodes:
    return RecordEpisodes(
        gym.make("AndroidGeneral-v0", render_scale=0.25), directory, metadata={"agent": "oracle"}
    )


def test_an_oracle_episode_round_trips(tmp_path: Path) -> None:
    env, oracle = _env(tmp_path), OracleAgent()
    obs, info = env.reset(seed=0, options=TASK)
    frames, actions, done = [obs["screenshot"]], [], False
    while not done:
        action = oracle.act(obs, info)
        obs, _, terminated, truncated, info = env.step(action)
        frames.append(obs["screenshot"])
        actions.append(action)
        done = terminated or truncated
    episode = read_episode(env.episodes[0])
    assert episode.complete and episode.success and episode.instruction == TASK["task"]
    assert [s.action.to_dict() for s in episode.steps] == [a.to_dict() for a in actions]
    assert episode.steps[-1].reward == 1.0
    assert episode.metadata == {"agent": "oracle"} and episode.screen_size == (1080, 2400)
    recorded = [s.observation.load_screenshot() for s in episode.steps]
    recorded.append(episode.final_observation.load_screenshot())
    assert all(np.array_equal(a, b) for a, b in zip(recorded, frames, strict=True))
    assert episode.steps[0].observation.ui_xml.startswith("<?xml")
    trajectory = Trajectory.from_episode(episode)
    assert len(trajectory.steps) == len(actions) and trajectory.steps[-1].done


def test_discrete_indices_are_recorded_as_applied_actions(tmp_path: Path) -> None:
    inner = DiscreteActions(gym.make("AndroidGeneral-v0", render_scale=0.25), grid=(10, 5))
    env = RecordEpisodes(inner, tmp_path)  # above the action wrapper: it sees indices
    env.reset(seed=0, options={"task": "Open the clock app"})
    env.step(50 + 16 + 4 + 1)  # HOME
    env.step(0)  # the top-left grid tap
    steps = [
        json.loads(line) for line in (env.episodes[0] / "steps.jsonl").read_text().splitlines()
    ]
    assert [s["action"] for s in steps] == [
        {"action_type": "PRESS_HOME"},
        {"action_type": "DUAL_POINT", "touch_point": [0.05, 0.1], "lift_point": [0.05, 0.1]},
    ]


def test_writers_sharing_a_directory_never_collide(tmp_path: Path) -> None:
    first, second = _env(tmp_path), _env(tmp_path)  # as two vector workers would
    for env in (first, second, first):
        env.reset(seed=0, options={"task": "Open the clock app"})
    names = [p.name for p in (*first.episodes, *second.episodes)]
    assert sorted(names) == ["episode_000000", "episode_000001", "episode_000002"]
    episodes = list(iter_episodes(tmp_path))  # reset mid-episode: left incomplete
    assert len(episodes) == 3 and not any(e.complete for e in episodes)
