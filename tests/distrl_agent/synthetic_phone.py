"""Synthetic phone observations for the agent tests: a random frame and a hand-written
uiautomator hierarchy, plus trajectories built from them (no environment needed)."""

from __future__ import annotations

import numpy as np
import torch

from android_gym.actions import Action
from distrl_agent.trajectory import FinalObservation, Step, Trajectory

SCREEN = (1080, 2400)

NODE = (
    '<node index="0" text="{text}" resource-id="{rid}" class="{cls}" package="com.android.chrome" '
    'content-desc="{desc}" checkable="false" checked="false" clickable="{clickable}" '
    'enabled="true" focusable="{focusable}" focused="false" scrollable="{scrollable}" '
    'long-clickable="false" password="false" selected="false" bounds="[{x1},{y1}][{x2},{y2}]" />'
)


def ui_xml(elements: list[dict]) -> str:
    """A uiautomator hierarchy: a full-screen frame holding the given nodes."""
    nodes = []
    for e in elements:
        fields = {
            "text": "",
            "rid": "",
            "cls": "android.widget.TextView",
            "desc": "",
            "clickable": "false",
            "focusable": "false",
            "scrollable": "false",
            **e,
        }
        nodes.append(NODE.format(**fields))
    return (
        '<?xml version="1.0" encoding="UTF-8"?><hierarchy rotation="0">'
        '<node index="0" text="" resource-id="" class="android.widget.FrameLayout" '
        'package="com.android.chrome" content-desc="" clickable="false" enabled="true" '
        'focusable="false" focused="false" scrollable="false" '
        f'bounds="[0,0][{SCREEN[0]},{SCREEN[1]}]">' + "".join(nodes) + "</node></hierarchy>"
    )


SEARCH_SCREEN = ui_xml(
    [
        {
            "text": "Search or type web address",
            "rid": "com.android.chrome:id/search_box_text",
            "cls": "android.widget.EditText",
            "clickable": "true",
            "focusable": "true",
            "x1": 60,
            "y1": 300,
            "x2": 1020,
            "y2": 420,
        },
        {
            "text": "News",
            "cls": "android.widget.Button",
            "clickable": "true",
            "x1": 60,
            "y1": 500,
            "x2": 500,
            "y2": 620,
        },
        {
            "text": "Weather",
            "cls": "android.widget.Button",
            "clickable": "true",
            "x1": 580,
            "y1": 500,
            "x2": 1020,
            "y2": 620,
        },
        {
            "desc": "More options",
            "cls": "android.widget.ImageButton",
            "clickable": "true",
            "x1": 960,
            "y1": 100,
            "x2": 1060,
            "y2": 200,
        },
        {
            "rid": "com.android.chrome:id/feed",
            "cls": "androidx.recyclerview.widget.RecyclerView",
            "scrollable": "true",
            "x1": 0,
            "y1": 700,
            "x2": 1080,
            "y2": 2300,
        },
    ]
)
RESULTS_SCREEN = ui_xml(
    [
        {
            "text": "news in Chile",
            "cls": "android.widget.EditText",
            "clickable": "true",
            "focusable": "true",
            "x1": 60,
            "y1": 300,
            "x2": 1020,
            "y2": 420,
        },
        {
            "text": "Chile news today",
            "cls": "android.widget.TextView",
            "clickable": "true",
            "x1": 60,
            "y1": 600,
            "x2": 1020,
            "y2": 700,
        },
    ]
)
INSTRUCTION = "What's the news in Chile?"


def observation(
    rng: np.random.Generator,
    xml: str = SEARCH_SCREEN,
    instruction: str = INSTRUCTION,
    shape: tuple[int, int] = (240, 108),
) -> tuple[dict, dict]:
    """An (obs, info) pair like the environment's, with a small random frame."""
    obs = {
        "screenshot": rng.integers(0, 256, (*shape, 3), dtype=np.uint8),
        "instruction": instruction,
    }
    info = {
        "task_id": "general/test/0",
        "family": "search",
        "instruction": instruction,
        "ui_xml": xml,
        "success": False,
        "invalid_action": False,
        "screen_size": SCREEN,
        "step": 0,
    }
    return obs, info


DEMO = [
    (SEARCH_SCREEN, Action.tap(0.15, 0.5)),
    (SEARCH_SCREEN, Action.type_text("news in Chile")),
    (RESULTS_SCREEN, Action.key("PRESS_ENTER")),
    (RESULTS_SCREEN, Action.key("STATUS_TASK_COMPLETE")),
]
"""A plausible successful episode of INSTRUCTION on the synthetic screens."""


def make_trajectory(
    rng: np.random.Generator,
    *,
    length: int | None = None,
    success: bool = True,
    log_probs: bool = True,
    invalid_at: tuple[int, ...] = (),
    truncated: bool = False,
    instruction: str | None = None,
) -> Trajectory:
    """A trajectory over the synthetic screens: the demo (cycled to `length`), reward 1 at the
    end when `success`; with `truncated` (and no success) cut by the horizon, keeping the next
    screen as its final observation."""
    length = length or len(DEMO)
    instruction = instruction or INSTRUCTION
    steps = []
    for t in range(length):
        xml, action = DEMO[t % len(DEMO)]
        obs, info = observation(rng, xml)
        last = t == length - 1
        steps.append(
            Step(
                instruction=instruction,
                ui_xml=xml,
                action_text=action.to_autoui(),
                action=action,
                reward=1.0 if (last and success) else 0.0,
                done=last,
                behaviour_log_prob=float(-rng.uniform(0.5, 3.0)) if log_probs else None,
                invalid=t in invalid_at,
                info={k: v for k, v in info.items() if k != "ui_xml"},
                screenshot=obs["screenshot"],
                truncated=last and truncated and not success,
            )
        )
    final = None
    if truncated and not success:
        xml, _ = DEMO[length % len(DEMO)]
        obs, info = observation(rng, xml)
        final = FinalObservation(
            instruction,
            xml,
            {k: v for k, v in info.items() if k != "ui_xml"},
            screenshot=obs["screenshot"],
        )
    return Trajectory(
        steps=steps,
        instruction=instruction,
        task_id="general/test/0",
        family="search",
        success=success,
        worker_id="w0",
        timings={"episode_s": 0.5},
        final_observation=final,
    )


def set_on_policy(policy, trajectories: list[Trajectory]) -> None:
    """Sets the trajectories' behaviour log-probs to `policy`'s own (rho = 1), evaluating all
    their steps in one call as an update does (batch shapes change the last float bits)."""
    obs, info, actions = [], [], []
    for trajectory in trajectories:
        o, i = trajectory.policy_inputs()
        obs += o
        info += i
        actions += [s.action_text for s in trajectory.steps]
    with torch.no_grad():
        lp = policy.evaluate(obs, info, actions).log_probs
    steps = [step for trajectory in trajectories for step in trajectory.steps]
    for step, value in zip(steps, lp.tolist(), strict=True):
        step.behaviour_log_prob = value
