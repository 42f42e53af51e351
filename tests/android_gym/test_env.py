"""AndroidEnv: the Gymnasium contract, semantics of DESIGN.md section 4, and bad input."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.utils.env_checker import check_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import android_gym
from android_gym import Action, ActionParseError, ActionType, InvalidChoice, UnsupportedTask
from android_gym.env import AndroidEnv

INFO_KEYS = {
    "task_id",
    "family",
    "instruction",
    "ui_xml",
    "success",
    "invalid_action",
    "invalid_reason",
    "action_error",
    "action_clipped",
    "action",
    "screen_size",
    "step",
    "error",
}


@pytest.fixture(scope="module")
def env() -> AndroidEnv:
    return gym.make("AndroidGeneral-v0", split="test").unwrapped


def home_widget(info: dict) -> Action:
    el = next(
        e
        for e in android_gym.parse_ui_xml(info["ui_xml"])
        if e.short_id == "search_container_hotseat"
    )
    return Action.tap(*el.center_yx(*info["screen_size"]))


def test_gymnasium_checker_passes() -> None:
    check_env(gym.make("AndroidGeneral-v0", split="test", render_mode="rgb_array").unwrapped)
    check_env(gym.make("AndroidGeneral-v0", split="train", obs_size=(240, 108)).unwrapped)


def test_reset_options_and_observation(env: AndroidEnv) -> None:
    obs, info = env.reset(seed=0, options={"task": "What's the news in Chile?"})
    assert obs["instruction"] == "What's the news in Chile?" and obs["screenshot"].shape == (
        1200,
        540,
        3,
    )
    assert set(info) == INFO_KEYS and info["family"] == "news" and info["step"] == 0
    assert info["screen_size"] == (1080, 2400)
    _, info = env.reset(seed=0, options={"task_index": 3})
    assert info["task_id"] == env.tasks[3].id
    with pytest.raises(IndexError, match="128 tasks"):
        env.reset(options={"task_index": 999})
    with pytest.raises(InvalidChoice, match="task_index"):
        env.reset(options={"tsk": 1})
    with pytest.raises(UnsupportedTask):
        env.reset(options={"task": "Set a timer for 10 minutes"})


def test_reward_on_the_success_step_then_terminated(env: AndroidEnv) -> None:
    _, info = env.reset(seed=1, options={"task": "What's the weather like in Paris?"})
    _, r, term, trunc, info = env.step(home_widget(info))
    assert (r, term, trunc) == (0.0, False, False)
    _, r, term, trunc, info = env.step({"action_type": "TYPE", "typed_text": "paris weather"})
    assert (r, term) == (0.0, False)
    _obs, r, term, trunc, info = env.step(Action.key(ActionType.PRESS_ENTER).to_autoui())
    assert (r, term, trunc) == (1.0, True, False) and info["success"]


def test_horizon_truncates(env: AndroidEnv) -> None:
    env.reset(seed=0, options={"task_index": 0})
    for i in range(10):
        _, _, term, trunc, info = env.step(Action.key(ActionType.PRESS_HOME))
        assert not term and trunc == (i == 9)
    _, _r, term, _, info = env.step(Action.key(ActionType.PRESS_HOME))
    assert term and info["invalid_action"], "a step after the end is a flagged no-op"


def test_status_actions_end_the_episode(env: AndroidEnv) -> None:
    env.reset(seed=0, options={"task_index": 0})
    _, r, term, trunc, info = env.step("STATUS_TASK_IMPOSSIBLE")
    assert (r, term, trunc, info["success"]) == (0.0, True, False, False)


@pytest.mark.parametrize(
    "bad",
    [
        "tap somewhere",
        "",
        {"action_type": "FLY"},
        {"x": 1},
        3.5,
        None,
        {"action_type": "TYPE", "typed_text": ""},
        {"action_type": "DUAL_POINT", "touch_point": [float("nan"), 0.2]},
    ],
)
def test_malformed_actions_are_flagged_no_ops(env: AndroidEnv, bad: object) -> None:
    obs, info = env.reset(seed=0, options={"task_index": 0})
    obs2, _r, _term, _trunc, info2 = env.step(bad)
    assert info2["invalid_action"] and info2["action_error"]
    assert (
        np.array_equal(obs["screenshot"], obs2["screenshot"]) and info2["ui_xml"] == info["ui_xml"]
    )
    assert info2["step"] == 1


def test_out_of_range_points_are_clipped_and_flagged(env: AndroidEnv) -> None:
    env.reset(seed=0, options={"task_index": 0})
    _, _, _, _, info = env.step(Action.tap(1.7, -3.0))
    assert info["action_clipped"] and info["action_error"] == ""
    assert info["invalid_reason"] == "tap_on_nothing", "applied at the corner, where nothing is"
    assert '"touch_point": [1.0, 0.0]' in info["action"]


def test_strict_mode_raises() -> None:
    strict = gym.make("AndroidGeneral-v0", split="test", strict=True).unwrapped
    strict.reset(seed=0, options={"task_index": 0})
    with pytest.raises(ActionParseError, match="accepted"):
        strict.step("tap somewhere")
    with pytest.raises(ActionParseError, match=r"\[0, 1\]"):
        strict.step(Action.tap(1.5, 0.5))


def test_space_samples_are_accepted(env: AndroidEnv) -> None:
    env.action_space.seed(0)
    env.reset(seed=0, options={"task_index": 0})
    for _ in range(10):
        _, _, term, trunc, info = env.step(env.action_space.sample())
        assert (
            info["invalid_reason"] != "parse_error"
            or info["action_error"] == "TYPE needs non-empty typed_text"
        )
        if term or trunc:
            env.reset(seed=0, options={"task_index": 0})


def test_same_seed_and_actions_are_byte_identical() -> None:
    def run() -> list[tuple[bytes, str]]:
        e = AndroidEnv(split="test")
        obs, info = e.reset(seed=7)
        out = [(obs["screenshot"].tobytes(), info["ui_xml"])]
        rng = np.random.default_rng(0)
        for _ in range(8):
            y, x = rng.random(2)
            obs, _, term, trunc, info = e.step(Action.tap(float(y), float(x)))
            out.append((obs["screenshot"].tobytes(), info["ui_xml"]))
            if term or trunc:
                break
        return out

    assert run() == run()


def test_obs_size_and_render() -> None:
    e = gym.make("AndroidGeneral-v0", split="test", obs_size=(120, 54), render_mode="rgb_array")
    obs, _ = e.reset(seed=0)
    assert obs["screenshot"].shape == (120, 54, 3)
    assert e.render().shape == (1200, 540, 3)
    with pytest.raises(ValueError, match="obs_size"):
        AndroidEnv(obs_size=(0, 10))
    with pytest.raises(InvalidChoice):
        AndroidEnv(render_mode="human")
    with pytest.raises(InvalidChoice, match="sim"):
        AndroidEnv(device="emulator-5554")


def test_task_file_env_reports_skipped_lines(tmp_path) -> None:
    path = tmp_path / "aitw.txt"
    path.write_text("Open the clock\nSet a timer for 10 minutes\n")
    e = AndroidEnv(task_file=path)
    assert [t.instruction for t in e.tasks] == ["Open the clock"]
    assert [s.line for s in e.skipped_tasks] == [2]
    path.write_text("Set a timer for 10 minutes\n")
    with pytest.raises(android_gym.AndroidGymError, match="no runnable task"):
        AndroidEnv(task_file=path)


actions_in = st.one_of(
    st.text(max_size=120),
    st.dictionaries(
        st.sampled_from(["action_type", "touch_point", "lift_point", "typed_text"]),
        st.one_of(
            st.integers(-20, 20),
            st.floats(),
            st.text(max_size=12),
            st.lists(st.floats(), max_size=3),
        ),
        max_size=4,
    ),
    st.builds(
        Action.swipe,
        st.tuples(st.floats(-5, 5), st.floats(-5, 5)),
        st.tuples(st.floats(-5, 5), st.floats(-5, 5)),
    ),
)


@settings(
    max_examples=600, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(actions_in, min_size=1, max_size=6))
def test_nothing_an_agent_sends_crashes_the_env(env: AndroidEnv, sequence: list) -> None:
    env.reset(seed=0, options={"task_index": 1})
    for action in sequence:
        obs, reward, term, trunc, _info = env.step(action)
        assert obs["screenshot"].shape == (1200, 540, 3) and reward in (0.0, 1.0)
        if term or trunc:
            break
