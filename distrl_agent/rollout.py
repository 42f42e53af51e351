"""Running one episode with a policy (or any agent) and keeping it as a `Trajectory`.

Workers, evaluation and demonstration collection all use this loop. The agent is either a
`Policy` (its `act` returns a `PolicyAction` with the behaviour log-prob) or anything whose
`act(obs, info)` returns an `android_gym.Action`, such as `android_gym.agents.OracleAgent`
(no log-prob: a demonstration).
"""

from __future__ import annotations

import time
from typing import Any

import gymnasium as gym

from distrl_agent.policies.base import Policy
from distrl_agent.trajectory import (
    FinalObservation,
    Step,
    Trajectory,
    sanitize_info,
    with_history,
)


def run_episode(
    env: gym.Env,
    agent: Any,
    *,
    seed: int | None = None,
    options: dict[str, Any] | None = None,
    greedy: bool = False,
    policy_version: int = 0,
    worker_id: str = "",
) -> Trajectory:
    """Plays one episode of `env` with `agent` and returns it as a trajectory. A `Policy` is
    shown as many previous actions as it reads (`Policy.history`, as the learner shows it),
    another agent all of them. Its timings:
    `episode_s` from the reset's start to the last step's end, `acting_s` inside the agent's
    `act`, `device_s` inside the env's `reset` and `step` (on a slow device, its waits)."""
    started = time.perf_counter()
    acting = 0.0
    obs, info = env.reset(seed=seed, options=options)
    device = time.perf_counter() - started
    steps: list[Step] = []
    texts: list[str] = []
    success = False
    is_policy = isinstance(agent, Policy)
    while True:
        agent_info = with_history(info, texts, agent.history if is_policy else len(texts))
        tick = time.perf_counter()
        tokens = None
        if is_policy:
            decision = agent.act(obs, agent_info, greedy=greedy)
            action, text, log_prob = decision.action, decision.text, decision.log_prob
            tokens = None if decision.tokens is None else list(decision.tokens)
        else:
            action = agent.act(obs, agent_info)
            text, log_prob = action.to_autoui(), None
        acting += time.perf_counter() - tick
        tick = time.perf_counter()
        next_obs, reward, terminated, truncated, next_info = env.step(
            action if action is not None else text
        )
        device += time.perf_counter() - tick
        steps.append(
            Step(
                instruction=str(obs["instruction"]),
                ui_xml=str(info.get("ui_xml", "")),
                action_text=text,
                action=action,
                reward=float(reward),
                done=bool(terminated or truncated),
                behaviour_log_prob=log_prob,
                policy_version=policy_version,
                invalid=bool(next_info.get("invalid_action", False)),
                info=sanitize_info(info),
                screenshot=obs["screenshot"],
                truncated=bool(truncated and not terminated),
                action_tokens=tokens,
            )
        )
        texts.append(text)
        success = success or bool(next_info.get("success", False))
        obs, info = next_obs, next_info
        if terminated or truncated:
            break
    fault = str(info.get("error", "") or "")
    final = None
    if truncated and not terminated and not fault:
        final = FinalObservation(
            instruction=str(obs["instruction"]),
            ui_xml=str(info.get("ui_xml", "")),
            info=sanitize_info(info),
            screenshot=obs["screenshot"],
        )
    return Trajectory(
        steps=steps,
        instruction=steps[0].instruction,
        task_id=str(info.get("task_id", "")),
        family=str(info.get("family", "")),
        success=success,
        worker_id=worker_id,
        timings={
            "episode_s": time.perf_counter() - started,
            "acting_s": acting,
            "device_s": device,
        },
        metadata={"device_fault": fault} if fault else {},
        final_observation=final,
    )
