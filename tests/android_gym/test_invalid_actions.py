"""Invalid actions beyond parse errors: each reason on the simulated phone, valid actions of each
kind left unflagged, the oracle never flagged, and the flag kept by wrappers and recordings."""

from __future__ import annotations

import gymnasium as gym
import numpy as np
import pytest

import android_gym  # noqa: F401
from android_gym import Action, ActionType
from android_gym.agents import OracleAgent, RandomAgent
from android_gym.devices import DeviceState
from android_gym.devices.sim import SimDevice
from android_gym.env import AndroidEnv
from android_gym.invalid_actions import REASONS, Screen, invalid_reason
from android_gym.recording import EpisodeWriter, read_episode
from android_gym.ui import UIElement, find, focused_elements, parse_ui_xml, tappable_at
from android_gym.wrappers import DiscreteActions

SEARCH = "What's the news in Chile?"


@pytest.fixture(scope="module")
def env() -> AndroidEnv:
    return gym.make("AndroidGeneral-v0", split="test", render_scale=0.25).unwrapped


def _element(info: dict, **criteria: object) -> UIElement:
    found = find(parse_ui_xml(info["ui_xml"]), **criteria)
    assert found, f"nothing on screen matches {criteria}"
    return found[0]


def _tap(info: dict, element: UIElement) -> Action:
    return Action.tap(*element.center_yx(*info["screen_size"]))


def _untappable_points(info: dict) -> list[tuple[float, float]]:
    """(y, x) points of a 20x10 grid that lie in no tappable element."""
    elements = parse_ui_xml(info["ui_xml"])
    width, height = info["screen_size"]
    points = [((r + 0.5) / 20, (c + 0.5) / 10) for r in range(20) for c in range(10)]
    return [
        (y, x)
        for y, x in points
        if not any(
            e.tappable and e.contains(round(x * (width - 1)), round(y * (height - 1)))
            for e in elements
        )
    ]


def _step(env: AndroidEnv, action: Action | str) -> dict:
    before = env.unwrapped.device.ui_xml()
    _, _, _, _, info = env.step(action)
    assert info["invalid_action"] == bool(info["invalid_reason"])
    assert info["invalid_reason"] in ("", *REASONS)
    if info["invalid_reason"] not in ("", "parse_error"):
        assert info["ui_xml"] == before, "a flagged action changed nothing"
    return info


def _search_editor(env: AndroidEnv) -> dict:
    """Resets onto the home screen and opens the search editor (a focused, empty field)."""
    _, info = env.reset(seed=0, options={"task": SEARCH})
    info = _step(env, _tap(info, _element(info, resource_id="search_container_hotseat")))
    assert not info["invalid_action"]
    return info


def _search_results(env: AndroidEnv) -> dict:
    """Resets and searches Google for "chile" (a results page that scrolls)."""
    _search_editor(env)
    assert _step(env, Action.type_text("chile"))["invalid_reason"] == ""
    info = _step(env, Action.key(ActionType.PRESS_ENTER))
    assert info["invalid_reason"] == ""
    return info


# -- each reason on the simulated phone --------------------------------------------------------


def test_a_tap_on_empty_space_or_plain_text_is_a_tap_on_nothing(env: AndroidEnv) -> None:
    _, info = env.reset(seed=0, options={"task": SEARCH})
    empty = _untappable_points(info)
    assert len(empty) > 20, "the home screen has wallpaper to tap"
    for y, x in empty[:: len(empty) // 6][:6]:  # within the horizon of 10 steps
        info = _step(env, Action.tap(y, x))
        assert info["invalid_reason"] == "tap_on_nothing", (y, x)
    clock = next(e for e in parse_ui_xml(info["ui_xml"]) if e.text and not e.tappable)
    assert clock.class_name.endswith("TextView")
    assert _step(env, _tap(info, clock))["invalid_reason"] == "tap_on_nothing"


def test_typing_with_no_focused_field(env: AndroidEnv) -> None:
    _, info = env.reset(seed=0, options={"task": SEARCH})
    assert not any(e.focused for e in parse_ui_xml(info["ui_xml"]))
    info = _step(env, Action.type_text("chile news"))
    assert info["invalid_reason"] == "no_focused_field" and info["action_error"] == ""


@pytest.mark.parametrize(
    "action",
    [
        Action.key(ActionType.PRESS_BACK),
        Action.key(ActionType.PRESS_HOME),
        Action.key(ActionType.PRESS_ENTER),
        Action.scroll("up"),  # the finger moves down: the home screen does not pull down
        Action.scroll("left"),
    ],
    ids=str,
)
def test_keys_and_swipes_that_do_nothing_on_the_home_screen(
    env: AndroidEnv, action: Action
) -> None:
    env.reset(seed=0, options={"task": SEARCH})
    assert _step(env, action)["invalid_reason"] == "no_effect"


def test_swipes_on_lists_that_cannot_scroll(env: AndroidEnv) -> None:
    env.reset(seed=0, options={"task": SEARCH})
    info = _step(env, Action.scroll("down", 0.5))  # opens the app drawer: every app fits
    assert not info["invalid_action"]
    assert not _element(info, resource_id="apps_list_view").scrollable
    assert _step(env, Action.scroll("down"))["invalid_reason"] == "no_effect"
    assert _step(env, Action.scroll("up"))["invalid_reason"] == "no_effect"
    info = _search_results(env)
    assert any(e.scrollable for e in parse_ui_xml(info["ui_xml"]))
    assert _step(env, Action.scroll("up"))["invalid_reason"] == "no_effect"  # at the top
    assert _step(env, Action.scroll("down"))["invalid_reason"] == ""
    assert _step(env, Action.scroll("up"))["invalid_reason"] == ""


def test_a_tap_on_a_button_that_does_nothing_now(env: AndroidEnv) -> None:
    info = _search_editor(env)
    field = next(e for e in parse_ui_xml(info["ui_xml"]) if e.focused and e.editable)
    assert field.clickable
    assert _step(env, _tap(info, field))["invalid_reason"] == "no_effect"


def test_parse_errors_and_steps_after_the_end(env: AndroidEnv) -> None:
    env.reset(seed=0, options={"task": SEARCH})
    info = _step(env, "not an action")
    assert info["invalid_reason"] == "parse_error" and info["action_error"]
    _, _, terminated, _, info = env.step(Action.key(ActionType.STATUS_TASK_COMPLETE))
    assert terminated and not info["invalid_action"] and info["invalid_reason"] == ""
    _, _, _, _, info = env.step(Action.key(ActionType.PRESS_BACK))
    assert info["invalid_reason"] == "episode_over" and info["invalid_action"]


# -- valid actions --------------------------------------------------------------------------


def test_a_valid_action_of_each_kind_is_not_flagged(env: AndroidEnv) -> None:
    _search_editor(env)  # a tap on the search widget, checked there
    assert _step(env, Action.key(ActionType.PRESS_BACK))["invalid_reason"] == ""  # hides keyboard
    assert _step(env, Action.type_text("chile"))["invalid_reason"] == ""  # still focused
    assert _step(env, Action.key(ActionType.PRESS_ENTER))["invalid_reason"] == ""  # searches
    assert _step(env, Action.scroll("down"))["invalid_reason"] == ""  # scrolls the results
    assert _step(env, Action.key(ActionType.PRESS_HOME))["invalid_reason"] == ""
    info = _step(env, Action.scroll("down", 0.5))  # the app drawer
    assert info["invalid_reason"] == ""
    _, _, terminated, _, info = env.step(Action.key(ActionType.STATUS_TASK_IMPOSSIBLE))
    assert terminated and not info["invalid_action"], "STATUS actions are never invalid"


def test_the_oracle_is_never_flagged_on_64_general_tasks(env: AndroidEnv) -> None:
    oracle = OracleAgent()
    steps = 0
    for i in range(64):
        obs, info = env.reset(seed=i, options={"task_index": i})
        done = False
        while not done:
            action = oracle.act(obs, info)
            obs, _, terminated, truncated, info = env.step(action)
            assert not info["invalid_action"], (env.task.instruction, str(action), info)
            done, steps = terminated or truncated, steps + 1
        assert info["success"], env.task.instruction
    assert steps > 128


def test_flags_match_what_changed_under_random_play(env: AndroidEnv) -> None:
    """Flagged exactly when neither the hierarchy nor the device state changed."""
    agent = RandomAgent(seed=3)
    reasons = set()
    for i in range(12):
        obs, info = env.reset(seed=i, options={"task_index": i})
        done = False
        while not done:
            before = Screen(info["ui_xml"], env.device.state())
            action = agent.act(obs, info)
            obs, _, terminated, truncated, info = env.step(action)
            unchanged = Screen(info["ui_xml"], env.device.state()) == before
            assert info["invalid_action"] == (unchanged and not action.ends_episode)
            reasons.add(info["invalid_reason"])
            done = terminated or truncated
    assert reasons >= {"", "tap_on_nothing", "no_focused_field", "no_effect"}


def test_flagged_actions_are_applied_in_strict_mode_too() -> None:
    class CountingPhone(SimDevice):
        """The simulated phone, counting the taps it receives."""

        taps = 0

        def tap(self, x: int, y: int) -> None:
            self.taps += 1
            super().tap(x, y)

    phone = CountingPhone(scale=0.1)
    strict = gym.make("AndroidGeneral-v0", split="test", device=phone, strict=True).unwrapped
    _, info = strict.reset(seed=0, options={"task": SEARCH})
    y, x = _untappable_points(info)[0]
    info = _step(strict, Action.tap(y, x))
    assert info["invalid_reason"] == "tap_on_nothing" and phone.taps == 1


# -- the judgement itself, on hand-written dumps ------------------------------------------------


def _dump(*nodes: str) -> str:
    return '<?xml version="1.0"?><hierarchy rotation="0">' + "".join(nodes) + "</hierarchy>"


def _node(bounds: str, **flags: str) -> str:
    attributes = {"class": "android.view.View", "enabled": "true", **flags}
    text = " ".join(f'{k.replace("_", "-")}="{v}"' for k, v in attributes.items())
    return f'<node {text} bounds="{bounds}"/>'


STATE = DeviceState(package="com.example", facts={"com.example": {"count": 1}})
TAP = Action.tap(0.5, 0.5)  # pixel (50, 50) on a 101x101 screen


@pytest.mark.parametrize(
    ("node", "reason"),
    [
        (_node("[0,0][101,101]", clickable="true"), "no_effect"),
        (_node("[0,0][101,101]", checkable="true"), "no_effect"),
        (_node("[0,0][101,101]", **{"class": "android.widget.EditText"}), "no_effect"),
        (_node("[0,0][101,101]", clickable="true", enabled="false"), "tap_on_nothing"),
        (_node("[0,0][101,101]", scrollable="true", focusable="true"), "tap_on_nothing"),
        (_node("[0,0][101,101]", long_clickable="true", text="label"), "tap_on_nothing"),
        (_node("[0,0][50,50]", clickable="true"), "tap_on_nothing"),  # right/bottom exclusive
        (_node("[0,0][51,51]", clickable="true"), "no_effect"),
    ],
)
def test_what_a_tap_can_hit(node: str, reason: str) -> None:
    screen = Screen(_dump(node), STATE)
    assert invalid_reason(TAP, screen, screen, (101, 101)) == reason


def test_an_action_that_changed_something_is_valid_whatever_it_hit() -> None:
    before = Screen(_dump(_node("[0,0][10,10]")), STATE)
    moved = DeviceState(package="com.example", facts={"com.example": {"count": 2}})
    assert invalid_reason(TAP, before, Screen(before.ui_xml, moved), (101, 101)) == ""
    assert invalid_reason(TAP, before, Screen(_dump(), STATE), (101, 101)) == ""
    complete = Action.key(ActionType.STATUS_TASK_COMPLETE)
    assert invalid_reason(complete, before, before, (101, 101)) == ""


def test_typing_needs_a_focused_editable_element() -> None:
    type_text = Action.type_text("x")
    focused_text = Screen(_dump(_node("[0,0][9,9]", focused="true", text="a")), STATE)
    field = _node("[0,0][9,9]", focused="true", **{"class": "android.widget.EditText"})
    focused_field = Screen(_dump(field), STATE)
    assert invalid_reason(type_text, focused_text, focused_text, (9, 9)) == "no_focused_field"
    assert invalid_reason(type_text, focused_field, focused_field, (9, 9)) == "no_effect"
    broken = Screen("not a hierarchy", STATE)
    assert invalid_reason(type_text, broken, broken, (9, 9)) == "no_focused_field"


def test_the_tag_readers_agree_with_the_full_parser(env: AndroidEnv) -> None:
    screens = [_search_editor(env)["ui_xml"], _step(env, Action.type_text("chile"))["ui_xml"]]
    screens.append(_step(env, Action.key(ActionType.PRESS_ENTER))["ui_xml"])
    screens.append(_step(env, Action.key(ActionType.PRESS_HOME))["ui_xml"])
    rng = np.random.default_rng(0)
    for xml in screens:
        elements = parse_ui_xml(xml)
        for x, y in zip(rng.integers(0, 1080, 100), rng.integers(0, 2400, 100), strict=True):
            expected = any(e.tappable and e.contains(int(x), int(y)) for e in elements)
            assert tappable_at(xml, int(x), int(y)) == expected
        assert [e.resource_id for e in focused_elements(xml)] == [
            e.resource_id for e in elements if e.focused
        ]


def test_broken_dumps_and_decoy_text_get_no_finer_reason() -> None:
    decoy = _dump(_node("[0,0][101,101]", text="EditText", focused="true"))
    screen = Screen(decoy, STATE)
    assert invalid_reason(TAP, screen, screen, (101, 101)) == "tap_on_nothing"
    assert invalid_reason(Action.type_text("x"), screen, screen, (101, 101)) == "no_focused_field"
    broken = Screen(_dump(_node("[0,0]", focused="true")), STATE)
    assert invalid_reason(Action.type_text("x"), broken, broken, (101, 101)) == "no_effect"
    assert invalid_reason(TAP, broken, broken, (101, 101)) == "tap_on_nothing"


# -- wrappers and recordings ----------------------------------------------------------------


def test_discrete_actions_flag_missing_targets_and_taps_on_nothing() -> None:
    env = DiscreteActions(gym.make("AndroidGeneral-v0", render_scale=0.25), grid=(20, 10))
    _, info = env.reset(seed=0, options={"task": "Open the clock app"})
    shown = len(env.elements)
    _, _, _, _, info = env.step(200 + shown)  # an element index past the shown ones
    assert info["invalid_reason"] == "parse_error" and "does not exist" in info["action_error"]
    y, x = _untappable_points(info)[0]
    cell = int(y * 20) * 10 + int(x * 10)
    _, _, _, _, info = env.step(cell)
    assert info["invalid_reason"] == "tap_on_nothing" and info["action_error"] == ""


def test_recordings_keep_the_flag_and_the_reason(env: AndroidEnv, tmp_path) -> None:
    obs, info = env.reset(seed=0, options={"task": SEARCH})
    actions = [Action.type_text("chile"), Action.key(ActionType.PRESS_HOME), "garbage"]
    with EpisodeWriter(tmp_path / "ep") as writer:
        writer.reset(obs, info)
        for action in actions:
            obs, reward, terminated, truncated, info = env.step(action)
            writer.step(action, obs, reward, terminated, truncated, info)
    steps = read_episode(tmp_path / "ep").steps
    assert [s.invalid_reason for s in steps] == ["no_focused_field", "no_effect", "parse_error"]
    assert all(s.invalid_action for s in steps)
    assert steps[0].info["invalid_reason"] == "no_focused_field"
