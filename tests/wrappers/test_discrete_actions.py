"""DiscreteActions: the index layout, element taps, typing candidates, missing targets."""

from __future__ import annotations

import json

import gymnasium as gym
import pytest
from hypothesis import given
from hypothesis import strategies as st

import android_gym  # noqa: F401
from android_gym.wrappers import DiscreteActions, typing_candidates
from android_gym.wrappers.discrete import CANDIDATES

GRID = (10, 5)


@pytest.fixture
def env() -> DiscreteActions:
    return DiscreteActions(
        gym.make("AndroidGeneral-v0", render_scale=0.25), grid=GRID, ui_elements=16
    )


def _applied(info: dict) -> dict:
    return json.loads(info["action"]) if info["action"] else {}


def test_layout_and_grid_taps(env: DiscreteActions) -> None:
    assert env.action_space.n == 50 + 16 + 4 + 3 + 2
    env.reset(seed=0, options={"task": "Open the clock app"})
    _, _, _, _, info = env.step(7)  # row 1, column 2
    assert _applied(info) == {
        "action_type": "DUAL_POINT",
        "touch_point": [0.15, 0.5],
        "lift_point": [0.15, 0.5],
    }
    _, _, _, _, info = env.step(50 + 16 + 4 + 1)  # the second key: HOME
    assert _applied(info) == {"action_type": "PRESS_HOME"}
    with pytest.raises(ValueError, match="out of range"):
        env.step(env.action_space.n)


def test_element_taps_open_the_app(env: DiscreteActions) -> None:
    env.reset(seed=0, options={"task": "Open the clock app"})
    env.step(50 + 16)  # swipe: content down, the app drawer opens
    labels = [e.label for e in env.elements]
    assert "Clock" in labels
    _, reward, terminated, _, _ = env.step(50 + labels.index("Clock"))
    assert reward == 1.0 and terminated


def test_missing_elements_and_candidates_are_flagged_no_ops(env: DiscreteActions) -> None:
    env.reset(seed=0, options={"task": "Open the clock app"})
    shown = len(env.elements)
    mask = env.action_masks()
    assert mask[: 50 + shown].all() and not mask[50 + shown : 66].any()
    assert mask[-2:].tolist() == [True, True]  # instruction and request
    _, _, _, _, info = env.step(50 + 15)
    assert (
        info["invalid_action"]
        and info["action_error"] == f"UI element 15 does not exist ({shown} shown)"
    )
    assert "does not exist" in env.describe(65) and env.describe(0).startswith("tap(")


def test_typing_the_instruction_solves_a_search() -> None:
    env = DiscreteActions(gym.make("AndroidGeneral-v0", render_scale=0.25), grid=None, typing=4)
    env.reset(seed=0, options={"task": "What's the weather like in Paris?"})
    search = [e.resource_id for e in env.elements].index(
        "com.google.android.apps.nexuslauncher:id/search_container_hotseat"
    )
    env.step(search)
    _, _, _, _, info = env.step(16 + 4 + 3)  # type the instruction
    assert _applied(info)["typed_text"] == "What's the weather like in Paris?"
    _, reward, terminated, _, _ = env.step(16 + 4 + 2)  # ENTER
    assert reward == 1.0 and terminated
    _, _, _, _, info = env.step(16 + 4 + 3 + 2)  # no quoted phrase in this instruction
    assert info["invalid_action"] and "no quoted" in info["action_error"]


def test_typing_candidates_of_a_shopping_instruction() -> None:
    text = "Go to bestbuy.com, search for 'macbook air'"
    assert typing_candidates(text) == (
        text,
        "bestbuy.com, search for 'macbook air'",
        "macbook air",
        "bestbuy.com",
    )
    assert typing_candidates("What's John's car?")[2] is None  # apostrophes are not quotes
    assert len(CANDIDATES) == len(typing_candidates(""))


@given(st.text(max_size=80))
def test_candidates_are_pieces_of_the_instruction(text: str) -> None:
    normal = " ".join(text.split())
    for candidate in typing_candidates(text):
        assert candidate is None or (candidate and candidate in normal)
