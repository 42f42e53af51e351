"""What every update algorithm shares: its result type and the optimiser step.

Each algorithm (A-RIDE, DigiRL, behaviour cloning) is an `Updater`: `update(trajectories,
weights)` takes one gradient step and returns an `UpdateResult`; `train_step(replay, n)` lets
the updater look at the whole replay first (`prepare`: DigiRL's curriculum; a no-op for the
others), samples a batch by priority, updates, and refreshes the priorities of just the
sampled trajectories (when the algorithm produces priorities). The learner does the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np
import torch
from torch import Tensor

from distrl_agent.algorithms.batch import PolicyObjective, TrajectoryBatch
from distrl_agent.critics import StepCritic, TrajectoryCritic
from distrl_agent.policies.base import Policy
from distrl_agent.replay import PrioritizedReplay
from distrl_agent.trajectory import Trajectory


class Anchor(Protocol):
    """A term added to every update's policy loss (`algorithms.anchor.DemonstrationAnchor`)."""

    def backward(self, updater: Updater) -> dict[str, float]:
        """Backpropagates the term into `updater.policy`; returns its diagnostics."""
        ...


@dataclass
class UpdateResult:
    """Losses and diagnostics of one update, and new priorities for the batch (or None)."""

    losses: dict[str, float]
    diagnostics: dict[str, float] = field(default_factory=dict)
    priorities: np.ndarray | None = None


class Updater:
    """Owns the actor and critic optimisers (Adam) and steps them with gradient clipping."""

    policy: Policy

    def __init__(
        self,
        *,
        actor_parameters: Iterable[torch.nn.Parameter],
        critic_parameters: Iterable[torch.nn.Parameter],
        actor_lr: float,
        critic_lr: float,
        max_grad_norm: float,
        micro_batch: int | None = None,
    ) -> None:
        self.micro_batch = micro_batch
        """The most steps the policy evaluates in one forward pass with gradient (None: the
        whole batch); see `algorithms.batch`."""
        self.actor_parameters = [p for p in actor_parameters if p.requires_grad]
        self.critic_parameters = [p for p in critic_parameters if p.requires_grad]
        self.max_grad_norm = max_grad_norm
        self.anchor: Anchor | None = None
        """A term every update adds to the policy's loss (`algorithms.anchor`), or None."""
        self.optimizers = [torch.optim.Adam(self.actor_parameters, lr=actor_lr, foreach=True)]
        if self.critic_parameters:
            self.optimizers.append(
                torch.optim.Adam(self.critic_parameters, lr=critic_lr, foreach=True)
            )

    def prepare(self, replay: PrioritizedReplay) -> None:
        """Called with the whole replay before each update of a run (default: nothing)."""

    def update(
        self, trajectories: list[Trajectory], weights: np.ndarray | None = None
    ) -> UpdateResult:
        """One gradient step on a batch of trajectories (per-trajectory importance `weights`)."""
        raise NotImplementedError

    def batch(self, trajectories: list[Trajectory]) -> TrajectoryBatch:
        """`trajectories` evaluated by the policy, `micro_batch` steps per forward pass."""
        return TrajectoryBatch.build(trajectories, self.policy, self.micro_batch)

    def step_optimizers(
        self, batch: TrajectoryBatch, objective: PolicyObjective, *losses: Tensor
    ) -> tuple[float, dict[str, float]]:
        """Backpropagates the policy's `objective` on `batch` (micro-batch by micro-batch),
        the `anchor`'s term and the sum of the other `losses` (critics), clips each group's
        gradient norm, steps. Returns the objective's value and the gradient norms (with the
        anchor's diagnostics)."""
        for optimizer in self.optimizers:
            optimizer.zero_grad(set_to_none=True)
        policy_loss = batch.backward(objective)
        anchored = self.anchor.backward(self) if self.anchor is not None else {}
        if losses:
            sum(losses).backward()  # type: ignore[union-attr]
        norms = {**anchored, "actor_grad_norm": _clip(self.actor_parameters, self.max_grad_norm)}
        if self.critic_parameters:
            norms["critic_grad_norm"] = _clip(self.critic_parameters, self.max_grad_norm)
        for optimizer in self.optimizers:
            optimizer.step()
        return policy_loss, norms

    def train_step(
        self, replay: PrioritizedReplay, batch_size: int, rng: np.random.Generator | None = None
    ) -> UpdateResult:
        """Samples `batch_size` trajectories by priority, updates, refreshes their priorities."""
        self.prepare(replay)
        items, ids, weights = replay.sample(batch_size, rng)
        result = self.update(items, weights)
        if result.priorities is not None:
            replay.update_priorities(ids, result.priorities)
        return result


class ActorCritic(Updater):
    """An updater with a step critic V(s) and a trajectory critic V(instruction) beside the
    policy, configured by a dataclass with `actor_lr`, `critic_lr` and `max_grad_norm`
    (`config_class` gives the defaults). Both critics share the critic optimiser unless a
    subclass narrows `critic_parameters`."""

    config_class: type

    def __init__(
        self,
        policy: Policy,
        step_critic: StepCritic,
        trajectory_critic: TrajectoryCritic,
        config: Any = None,
        *,
        micro_batch: int | None = None,
    ) -> None:
        self.config = config or self.config_class()
        self.policy = policy
        self.step_critic = step_critic
        self.trajectory_critic = trajectory_critic
        super().__init__(
            actor_parameters=policy.trainable_parameters(),
            critic_parameters=self.critic_parameters(),
            actor_lr=self.config.actor_lr,
            critic_lr=self.config.critic_lr,
            max_grad_norm=self.config.max_grad_norm,
            micro_batch=micro_batch,
        )

    def critic_parameters(self) -> list[torch.nn.Parameter]:
        """What the critic optimiser trains."""
        return [*self.step_critic.parameters(), *self.trajectory_critic.parameters()]


def _clip(parameters: list[torch.nn.Parameter], max_norm: float) -> float:
    with_grad = [p for p in parameters if p.grad is not None]
    if not with_grad:
        return 0.0
    return float(torch.nn.utils.clip_grad_norm_(with_grad, max_norm))
