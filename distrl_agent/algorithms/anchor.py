"""The demonstration anchor: the warm start's behaviour cloning kept on during RL.

DAPG (Rajeswaran et al., 2018, "Learning Complex Dexterous Manipulation with Deep RL and
Demonstrations") adds the demonstrations' log-likelihood to the policy-gradient objective. Here
every update of any algorithm (A-RIDE, DigiRL, filtered BC) adds `weight` times the negative
log-likelihood of a few demonstration trajectories, sampled afresh each update, to the policy's
loss before the gradient is clipped, to hold skills the demonstrations showed in task families
RL rarely succeeds on. Measured on the main job (docs/benchmarks.md) at weight 0.5 it kept
most of those families but held the noisy demonstrations' habits too and cost 13 points of
overall gain; it is off by default. Invalid demonstration steps are not imitated.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from distrl_agent.algorithms.common import Updater
from distrl_agent.algorithms.filtered_bc import imitation, valid_steps
from distrl_agent.trajectory import Trajectory


class DemonstrationAnchor:
    """`weight` x NLL of `batch_size` demonstrations drawn (without replacement) per update."""

    def __init__(
        self, demonstrations: Sequence[Trajectory], weight: float, batch_size: int, seed: int = 0
    ) -> None:
        if not demonstrations:
            raise ValueError("a demonstration anchor needs at least one demonstration")
        self.demonstrations = list(demonstrations)
        self.weight = float(weight)
        self.batch_size = min(int(batch_size), len(self.demonstrations))
        self.rng = np.random.default_rng(seed)

    def backward(self, updater: Updater) -> dict[str, float]:
        """Backpropagates the term into `updater.policy`; returns the sample's mean NLL."""
        chosen = self.rng.choice(len(self.demonstrations), self.batch_size, replace=False)
        batch = updater.batch([self.demonstrations[i] for i in chosen])
        nll = batch.backward(imitation(valid_steps(batch), self.weight)) / self.weight
        return {"anchor_nll": nll}
