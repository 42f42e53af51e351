"""AndroidEnv: one episode is one task on one device.

Observations are the screenshot and the instruction; `info` carries the UI hierarchy and the
task's bookkeeping. Actions are AitW actions given as `Action`, AutoUI/JSON/CogAgent strings or
dicts (including values of the Dict action space). Malformed agent input never raises in the
default mode: it becomes a no-op flagged `info["invalid_action"]` (strict mode raises
`ActionParseError`). Legal actions that change nothing (a tap on no element, typing with no
focused field, a key or swipe that does nothing) are applied and flagged too, with the reason in
`info["invalid_reason"]` (`android_gym.invalid_actions`). Reward is 1 on the step whose
resulting state satisfies the task, which then terminates; the episode is truncated at the
task's horizon.

A fault of the device or the evaluator never escapes `step` or `reset`, so one broken phone
does not kill a vector worker: the episode ends `truncated` with the reason in `info["error"]`
(empty otherwise), with a blank frame and an empty hierarchy as its last observation, and the
next reset tries the device again.

A device that waits for the screen to settle after an input (adb devices, see
`android_gym.devices.settle`) reports the wait of each step's action in `info["settle"]`
(`{"waited_s", "settled", "looks"}`); the simulated phone settles at once and adds no key.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any, ClassVar

import gymnasium as gym
import numpy as np
from gymnasium.envs.registration import EnvSpec
from PIL import Image

from android_gym import families
from android_gym.actions import Action, ActionType
from android_gym.devices import Device, DeviceState, make_device
from android_gym.devices.base import observe
from android_gym.errors import (
    ActionParseError,
    AndroidGymError,
    InvalidArgument,
    InvalidChoice,
    quote,
)
from android_gym.invalid_actions import EPISODE_OVER, PARSE_ERROR, Screen, invalid_reason
from android_gym.reset_options import as_task, requested_task
from android_gym.spaces import MAX_TYPED_TEXT, action_space, observation_space
from android_gym.tasks import (
    Task,
    TaskFile,
    check_horizon,
    load_suite,
    load_task_file,
    suite_max_steps,
)
from android_gym.ui import to_pixels

log = logging.getLogger(__name__)

_KEYS = {
    ActionType.PRESS_BACK: "back",
    ActionType.PRESS_HOME: "home",
    ActionType.PRESS_ENTER: "enter",
}
EMPTY_HIERARCHY = '<?xml version="1.0" encoding="UTF-8"?><hierarchy rotation="0"/>'


class AndroidEnv(gym.Env):
    """A Gymnasium environment over a phone (the simulated one by default).

    Args:
        suite, split: the task suite to draw tasks from (`load_suite`).
        task_file: instead of a suite, an AitW-format list or suite YAML; lines no family can
            run are logged and kept in `skipped_tasks`.
        tasks: instead of either, an explicit list of `Task`s or instructions (strings,
            parsed with the suite's horizon).
        device: "sim", an adb device string such as "adb:emulator-5554" (the forms are in
            docs/devices.md), or a `Device`. A vector env takes a list, one per sub-env
            (`make_vector_env`).
        device_options: keyword arguments of the device backend (for adb: driver, settle,
            timeout_s, clear_packages, snapshot, ...; see `AdbDevice`).
        max_steps: horizon; default the task's (10 for General, 20 for Web Shopping; task
            files and instructions given at reset get their suite's).
        obs_size: (height, width) of observation screenshots; default the render size.
        render_scale: rendered pixels per device pixel for the simulated phone (0.5: 540x1200).
        screen_size: (width, height) of the simulated phone in device pixels.
        strict: raise `ActionParseError` on malformed actions instead of a flagged no-op.
        task_order: how a reset without options picks its task: "random" (seeded) or
            "sequential" (the tasks in order, then again; a vector env's sub-envs each walk
            their own share of a suite this way, docs/environment.md).
        max_text: longest `typed_text`; longer text is cut to it and `info["action_clipped"]`
            set (strict mode raises instead), so no step types more than this.
    """

    metadata: ClassVar[dict[str, Any]] = {"render_modes": ["rgb_array"], "render_fps": 2}

    def __init__(
        self,
        suite: str = "general",
        split: str = "train",
        task_file: str | Path | None = None,
        tasks: list[Task] | None = None,
        device: str | Device = "sim",
        device_options: dict[str, Any] | None = None,
        max_steps: int | None = None,
        obs_size: tuple[int, int] | None = None,
        render_scale: float = 0.5,
        screen_size: tuple[int, int] = (1080, 2400),
        render_mode: str | None = None,
        strict: bool = False,
        max_text: int = MAX_TYPED_TEXT,
        task_order: str = "random",
    ) -> None:
        if task_order not in ("random", "sequential"):
            raise InvalidChoice("task_order", task_order, ["random", "sequential"])
        self.task_order = task_order
        self._next_task = 0
        if render_mode not in (None, "rgb_array"):
            raise InvalidChoice("render_mode", render_mode, ["rgb_array"])
        self.render_mode = render_mode
        self._spec: EnvSpec | None = None
        self.strict = strict
        self.max_steps = None if max_steps is None else check_horizon(max_steps, "max_steps")
        if isinstance(max_text, bool) or not isinstance(max_text, int) or max_text < 1:
            raise InvalidArgument(f"max_text must be an integer >= 1, got {quote(max_text)}")
        self.max_text = max_text
        self.suite = suite
        self.skipped_tasks: list = []
        self.tasks = self._tasks(suite, split, task_file, tasks)
        options = dict(device_options or {})
        if device == "sim":
            sim = {"width": screen_size[0], "height": screen_size[1], "scale": render_scale}
            options = {**sim, **options}
        self.device = make_device(device, **options)
        frame = self.device.screenshot()
        self.obs_size = tuple(obs_size) if obs_size is not None else frame.shape[:2]
        if len(self.obs_size) != 2 or min(self.obs_size) < 1:
            raise ValueError(
                f"obs_size must be (height, width) with positive sizes, got {quote(obs_size)}"
            )
        self.observation_space = observation_space(*self.obs_size)
        self.action_space = action_space(max_text)
        self.task: Task | None = None
        self._start: DeviceState | None = None
        self._seen: Screen | None = None
        self._steps = 0
        self._done = False
        self._fault = ""

    # -- tasks --------------------------------------------------------------------------------

    def _tasks(
        self, suite: str, split: str, task_file: str | Path | None, tasks: list[Task] | None
    ) -> list[Task]:
        if tasks is not None:
            if isinstance(tasks, (str, Task)) or not tasks:
                raise InvalidArgument(
                    f"tasks must be a non-empty list of Tasks or instructions, got {quote(tasks)}"
                )
            return [as_task(task, "tasks", suite) for task in tasks]
        if task_file is not None:
            report: TaskFile = load_task_file(task_file, suite_max_steps(suite))
            self.skipped_tasks = report.skipped
            if report.skipped:
                log.warning("%s: %s", task_file, report.summary())
            if not report.tasks:
                raise AndroidGymError(f"no runnable task in {task_file}:\n{report.summary()}")
            return report.tasks
        return load_suite(suite, split)

    def _choose_task(self, options: Any) -> Task:
        """The task `reset` options ask for; options that make no sense raise here, before the
        device is touched (android_gym/reset_options.py)."""
        requested = requested_task(options, self.suite, len(self.tasks))
        if isinstance(requested, Task):
            return requested
        if requested is not None:
            return self.tasks[requested]
        if self.task_order == "sequential":
            self._next_task += 1
            return self.tasks[(self._next_task - 1) % len(self.tasks)]
        return self.tasks[int(self.np_random.integers(len(self.tasks)))]

    @property
    def horizon(self) -> int:
        """The longest episode this env runs: `max_steps`, else the longest task horizon."""
        suite = suite_max_steps(self.suite)  # instructions given at reset get the suite's
        return self.max_steps or max(suite, *(t.max_steps for t in self.tasks))

    @property
    def spec(self) -> EnvSpec | None:
        """The registration's spec, with `max_episode_steps` set to `horizon` (the env
        truncates each episode at its task's horizon itself, so no TimeLimit is added)."""
        return self._spec

    @spec.setter
    def spec(self, value: EnvSpec | None) -> None:
        if value is not None and value.max_episode_steps is None:
            value = dataclasses.replace(value, max_episode_steps=self.horizon)
        self._spec = value

    # -- Gymnasium API --------------------------------------------------------------------------

    def reset(self, *, seed: int | None = None, options: dict[str, Any] | None = None):
        super().reset(seed=seed)
        self.task = None  # a reset that raises leaves the env wanting a reset, nothing stale
        self.task = self._choose_task({} if options is None else options)
        family = families.get(self.task.family)
        self._steps = 0
        self._done = False
        self._fault = ""
        self._seen = None
        try:
            self.device.reset(int(self.np_random.integers(2**31 - 1)))
            family.setup(self.device, self.task.params, self.np_random)
            look = observe(self.device)
            self._start = look.state
            self._seen = Screen(look.ui_xml, look.state)
            return self._frame(None, "", "", False, frame=look.screenshot)
        except Exception as exc:  # a device or set-up fault: the next step ends the episode
            self._record_fault("reset", exc)
            return self._frame(None, "", "", False)

    def step(self, action: Any):
        if self.task is None:
            raise AndroidGymError("call reset() before step()")
        if self._done:
            log.warning("step() after the episode ended; call reset(). Ignored.")
            obs, info = self._frame(None, "episode is over; call reset()", EPISODE_OVER, False)
            return obs, 0.0, True, False, info
        parsed, error, clipped = self._coerce(action)
        reason = PARSE_ERROR if parsed is None else ""
        self._steps += 1
        success = terminated = False
        settle = None
        if not self._fault:
            try:
                if parsed is not None and self._apply(parsed):
                    settle = getattr(self.device, "last_settle", None)
                look = observe(self.device)
                seen = Screen(look.ui_xml, look.state)
                if parsed is not None:
                    assert self._seen is not None, "a reset without fault records the screen"
                    reason = invalid_reason(parsed, self._seen, seen, self.device.screen_size)
                self._seen = seen
                family = families.get(self.task.family)
                success = family.success(self.task.params, seen.state, self._start)
                terminated = success or (parsed is not None and parsed.ends_episode)
                obs, info = self._frame(parsed, error, reason, clipped, success, look.screenshot)
            except Exception as exc:  # a device or evaluator fault ends the episode
                self._record_fault("step", exc)
                success = terminated = False
        if self._fault:
            obs, info = self._frame(parsed, error, reason, clipped)
        elif settle is not None:
            info["settle"] = settle
        horizon = self.max_steps or self.task.max_steps
        truncated = not terminated and (self._steps >= horizon or bool(self._fault))
        self._done = terminated or truncated
        if self._done:  # SB3's Monitor / EvalCallback convention
            info["is_success"] = bool(success)
        return obs, float(success), terminated, truncated, info

    def render(self) -> np.ndarray | None:
        if self.render_mode == "rgb_array":
            return self.device.screenshot()
        return None

    def close(self) -> None:
        self.device.close()

    # -- internals ------------------------------------------------------------------------------

    def _coerce(self, action: Any) -> tuple[Action | None, str, bool]:
        """(action to apply or None, error message, clipped) for anything an agent sends.

        An `Action` object is validated again (it may have been changed after construction);
        typed text longer than `max_text` is cut to it and counts as clipped."""
        try:
            if isinstance(action, Action):
                parsed = Action.checked(action)
            elif isinstance(action, str):
                parsed = Action.parse(action)
            elif isinstance(action, dict):
                parsed = Action.from_dict(action)
            else:
                raise ActionParseError(
                    f"an action must be an Action, a string or a dict, got "
                    f"{type(action).__name__} {quote(action)}"
                )
            if parsed.type is ActionType.TYPE and not parsed.text:
                raise ActionParseError("TYPE needs non-empty typed_text")
            long_text = len(parsed.text) > self.max_text
            if self.strict and long_text:
                raise ActionParseError(
                    f"typed_text of {len(parsed.text):,} characters is longer than max_text "
                    f"({self.max_text})"
                )
            if long_text:
                parsed = Action.type_text(parsed.text[: self.max_text])
            clipped = not parsed.in_range
            if clipped:
                if self.strict:
                    raise ActionParseError(f"points must lie in [0, 1] as (y, x), got {parsed}")
                parsed = parsed.clipped()
            return parsed, "", clipped or long_text
        except (ActionParseError, ValueError, TypeError, OverflowError) as exc:
            if self.strict:
                raise ActionParseError(str(exc)) from None
            return None, str(exc), False

    def _apply(self, action: Action) -> bool:
        """Sends the action to the device; False for those that send nothing (STATUS_*)."""
        size = self.device.screen_size
        if action.type is ActionType.DUAL_POINT:
            assert action.touch is not None and action.lift is not None
            if action.is_tap:
                self.device.tap(*to_pixels(action.touch, size))
            else:
                self.device.swipe(*to_pixels(action.touch, size), *to_pixels(action.lift, size))
        elif action.type is ActionType.TYPE:
            self.device.type_text(action.text)
        elif action.type in _KEYS:
            self.device.key(_KEYS[action.type])
        else:
            return False
        return True

    def _observation(self, frame: np.ndarray | None = None) -> dict[str, Any]:
        """The screenshot (`frame`, else a new one from the device) at the observation size,
        and the instruction."""
        assert self.task is not None
        if frame is None:
            frame = self.device.screenshot()
        if frame.shape[:2] != self.obs_size:
            h, w = self.obs_size
            # reducing_gap: a box reduction first, then bilinear (2x faster at 540x1200 -> 64x32)
            image = Image.fromarray(frame)
            frame = np.asarray(image.resize((w, h), Image.Resampling.BILINEAR, reducing_gap=3.0))
        return {"screenshot": frame, "instruction": self.task.instruction}

    def _frame(
        self,
        action: Action | None,
        error: str,
        reason: str,
        clipped: bool,
        success: bool = False,
        frame: np.ndarray | None = None,
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The observation and info: the device's (its hierarchy dumped once, into `_seen`;
        `frame` its screenshot when taken with it), or after a fault a blank frame and an empty
        hierarchy (the device may be unable to give any)."""
        if not self._fault:
            assert self._seen is not None, "without a fault, reset and step record the screen"
            xml = self._seen.ui_xml
            obs = self._observation(frame)
            return obs, self._info(success, action, error, reason, clipped, xml)
        assert self.task is not None
        blank = np.zeros((*self.obs_size, 3), dtype=np.uint8)
        obs = {"screenshot": blank, "instruction": self.task.instruction}
        return obs, self._info(False, action, error, reason, clipped, EMPTY_HIERARCHY)

    def _record_fault(self, where: str, exc: Exception) -> None:
        self._fault = f"{where} failed: {type(exc).__name__}: {exc}"
        log.warning(
            "%s; the episode ends truncated", self._fault, exc_info=log.isEnabledFor(logging.DEBUG)
        )

    def _info(
        self,
        success: bool,
        action: Action | None,
        error: str,
        reason: str,
        clipped: bool,
        ui_xml: str,
    ) -> dict[str, Any]:
        assert self.task is not None
        return {
            "task_id": self.task.id,
            "family": self.task.family,
            "instruction": self.task.instruction,
            "ui_xml": ui_xml,
            "success": success,
            "invalid_action": bool(reason),
            "invalid_reason": reason,
            "action_error": error,
            "action_clipped": clipped,
            "action": action.to_json() if action is not None else "",
            "screen_size": self.device.screen_size,
            "step": self._steps,
            "error": self._fault,
        }
