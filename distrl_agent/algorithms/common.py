"""What every update algorithm shares: its result type and the optimiser step.

Each algorithm (A-RIDE, DigiRL, behaviour cloning) is an `Updater`: `update(trajectories,
weights)` takes one gradient step and returns an `UpdateResult`; `train_step(replay, n)` samples
a batch from a `PrioritizedReplay`, updates, and refreshes the priorities of just the sampled
trajectories (when the algorithm produces priorities).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import Tensor

from distrl_agent.replay import PrioritizedReplay
from distrl_agent.trajectory import Trajectory


@dataclass
class UpdateResult:
    """Losses and diagnostics of one update, and new priorities for the batch (or None)."""

    losses: dict[str, float]
    diagnostics: dict[str, float] = field(default_factory=dict)
    priorities: np.ndarray | None = None


class Updater:
    """Owns the actor and critic optimisers (Adam) and steps them with gradient clipping."""

    def __init__(
        self,
        *,
        actor_parameters: Iterable[torch.nn.Parameter],
        critic_parameters: Iterable[torch.nn.Parameter],
        actor_lr: float,
        critic_lr: float,
        max_grad_norm: float,
    ) -> None:
        self.actor_parameters = [p for p in actor_parameters if p.requires_grad]
        self.critic_parameters = [p for p in critic_parameters if p.requires_grad]
        self.max_grad_norm = max_grad_norm
        self.optimizers = [torch.optim.Adam(self.actor_parameters, lr=actor_lr, foreach=True)]
        if self.critic_parameters:
            self.optimizers.append(
                torch.optim.Adam(self.critic_parameters, lr=critic_lr, foreach=True)
            )

    def update(
        self, trajectories: list[Trajectory], weights: np.ndarray | None = None
    ) -> UpdateResult:
        """One gradient step on a batch of trajectories (per-trajectory importance `weights`)."""
        raise NotImplementedError

    def step_optimizers(self, *losses: Tensor) -> dict[str, float]:
        """Backpropagates the sum of `losses`, clips each group's gradient norm, steps."""
        for optimizer in self.optimizers:
            optimizer.zero_grad(set_to_none=True)
        total = sum(losses)
        total.backward()
        norms = {"actor_grad_norm": _clip(self.actor_parameters, self.max_grad_norm)}
        if self.critic_parameters:
            norms["critic_grad_norm"] = _clip(self.critic_parameters, self.max_grad_norm)
        for optimizer in self.optimizers:
            optimizer.step()
        return norms

    def train_step(
        self, replay: PrioritizedReplay, batch_size: int, rng: np.random.Generator | None = None
    ) -> UpdateResult:
        """Samples `batch_size` trajectories by priority, updates, refreshes their priorities."""
        items, ids, weights = replay.sample(batch_size, rng)
        result = self.update(items, weights)
        if result.priorities is not None:
            replay.update_priorities(ids, result.priorities)
        return result


def _clip(parameters: list[torch.nn.Parameter], max_norm: float) -> float:
    with_grad = [p for p in parameters if p.grad is not None]
    if not with_grad:
        return 0.0
    return float(torch.nn.utils.clip_grad_norm_(with_grad, max_norm))
