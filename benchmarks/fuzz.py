"""Fuzzed agent and task input against AndroidEnv with 540x1200 screenshots; prints one JSON line.

Everything comes from `android_gym.fuzzing`, seeded (no hypothesis), so a run is reproducible:

- actions: `--actions` fuzzed actions (strings, dicts, space values, `Action` objects, huge and
  Unicode text), a quarter of them after a tap on a text field or element so that typing reaches
  fields. `default`: stepped in the default mode; `escaped` counts exceptions out of `step`
  (goal 0), `flags` what `info` said, `fault` episodes a device or judge fault ended (goal 0).
  `strict`: the same actions with `strict=True`; `typed_errors` must hold only ActionParseError
  and `escaped` be 0. `action_parse`: `Action.parse` on the string ones.
- instructions: `--instructions` fuzzed instructions through `parse_instruction` (the
  `instruction_parse` figures) and `env.reset(options={"task": ...})`, and a fifth as many
  fuzzed reset options (`resets`); `escaped` counts exceptions other than the typed ones of
  `android_gym.errors` (and IndexError for a task index out of range).
- task files: `--task-files` fuzzed task files, each made into an env on one shared phone.

Timings: the median and the slowest call in milliseconds, and the input of the slowest (goals:
every step under 100 ms, every parse under 10 ms), by wall-clock (`_ms`) and by the process's
CPU time (`_cpu_ms`: what a call cost, without the waits for a core on a shared machine) and
by wall-clock among the calls during which Python ran no full garbage collection
(`_ms_without_full_gc`: a full collection pauses the process for a time that grows with its
heap, here the phone's caches of laid-out screens, whatever the input); `step_p99_*` and
`steps_over_goal_*` over the steps of both modes, `parse_*` over action and instruction parses.
A warm-up first fills what a process fills once (the families' vocabularies, every app's first
screen, the screens of a short fuzz stream of another seed), so cold-start costs are not
charged to one input; new screens met later still are. Then, as docs/environment.md advises
for a long-running env process, the start-up heap is frozen (`android_gym.heap`; not with
`--no-freeze`). `gc` reports the full collections during the timed part: how many, their
longest and median pause (wall-clock and CPU time), and the objects the collector tracks at
the end (`tracked`) and keeps frozen (`frozen`).

Usage: python benchmarks/fuzz.py [--actions 10000] [--instructions 1000] [--task-files 1000]
    [--seed 0] [--no-freeze]
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import platform
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from android_gym import fuzzing
from android_gym.devices.sim import SimDevice
from android_gym.env import AndroidEnv
from android_gym.heap import freeze_startup_heap
from android_gym.sim.phone import PhoneConfig
from android_gym.tasks import SPLITS, available_suites, load_suite

STEP_GOAL_MS = 100
PARSE_GOAL_MS = 10


def warm_up(env: AndroidEnv, seed: int) -> None:
    """Fills what a process fills once: the families' vocabularies (read every suite
    instruction), every app's first screen (its icons and pictures), and the screens of a short
    fuzz stream of another seed."""
    for suite in available_suites():
        for split in SPLITS:
            load_suite(suite, split)
    env.reset(seed=seed)
    for package in sorted(env.device.phone.apps):
        env.device.launch(package)
        env.device.screenshot()
    rng = np.random.default_rng(seed + 1)
    fuzzing.fuzz_steps(env, fuzzing.actions(rng, 300), rng)


def over_goal(name: str, runs: tuple[fuzzing.Outcomes, ...], goal_ms: float) -> dict[str, object]:
    """The 99th percentile of the calls of `runs` and how many took `goal_ms` or longer: by
    wall-clock, by CPU time, and by wall-clock among the calls without a full collection."""
    wall = np.asarray([t for run in runs for t in run.seconds]) * 1000
    quiet = ~np.asarray([full for run in runs for full in run.full_gc], dtype=bool)
    out: dict[str, object] = {}
    for suffix, ms in (
        ("ms", wall),
        ("cpu_ms", np.asarray([t for run in runs for t in run.cpu_seconds]) * 1000),
        ("ms_without_full_gc", wall[quiet]),
    ):
        out[f"{name}_p99_{suffix}"] = round(float(np.percentile(ms, 99)), 3)
        out[f"{name}s_over_goal_{suffix}"] = int((ms >= goal_ms).sum())
    return out


class FullCollections:
    """The pauses of Python's full (generation 2) collections while it is installed, by
    wall-clock and by the process's CPU time (what a pause costs, without the waits for a
    core on a shared machine)."""

    def __init__(self) -> None:
        self.pauses: list[tuple[float, float]] = []
        self._started = (0.0, 0.0)
        gc.callbacks.append(self._note)

    def _note(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] == 2:
            now = (time.perf_counter(), time.process_time())
            if phase == "start":
                self._started = now
            else:
                self.pauses.append((now[0] - self._started[0], now[1] - self._started[1]))

    def summary(self) -> dict[str, object]:
        gc.callbacks.remove(self._note)
        ms = np.asarray(self.pauses or [(0.0, 0.0)]) * 1000
        out: dict[str, object] = {"full_collections": len(self.pauses)}
        for column, suffix in ((0, "ms"), (1, "cpu_ms")):
            out[f"max_pause_{suffix}"] = round(float(ms[:, column].max()), 1)
            out[f"median_pause_{suffix}"] = round(float(np.median(ms[:, column])), 1)
        return {**out, "tracked": len(gc.get_objects()), "frozen": gc.get_freeze_count()}


def figures(args: argparse.Namespace) -> dict[str, object]:
    """Every figure of one run."""
    size = (args.width, args.height)
    device = SimDevice(*size, scale=args.scale, screen_cache=args.screen_cache)
    env = AndroidEnv(split="test", device=device)
    strict_device = SimDevice(*size, scale=args.scale, screen_cache=args.screen_cache)
    strict = AndroidEnv(split="test", device=strict_device, strict=True)
    warm_up(env, args.seed)
    warm_up(strict, args.seed)
    if not args.no_freeze:
        freeze_startup_heap()
    collections = FullCollections()
    rng = np.random.default_rng(args.seed)
    start = time.perf_counter()
    actions = fuzzing.actions(rng, args.actions)
    default = fuzzing.fuzz_steps(env, actions, rng)
    strict_run = fuzzing.fuzz_steps(strict, actions, rng)
    action_parse = fuzzing.fuzz_parses(actions)
    instructions = fuzzing.instructions(rng, args.instructions)
    options = fuzzing.reset_options(rng, args.instructions // 5)
    instruction_parse, resets = fuzzing.fuzz_instructions(env, instructions, options)
    with tempfile.TemporaryDirectory() as folder:
        paths = fuzzing.task_files(rng, args.task_files, Path(folder))
        task_files = fuzzing.fuzz_task_files(paths, device)
    runs = (default, strict_run, action_parse, instruction_parse, resets, task_files)
    seconds = round(time.perf_counter() - start, 1)
    steps, parses = (default, strict_run), (action_parse, instruction_parse)
    return {
        "benchmark": "fuzz",
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "load_average": round(os.getloadavg()[0], 2),
        "seed": args.seed,
        "screenshot": f"{env.obs_size[1]}x{env.obs_size[0]}",
        "device_px": f"{args.width}x{args.height}",
        "actions": args.actions,
        "instructions": args.instructions,
        "task_files": args.task_files,
        "default": default.summary(),
        "strict": strict_run.summary(),
        "action_parse": action_parse.summary(),
        "instruction_parse": instruction_parse.summary(),
        "resets": resets.summary(),
        "task_file_envs": task_files.summary(),
        "escaped_total": sum(sum(run.escaped.values()) for run in runs),
        "strict_only_action_parse_error": set(strict_run.typed) <= {"ActionParseError"},
        **over_goal("step", steps, STEP_GOAL_MS),
        **over_goal("parse", parses, PARSE_GOAL_MS),
        "gc": {
            "startup_heap_frozen": not args.no_freeze,
            "screen_cache": args.screen_cache,
            **collections.summary(),
        },
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--instructions", type=int, default=1_000)
    parser.add_argument("--task-files", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--width", type=int, default=1080, help="device pixels")
    parser.add_argument("--height", type=int, default=2400, help="device pixels")
    parser.add_argument("--scale", type=float, default=0.5, help="0.5: 540x1200 screenshots")
    parser.add_argument("--no-freeze", action="store_true", help="leave the start-up heap")
    parser.add_argument(
        "--screen-cache", type=int, default=PhoneConfig.screen_cache, help="screens a phone keeps"
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # skipped task-file lines are expected here, by the hundred
    print(json.dumps(figures(args), ensure_ascii=True))


if __name__ == "__main__":
    main()
