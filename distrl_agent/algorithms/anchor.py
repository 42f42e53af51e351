"""The demonstration anchor: the warm start's behaviour cloning kept on during RL.

DAPG (Rajeswaran et al., 2018, "Learning Complex Dexterous Manipulation with Deep RL and
Demonstrations") adds the demonstrations' log-likelihood to the policy-gradient objective. Here
every update of any algorithm (A-RIDE, DigiRL, filtered BC) adds `weight` times the negative
log-likelihood of a few demonstration trajectories, sampled afresh each update, to the policy's
loss before the gradient is clipped, to hold skills the demonstrations showed in task families
RL rarely succeeds on. Invalid demonstration steps are not imitated.

Constant (no `gate`), the term clones every demonstration alike. Measured on the main job
(docs/benchmarks.md) at weight 0.5 it kept most of the rare families but held the noisy
demonstrations' habits in the common ones too and cost 13 points of overall gain.

Gated by a trajectory critic (`gate`), it clones a demonstration only as far as the policy now
falls short of it: its shortfall is max(0, r(tau) - V_traj(instruction)), the demonstration's
success against the trajectory critic's estimate of how often RL's policy solves that task (the
gate of self-imitation learning, Oh et al., 2018, with the trajectory critic as the baseline).
Each update draws `batch_size` demonstrations with probability proportional to their shortfall
(with replacement) and scales the term by the mean shortfall over all demonstrations, so its
expected gradient is `weight` x mean_i(shortfall_i x grad NLL_i): failed demonstrations and
tasks RL has learned drop out, tasks RL fails on keep their demonstrations. The gate is the
updater's own trajectory critic (A-RIDE's, DigiRL's), trained on RL's rollouts.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import torch

from distrl_agent.algorithms.common import Updater
from distrl_agent.algorithms.filtered_bc import imitation, valid_steps
from distrl_agent.critics import TrajectoryCritic
from distrl_agent.trajectory import Trajectory


class DemonstrationAnchor:
    """`weight` x NLL of `batch_size` demonstrations per update, drawn uniformly without
    replacement or, with a `gate`, by their shortfall (see the module docstring)."""

    def __init__(
        self,
        demonstrations: Sequence[Trajectory],
        weight: float,
        batch_size: int,
        seed: int = 0,
        *,
        gate: TrajectoryCritic | None = None,
    ) -> None:
        if not demonstrations:
            raise ValueError("a demonstration anchor needs at least one demonstration")
        self.demonstrations = list(demonstrations)
        self.weight = float(weight)
        self.batch_size = min(int(batch_size), len(self.demonstrations))
        self.gate = gate
        self.rng = np.random.default_rng(seed)
        self._successes = np.array([d.outcome for d in demonstrations])
        self._instructions = [d.instruction for d in demonstrations]

    def backward(self, updater: Updater) -> dict[str, float]:
        """Backpropagates the term into `updater.policy`; returns the sample's mean NLL (and,
        gated, the mean shortfall; no NLL when it is 0 and nothing was drawn)."""
        if self.gate is None:
            chosen = self.rng.choice(len(self.demonstrations), self.batch_size, replace=False)
            return {"anchor_nll": self._clone(updater, chosen, self.weight)}
        shortfall = self.shortfalls()
        mean = float(shortfall.mean())
        if mean <= 0:
            return {"anchor_shortfall": 0.0}
        chosen = self.rng.choice(len(shortfall), self.batch_size, p=shortfall / shortfall.sum())
        nll = self._clone(updater, chosen, self.weight * mean)
        return {"anchor_nll": nll, "anchor_shortfall": mean}

    @torch.no_grad()
    def shortfalls(self) -> np.ndarray:
        """max(0, r(tau) - V_traj(instruction)) of every demonstration by the `gate`, float[n]."""
        assert self.gate is not None
        values = self.gate(self._instructions).float().cpu().numpy()
        return np.clip(self._successes - values, 0.0, None)

    def _clone(self, updater: Updater, chosen: np.ndarray, weight: float) -> float:
        batch = updater.batch([self.demonstrations[i] for i in chosen])
        return batch.backward(imitation(valid_steps(batch), weight)) / weight


def anchor_gate(updater: Updater) -> TrajectoryCritic:
    """The trajectory critic a gated anchor reads: `updater`'s own (ValueError without one)."""
    critic = getattr(updater, "trajectory_critic", None)
    if not isinstance(critic, TrajectoryCritic):
        raise ValueError(
            "pretrain.anchor_gated needs an algorithm with a trajectory critic (aride, digirl, "
            f"digirl_batch); {type(updater).__name__} has none"
        )
    return critic
