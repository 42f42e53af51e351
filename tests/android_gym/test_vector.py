"""Vectorized AndroidEnvs: text through shared memory, autoreset, and fault isolation, with
Gymnasium's real vector envs and worker processes."""

from __future__ import annotations

import copy
import multiprocessing

import gymnasium as gym
import numpy as np
import pytest
from gymnasium.vector import AsyncVectorEnv, AutoresetMode, SyncVectorEnv
from gymnasium.vector.utils import (
    create_shared_memory,
    read_from_shared_memory,
    write_to_shared_memory,
)

import android_gym
from android_gym import Action, families
from android_gym.devices.sim import SimDevice
from android_gym.env import EMPTY_HIERARCHY, AndroidEnv
from android_gym.errors import DeviceError
from android_gym.families.base import Family
from android_gym.spaces import UnicodeText
from android_gym.tasks import Task
from android_gym.vector import SharedTexts, make_vector_env

ZURICH = "What's the weather like in Zürich?"
CLOCK = "com.google.android.deskclock"
OPEN_DRAWER = Action.scroll("down", 0.5)
CLOCK_ICON = Action.tap(0.167, 0.889)
"""Where the drawer shows Clock (alphabetical, five a row)."""
TEXTS = ["", ZURICH, "東京の天気は？", "Öffne die Uhr 🕰️", "a" * 7]


def test_shared_memory_holds_any_unicode_text() -> None:
    space = UnicodeText(12)
    texts = [t[:12] for t in TEXTS] + ["🕰️" * 6]  # 12 code points of 3 and 4 UTF-8 bytes
    memory = create_shared_memory(space, n=len(texts), ctx=multiprocessing)
    view = read_from_shared_memory(space, memory, n=len(texts))
    for i, text in enumerate(texts):
        write_to_shared_memory(space, i, text, memory)
    assert isinstance(view, SharedTexts) and list(view) == texts and view[1:3] == tuple(texts[1:3])
    write_to_shared_memory(space, 1, "ü", memory)  # a shorter text leaves nothing of the old
    snapshot = copy.deepcopy(view)
    assert snapshot == (texts[0], "ü", *texts[2:]) and type(snapshot) is tuple
    write_to_shared_memory(space, 1, "x", memory)
    assert view[1] == "x" and snapshot[1] == "ü"  # the view is live, the deep copy is not
    with pytest.raises(ValueError, match="at most 12 characters"):
        write_to_shared_memory(space, 0, "x" * 13, memory)


def _batch(action: Action, n: int) -> dict:
    """`action` for each of `n` sub-envs, as a batch of the Dict action space."""
    value = action.to_space(128)
    batch = {k: np.stack([v] * n) for k, v in value.items() if k != "typed_text"}
    return {**batch, "typed_text": (value["typed_text"],) * n}


def _weather_obs(envs: gym.vector.VectorEnv) -> dict:
    obs, _ = envs.reset(seed=3, options={"task": ZURICH})
    return obs


@pytest.mark.parametrize("mode", ["async", "sync"])
def test_make_vec_delivers_instructions_and_screens(mode: str) -> None:
    envs = gym.make_vec("AndroidGeneral-v0", num_envs=2, vectorization_mode=mode)
    single = gym.make("AndroidGeneral-v0")
    try:
        obs = _weather_obs(envs)
        assert tuple(obs["instruction"]) == (ZURICH, ZURICH)
        assert obs["screenshot"].shape == (2, 1200, 540, 3)
        actions = envs.action_space.sample()
        obs, _, _, _, info = envs.step(actions)
        assert tuple(obs["instruction"]) == (ZURICH, ZURICH)
        for i in range(2):  # each sub-env is the single env run with the same seed and action
            single.reset(seed=3 + i, options={"task": ZURICH})
            action = {k: v[i] for k, v in actions.items()}
            expected, *_, expected_info = single.step(action)
            assert np.array_equal(obs["screenshot"][i], expected["screenshot"])
            assert info["ui_xml"][i] == expected_info["ui_xml"]
    finally:
        envs.close()
        single.close()


def test_spawned_workers_register_the_text_hooks() -> None:
    """Workers that start afresh (spawn) import android_gym, which registers the hooks."""
    envs = gym.make_vec(
        "AndroidGeneral-v0",
        num_envs=2,
        vectorization_mode="async",
        vector_kwargs={"context": "spawn"},
    )
    try:
        assert tuple(_weather_obs(envs)["instruction"]) == (ZURICH, ZURICH)
    finally:
        envs.close()


def test_copy_false_gives_a_live_view() -> None:
    envs = gym.make_vec(
        "AndroidGeneral-v0", num_envs=2, vectorization_mode="async", vector_kwargs={"copy": False}
    )
    try:
        obs = _weather_obs(envs)
        assert isinstance(obs["instruction"], SharedTexts)
        envs.reset(seed=0, options={"task": "Open the clock app"})
        assert list(obs["instruction"]) == ["Open the clock app"] * 2
    finally:
        envs.close()


UNICODE_TASKS = [
    Task("Öffne die Uhr-App (時計)", "launch_app", {"app": "Clock"}, id="u/0"),
    Task("Abre la app Ajustes — «Settings»", "launch_app", {"app": "Settings"}, id="u/1"),
]


def test_same_step_autoreset_keeps_unicode_instructions_across_episodes() -> None:
    envs = make_vector_env(2, tasks=UNICODE_TASKS, max_steps=2)
    try:
        obs, _ = envs.reset(seed=0)
        seen, ended = set(obs["instruction"]), 0
        home = _batch(Action.key("PRESS_HOME"), 2)
        for _ in range(6):
            obs, _, terminated, truncated, info = envs.step(home)
            seen |= set(obs["instruction"])
            if (terminated | truncated).any():
                ended += 1
                assert set(info["final_obs"][0]) == {"screenshot", "instruction"}
                assert info["final_info"]["step"][0] == 2 and info["step"][0] == 0
        assert ended == 3 and seen <= {t.instruction for t in UNICODE_TASKS} and len(seen) == 2
        assert envs.metadata["autoreset_mode"] is AutoresetMode.SAME_STEP
    finally:
        envs.close()


# -- fault isolation ---------------------------------------------------------------------------


class FlakyDevice(SimDevice):
    """The simulated phone, failing the taps and resets whose ordinal numbers are given, as a
    real phone drops off adb."""

    def __init__(self, fail_taps: tuple[int, ...] = (), fail_resets: tuple[int, ...] = ()) -> None:
        super().__init__(scale=0.25)
        self.fail_taps, self.fail_resets = fail_taps, fail_resets
        self.taps = self.resets = 0

    def tap(self, x: int, y: int) -> None:
        self.taps += 1
        if self.taps in self.fail_taps:
            raise DeviceError("adb: device offline")
        super().tap(x, y)

    def reset(self, seed: int) -> None:
        self.resets += 1
        if self.resets in self.fail_resets:
            raise DeviceError("adb: no devices/emulators found")
        super().reset(seed)


class BrokenJudge(Family):
    """A family whose evaluator raises once the clock app is in front."""

    name = "test_broken_judge"

    def parse(self, instruction: str, known_only: bool = False) -> None:
        return None

    def success(self, params, state, start) -> bool:
        if state.package == CLOCK:
            raise KeyError("judge lost its answer key")
        return False


@pytest.fixture
def broken_judge():
    saved = list(families._SPECIFIC)
    families.register(BrokenJudge())
    yield Task("Open the clock app, judged badly", BrokenJudge.name, {}, id="broken/0")
    families._SPECIFIC[:] = saved


def _open_clock(env: gym.Env) -> tuple:
    """Opens the drawer and taps the Clock icon (a real tap the device or judge can fail)."""
    env.step(OPEN_DRAWER)
    return env.step(CLOCK_ICON)


def test_device_fault_in_step_truncates_and_the_next_reset_works() -> None:
    env = AndroidEnv(device=FlakyDevice(fail_taps=(1,)), tasks=[UNICODE_TASKS[0]])
    obs, info = env.reset(seed=0)
    keys = set(info)
    assert info["error"] == ""
    obs, reward, terminated, truncated, info = _open_clock(env)
    assert (reward, terminated, truncated) == (0.0, False, True)
    assert info["error"] == "step failed: DeviceError: adb: device offline" and set(
        info
    ) == keys | {"is_success"}
    assert not obs["screenshot"].any() and info["ui_xml"] == EMPTY_HIERARCHY
    assert obs["instruction"] == UNICODE_TASKS[0].instruction
    obs, info = env.reset(seed=1)
    assert info["error"] == "" and obs["screenshot"].any()
    _, reward, terminated, _, info = _open_clock(env)
    assert (reward, terminated, info["error"]) == (1.0, True, "")


def test_evaluator_fault_truncates(broken_judge: Task) -> None:
    env = AndroidEnv(tasks=[broken_judge], render_scale=0.25)
    env.reset(seed=0)
    _, _, _, truncated, info = env.step(OPEN_DRAWER)
    assert info["error"] == "" and not truncated
    _, _, terminated, truncated, info = env.step(CLOCK_ICON)
    assert truncated and not terminated and "KeyError" in info["error"]
    _, _, terminated, _, info = env.step(Action.key("PRESS_HOME"))  # after the end, flagged
    assert terminated and info["invalid_action"] and "KeyError" in info["error"]


def test_failed_reset_returns_a_blank_frame_and_ends_at_the_next_step() -> None:
    env = AndroidEnv(device=FlakyDevice(fail_resets=(1,)), tasks=[UNICODE_TASKS[0]])
    obs, info = env.reset(seed=0)
    assert info["error"].startswith("reset failed: DeviceError") and not obs["screenshot"].any()
    assert env.observation_space.contains(obs)
    _, reward, terminated, truncated, info = env.step(Action.key("PRESS_HOME"))
    assert (reward, terminated, truncated) == (0.0, False, True) and info["error"]
    obs, info = env.reset(seed=0)
    assert info["error"] == "" and obs["screenshot"].any()


def test_caller_errors_still_raise() -> None:
    env = AndroidEnv(device=FlakyDevice(), tasks=[UNICODE_TASKS[0]], strict=True)
    with pytest.raises(android_gym.InvalidChoice):
        env.reset(options={"bogus": 1})
    env.reset(seed=0)
    with pytest.raises(android_gym.ActionParseError):
        env.step("not an action at all ###")


def _flaky_env(index: int) -> AndroidEnv:
    """Sub-env 0 fails its first tap and its second reset; sub-env 1 never fails."""
    device = FlakyDevice(fail_taps=(1,), fail_resets=(2,)) if index == 0 else FlakyDevice()
    return AndroidEnv(device=device, tasks=[UNICODE_TASKS[0]])


@pytest.mark.parametrize("vector_env", [AsyncVectorEnv, SyncVectorEnv])
def test_a_faulty_sub_env_never_kills_its_worker(vector_env: type, broken_judge: Task) -> None:
    kwargs = {"context": "fork"} if vector_env is AsyncVectorEnv else {}
    judged = lambda: AndroidEnv(tasks=[broken_judge], render_scale=0.25)  # noqa: E731
    fns = [lambda: _flaky_env(0), lambda: _flaky_env(1), judged]
    envs = vector_env(fns, autoreset_mode=AutoresetMode.SAME_STEP, **kwargs)
    try:
        envs.reset(seed=0)
        drawer = _batch(OPEN_DRAWER, 3)
        envs.step(drawer)
        _, reward, terminated, truncated, info = envs.step(_batch(CLOCK_ICON, 3))
        # tap faults on 0, the judge fails on 2, env 1 succeeds; 0's autoreset then fails
        assert list(reward) == [0.0, 1.0, 0.0] and list(terminated) == [False, True, False]
        assert list(truncated) == [True, False, True]
        final = info["final_info"]["error"]
        assert final[0].startswith("step failed: DeviceError") and final[1] == ""
        assert "KeyError" in final[2]
        assert info["error"][0].startswith("reset failed") and info["error"][2] == ""
        _, _, _, truncated, info = envs.step(drawer)  # the failed reset's episode ends now
        assert list(truncated) == [True, False, False] and list(info["error"]) == ["", "", ""]
        obs, _, _, _, info = envs.step(drawer)  # and every worker still answers
        assert obs["screenshot"][0].any() and list(info["error"]) == ["", "", ""]
    finally:
        envs.close()
