"""TextActions: string actions, one per sub-env, through Gymnasium's vector envs."""

from __future__ import annotations

import json

import gymnasium as gym
import pytest

import android_gym  # noqa: F401
from android_gym import Action
from android_gym.wrappers import TextActions

AUTOUI = (
    'Action Plan: [DUAL_POINT] ; Action Decision: "action_type": "DUAL_POINT", '
    '"touch_point": "[0.75, 0.5]", "lift_point": "[0.25, 0.5]", "typed_text": ""'
)
JSON = '{"action_type": "PRESS_HOME"}'


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_vector_envs_take_a_string_per_sub_env(mode: str) -> None:
    envs = gym.make_vec(
        "AndroidGeneral-v0",
        num_envs=3,
        vectorization_mode=mode,
        wrappers=[TextActions],
        render_scale=0.25,
    )
    try:
        assert envs.single_action_space.contains(AUTOUI)
        envs.reset(seed=0, options={"task": "Open the clock app"})
        _, _, _, _, info = envs.step((AUTOUI, JSON, "no action here"))
        applied = [json.loads(a) if a else None for a in info["action"]]
        assert applied[0]["action_type"] == "DUAL_POINT" and applied[0]["lift_point"] == [0.25, 0.5]
        assert applied[1] == {"action_type": "PRESS_HOME"} and applied[2] is None
        assert info["invalid_action"].tolist() == [False, True, True]
        # HOME on the home screen changes nothing
        assert info["invalid_reason"].tolist() == ["", "no_effect", "parse_error"]
    finally:
        envs.close()


def test_action_objects_pass_through() -> None:
    env = TextActions(gym.make("AndroidGeneral-v0", render_scale=0.25))
    env.reset(seed=0, options={"task": "Open the clock app"})
    _, _, _, _, info = env.step(Action.key("PRESS_BACK"))
    assert json.loads(info["action"]) == {"action_type": "PRESS_BACK"}
