"""A batch of trajectories laid out for losses: padded [B, T] tensors plus the policy's view.

Every algorithm evaluates all steps of its batch in one call to `Policy.evaluate` (flat [N]),
then pads per-step quantities to [B, T] with a mask for the losses, which all work on that
layout. Everything lives on the device of the policy's outputs (critics belong there too).

The same call also evaluates the final observation of every truncated trajectory (the state
after its last step), so critics can bootstrap there: a horizon cut is not a termination.
`dones` marks every episode end, `truncated` the trajectories a horizon cut.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor

from android_gym.actions import Action, ActionType
from distrl_agent.policies.base import Evaluation, Policy
from distrl_agent.trajectory import Trajectory

_PLACEHOLDER_ACTION = Action(ActionType.PRESS_BACK).to_autoui()
"""Scored at final observations only to get their state features (which do not depend on it)."""


def masked_mean(values: Tensor, mask: Tensor) -> Tensor:
    """sum(values * mask) / sum(mask) (0 for an empty mask)."""
    return (values * mask).sum() / mask.sum().clamp(min=1e-8)


@dataclass
class TrajectoryBatch:
    """Trajectories with their steps evaluated by a policy (see the module docstring)."""

    trajectories: list[Trajectory]
    lengths: list[int]
    mask: Tensor
    rewards: Tensor
    dones: Tensor
    invalid: Tensor
    behaviour_log_probs: Tensor | None
    evaluation: Evaluation
    log_probs: Tensor
    entropies: Tensor
    truncated: Tensor
    final_features: Tensor

    @classmethod
    def build(cls, trajectories: list[Trajectory], policy: Policy) -> TrajectoryBatch:
        """Evaluates every step of `trajectories` under `policy` (one batched call), with the
        action history the policy reads and the token ids it sampled."""
        if not trajectories or any(len(t) == 0 for t in trajectories):
            raise ValueError("a batch needs at least one trajectory and no empty ones")
        observations, infos, actions, tokens = [], [], [], []
        for trajectory in trajectories:
            obs, info = trajectory.policy_inputs(policy.history)
            observations += obs
            infos += info
            actions += [s.action_text for s in trajectory.steps]
            tokens += [s.action_tokens for s in trajectory.steps]
        n = len(observations)
        finals = [t.final_inputs(policy.history) for t in trajectories]
        for final in finals:
            if final is not None:
                observations.append(final[0])
                infos.append(final[1])
                actions.append(_PLACEHOLDER_ACTION)
                tokens.append(None)
        full = policy.evaluate(observations, infos, actions, tokens)
        evaluation = Evaluation(full.log_probs[:n], full.entropies[:n], full.features[:n])
        device = evaluation.log_probs.device
        lengths = [len(t) for t in trajectories]
        steps = [s for t in trajectories for s in t.steps]
        behaviour = None
        if all(s.behaviour_log_prob is not None for s in steps):
            behaviour = _pad_values([s.behaviour_log_prob for s in steps], lengths, device)
        batch = cls(
            trajectories=trajectories,
            lengths=lengths,
            mask=_pad_values([1.0] * len(steps), lengths, device),
            rewards=_pad_values([s.reward for s in steps], lengths, device),
            dones=_pad_values([float(s.done) for s in steps], lengths, device),
            invalid=_pad_values([float(s.invalid) for s in steps], lengths, device),
            behaviour_log_probs=behaviour,
            evaluation=evaluation,
            log_probs=torch.zeros(0),
            entropies=torch.zeros(0),
            truncated=torch.tensor([f is not None for f in finals], device=device),
            final_features=full.features[n:].detach(),
        )
        batch.log_probs = batch.pad(evaluation.log_probs)
        batch.entropies = batch.pad(evaluation.entropies)
        return batch

    def pad(self, flat: Tensor) -> Tensor:
        """A flat per-step tensor [N] as [B, T] (zeros after each trajectory's end)."""
        out = flat.new_zeros(len(self.lengths), max(self.lengths))
        rows = [b for b, length in enumerate(self.lengths) for _ in range(length)]
        cols = [t for length in self.lengths for t in range(length)]
        return out.index_put((torch.tensor(rows), torch.tensor(cols)), flat)

    def final_values(self, critic: Callable[[Tensor], Tensor]) -> Tensor:
        """V of the state after each trajectory's last step, float[B]: `critic` (features ->
        values) at the final observation of a truncated trajectory, 0 after a termination."""
        values = torch.zeros(len(self.lengths), device=self.mask.device)
        if self.final_features.shape[0]:
            values[self.truncated] = critic(self.final_features).to(values.dtype)
        return values

    def last_step(self, per_trajectory: Tensor) -> Tensor:
        """A per-trajectory value [B] placed at each trajectory's last step of a [B, T] grid."""
        out = per_trajectory.new_zeros(self.mask.shape)
        rows = torch.arange(len(self.lengths), device=out.device)
        cols = torch.tensor(self.lengths, device=out.device) - 1
        return out.index_put((rows, cols), per_trajectory)

    def critic_features(self) -> Tensor:
        """Policy features for the critics, [N, D], detached: critic losses leave the actor be."""
        return self.evaluation.features.detach()

    def trajectory_weights(self, weights: np.ndarray | None) -> Tensor | None:
        """Per-trajectory importance weights as [B, 1] (broadcast over steps), or None."""
        if weights is None:
            return None
        return torch.as_tensor(
            np.asarray(weights, dtype=np.float32), device=self.mask.device
        ).reshape(-1, 1)

    def trajectory_returns(self) -> Tensor:
        """Each trajectory's total reward clipped to [0, 1] (its success), float[B]."""
        returns = [min(1.0, max(0.0, t.total_reward)) for t in self.trajectories]
        return torch.tensor(returns, device=self.mask.device)


def _pad_values(values: list[float], lengths: list[int], device: torch.device) -> Tensor:
    out = torch.zeros(len(lengths), max(lengths))
    offset = 0
    for b, length in enumerate(lengths):
        out[b, :length] = torch.tensor(values[offset : offset + length], dtype=torch.float32)
        offset += length
    return out.to(device)
