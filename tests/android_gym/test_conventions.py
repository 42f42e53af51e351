"""Gymnasium and SB3 conventions: the horizon in the spec, `info["is_success"]`, tasks given as
strings, an env usable after a failed reset, one task per vector sub-env, task files of both
forms skipping unsupported lines alike."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest
from stable_baselines3.common.monitor import Monitor

from android_gym import make_vector_env
from android_gym.agents import OracleAgent
from android_gym.errors import InvalidArgument, TaskFileError, UnsupportedTask
from android_gym.tasks import load_task_file, parse_instruction

UNSUPPORTED = "Call mom"  # a phone call: a planned family, not available yet


@pytest.mark.parametrize(
    ("env_id", "kwargs", "horizon"),
    [
        ("AndroidGeneral-v0", {}, 10),
        ("AndroidWebShopping-v0", {}, 20),
        ("AndroidGeneral-v0", {"max_steps": 3}, 3),
    ],
)
def test_the_spec_holds_the_horizon_and_no_time_limit_is_added(env_id, kwargs, horizon):
    env = gym.make(env_id, **kwargs)
    assert env.spec.max_episode_steps == horizon
    assert "TimeLimit" not in str(env)
    env.reset(seed=0)
    steps = 0
    while True:
        steps += 1
        *_, terminated, truncated, _ = env.step({"action_type": "PRESS_BACK"})
        if terminated or truncated:
            break
    assert (steps, truncated) == (horizon, True)


def test_is_success_is_in_the_last_info_of_an_episode_for_sb3_monitor():
    env = Monitor(gym.make("AndroidGeneral-v0", tasks=["Open the calculator app"]), None)
    agent = OracleAgent()
    obs, info = env.reset(seed=0)
    assert "is_success" not in info
    done = False
    while not done:
        obs, _, terminated, truncated, info = env.step(agent.act(obs, info))
        done = terminated or truncated
        assert ("is_success" in info) == done
    assert info["is_success"] is True and info["episode"]["r"] == 1.0
    obs, info = env.reset(seed=1)
    *_, info = env.step({"action_type": "STATUS_TASK_IMPOSSIBLE"})
    assert info["is_success"] is False


def test_tasks_may_be_instructions_and_a_lone_string_is_refused():
    env = gym.make("AndroidGeneral-v0", tasks=["Open the calculator app", "Open the camera app"])
    assert [t.params["app"] for t in env.unwrapped.tasks] == ["Calculator", "Camera"]
    with pytest.raises(InvalidArgument, match="list of Tasks or instructions"):
        gym.make("AndroidGeneral-v0", tasks="Open the calculator app")
    with pytest.raises(UnsupportedTask):
        gym.make("AndroidGeneral-v0", tasks=[UNSUPPORTED])


def test_the_env_is_usable_after_a_reset_that_raised():
    env = gym.make("AndroidGeneral-v0")
    with pytest.raises(UnsupportedTask):
        env.reset(seed=0, options={"task": UNSUPPORTED})
    with pytest.raises(IndexError):
        env.reset(seed=0, options={"task_index": 10**6})
    env.reset(seed=0)
    *_, terminated, _, info = env.step({"action_type": "PRESS_HOME"})
    assert info["error"] == "" and not terminated


def test_one_task_per_sub_env_walks_a_suite_across_a_vector_env():
    tasks = [parse_instruction(f"Open the {app} app") for app in ("clock", "calculator", "camera")]
    tasks += [parse_instruction("Open the settings app"), parse_instruction("Open the chrome app")]
    n = 2
    venv = make_vector_env(
        n,
        vectorization_mode="sync",
        task_order="sequential",
        per_env_kwargs=[{"tasks": tasks[i::n]} for i in range(n)],
    )
    seen: list[list[str]] = [[] for _ in range(n)]
    obs, _ = venv.reset(seed=0)
    for i in range(n):
        seen[i].append(obs["instruction"][i])
    for _ in range(3):
        obs, *_ = venv.step(  # STATUS_TASK_COMPLETE (index 5): every episode ends
            {
                "action_type": np.full(n, 5),
                "touch_point": np.zeros((n, 2), np.float32),
                "lift_point": np.zeros((n, 2), np.float32),
                "typed_text": ("",) * n,
            }
        )
        for i in range(n):
            seen[i].append(obs["instruction"][i])
    venv.close()
    assert seen[0][:3] == [t.instruction for t in tasks[0::2]]
    assert seen[1][:3] == [*(t.instruction for t in tasks[1::2]), tasks[1].instruction]


def test_txt_and_yaml_task_files_skip_unsupported_lines_alike(tmp_path):
    txt = tmp_path / "mine.txt"
    txt.write_text(f"Open the calculator app\n{UNSUPPORTED}\n")
    yml = tmp_path / "mine.yaml"
    yml.write_text(f"tasks:\n- Open the calculator app\n- {UNSUPPORTED}\n")
    for path in (txt, yml):
        report = load_task_file(path)
        assert [t.instruction for t in report.tasks] == ["Open the calculator app"]
        assert [s.text for s in report.skipped] == [UNSUPPORTED]
        with pytest.raises(TaskFileError, match="Call mom"):
            load_task_file(path, strict=True)
    env = gym.make("AndroidGeneral-v0", task_file=yml)
    assert len(env.unwrapped.tasks) == 1 and len(env.unwrapped.skipped_tasks) == 1
