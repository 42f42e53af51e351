"""The AutoUI-style prompt of an action-text agent: the goal, the recent actions and the answer
format. The distrl VLM policy and the OpenAI-compatible endpoint agent of `android-gym evaluate`
both ask with it, so a model served either way sees the same words.

The model answers with one AutoUI "Action Decision" (the format `Action.to_autoui` writes and
`Action.parse` reads), as AutoUI and DigiRL policies do.
"""

from __future__ import annotations

from collections.abc import Sequence

from android_gym.actions import Action
from android_gym.errors import ActionParseError

ANSWER_FORMAT = (
    'Action Decision: "action_type": "<DUAL_POINT|TYPE|PRESS_BACK|PRESS_HOME|PRESS_ENTER|'
    'STATUS_TASK_COMPLETE|STATUS_TASK_IMPOSSIBLE>", "touch_point": "[y, x]", '
    '"lift_point": "[y, x]", "typed_text": "..."'
)


def describe_action(text: str, limit: int = 80) -> str:
    """A previous action, short: "tap(y=0.150, x=0.500)", "type('news')", or the raw text."""
    try:
        return str(Action.parse(text))
    except ActionParseError:
        return text.strip()[:limit] or "(empty)"


def action_prompt(instruction: str, history: Sequence[str]) -> str:
    """The text of the user turn (the screenshot goes before it)."""
    previous = "; ".join(describe_action(t) for t in history) or "None"
    return (
        f"Previous Actions: {previous}\n"
        f"Goal: {instruction}\n"
        f"Answer with the next action as {ANSWER_FORMAT}"
    )
