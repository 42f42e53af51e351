"""Update algorithms, all with `update(trajectories, weights)` and `train_step(replay, n)`:
A-RIDE (DistRL's), and the DigiRL (faithful and `digirl_batch`), filtered-BC and BC baselines."""

from distrl_agent.algorithms.aride import (
    ARIDE,
    ARIDEConfig,
    actor_loss,
    critic_loss,
    retrace_targets,
    trajectory_priority,
)
from distrl_agent.algorithms.common import Updater, UpdateResult
from distrl_agent.algorithms.digirl import DigiRL, DigiRLConfig
from distrl_agent.algorithms.digirl_batch import BatchDigiRL, BatchDigiRLConfig
from distrl_agent.algorithms.filtered_bc import BehaviourCloning, FilteredBC

__all__ = [
    "ARIDE",
    "ARIDEConfig",
    "BatchDigiRL",
    "BatchDigiRLConfig",
    "BehaviourCloning",
    "DigiRL",
    "DigiRLConfig",
    "FilteredBC",
    "UpdateResult",
    "Updater",
    "actor_loss",
    "critic_loss",
    "retrace_targets",
    "trajectory_priority",
]
