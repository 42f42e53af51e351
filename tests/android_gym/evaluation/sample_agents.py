"""Agents that `--agent sample_agents:FACTORY` imports in the evaluation tests."""

from __future__ import annotations

from typing import Any

from android_gym.tasks import load_suite

COMPLETE = 'Action Decision: "action_type": "STATUS_TASK_COMPLETE"'
SECOND_TASK = load_suite("general", "test")[1].instruction


class TextAgent:
    """Answers text: one line that is no action (an invalid action), then "task complete"."""

    def __init__(self) -> None:
        self.steps = 0
        self.resets = 0

    def reset(self) -> None:
        self.resets += 1
        self.steps = 0

    def act(self, obs: dict[str, Any], info: dict[str, Any]) -> str:
        self.steps += 1
        return "I think I should look around" if self.steps == 1 else COMPLETE


class CrashesOnSecondTask(TextAgent):
    def act(self, obs: dict[str, Any], info: dict[str, Any]) -> str:
        if obs["instruction"] == SECOND_TASK:
            raise RuntimeError("the model ran out of memory")
        return super().act(obs, info)


def text_agent() -> TextAgent:
    return TextAgent()


def crashing_agent() -> CrashesOnSecondTask:
    return CrashesOnSecondTask()


def not_an_agent() -> object:
    return object()


class UnevenAgent(TextAgent):
    """Takes 5 steps on the second task and 2 on the others, and checks that what it is
    shown is one observation: the screenshot's instruction, the info's and its UI hierarchy."""

    def act(self, obs: dict[str, Any], info: dict[str, Any]) -> str:
        if obs["instruction"] != info.get("instruction") or not info.get("ui_xml"):
            raise AssertionError(f"mismatched observation: {obs['instruction']!r}, {info!r}")
        self.steps += 1
        needed = 5 if obs["instruction"] == SECOND_TASK else 2
        return COMPLETE if self.steps >= needed else "wait"


def uneven_agent() -> UnevenAgent:
    return UnevenAgent()
