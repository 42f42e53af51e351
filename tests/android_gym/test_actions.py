"""Actions: constructors, text forms (AutoUI, JSON, CogAgent) and robustness to garbage."""

from __future__ import annotations

import contextlib
import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from android_gym import ACTION_TYPES, Action, ActionParseError, ActionType
from android_gym.actions import TAP_DISTANCE
from android_gym.spaces import action_space

unit = st.floats(0.0, 1.0, allow_nan=False)
points = st.tuples(unit, unit)


def actions() -> st.SearchStrategy[Action]:
    return st.one_of(
        st.builds(Action.tap, unit, unit),
        st.builds(Action.swipe, points, points),
        st.builds(
            Action.type_text,
            st.text(st.characters(exclude_characters='"', codec="utf-8"), min_size=1, max_size=40),
        ),
        st.sampled_from(
            [t for t in ACTION_TYPES if t not in (ActionType.TYPE, ActionType.DUAL_POINT)]
        ).map(Action.key),
    )


def test_aitw_ids_and_space_indices() -> None:
    assert [t.value for t in ACTION_TYPES] == [3, 4, 5, 6, 7, 10, 11]
    for i, t in enumerate(ACTION_TYPES):
        assert t.index == i and ActionType.from_index(i) is t
    with pytest.raises(ActionParseError, match=r"0\.\.6"):
        ActionType.from_index(7)


def test_tap_and_swipe_follow_the_aitw_distance() -> None:
    assert Action.tap(0.5, 0.5).is_tap
    near = Action.swipe((0.5, 0.5), (0.5 + TAP_DISTANCE * 0.9, 0.5))
    far = Action.swipe((0.5, 0.5), (0.5 + TAP_DISTANCE * 1.1, 0.5))
    assert near.is_tap and not near.is_swipe
    assert far.is_swipe and not far.is_tap


def test_scroll_down_moves_the_finger_up() -> None:
    down = Action.scroll("down")
    assert down.touch[0] > down.lift[0]
    with pytest.raises(ActionParseError, match="direction"):
        Action.scroll("diagonal")


def test_parse_autoui_with_plan() -> None:
    text = (
        "Action Plan: [DUAL_POINT,TYPE,PRESS_ENTER] ; Action Decision: "
        '"action_type": "DUAL_POINT", '
        '"touch_point": "[0.7761, 0.7089]", "lift_point": "[0.7761, 0.7089]", "typed_text": ""'
    )
    action = Action.parse(text)
    assert action.type is ActionType.DUAL_POINT
    assert action.touch == pytest.approx((0.7761, 0.7089))  # (y, x) as AutoUI writes it
    typed = Action.parse(
        'Action Decision: "action_type": "TYPE", "touch_point": "[-1.0, -1.0]", '
        '"lift_point": "[-1.0, -1.0]", "typed_text": "say "hi" now"'
    )
    assert typed.text == 'say "hi" now'


def test_parse_json_forms() -> None:
    assert Action.parse('{"action_type": "tap", "touch_point": [0.2, 0.3]}') == Action.tap(0.2, 0.3)
    assert Action.parse('{"action_type_id": 6}').type is ActionType.PRESS_HOME  # AitW's id
    assert Action.parse('{"action_type": 6}').type is ACTION_TYPES[6]  # the Discrete index
    assert Action.parse('```json\n{"action": "type", "text": "hello"}\n```') == Action.type_text(
        "hello"
    )
    assert Action.parse("press back").type is ActionType.PRESS_BACK


def test_parse_cogagent_boxes_are_xy_on_a_1000_scale() -> None:
    tap = Action.parse("Grounded Operation: CLICK(box=[[100,200,300,400]], element_info='x')")
    assert tap.touch == pytest.approx((0.3, 0.2))
    assert Action.parse("TYPE(box=[[0,0,10,10]], text='pizza near me')").text == "pizza near me"
    assert Action.parse("KEY_PRESS(key='Enter')").type is ActionType.PRESS_ENTER
    assert Action.parse("SCROLL_DOWN(box=[[0,0,1000,1000]], step_count=5)").is_swipe
    assert Action.parse("END()").type is ActionType.STATUS_TASK_COMPLETE


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "   ",
        "tap the thing",
        '{"action_type": "FLY"}',
        '{"touch_point": [1, 2]}',
        '{"action_type": "DUAL_POINT", "touch_point": [NaN, 0.1]}',
        'Action Decision: "action_type": "DUAL_POINT", "touch_point": "[0.1]"',
    ],
)
def test_malformed_strings_raise_a_clear_error(bad: str) -> None:
    with pytest.raises(ActionParseError):
        Action.parse(bad)


def test_space_values_use_the_discrete_index() -> None:
    value = {
        "action_type": np.int64(ActionType.PRESS_BACK.index),
        "touch_point": np.zeros(2, np.float32),
        "lift_point": np.zeros(2, np.float32),
        "typed_text": "",
    }
    assert Action.from_dict(value).type is ActionType.PRESS_BACK
    tap = Action.tap(0.25, 0.75)
    assert Action.from_dict(tap.to_space(32)) == tap


def test_clipping() -> None:
    wild = Action.swipe((-0.5, 0.5), (1.5, 2.0))
    assert not wild.in_range
    assert wild.clipped() == Action.swipe((0.0, 0.5), (1.0, 1.0))


@given(actions())
def test_autoui_and_json_round_trip(action: Action) -> None:
    for text in (action.to_autoui(), action.to_json()):
        back = Action.parse(text)
        assert back.type is action.type and back.text == action.text
        if action.touch is not None:
            assert (
                math.dist(back.touch, action.touch) < 1e-3
                and math.dist(back.lift, action.lift) < 1e-3
            )


@settings(max_examples=2000, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_parses_or_raises_action_parse_error(text: str) -> None:
    with contextlib.suppress(ActionParseError):
        Action.parse(text)


json_values = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=10), c, max_size=3),
    max_leaves=8,
)


@settings(max_examples=1500, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            ["action_type", "touch_point", "lift_point", "typed_text", "action", "text"]
        ),
        json_values,
        max_size=4,
    )
)
def test_arbitrary_dicts_parse_or_raise_action_parse_error(data: dict) -> None:
    with contextlib.suppress(ActionParseError):
        Action.from_dict(data)


@pytest.mark.parametrize("value", ["²", "٣", "4²"])
def test_non_ascii_digits_are_an_unknown_action_type(value):
    with pytest.raises(ActionParseError, match="unknown action type"):
        Action.from_dict({"action_type": value})


@pytest.mark.parametrize("convert", [int, np.int64, np.int32, np.array])
def test_an_integer_action_type_means_one_thing_whatever_its_type(convert) -> None:
    """The Discrete index, as the action space samples it; `.tolist()`, JSON and RPC turn
    numpy integers into Python ints and must not change the action."""
    for index, kind in enumerate(ACTION_TYPES):
        action = {"action_type": convert(index), "typed_text": "a", "touch_point": [0.5, 0.5]}
        assert Action.from_dict(action).type is kind


def test_space_samples_survive_tolist_and_json_round_trips() -> None:
    space = action_space()
    space.seed(3)
    for _ in range(50):
        sample = space.sample()
        sample["typed_text"] = sample["typed_text"] or "x"
        plain = {
            k: (v.tolist() if isinstance(v, np.ndarray | np.integer) else v)
            for k, v in sample.items()
        }
        assert Action.from_dict(plain) == Action.from_dict(sample)
        assert Action.parse(json.dumps(plain)) == Action.from_dict(sample)


def test_aitw_ids_go_in_action_type_id_and_out_of_range_indices_say_so() -> None:
    assert (
        Action.from_dict({"action_type_id": np.int64(3), "typed_text": "hi"}).type
        is ActionType.TYPE
    )
    with pytest.raises(ActionParseError, match="AitW's ids go in a dict's action_type_id"):
        Action.from_dict({"action_type": 10})
