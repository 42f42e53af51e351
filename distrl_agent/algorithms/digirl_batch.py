"""`digirl_batch`: a looser DigiRL variant, kept under its own name for comparison with the
figures measured against it before the faithful `digirl` (see `algorithms/digirl.py`).

It departs from DigiRL in three ways: soft Monte-Carlo labels for the step critic, the
curriculum applied to the top half of each sampled batch instead of the top 10% of the whole
replay, and the paper's doubly-robust advantage with threshold 0. Per update on a batch:

- the trajectory critic V(c) learns each instruction's success (cross-entropy) and acts as the
  automatic curriculum: the actor trains only on the `top_fraction` of trajectories with the
  largest r(tau) - V(c), i.e. those that went better than the policy expected;
- the step critic V(s_t) learns Monte-Carlo returns (cross-entropy on soft labels);
- step advantages use DigiRL's doubly-robust estimator, for step h of an episode ending at H,
  A_h = lambda**(H-h) * r_H + (1 - lambda**(H-h)) * (r_h + V(s_{h+1}) - V(s_h));
- the actor does filtered advantage-weighted regression: maximise log pi(a_h|s_h) on the
  steps of the selected trajectories whose advantage exceeds `advantage_threshold`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from distrl_agent.algorithms.batch import masked_mean
from distrl_agent.algorithms.common import ActorCritic, UpdateResult
from distrl_agent.critics import value_loss
from distrl_agent.trajectory import Trajectory


@dataclass
class BatchDigiRLConfig:
    """Hyper-parameters of the `digirl_batch` update."""

    gamma: float = 0.95
    lambda_: float = 0.5
    top_fraction: float = 0.5
    advantage_threshold: float = 0.0
    actor_lr: float = 1e-4
    critic_lr: float = 1e-3
    max_grad_norm: float = 1.0


def doubly_robust_advantages(
    rewards: torch.Tensor, values: torch.Tensor, mask: torch.Tensor, lambda_: float
) -> torch.Tensor:
    """DigiRL's step advantages (see the module docstring) for padded [B, T] inputs."""
    lengths = mask.sum(1).long()
    positions = torch.arange(rewards.shape[1], device=rewards.device)[None, :]
    steps_to_end = (lengths[:, None] - 1 - positions).clamp(min=0).float()
    final_reward = rewards.gather(1, (lengths - 1).clamp(min=0)[:, None])
    next_values = torch.cat([values[:, 1:], torch.zeros_like(values[:, :1])], 1) * (
        steps_to_end > 0
    )
    mix = lambda_**steps_to_end
    return (mix * final_reward + (1 - mix) * (rewards + next_values - values)) * mask


class BatchDigiRL(ActorCritic):
    """One `digirl_batch` update over a batch of trajectories (see the module docstring)."""

    config_class = BatchDigiRLConfig
    config: BatchDigiRLConfig

    def curriculum(self, trajectories: list[Trajectory]) -> np.ndarray:
        """Indices of the trajectories the actor trains on: top r(tau) - V(c)."""
        with torch.no_grad():
            predicted = self.trajectory_critic([t.instruction for t in trajectories]).cpu().numpy()
        surprise = np.array([min(1.0, t.total_reward) for t in trajectories]) - predicted
        keep = max(1, math.ceil(self.config.top_fraction * len(trajectories)))
        return np.sort(np.argsort(-surprise, kind="stable")[:keep])

    def update(
        self, trajectories: list[Trajectory], weights: np.ndarray | None = None
    ) -> UpdateResult:
        """Trains both critics on every trajectory and the actor on the curriculum's steps."""
        cfg = self.config
        selected = self.curriculum(trajectories)
        batch = self.batch(trajectories)
        step_weights = batch.trajectory_weights(weights)
        step_logits = batch.pad(self.step_critic.logits(batch.critic_features()))
        returns = torch.from_numpy(
            np.concatenate([t.discounted_returns(cfg.gamma) for t in trajectories])
        ).to(batch.mask.device)
        flat_mask = batch.mask.bool()
        flat_weights = (
            None if step_weights is None else step_weights.expand_as(batch.mask)[flat_mask]
        )
        loss_step = value_loss(step_logits[flat_mask], returns, flat_weights)
        traj_logits = self.trajectory_critic.logits([t.instruction for t in trajectories])
        loss_traj = value_loss(
            traj_logits, batch.trajectory_returns(), None if weights is None else step_weights[:, 0]
        )
        with torch.no_grad():
            values = torch.sigmoid(step_logits) * batch.mask
            advantages = doubly_robust_advantages(batch.rewards, values, batch.mask, cfg.lambda_)
            chosen = torch.zeros_like(batch.mask)
            chosen[torch.as_tensor(selected)] = 1.0
            actor_mask = batch.mask * chosen * (advantages > cfg.advantage_threshold).float()
            actor_mask = actor_mask * (1.0 - batch.invalid)
            if step_weights is not None:
                actor_mask = actor_mask * step_weights
        loss_actor, grad_norms = self.step_optimizers(
            batch, lambda log_probs, _: -masked_mean(log_probs, actor_mask), loss_step + loss_traj
        )
        real = flat_mask
        return UpdateResult(
            losses={
                "actor": loss_actor,
                "critic": float(loss_step.detach()),
                "trajectory_critic": float(loss_traj.detach()),
            },
            diagnostics={
                "selected_trajectories": float(len(selected)),
                "actor_steps": float((actor_mask > 0).sum()),
                "advantage_mean": float(advantages[real].mean()),
                "value_mean": float(values[real].mean()),
                "entropy_mean": float(batch.entropies.detach()[real].mean()),
                "success_rate": float(batch.trajectory_returns().mean()),
                "transitions": float(real.sum()),
                **grad_norms,
            },
        )
