"""The episode recording format: writer and reader round trip, crash safety, JSON safety."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from android_gym.actions import Action
from android_gym.recording import EpisodeWriter, iter_episodes, json_safe, read_episode

XML = (
    '<?xml version="1.0"?><hierarchy rotation="0">'
    '<node text="Search" bounds="[0,0][100,50]" /></hierarchy>'
)


def _obs(rng: np.random.Generator, instruction: str = "Search for cats") -> dict:
    return {
        "screenshot": rng.integers(0, 256, (40, 20, 3), dtype=np.uint8),
        "instruction": instruction,
    }


def _info(**extra) -> dict:
    return {
        "task_id": "general/0",
        "family": "search",
        "ui_xml": XML,
        "screen_size": (1080, 2400),
        "success": False,
        "invalid_action": False,
        **extra,
    }


def test_round_trip_keeps_frames_actions_outcome_and_extras(tmp_path):
    rng = np.random.default_rng(0)
    frames = [_obs(rng) for _ in range(3)]
    with EpisodeWriter(
        tmp_path / "ep", metadata={"agent": "oracle", "seed": np.int64(3)}
    ) as writer:
        writer.reset(frames[0], _info(step=0))
        writer.step(
            Action.tap(0.1, 0.2),
            frames[1],
            0.0,
            False,
            False,
            _info(step=1),
            extra={"behaviour_log_prob": -1.5, "policy_version": 2},
        )
        writer.step(
            "not an action",
            frames[2],
            1.0,
            True,
            False,
            _info(step=2, success=True, invalid_action=True),
        )
    episode = read_episode(tmp_path / "ep")
    assert episode.complete and episode.success and len(episode) == 2
    assert episode.instruction == "Search for cats" and episode.task_id == "general/0"
    assert episode.screen_size == (1080, 2400)
    assert episode.metadata == {"agent": "oracle", "seed": 3}
    first, second = episode.steps
    np.testing.assert_array_equal(first.observation.load_screenshot(), frames[0]["screenshot"])
    np.testing.assert_array_equal(second.observation.load_screenshot(), frames[1]["screenshot"])
    np.testing.assert_array_equal(
        episode.final_observation.load_screenshot(), frames[2]["screenshot"]
    )
    assert (
        first.action == Action.tap(0.1, 0.2)
        and first.action_text == Action.tap(0.1, 0.2).to_autoui()
    )
    assert first.extra == {"behaviour_log_prob": -1.5, "policy_version": 2}
    assert first.observation.ui_xml == XML and "ui_xml" not in first.observation.info
    assert first.observation.info["step"] == 0 and first.info["step"] == 1
    assert second.action is None and second.action_text == "not an action"
    assert second.invalid_action and second.terminated and second.reward == 1.0
    obs, info = second.observation.as_env()
    assert obs["instruction"] == "Search for cats" and info["ui_xml"] == XML


def test_episode_is_readable_before_close(tmp_path):
    rng = np.random.default_rng(1)
    writer = EpisodeWriter(tmp_path / "crashed")
    writer.reset(_obs(rng), _info())
    writer.step(Action.key("PRESS_BACK"), _obs(rng), 0.0, False, False, _info())
    episode = read_episode(tmp_path / "crashed")  # no close(): the run died here
    assert not episode.complete and len(episode) == 1
    assert episode.steps[0].action == Action.key("PRESS_BACK")


def test_step_without_final_observation_and_misuse(tmp_path):
    rng = np.random.default_rng(2)
    writer = EpisodeWriter(tmp_path / "e")
    with pytest.raises(RuntimeError):
        writer.step(Action.key("PRESS_HOME"), _obs(rng), 0.0, False, False, _info())
    writer.reset(_obs(rng), _info())
    writer.step({"action_type": "PRESS_HOME"}, None, 0.0, True, False, _info())
    with pytest.raises(RuntimeError):
        writer.step(Action.key("PRESS_HOME"), _obs(rng), 0.0, False, False, _info())
    writer.close()
    episode = read_episode(tmp_path / "e")
    assert episode.final_observation is None and episode.steps[0].action == Action.key("PRESS_HOME")


def test_reader_rejects_other_formats_and_newer_versions(tmp_path):
    rng = np.random.default_rng(3)
    with EpisodeWriter(tmp_path / "e") as writer:
        writer.reset(_obs(rng), _info())
    header = json.loads((tmp_path / "e" / "episode.json").read_text())
    (tmp_path / "e" / "episode.json").write_text(json.dumps({**header, "version": 99}))
    with pytest.raises(ValueError, match="version 99"):
        read_episode(tmp_path / "e")
    (tmp_path / "e" / "episode.json").write_text(json.dumps({**header, "format": "other"}))
    with pytest.raises(ValueError, match="not an"):
        read_episode(tmp_path / "e")


def test_iter_episodes_finds_nested_directories_in_order(tmp_path):
    rng = np.random.default_rng(4)
    for name in ["b", "a/x"]:
        with EpisodeWriter(tmp_path / name) as writer:
            writer.reset(_obs(rng, name), _info())
    assert [e.instruction for e in iter_episodes(tmp_path)] == ["a/x", "b"]


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.integers(-5, 5).map(np.int32)
    | st.floats(width=32).map(np.float32),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(st.text(max_size=4), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values)
def test_json_safe_output_always_serialises_and_is_idempotent(value):
    safe = json_safe(value)
    text = json.dumps(safe, allow_nan=False)
    assert json_safe(json.loads(text)) == safe


def test_json_safe_drops_unserialisable_values():
    assert json_safe({"a": object(), "b": 1, "c": None, "d": float("nan")}) == {"b": 1, "c": None}
    assert json_safe(np.arange(3)) == [0, 1, 2]
    assert json_safe(Action.tap(0.5, 0.5)) == Action.tap(0.5, 0.5).to_dict()


def test_a_torn_step_line_raises_unless_read_leniently(tmp_path):
    rng = np.random.default_rng(0)
    with EpisodeWriter(tmp_path / "ep") as writer:
        writer.reset(_obs(rng), _info())
        for _ in range(2):
            writer.step(Action.tap(0.5, 0.5), _obs(rng), 0.0, False, False, _info())
    steps = tmp_path / "ep" / "steps.jsonl"
    steps.write_text(steps.read_text()[:-30])
    with pytest.raises(json.JSONDecodeError):
        read_episode(tmp_path / "ep")
    episode = read_episode(tmp_path / "ep", strict=False)
    assert [s.t for s in episode.steps] == [0]
    assert episode.problems and episode.problems[0].startswith("steps.jsonl line 2 skipped")
