"""Agent and task input in bounded time: long text, long instructions, broken `Action` objects,
lone surrogates and values that make no sense are refused or flagged where they enter, with
short messages, never a hang or an exception from deep inside."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import gymnasium as gym
import pytest
from gymnasium.vector import AsyncVectorEnv, SyncVectorEnv

import android_gym
from android_gym import Action, ActionParseError, ActionType, Task, TaskFileError
from android_gym.env import AndroidEnv
from android_gym.errors import (
    InvalidArgument,
    InvalidChoice,
    InvalidTask,
    UnsupportedTask,
    quote,
)
from android_gym.families.queries import covers
from android_gym.spaces import MAX_INSTRUCTION
from android_gym.tasks import load_task_file, parse_instruction

SHORT = 800
"""Longest error message these tests accept for any input, however long (what is accepted
plus a quote of what was given)."""
CLOCK = "Open the clock"


@pytest.fixture(scope="module")
def env() -> AndroidEnv:
    return AndroidEnv(split="test")


def focus_search(env: AndroidEnv) -> None:
    """Opens the home screen's search box, so typed text has somewhere to go."""
    _, info = env.reset(seed=0, options={"task": "What's the news in Chile?"})
    box = next(
        e
        for e in android_gym.parse_ui_xml(info["ui_xml"])
        if e.short_id == "search_container_hotseat"
    )
    env.step(Action.tap(*box.center_yx(*info["screen_size"])))


def typed(info: dict) -> str:
    return next(e.text for e in android_gym.parse_ui_xml(info["ui_xml"]) if e.focused)


# -- 1. typing: max_text holds where text enters the device ---------------------------------------


def test_typed_text_longer_than_max_text_is_cut_and_flagged(env: AndroidEnv) -> None:
    focus_search(env)
    start = time.perf_counter()
    _, _, _, truncated, info = env.step(Action.type_text("x" * 100_000))
    assert time.perf_counter() - start < 2.0
    assert info["action_clipped"] and not info["invalid_action"] and not truncated
    assert typed(info) == "x" * env.max_text == "x" * 128
    assert Action.parse(info["action"]).text == "x" * 128
    strict = AndroidEnv(split="test", strict=True, max_text=16)
    focus_search(strict)
    with pytest.raises(ActionParseError, match="longer than max_text"):
        strict.step(Action.type_text("y" * 17))
    assert not strict.step(Action.type_text("y" * 16))[4]["action_clipped"]


# -- 2. parsing in bounded time -------------------------------------------------------------------


@pytest.mark.parametrize("size", [MAX_INSTRUCTION + 1, 10_000, 100_000])
def test_instructions_longer_than_an_observation_are_refused_at_once(size: int) -> None:
    start = time.perf_counter()
    with pytest.raises(InvalidTask, match=f"instruction of {size:,} characters") as caught:
        parse_instruction("a" * size)
    assert time.perf_counter() - start < 0.5
    assert isinstance(caught.value, UnsupportedTask) and len(str(caught.value)) < SHORT
    assert parse_instruction("Open the clock " + " " * 10_000).instruction == CLOCK


def test_the_longest_instructions_parse_quickly() -> None:
    parse_instruction(CLOCK)
    worst = ["a" * 512, "ab " * 170, "1 " * 256, "1" * 512, "12:" * 170, "wether " * 73]
    for text in worst:
        with pytest.raises(UnsupportedTask):
            parse_instruction(text[:MAX_INSTRUCTION])
    for text in worst:  # a first read fills caches; the second is the figure
        start = time.perf_counter()
        with pytest.raises(UnsupportedTask):
            parse_instruction(text[:MAX_INSTRUCTION])
        assert time.perf_counter() - start < 0.25, text[:20]


@pytest.mark.parametrize("query", ["x" * 50_000, "shoes " + "9" * 5_000])
def test_judges_read_long_typed_queries_quickly(query: str) -> None:
    """A judge reads the query an agent typed (as many characters as it likes over an episode):
    a long word is never repaired as a typo (that costs its length squared) and a long run of
    digits is a word (Python refuses to make an int of over 4,300 digits)."""
    start = time.perf_counter()
    assert not covers(query, [["running shoes"]])
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize(
    "text",
    [
        "A(" * 4_000,
        "TYPE(" + "text='" * 1_300,
        "CLICK(box=[[" + "1," * 4_000,
        '"action_type": "TYPE", ' + '"typed_text": "' * 500,
        "{" * 8_000,
        "[" * 8_000,
    ],
)
def test_action_strings_parse_in_linear_time(text: str) -> None:
    start = time.perf_counter()
    with contextlib.suppress(ActionParseError):
        Action.parse(text)
    assert time.perf_counter() - start < 0.2


def test_overlong_action_strings_are_a_flagged_no_op(env: AndroidEnv) -> None:
    env.reset(seed=0, options={"task": CLOCK})
    start = time.perf_counter()
    _, _, _, truncated, info = env.step("A(" * 50_000)
    assert time.perf_counter() - start < 1.0
    assert info["invalid_reason"] == "parse_error" and not truncated
    assert "100,000 characters is longer than the 8,192 accepted" in info["action_error"]
    assert len(info["action_error"]) < SHORT


def test_cogagent_and_autoui_still_read_the_last_bracket_and_quote() -> None:
    assert Action.parse("Plan. CLICK(box=[[100,200,300,400]]) (done)").touch == (0.3, 0.2)
    assert Action.parse("TYPE(box=[[1,2,3,4]], text='it''s')").text == "it"
    assert Action.parse('TYPE(text="a\'b")').text == "a'b"
    autoui = 'Action Decision: "action_type": "TYPE", "typed_text": "say "hi""'
    assert Action.parse(autoui).text == 'say "hi"'


# -- 3. Action objects with invalid fields ------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [(5,), ("TYPE",), (None,), (ActionType.DUAL_POINT,), (ActionType.TYPE, None, None, None)],
)
def test_actions_with_invalid_fields_are_refused_at_construction(fields: tuple) -> None:
    with pytest.raises(ActionParseError):
        Action(*fields)


@pytest.mark.parametrize(
    ("field", "value"),
    [("type", 5), ("type", "TYPE"), ("type", None), ("touch", None), ("lift", "x")],
)
def test_tampered_actions_are_flagged_not_raised(env: AndroidEnv, field: str, value) -> None:
    action = Action.tap(0.5, 0.5)
    object.__setattr__(action, field, value)
    env.reset(seed=0, options={"task": CLOCK})
    _, _, _, truncated, info = env.step(action)
    assert info["invalid_reason"] == "parse_error" and info["error"] == "" and not truncated
    strict = AndroidEnv(tasks=env.tasks[:1], strict=True)
    strict.reset(seed=0)
    with pytest.raises(ActionParseError):
        strict.step(action)


def test_a_tampered_type_action_is_validated_again(env: AndroidEnv) -> None:
    focus_search(env)
    action = Action.type_text("ok")
    object.__setattr__(action, "text", 42)
    assert env.step(action)[4]["invalid_reason"] == "parse_error"
    object.__delattr__(action, "type")  # a field gone entirely
    assert env.step(action)[4]["invalid_reason"] == "parse_error"


# -- 4. lone surrogates, and instructions an observation cannot hold ----------------------------


def test_lone_surrogates_are_an_invalid_action_not_a_device_fault(env: AndroidEnv) -> None:
    with pytest.raises(ActionParseError, match="lone surrogate at position 1"):
        Action.type_text("a\ud800b")
    focus_search(env)
    for bad in ({"action_type": "TYPE", "typed_text": "a\udc00"}, "TYPE(text='\ud83d')"):
        _, _, _, truncated, info = env.step(bad)
        assert info["invalid_reason"] == "parse_error" and info["error"] == ""
        assert not truncated
    assert typed(env.step(Action.type_text("fine 🕰️"))[4]) == "fine 🕰️"
    _, _, _, truncated, info = env.step(Action.key(ActionType.PRESS_ENTER))  # a query with a
    assert info["error"] == "" and not truncated  # lone surrogate failed here as a device fault


def test_instructions_with_lone_surrogates_are_invalid_tasks(tmp_path: Path) -> None:
    with pytest.raises(InvalidTask, match="lone surrogate at position 16"):
        parse_instruction("What's the time \udc8a in Seoul?")
    path = tmp_path / "aitw.txt"
    path.write_bytes(f"{CLOCK}\nOpen \udc8a Chrome\n".encode("utf-8", "surrogatepass"))
    with pytest.raises(TaskFileError, match="line 2: not UTF-8"):  # what files can hold
        load_task_file(path)


LONG = "search for " + "x" * MAX_INSTRUCTION


def test_tasks_and_resets_refuse_instructions_an_observation_cannot_hold() -> None:
    with pytest.raises(InvalidTask, match="longer than the 512"):
        Task(LONG, "web_search", {})
    env = AndroidEnv(tasks=[parse_instruction(CLOCK)])
    with pytest.raises(InvalidTask, match="longer than the 512"):
        env.reset(options={"task": LONG})
    assert env.reset(options={"task": CLOCK})[0]["instruction"] == CLOCK


@pytest.mark.parametrize("vector_env", [SyncVectorEnv, AsyncVectorEnv])
def test_vector_envs_give_the_same_clear_error(vector_env: type) -> None:
    kwargs = {"context": "fork"} if vector_env is AsyncVectorEnv else {}
    make = lambda: AndroidEnv(tasks=[parse_instruction(CLOCK)], render_scale=0.25)  # noqa: E731
    envs = vector_env([make, make], **kwargs)
    try:
        with pytest.raises(InvalidTask, match="longer than the 512"):
            envs.reset(options={"task": LONG})
    finally:
        envs.close()


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_make_vector_env_refuses_bad_reset_options_and_stays_usable(mode: str) -> None:
    envs = android_gym.make_vector_env(
        2, vectorization_mode=mode, tasks=[CLOCK, CLOCK], render_scale=0.25
    )
    try:
        bad = [{"task": LONG}, {"task_index": 2}, {"task_index": "abc"}, {"seed": 1}, ["x"]]
        errors = (InvalidTask, IndexError, InvalidArgument, InvalidChoice, InvalidArgument)
        for options, error in zip(bad, errors, strict=True):
            with pytest.raises(error):
                envs.reset(options=options)
        obs, _ = envs.reset(seed=0, options={"task": CLOCK})  # no worker was lost
        assert list(obs["instruction"]) == [CLOCK, CLOCK]
        assert list(envs.get_attr("suite")) == ["general", "general"]  # the vector env's API
    finally:
        envs.close()


# -- 5. short messages; task files that are not text -----------------------------------------------


def test_error_messages_quote_bad_input_cut_short(env: AndroidEnv) -> None:
    huge = "z" * 100_000
    assert quote(huge).endswith("... (100,000 characters)") and len(quote(huge)) < 120
    checks = [
        lambda: parse_instruction(huge),
        lambda: Action.parse(huge),
        lambda: Action.from_dict({"action_type": huge}),
        lambda: Action.from_dict({"action_type": "tap", "touch_point": huge}),
        lambda: Action(ActionType.TYPE, text=[huge]),
        lambda: env.reset(options={huge: 1}),
        lambda: env.reset(options={"task_index": huge}),
    ]
    for check in checks:
        with pytest.raises(android_gym.AndroidGymError) as caught:
            check()
        assert len(str(caught.value)) < SHORT, str(caught.value)[:200]
    env.reset(seed=0)
    for action in ([huge] * 1000, {"action_type": huge}, huge):
        assert 0 < len(env.step(action)[4]["action_error"]) < SHORT


def test_task_files_that_are_not_text_name_the_file_and_line(tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Open the clock\nOpen Chrome\nCafé near me\n".encode("latin-1"))
    with pytest.raises(TaskFileError, match=r"latin\.txt, line 3: not UTF-8 text \(byte 0xe9\)"):
        load_task_file(latin)
    binary = tmp_path / "model.bin"
    binary.write_bytes(b"Open the clock\n\x00\x01\x02")
    with pytest.raises(TaskFileError, match=r"model\.bin, line 2: a NUL character"):
        load_task_file(binary)
    suite = tmp_path / "suite.yaml"
    suite.write_bytes(b"tasks:\n  - Open the clock\n  - \xff\xfe\n")
    with pytest.raises(TaskFileError, match=r"suite\.yaml, line 3: not UTF-8"):
        AndroidEnv(task_file=suite)
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffOpen the clock\n".encode())
    assert [t.instruction for t in load_task_file(bom).tasks] == [CLOCK]


def test_overlong_task_file_lines_are_skipped_with_a_short_reason(tmp_path: Path) -> None:
    path = tmp_path / "aitw.txt"
    path.write_text(f"{CLOCK}\n{'search for ' + 'y' * 100_000}\n")
    report = load_task_file(path)
    assert [t.instruction for t in report.tasks] == [CLOCK]
    assert [s.line for s in report.skipped] == [2] and len(report.summary()) < 2 * SHORT


# -- 6. values that make no sense are refused where they enter -----------------------------------


def test_horizons_must_be_whole_positive_steps(tmp_path: Path) -> None:
    suite = tmp_path / "suite.yaml"
    for header, entry in [("max_steps: -3\n", ""), ("", "    max_steps: abc\n")]:
        suite.write_text(f"{header}tasks:\n  - instruction: {CLOCK}\n{entry}")
        with pytest.raises(TaskFileError, match="max_steps must be a whole number of steps"):
            load_task_file(suite)
    with pytest.raises(InvalidTask, match="got 0"):
        parse_instruction(CLOCK, max_steps=0)
    for bad in (-3, 2.5, True):
        with pytest.raises(InvalidTask):
            AndroidEnv(tasks=[parse_instruction(CLOCK)], max_steps=bad)
    with pytest.raises(InvalidArgument, match="max_text"):
        AndroidEnv(tasks=[parse_instruction(CLOCK)], max_text=0)


@pytest.mark.parametrize(
    "options", ["task", ["task"], 3, {"task_index": "abc"}, {"task": 7}, {10**5000: 1}]
)
def test_reset_options_that_make_no_sense_are_refused(env: AndroidEnv, options) -> None:
    with pytest.raises((InvalidArgument, InvalidChoice, UnsupportedTask)) as caught:
        env.reset(options=options)
    assert "task" in str(caught.value)
    assert env.reset(options={"task_index": 3})[1]["task_id"] == env.tasks[3].id


def test_gym_make_checks_arguments_too() -> None:
    with pytest.raises(InvalidTask):
        gym.make("AndroidGeneral-v0", max_steps=-1)
