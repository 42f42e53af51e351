"""The oracle: an expert that solves tasks from what an agent can see.

It reads the instruction (parsed into a task by the same parser users call) and the UI
hierarchy in `info["ui_xml"]`, never simulator internals, so it also runs on a real device and
its episodes are honest demonstrations.
"""

from __future__ import annotations

from typing import Any

from android_gym import families
from android_gym.actions import Action
from android_gym.tasks import Task, parse_instruction
from android_gym.ui import parse_ui_xml


class OracleAgent:
    """`act(obs, info) -> Action` for tasks of the built-in and registered families."""

    def __init__(self) -> None:
        self._task: Task | None = None

    def _task_for(self, instruction: str) -> Task:
        if self._task is None or self._task.instruction != " ".join(instruction.split()):
            self._task = parse_instruction(instruction)
        return self._task

    def act(self, obs: dict[str, Any], info: dict[str, Any]) -> Action:
        task = self._task_for(obs["instruction"])
        elements = parse_ui_xml(info["ui_xml"])
        width, height = info["screen_size"]
        return families.get(task.family).oracle(task.params, elements, (width, height))
