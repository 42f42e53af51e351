"""DigiRL (arXiv 2406.11896), the synchronous baseline, as its released code trains.

Before the updates that follow a collection (`prepare`, whenever the replay has new
trajectories):

- the instruction critic V(c) is trained first, `trajectory_critic_epochs` steps of
  cross-entropy against hard labels 1[r(tau) > 0] on trajectories drawn from the whole replay
  (DigiRL's code filters with the previous round's critic; its paper and this class update it
  before filtering);
- the curriculum keeps the top `top_fraction` (10%) of all the replay's trajectories by
  r(tau) - V(c), with DigiRL's cutoff: the (1 - top_fraction) quantile, ties kept.

Each update then trains the step critic on the sampled batch and the actor on a batch drawn
uniformly from the curriculum:

- step critic V(s_t): cross-entropy against hard labels 1[G_t > 0], G_t the Monte-Carlo
  return with DigiRL's gamma (0.5 in its configs);
- actor: filtered advantage-weighted regression with the advantage of DigiRL's code,
  A_t = V(s_{t+1}) - V(s_t) - margin + r_t + G_t with margin 0.05, and binary weights
  1[A_t > 0]: loss = -mean_t(1[A_t > 0] * log pi(a_t|s_t)) over the batch's steps.
  V(s_{t+1}) after the last step is the value of a truncated episode's final observation,
  and 0 after a termination.

Left out of DigiRL's code: the twin step-critic heads (min of two) and the loss that also
fits V(s_{t+1}) to step t's label. The learning rates and gradient clipping are the run's
(the same as A-RIDE's), so that a comparison measures the algorithms.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor

from distrl_agent.algorithms.batch import masked_mean
from distrl_agent.algorithms.common import ActorCritic, UpdateResult
from distrl_agent.critics import StepCritic, TrajectoryCritic, value_loss
from distrl_agent.policies.base import Policy
from distrl_agent.replay import PrioritizedReplay
from distrl_agent.trajectory import Trajectory


@dataclass
class DigiRLConfig:
    """Hyper-parameters of the DigiRL update (defaults: DigiRL's code and configs)."""

    gamma: float = 0.5
    top_fraction: float = 0.1
    advantage_margin: float = 0.05
    trajectory_critic_epochs: int = 5
    trajectory_critic_batch: int = 64
    actor_lr: float = 1e-4
    critic_lr: float = 1e-3
    max_grad_norm: float = 1.0
    seed: int = 0


def hard_labels(returns: Tensor) -> Tensor:
    """DigiRL's critic targets: 1 where the (Monte-Carlo) return is positive, else 0."""
    return (returns > 0).to(returns.dtype)


def curriculum_cutoff(surprise: np.ndarray, top_fraction: float) -> np.ndarray:
    """Indices kept by DigiRL's filter: surprise >= its (1 - top_fraction) quantile."""
    if len(surprise) == 0:
        return np.zeros(0, dtype=np.int64)
    cutoff = np.quantile(surprise, 1.0 - top_fraction)
    return np.flatnonzero(surprise >= cutoff)


def digirl_advantages(
    rewards: Tensor,
    values: Tensor,
    final_values: Tensor,
    returns: Tensor,
    mask: Tensor,
    lengths: Tensor,
    margin: float,
) -> Tensor:
    """A_t = V(s_{t+1}) - V(s_t) - margin + r_t + G_t on padded [B, T] inputs (0 on padding).

    `final_values` [B] is V after each trajectory's last step; everything stays on the
    inputs' device.
    """
    positions = torch.arange(rewards.shape[1], device=rewards.device)[None, :]
    last = positions == (lengths.to(rewards.device)[:, None] - 1)
    shifted = torch.cat([values[:, 1:], torch.zeros_like(values[:, :1])], dim=1)
    next_values = torch.where(last, final_values[:, None].expand_as(values), shifted)
    return (next_values - values - margin + rewards + returns) * mask


class DigiRL(ActorCritic):
    """DigiRL's update (see the module docstring). `prepare(replay)` runs before each update
    in a run; `update` alone (without a replay) draws its curriculum from its own batch."""

    config_class = DigiRLConfig
    config: DigiRLConfig

    def __init__(
        self,
        policy: Policy,
        step_critic: StepCritic,
        trajectory_critic: TrajectoryCritic,
        config: DigiRLConfig | None = None,
        *,
        micro_batch: int | None = None,
    ) -> None:
        super().__init__(policy, step_critic, trajectory_critic, config, micro_batch=micro_batch)
        self.rng = np.random.default_rng(self.config.seed)
        self.pool: list[Trajectory] = []
        self._seen: tuple[int, int] | None = None
        self.trajectory_optimizer = torch.optim.Adam(
            trajectory_critic.parameters(), lr=self.config.critic_lr
        )
        self.optimizers.append(self.trajectory_optimizer)

    def critic_parameters(self) -> list[torch.nn.Parameter]:
        """The step critic only: the instruction critic has its own optimiser and schedule."""
        return list(self.step_critic.parameters())

    # -- the curriculum -----------------------------------------------------------------------

    def prepare(self, replay: PrioritizedReplay[Trajectory]) -> None:
        """When the replay holds new trajectories: train the instruction critic on it, then
        keep the top `top_fraction` of its trajectories by r - V(c) as the actor's pool."""
        ids = replay.ids()
        seen = (len(ids), int(ids[-1])) if len(ids) else None
        if seen is None or seen == self._seen:
            return
        self._seen = seen
        trajectories = [item for _, item, _ in replay.contents()]
        self.fit_trajectory_critic(trajectories)
        self.pool = self.curriculum(trajectories)

    def fit_trajectory_critic(self, trajectories: list[Trajectory]) -> float:
        """`trajectory_critic_epochs` steps of cross-entropy on hard success labels, each on
        `trajectory_critic_batch` trajectories drawn uniformly; returns the last loss."""
        cfg = self.config
        loss = torch.zeros(())
        for _ in range(cfg.trajectory_critic_epochs):
            picks = self.rng.integers(len(trajectories), size=cfg.trajectory_critic_batch)
            chosen = [trajectories[i] for i in picks]
            logits = self.trajectory_critic.logits([t.instruction for t in chosen])
            labels = torch.tensor([float(t.total_reward > 0) for t in chosen])
            loss = value_loss(logits, labels.to(logits.device))
            self.trajectory_optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(self.trajectory_critic.parameters(), cfg.max_grad_norm)
            self.trajectory_optimizer.step()
        return float(loss.detach())

    def curriculum(self, trajectories: list[Trajectory]) -> list[Trajectory]:
        """The trajectories whose r(tau) - V(c) reaches DigiRL's cutoff (see the docstring)."""
        instructions = sorted({t.instruction for t in trajectories})
        with torch.no_grad():
            predicted = self.trajectory_critic(instructions).cpu().numpy()
        value = dict(zip(instructions, predicted.tolist(), strict=True))
        surprise = np.array(
            [float(t.total_reward > 0) - value[t.instruction] for t in trajectories]
        )
        return [trajectories[i] for i in curriculum_cutoff(surprise, self.config.top_fraction)]

    # -- the update ---------------------------------------------------------------------------

    def update(
        self, trajectories: list[Trajectory], weights: np.ndarray | None = None
    ) -> UpdateResult:
        """The step critic on `trajectories`, the actor on a batch from the curriculum."""
        cfg = self.config
        if not self.pool:
            self.fit_trajectory_critic(trajectories)
        pool = self.pool or self.curriculum(trajectories)
        actor_batch = [pool[i] for i in self.rng.integers(len(pool), size=len(trajectories))]

        critic_batch = self.batch(trajectories)
        critic_weights = critic_batch.trajectory_weights(weights)
        logits = critic_batch.pad(self.step_critic.logits(critic_batch.critic_features()))
        real = critic_batch.mask.bool()
        labels = hard_labels(self._returns(trajectories, critic_batch.mask.device))
        loss_critic = value_loss(
            logits[real],
            labels,
            None if critic_weights is None else critic_weights.expand_as(logits)[real],
        )

        batch = self.batch(actor_batch)
        with torch.no_grad():
            values = batch.pad(self.step_critic(batch.critic_features())) * batch.mask
            final_values = batch.final_values(self.step_critic)
            returns = batch.pad(self._returns(actor_batch, batch.mask.device))
            advantages = digirl_advantages(
                batch.rewards,
                values,
                final_values,
                returns,
                batch.mask,
                torch.tensor(batch.lengths),
                cfg.advantage_margin,
            )
            keep = (advantages > 0).float() * batch.mask
        loss_actor, grad_norms = self.step_optimizers(
            batch, lambda log_probs, _: -masked_mean(log_probs * keep, batch.mask), loss_critic
        )
        actor_real = batch.mask.bool()
        return UpdateResult(
            losses={"actor": loss_actor, "critic": float(loss_critic.detach())},
            diagnostics={
                "curriculum_size": float(len(pool)),
                "actor_steps": float(keep.sum()),
                "actor_step_share": float(keep.sum() / batch.mask.sum()),
                "advantage_mean": float(advantages[actor_real].mean()),
                "value_mean": float(values[actor_real].mean()),
                "entropy_mean": float(batch.entropies.detach()[actor_real].mean()),
                "success_rate": float(critic_batch.trajectory_returns().mean()),
                "transitions": float(real.sum()),
                **grad_norms,
            },
        )

    def _returns(self, trajectories: list[Trajectory], device: torch.device) -> Tensor:
        """Monte-Carlo returns of every step, flat [N], with DigiRL's gamma."""
        flat = np.concatenate([t.discounted_returns(self.config.gamma) for t in trajectories])
        return torch.from_numpy(flat).to(device)
