"""A trained distrl policy as an agent of `android-gym evaluate` (`--agent RUN_DIR`).

`load(path)` reads a run directory or one of its checkpoints (verified, read-only) and
returns what android_gym's evaluation needs: a description for results.json and `make(index)`,
which gives environment `index` its own `PolicyAgent` over the one shared policy. The agent
acts greedily and shows the policy its previous actions, as distrl's own evaluation does.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from android_gym.actions import Action
from distrl_agent.config import RunConfig, load_config
from distrl_agent.policies.base import Policy
from distrl_agent.trajectory import with_history


def load_policy(path: str | Path, device: str = "cpu") -> tuple[Policy, RunConfig]:
    """The policy of a run directory or checkpoint, its weights loaded, and the run's config;
    `RunDirectoryError` / `CheckpointError` say what is wrong with `path`."""
    from distrl_agent.runtime.components import build_policy
    from distrl_agent.runtime.rundir import policy_weights, run_dir_of

    path = Path(path)
    weights = policy_weights(path)
    run_dir = run_dir_of(path)
    config = load_config(run_dir / "config.yaml")
    policy = build_policy(json.loads((run_dir / "policy.json").read_text()), device)
    policy.load_trainable_state(weights)
    return policy, config


class PolicyAgent:
    """`act(obs, info)` of a `Policy`: greedy, with the episode's previous actions."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self.texts: list[str] = []

    def reset(self) -> None:
        self.texts = []

    def act(self, obs: dict[str, Any], info: dict[str, Any]) -> Action | str:
        view = with_history(info, self.texts, self.policy.history)
        decision = self.policy.act(obs, view, greedy=True)
        self.texts.append(decision.text)
        return decision.action if decision.action is not None else decision.text


@dataclass
class LoadedAgent:
    """What `load` returns (android_gym.evaluation.agents reads these two fields)."""

    description: dict[str, Any]
    make: Callable[[int], PolicyAgent]


def load(path: str | Path, device: str = "cpu") -> LoadedAgent:
    """The agent of a run directory or checkpoint (see the module docstring)."""
    policy, config = load_policy(path, device)
    description = {
        "kind": "distrl",
        "name": f"{config.name} ({config.algorithm.name})",
        "path": str(Path(path).resolve()),
        "algorithm": config.algorithm.name,
        "policy": config.policy.kind,
        "seed": config.seed,
    }
    return LoadedAgent(description, lambda index: PolicyAgent(policy))
