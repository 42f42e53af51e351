"""What `reset(options=...)` may ask for, checked without an environment.

`AndroidEnv.reset` takes `{"task": instruction or Task}` or `{"task_index": i}`; anything else
raises a typed error before the device is touched. The check needs only the env's suite and
number of tasks, so a vector env runs the same check in the main process before any sub-env
sees the options (`android_gym.vector.CheckedResets`): a Gymnasium `AsyncVectorEnv` shuts a
worker down for good when its sub-env raises.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping
from typing import Any

from android_gym.errors import InvalidArgument, InvalidChoice, UnsupportedTask, quote
from android_gym.tasks import Task, parse_instruction, suite_max_steps

KEYS = ("task", "task_index")


def requested_task(options: Any, suite: str, tasks: int) -> Task | int | None:
    """The task reset `options` ask for from an env of `suite` with `tasks` tasks: a `Task`,
    a task index, or None (the env chooses). Raises `InvalidArgument` (not a mapping, an index
    that is not an integer), `InvalidChoice` (an unknown key), `IndexError` (an index out of
    range) or `UnsupportedTask` (an instruction no family reads, `InvalidTask` one that an
    observation cannot hold)."""
    if not isinstance(options, Mapping):
        raise InvalidArgument(
            f"reset options must be a dict such as {{'task': '...'}} or {{'task_index': 0}}, "
            f"got {type(options).__name__} {quote(options)}"
        )
    unknown = [key for key in options if key not in KEYS]
    if unknown:
        raise InvalidChoice("reset option", unknown[0], list(KEYS))
    if "task" in options:
        return as_task(options["task"], "reset option 'task'", suite)
    if "task_index" in options:
        return task_index(options["task_index"], tasks)
    return None


def as_task(task: Any, what: str, suite: str) -> Task:
    """A `Task`, or the task of an instruction (with the suite's horizon)."""
    if isinstance(task, Task):
        return task
    if not isinstance(task, str):
        raise UnsupportedTask(
            f"{what} must be an instruction (str) or a Task, got {type(task).__name__} "
            f"{quote(task)}"
        )
    return parse_instruction(task, suite_max_steps(suite))


def task_index(value: Any, tasks: int) -> int:
    """`value` as an index into `tasks` tasks."""
    try:
        if isinstance(value, bool):
            raise TypeError
        index = operator.index(value)
    except TypeError:
        raise InvalidArgument(
            f"task_index must be an integer in 0..{tasks - 1}, got {type(value).__name__} "
            f"{quote(value)}"
        ) from None
    if not 0 <= index < tasks:
        raise IndexError(f"task_index {quote(index)} out of range: this env has {tasks} tasks")
    return index
