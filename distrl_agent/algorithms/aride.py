"""A-RIDE: Advantage-based Retrace Improved by Distributed prioritized Experience replay.

The losses of DistRL (arXiv 2410.14803) as pure torch functions, and `ARIDE`, the learner's
update step that combines them. Where the released DistRL code departs from the paper we follow
the paper: Retrace has its lambda, the value loss has a gradient, the entropy is the policy's
real entropy and the invalid-action term has a gradient.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor

from distrl_agent.algorithms.batch import TrajectoryBatch, masked_mean
from distrl_agent.algorithms.common import ActorCritic, UpdateResult
from distrl_agent.critics import value_loss
from distrl_agent.trajectory import Trajectory


@torch.no_grad()
def retrace_targets(
    rewards: Tensor,
    values: Tensor,
    bootstrap_value: Tensor,
    discounts: Tensor,
    log_rhos: Tensor,
    *,
    lambda_: float = 1.0,
    rho_bar: float = 1.0,
    c_bar: float = 1.0,
) -> tuple[Tensor, Tensor]:
    """Retrace(lambda) value targets and policy-gradient advantages (no gradient).

    Inputs have shape [..., T] (`bootstrap_value` [...]); `discounts_t = gamma * (1 - done_t)`.
    With rho_t = exp(log_rhos_t) and V_T = bootstrap_value:

        delta_t = min(rho_bar, rho_t) * (r_t + discounts_t * V_{t+1} - V_t)
        c_t     = lambda_ * min(c_bar, rho_t)
        vs_t    = V_t + delta_t + discounts_t * c_t * (vs_{t+1} - V_{t+1}),   vs_T = V_T
        pg_advantages_t = min(rho_bar, rho_t) * (r_t + discounts_t * vs_{t+1} - V_t)

    Returns `(vs, pg_advantages)`, both [..., T].
    """
    rhos = torch.exp(log_rhos)
    clipped_rhos = torch.clamp(rhos, max=rho_bar)
    cs = lambda_ * torch.clamp(rhos, max=c_bar)
    next_values = torch.cat([values[..., 1:], bootstrap_value.unsqueeze(-1)], dim=-1)
    deltas = clipped_rhos * (rewards + discounts * next_values - values)
    vs_minus_v = torch.zeros_like(values)
    carry = torch.zeros_like(bootstrap_value)
    for t in range(values.shape[-1] - 1, -1, -1):
        carry = deltas[..., t] + discounts[..., t] * cs[..., t] * carry
        vs_minus_v[..., t] = carry
    vs = values + vs_minus_v
    next_vs = torch.cat([vs[..., 1:], bootstrap_value.unsqueeze(-1)], dim=-1)
    pg_advantages = clipped_rhos * (rewards + discounts * next_vs - values)
    return vs, pg_advantages


def actor_loss(
    log_probs: Tensor,
    behaviour_log_probs: Tensor,
    pg_advantages: Tensor,
    entropies: Tensor,
    invalid: Tensor,
    *,
    beta: float = 0.01,
    lambda_invalid: float = 0.1,
    mask: Tensor | None = None,
    weights: Tensor | None = None,
    ratio_clip: float = 0.0,
) -> Tensor:
    """The A-RIDE actor loss: -E[A * log pi(a|s)] - beta * E[H(pi(.|s))] + lambda_invalid * L_inv.

    `pg_advantages` are Retrace's (already carrying min(rho_bar, rho_t)) and are treated as
    constants. `entropies` are the policy's real entropies H(pi(.|s_t)) with gradient. The
    invalid-action term L_inv = E[invalid_t * log(1 + rho_t)], rho_t = pi(a_t|s_t) / mu(a_t|s_t),
    has a gradient that lowers pi(a_t|s_t) of every flagged action (the paper's constant penalty
    has none). The step does not depend on the action's absolute probability, which matters for
    VLMs whose answers all have tiny sequence probabilities, and it fades once the action has
    become much less likely than when it was taken, so the term stays bounded. `mask` marks
    real (non-padding) steps and `weights` are importance weights, both broadcastable to
    `log_probs`.

    `ratio_clip` eps > 0 adds PPO's trust region to the policy-gradient term: a step whose
    ratio already moved past 1 + eps (A > 0) or below 1 - eps (A < 0) gives no policy gradient
    (`outside_trust_region`), so replaying a trajectory cannot keep pushing one answer's
    probability towards 0 or 1. The gradient inside the region is A-RIDE's, unweighted.
    """
    mask = torch.ones_like(log_probs) if mask is None else mask.to(log_probs.dtype)
    weighted = mask if weights is None else mask * weights
    log_rhos = log_probs - behaviour_log_probs.detach()
    advantages = pg_advantages.detach()
    if ratio_clip > 0:
        outside = outside_trust_region(log_rhos.detach(), advantages, ratio_clip)
        advantages = advantages * (~outside).to(advantages.dtype)
    policy_gradient = -masked_mean(advantages * log_probs, weighted)
    entropy = masked_mean(entropies, weighted)
    invalid_term = masked_mean(invalid.to(log_probs.dtype) * F.softplus(log_rhos), weighted)
    return policy_gradient - beta * entropy + lambda_invalid * invalid_term


def outside_trust_region(log_rhos: Tensor, advantages: Tensor, eps: float) -> Tensor:
    """True where a step's ratio rho = exp(log_rhos) has left PPO's clip range [1 - eps, 1 + eps]
    in its advantage's direction (rho > 1 + eps with A > 0, rho < 1 - eps with A < 0)."""
    rhos = log_rhos.exp()
    return ((advantages > 0) & (rhos > 1 + eps)) | ((advantages < 0) & (rhos < 1 - eps))


def critic_loss(
    values: Tensor, targets: Tensor, *, mask: Tensor | None = None, weights: Tensor | None = None
) -> Tensor:
    """0.5 * E[(V(s_t) - target_t)^2] with the gradient flowing into `values` only."""
    mask = torch.ones_like(values) if mask is None else mask.to(values.dtype)
    weighted = mask if weights is None else mask * weights
    return 0.5 * masked_mean((values - targets.detach()) ** 2, weighted)


def trajectory_priority(
    td_errors: Tensor,
    rhos: Tensor,
    entropies: Tensor,
    *,
    w1: float,
    w2: float,
    w3: float,
    mask: Tensor | None = None,
) -> Tensor:
    """DistRL's trajectory priority w1 * mean|delta_t| + w2 * mean rho_t + w3 * mean H_t.

    Means run over each trajectory's steps (the last axis, restricted to `mask`); returns [...].
    """
    mask = torch.ones_like(td_errors) if mask is None else mask.to(td_errors.dtype)
    count = mask.sum(-1).clamp(min=1.0)

    def mean(x: Tensor) -> Tensor:
        return (x.detach() * mask).sum(-1) / count

    return w1 * mean(td_errors.abs()) + w2 * mean(rhos) + w3 * mean(entropies)


@dataclass
class ARIDEConfig:
    """Hyper-parameters of the A-RIDE update (defaults are ours; the paper gives no values)."""

    gamma: float = 0.95
    lambda_: float = 0.95
    rho_bar: float = 1.0
    c_bar: float = 1.0
    beta_entropy: float = 0.01
    lambda_invalid: float = 0.1
    w1: float = 1.0
    w2: float = 0.5
    w3: float = 0.1
    actor_lr: float = 1e-4
    critic_lr: float = 1e-3
    max_grad_norm: float = 1.0
    trajectory_filter: float = 0.5
    """Share of each batch's trajectories the actor learns from, those with the largest
    r(tau) - V_traj(instruction) (the trajectory critic's surprise); 1.0: all of them. 0.5
    kept rare task families from being unlearned (docs/benchmarks.md, training efficiency)."""
    ratio_clip: float = 0.0
    """PPO's clip epsilon as a trust region on the policy gradient (`actor_loss`); 0: off, as in
    the paper."""


class ARIDE(ActorCritic):
    """One A-RIDE learner step over a batch of trajectories.

    Evaluates the batch under the current policy (log-probs, entropies, features) and step
    critic, computes importance ratios against the behaviour log-probs the workers recorded,
    Retrace targets and advantages, then takes one gradient step on the actor loss, the step
    critic's Retrace regression and the trajectory critic's success regression (the paper's
    trajectory-level value). With `trajectory_filter` below 1 the actor learns only from the
    batch's trajectories that went best against the trajectory critic's expectation. A
    truncated trajectory bootstraps from V of its final observation (folded into its last
    reward: r_T + gamma * V(s_final) with the episode's end as the cut, which is exactly
    Retrace with that next value). Returns losses, diagnostics and the batch's fresh priorities.
    """

    config_class = ARIDEConfig
    config: ARIDEConfig

    def update(
        self, trajectories: list[Trajectory], weights: np.ndarray | None = None
    ) -> UpdateResult:
        """One gradient step on `trajectories` (with per-trajectory importance `weights`)."""
        cfg = self.config
        if any(s.behaviour_log_prob is None for t in trajectories for s in t.steps):
            raise ValueError(
                "A-RIDE needs the behaviour log-probs workers record with each action; these "
                "trajectories have none (demonstrations?): train on them with BehaviourCloning"
            )
        batch = self.batch(trajectories)
        assert batch.behaviour_log_probs is not None
        step_weights = batch.trajectory_weights(weights)
        log_probs, entropies = batch.log_probs, batch.entropies
        values = batch.pad(self.step_critic(batch.critic_features()))
        log_rhos = (log_probs.detach() - batch.behaviour_log_probs) * batch.mask
        discounts = cfg.gamma * (1.0 - batch.dones) * batch.mask
        bootstrap = torch.zeros(len(trajectories), device=batch.mask.device)
        with torch.no_grad():
            final_values = batch.final_values(self.step_critic)
        rewards = batch.rewards + cfg.gamma * batch.last_step(final_values)
        traj_logits = self.trajectory_critic.logits([t.instruction for t in trajectories])
        actor_mask = batch.mask * self._kept(batch, traj_logits.detach())[:, None]
        vs, advantages = retrace_targets(
            rewards,
            values.detach(),
            bootstrap,
            discounts,
            log_rhos,
            lambda_=cfg.lambda_,
            rho_bar=cfg.rho_bar,
            c_bar=cfg.c_bar,
        )
        behaviour = batch.behaviour_log_probs

        def objective(log_probs: Tensor, entropies: Tensor) -> Tensor:
            return actor_loss(
                log_probs,
                behaviour,
                advantages,
                entropies,
                batch.invalid,
                beta=cfg.beta_entropy,
                lambda_invalid=cfg.lambda_invalid,
                mask=actor_mask,
                weights=step_weights,
                ratio_clip=cfg.ratio_clip,
            )

        loss_critic = critic_loss(values, vs, mask=batch.mask, weights=step_weights)
        loss_traj = value_loss(traj_logits, batch.trajectory_returns())
        loss_actor, grad_norms = self.step_optimizers(batch, objective, loss_critic + loss_traj)

        with torch.no_grad():
            v = values.detach()
            next_v = torch.cat([v[:, 1:], bootstrap[:, None]], dim=1)
            td_errors = (rewards + discounts * next_v - v) * batch.mask
            rhos = torch.exp(log_rhos)
            priorities = trajectory_priority(
                td_errors,
                torch.clamp(rhos, max=cfg.rho_bar),
                entropies.detach(),
                w1=cfg.w1,
                w2=cfg.w2,
                w3=cfg.w3,
                mask=batch.mask,
            )
            real = batch.mask.bool()
            diagnostics = {
                "rho_mean": float(rhos[real].mean()),
                "rho_clipped_fraction": float((rhos[real] > cfg.rho_bar).float().mean()),
                "entropy_mean": float(entropies.detach()[real].mean()),
                "td_error_abs_mean": float(td_errors[real].abs().mean()),
                "value_mean": float(v[real].mean()),
                "target_mean": float(vs[real].mean()),
                "advantage_mean": float(advantages[real].mean()),
                "invalid_fraction": float(batch.invalid[real].mean()),
                "trajectory_value_mean": float(torch.sigmoid(traj_logits.detach()).mean()),
                "actor_trajectories": float((actor_mask.sum(1) > 0).sum()),
                "truncated_fraction": float(batch.truncated.float().mean()),
                "priority_mean": float(priorities.mean()),
                "priority_min": float(priorities.min()),
                "priority_max": float(priorities.max()),
                "transitions": float(real.sum()),
                **grad_norms,
            }
            if cfg.ratio_clip > 0:
                outside = outside_trust_region(log_rhos, advantages, cfg.ratio_clip)
                diagnostics["outside_trust_region_fraction"] = float(outside[real].float().mean())
        return UpdateResult(
            losses={
                "actor": loss_actor,
                "critic": float(loss_critic.detach()),
                "trajectory_critic": float(loss_traj.detach()),
            },
            diagnostics=diagnostics,
            priorities=priorities.cpu().numpy().astype(np.float64),
        )

    def _kept(self, batch: TrajectoryBatch, traj_logits: Tensor) -> Tensor:
        """1.0 for the trajectories the actor learns from, float[B] (see `trajectory_filter`)."""
        surprise = batch.trajectory_returns() - torch.sigmoid(traj_logits)
        return top_fraction_mask(surprise, self.config.trajectory_filter)


def top_fraction_mask(scores: Tensor, fraction: float) -> Tensor:
    """1.0 at the ceil(fraction * n) largest `scores` (ties: earliest first), else 0; float[n]."""
    keep = max(1, math.ceil(fraction * scores.numel()))
    mask = torch.zeros_like(scores, dtype=torch.float32)
    if keep >= scores.numel():
        return mask + 1.0
    order = torch.argsort(-scores.detach().float().cpu(), stable=True)[:keep]
    mask[order.to(mask.device)] = 1.0
    return mask
