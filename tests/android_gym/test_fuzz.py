"""A few hundred fuzzed actions, instructions, reset options and task files (the small version
of benchmarks/fuzz.py, same generator): nothing escapes `step` or `reset`, strict mode raises
only ActionParseError, no input makes a device fault, and no call hangs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from android_gym import fuzzing
from android_gym.env import AndroidEnv

HANG_S = 3.0
"""No call may take this long (the figures, under 100 ms a step, are the benchmark's; a timed
test on a shared machine would be flaky, a hang is not)."""


@pytest.fixture(scope="module")
def env() -> AndroidEnv:
    return AndroidEnv(split="test")


@pytest.mark.parametrize("seed", [0, 1])
def test_fuzzed_actions_never_escape_step(env: AndroidEnv, seed: int) -> None:
    rng = np.random.default_rng(seed)
    actions = fuzzing.actions(rng, 200)
    default = fuzzing.fuzz_steps(env, actions, rng)
    assert default.escaped == {} and "fault" not in default.flags, default.examples
    assert default.flags["parse_error"] > 20 and default.flags["valid"] > 20
    strict = fuzzing.fuzz_steps(AndroidEnv(tasks=env.tasks, strict=True), actions, rng)
    assert strict.escaped == {} and set(strict.typed) == {"ActionParseError"}, strict.examples
    parses = fuzzing.fuzz_parses(actions)
    assert parses.escaped == {} and parses.typed["ActionParseError"] > 20
    assert max(default.seconds + strict.seconds + parses.seconds) < HANG_S


def test_fuzzed_instructions_and_options_raise_only_typed_errors(env: AndroidEnv) -> None:
    rng = np.random.default_rng(2)
    parses, resets = fuzzing.fuzz_instructions(
        env, fuzzing.instructions(rng, 120), fuzzing.reset_options(rng, 60)
    )
    assert parses.escaped == {} and resets.escaped == {}, parses.examples | resets.examples
    assert {"InvalidTask", "UnsupportedTask"} <= set(parses.typed)
    assert {"InvalidArgument", "InvalidChoice"} <= set(resets.typed)
    assert max(parses.seconds + resets.seconds) < HANG_S


def test_fuzzed_task_files_raise_only_typed_errors(env: AndroidEnv, tmp_path: Path) -> None:
    rng = np.random.default_rng(3)
    made = fuzzing.fuzz_task_files(fuzzing.task_files(rng, 60, tmp_path), env.device)
    assert made.escaped == {}, made.examples
    assert made.typed["TaskFileError"] > 10 and max(made.seconds) < HANG_S


def test_the_fuzz_is_reproducible_from_its_seed() -> None:
    def draw() -> list[str]:
        rng = np.random.default_rng(7)
        return [repr(v)[:200] for v in fuzzing.actions(rng, 50) + fuzzing.instructions(rng, 20)]

    assert draw() == draw()
