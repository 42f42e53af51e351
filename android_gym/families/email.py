"""Gmail: "Check my email", "Check my gmail inbox", "Open Gmail and check my inbox", "Show my
starred emails", "Open my sent mail", "Read my latest email".

Success: Gmail is in front with the asked label's conversation list on screen and its drawer
closed (the inbox when no label is named); for the latest message, that label's newest message
is open. Source of the facts: the foreground package (`dumpsys activity`) and what the UI
hierarchy shows (`Gmail.facts()`): the label whose list is on screen (its title), the subjects
that list shows first, the open message's subject. An open message's screen does not show
the list it was opened from, so on a real device (`devices/observed`) "the latest email" is
never judged a success; the labels' lists are exact.

The oracle opens Gmail, picks the label in the navigation drawer, and taps the first message
when a message is asked for.
"""

from __future__ import annotations

import numpy as np

from android_gym.actions import Action, ActionType
from android_gym.devices.base import DeviceState
from android_gym.families import navigation
from android_gym.families.base import Family, Params
from android_gym.families.frames import Frame, Reading
from android_gym.families.pools import pools
from android_gym.packages import GMAIL
from android_gym.ui import UIElement, find

_SLOTS = {"label": pools()["gmail_labels"]}
_WORDS = (
    "check|open|show|me|my|go to|the|and|in|on|view|see|look at|read|any|new|do|i|have|app"
    "|folder|label|messages|message|received|got|is|there|what|whats|are|list|all|at|to"
)
_OWN_FOLDER = "|".join(
    f"my {name}|{name} folder"
    for label, aliases in _SLOTS["label"].values.items()
    for name in (label.lower(), *aliases)
)
"""A label said as the user's folder: "my spam", "junk folder"."""
FRAMES = (
    Frame.declare(
        "email",
        "label",
        cues=["email|emails|e mail|gmail|inbox|mail|mailbox|mails"],
        slots=_SLOTS,
        words=[_WORDS + "|unread|received"],
        optional=["label"],
    ),
    # a label named as the user's own folder needs no word for email ("show my spam folder")
    Frame.declare("email", "label", cues=[_OWN_FOLDER], slots=_SLOTS, words=[_WORDS]),
    Frame.declare(
        "email",
        "latest",
        cues=[
            "email|emails|e mail|mail|message|gmail",
            "latest|newest|most recent|last|recent|first|top",
        ],
        slots=_SLOTS,
        words=[_WORDS + "|one"],
        optional=["label"],
    ),
)
_SAMPLES = {
    "train": (
        "Open Gmail and show my {label}",
        "Show me my {label} in Gmail",
        "Check my {label} in my email",
    ),
    "test": ("Go to {label} in Gmail", "Open my email and check the {label} folder"),
}
_LATEST = ("Read my latest email", "Read the most recent email in Gmail")


class EmailFamily(Family):
    name = "email"
    description = "Check the Gmail inbox or another label, or read the newest message."
    app = "Gmail"

    def frames(self) -> tuple[Frame, ...]:
        return FRAMES

    def params(self, reading: Reading) -> Params:
        return {
            "intent": reading.frame.intent,
            "label": reading.params.get("label", "Inbox"),
        }

    def sample(self, rng: np.random.Generator, split: str) -> tuple[str, Params]:
        # the inbox and the latest message have no parameter to hold out: train only
        if split != "test" and rng.random() < 0.3:
            if rng.random() < 0.5:
                return "Check my email inbox", {"intent": "label", "label": "Inbox"}
            return _LATEST[int(rng.integers(len(_LATEST)))], {"intent": "latest", "label": "Inbox"}
        choices = pools()["gmail_labels"].split(split)
        label = choices[int(rng.integers(len(choices)))]
        templates = _SAMPLES.get(split, _SAMPLES["train"])
        template = templates[int(rng.integers(len(templates)))]
        plain = label in ("All mail", "Drafts", "Spam", "Trash")
        spoken = label.lower() if plain else f"{label.lower()} emails"
        return template.format(label=spoken), {"intent": "label", "label": label}

    def success(self, params: Params, state: DeviceState, start: DeviceState) -> bool:
        if state.package != GMAIL:
            return False
        facts = state.app_facts(GMAIL)
        if facts.get("drawer") or facts.get("label") != params["label"]:
            return False
        if params["intent"] == "latest":
            newest = facts["subjects"][:1]
            return facts["screen"] == "message" and bool(newest) and facts["message"] == newest[0]
        return facts["screen"] == "list"

    def oracle(
        self, params: Params, elements: list[UIElement], screen_size: tuple[int, int]
    ) -> Action:
        if not any(e.package == GMAIL for e in elements):
            return navigation.open_app("Gmail", elements, screen_size)
        label = params["label"]
        item = find(elements, resource_id="name", content_desc=label)
        if item:
            return navigation.tap(item[0], screen_size)
        title = find(elements, resource_id="label_title")
        if not title:
            return Action.key(ActionType.PRESS_BACK)  # a message is open
        if title[0].content_desc != label:
            return navigation.tap(find(elements, resource_id="open_drawer")[0], screen_size)
        first = find(elements, resource_id="viewified_conversation_item_view")
        if params["intent"] == "latest" and first:
            return navigation.tap(first[0], screen_size)
        return Action.key(ActionType.PRESS_BACK)
