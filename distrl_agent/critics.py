"""Critics: the step value V(s_t) over policy features and the trajectory value V(instruction).

Rewards in this suite are success indicators (1 on the step that completes the task, else 0),
so every value lies in [0, 1]; both critics predict a logit and report sigmoid(logit). The step
critic is A-RIDE's Retrace-regressed V(s) and DigiRL's step critic; the trajectory critic
predicts an instruction's success probability (DigiRL's curriculum critic, DistRL's
trajectory-level value).
"""

from __future__ import annotations

from collections.abc import Sequence

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from distrl_agent.features import HashedTextEncoder


class StepCritic(nn.Module):
    """V(s) from a policy's state features: an MLP head, `forward` gives values in [0, 1]."""

    def __init__(self, features_dim: int, hidden: int = 256, *, seed: int = 0) -> None:
        super().__init__()
        with torch.random.fork_rng():
            torch.manual_seed(seed)
            self.net = nn.Sequential(
                nn.LayerNorm(features_dim),
                nn.Linear(features_dim, hidden),
                nn.GELU(),
                nn.Linear(hidden, 1),
            )

    def logits(self, features: Tensor) -> Tensor:
        """Value logits, float[N]."""
        return self.net(features.float()).squeeze(-1)

    def forward(self, features: Tensor) -> Tensor:
        """Values in [0, 1], float[N]."""
        return torch.sigmoid(self.logits(features))


class TrajectoryCritic(nn.Module):
    """V(instruction): how likely the current policy is to solve a task, from its instruction."""

    def __init__(
        self, dim: int = 64, hidden: int = 128, buckets: int = 1 << 15, *, seed: int = 0
    ) -> None:
        super().__init__()
        with torch.random.fork_rng():
            torch.manual_seed(seed)
            self.text = HashedTextEncoder(dim, buckets)
            self.net = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, 1))

    def logits(self, instructions: Sequence[str]) -> Tensor:
        """Value logits, float[len(instructions)]."""
        return self.net(self.text(instructions)).squeeze(-1)

    def forward(self, instructions: Sequence[str]) -> Tensor:
        """Success probabilities in [0, 1], float[len(instructions)]."""
        return torch.sigmoid(self.logits(instructions))


def value_loss(logits: Tensor, targets: Tensor, weights: Tensor | None = None) -> Tensor:
    """Cross-entropy of value logits against soft labels in [0, 1] (DigiRL's critic loss)."""
    losses = F.binary_cross_entropy_with_logits(
        logits, targets.detach().clamp(0, 1), reduction="none"
    )
    if weights is None:
        return losses.mean()
    return (losses * weights).sum() / weights.sum().clamp(min=1e-8)
