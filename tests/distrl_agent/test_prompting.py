"""The VLM prompt: goal, recent actions in short form, the answer format."""

from __future__ import annotations

from android_gym.actions import Action
from distrl_agent.prompting import action_prompt, chat_messages


def test_prompt_has_goal_history_and_format():
    prompt = action_prompt("What's the news in Chile?", [Action.tap(0.15, 0.5).to_autoui(), "???"])
    assert "Goal: What's the news in Chile?" in prompt
    assert "Previous Actions: tap(y=0.150, x=0.500); ???" in prompt
    assert '"action_type"' in prompt and "STATUS_TASK_COMPLETE" in prompt
    assert "Previous Actions: None" in action_prompt("x", [])


def test_chat_messages_put_the_screenshot_first():
    (message,) = chat_messages("Open settings", [])
    assert message["role"] == "user" and [p["type"] for p in message["content"]] == [
        "image",
        "text",
    ]
