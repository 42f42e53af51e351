"""Behaviour cloning baselines: plain BC on demonstrations, filtered BC on successes.

Plain BC (the AutoUI-SFT analogue) maximises log pi(a_t|s_t) on every valid step of the given
trajectories; filtered BC does the same on successful trajectories only, the self-imitation
baseline of DigiRL and DistRL. Steps the environment flagged invalid are never imitated.
"""

from __future__ import annotations

import numpy as np
from torch import Tensor

from distrl_agent.algorithms.batch import PolicyObjective, TrajectoryBatch, masked_mean
from distrl_agent.algorithms.common import Updater, UpdateResult
from distrl_agent.policies.base import Policy
from distrl_agent.trajectory import Trajectory


def valid_steps(batch: TrajectoryBatch) -> Tensor:
    """1.0 at the batch's real steps the environment did not flag invalid (never imitated)."""
    return batch.mask * (1.0 - batch.invalid)


def imitation(mask: Tensor, weight: float = 1.0) -> PolicyObjective:
    """`weight` times the mean negative log-likelihood of the actions at `mask`'s steps."""
    return lambda log_probs, _: -weight * masked_mean(log_probs, mask)


class BehaviourCloning(Updater):
    """Maximum likelihood of the actions in the given trajectories (see the module docstring)."""

    successful_only = False

    def __init__(
        self,
        policy: Policy,
        *,
        lr: float = 3e-4,
        max_grad_norm: float = 1.0,
        micro_batch: int | None = None,
    ) -> None:
        self.policy = policy
        super().__init__(
            actor_parameters=policy.trainable_parameters(),
            critic_parameters=[],
            actor_lr=lr,
            critic_lr=lr,
            max_grad_norm=max_grad_norm,
            micro_batch=micro_batch,
        )

    def update(
        self, trajectories: list[Trajectory], weights: np.ndarray | None = None
    ) -> UpdateResult:
        """One step of negative log-likelihood on the kept trajectories' valid steps."""
        keep = [i for i, t in enumerate(trajectories) if t.success or not self.successful_only]
        if not keep:
            return UpdateResult(
                losses={}, diagnostics={"kept_trajectories": 0.0, "transitions": 0.0}
            )
        kept = [trajectories[i] for i in keep]
        batch = self.batch(kept)
        mask = valid_steps(batch)
        step_weights = batch.trajectory_weights(
            None if weights is None else np.asarray(weights)[keep]
        )
        if step_weights is not None:
            mask = mask * step_weights
        loss, grad_norms = self.step_optimizers(batch, imitation(mask))
        real = batch.mask.bool()
        return UpdateResult(
            losses={"bc": loss},
            diagnostics={
                "kept_trajectories": float(len(kept)),
                "transitions": float(real.sum()),
                "log_prob_mean": float(batch.log_probs.detach()[real].mean()),
                "entropy_mean": float(batch.entropies.detach()[real].mean()),
                **grad_norms,
            },
        )


class FilteredBC(BehaviourCloning):
    """Behaviour cloning on successful trajectories only."""

    successful_only = True
