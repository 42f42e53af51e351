"""The VLM policy's prompt: the goal, the recent actions and the screenshot, AutoUI style.

The model answers with one AutoUI "Action Decision" (the format `Action.to_autoui` writes and
`Action.parse` reads), as AutoUI and DigiRL policies do.
"""

from __future__ import annotations

from collections.abc import Sequence

from android_gym.prompting import ANSWER_FORMAT, action_prompt, describe_action

__all__ = ["ANSWER_FORMAT", "action_prompt", "chat_messages", "describe_action"]


def chat_messages(instruction: str, history: Sequence[str]) -> list[dict]:
    """The prompt as one user turn of chat messages: the screenshot, then the text."""
    return [
        {
            "role": "user",
            "content": [
                {"type": "image"},
                {"type": "text", "text": action_prompt(instruction, history)},
            ],
        }
    ]
