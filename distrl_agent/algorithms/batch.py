"""A batch of trajectories laid out for losses: padded [B, T] tensors plus the policy's view.

Every algorithm evaluates all steps of its batch with `Policy.evaluate` (flat [N]), then pads
per-step quantities to [B, T] with a mask for the losses, which all work on that layout.
Everything lives on the device of the policy's outputs (critics belong there too).

Memory is bounded by `micro_batch`: with it, the batch is first evaluated without gradient
(the values every loss, target and priority needs; one call, which a policy batches as it does
for inference: a VLM `eval_batch_size` sequences per forward pass), then `backward(objective)`
re-evaluates it `micro_batch` steps at a time with gradient and backpropagates each part, so
gradients accumulate and no more than `micro_batch` steps' graphs are alive at once. The policy
losses are sums of per-step terms (masked means with constant denominators), so the
accumulated gradient is the full batch's. Frames are decoded for the batch being evaluated
(replayed frames stay PNG-encoded until then). Without `micro_batch` (or when the batch fits in
one) the batch is evaluated once, with gradient, as one part.

The same call also evaluates the final observation of every truncated trajectory (the state
after its last step), so critics can bootstrap there: a horizon cut is not a termination.
`dones` marks every episode end, `truncated` the trajectories a horizon cut.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from torch import Tensor

from android_gym.actions import Action, ActionType
from distrl_agent.policies.base import Evaluation, Policy
from distrl_agent.trajectory import FinalObservation, Step, Trajectory

_PLACEHOLDER_ACTION = Action(ActionType.PRESS_BACK).to_autoui()
"""Scored at final observations only to get their state features (which do not depend on it)."""


PolicyObjective = Callable[[Tensor, Tensor], Tensor]
"""A policy loss of the padded log-probs and entropies [B, T]: a sum of per-step terms."""


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
    policy: Policy | None = None
    micro_batch: int | None = None
    queries: list[_Query] = field(default_factory=list)
    """What each step's evaluation needs, kept to re-evaluate it with gradient (micro mode)."""

    @classmethod
    def build(
        cls, trajectories: list[Trajectory], policy: Policy, micro_batch: int | None = None
    ) -> TrajectoryBatch:
        """Evaluates every step of `trajectories` under `policy`, with the action history the
        policy reads and the token ids it sampled; at most `micro_batch` steps per forward pass
        (see the module docstring)."""
        if not trajectories or any(len(t) == 0 for t in trajectories):
            raise ValueError("a batch needs at least one trajectory and no empty ones")
        queries = [
            _Query(step, info, step.action_text, step.action_tokens)
            for trajectory in trajectories
            for step, info in trajectory.policy_views(policy.history)
        ]
        n = len(queries)
        finals = [t.final_view(policy.history) for t in trajectories]
        queries += [_Query(f[0], f[1], _PLACEHOLDER_ACTION, None) for f in finals if f is not None]
        if micro_batch is None or len(queries) <= micro_batch:
            full, micro_batch = _evaluate(policy, queries), None
        else:
            with torch.no_grad():
                full = _evaluate(policy, queries)
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
            policy=policy,
            micro_batch=micro_batch,
            queries=queries[:n] if micro_batch is not None else [],
        )
        batch.log_probs = batch.pad(evaluation.log_probs)
        batch.entropies = batch.pad(evaluation.entropies)
        return batch

    def backward(self, objective: PolicyObjective) -> float:
        """Backpropagates `objective(log_probs, entropies)` into the policy, micro-batch by
        micro-batch when the batch was built with them; returns the objective's value."""
        if self.micro_batch is None:
            loss = objective(self.log_probs, self.entropies)
            loss.backward()
            return float(loss.detach())
        log_probs, entropies = self.evaluation.log_probs, self.evaluation.entropies
        for i in range(0, len(self.queries), self.micro_batch):
            j = i + self.micro_batch
            part = _evaluate(self.policy, self.queries[i:j])  # type: ignore[arg-type]
            objective(
                self.pad(torch.cat([log_probs[:i], part.log_probs, log_probs[j:]])),
                self.pad(torch.cat([entropies[:i], part.entropies, entropies[j:]])),
            ).backward()
        return float(objective(self.log_probs, self.entropies))

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
        return torch.tensor([t.outcome for t in self.trajectories], device=self.mask.device)


@dataclass
class _Query:
    """One state-action pair to evaluate: the observation (frame decoded on use), the info the
    policy saw, the action text and the token ids sampled for it."""

    source: Step | FinalObservation
    info: dict[str, Any]
    action: str
    tokens: list[int] | None


def _evaluate(policy: Policy, queries: list[_Query]) -> Evaluation:
    return policy.evaluate(
        [q.source.observation() for q in queries],
        [q.info for q in queries],
        [q.action for q in queries],
        [q.tokens for q in queries],
    )


def _pad_values(values: list[float], lengths: list[int], device: torch.device) -> Tensor:
    out = torch.zeros(len(lengths), max(lengths))
    offset = 0
    for b, length in enumerate(lengths):
        out[b, :length] = torch.tensor(values[offset : offset + length], dtype=torch.float32)
        offset += length
    return out.to(device)
