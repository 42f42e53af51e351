"""distrl_agent: the DistRL agent and trainer for phone-control policies (see docs/agent.md).

The core names are re-exported here; algorithms live in `distrl_agent.algorithms`, policies in
`distrl_agent.policies`, critics in `distrl_agent.critics`.
"""

from distrl_agent.replay import PrioritizedReplay
from distrl_agent.rollout import run_episode
from distrl_agent.trajectory import Step, Trajectory

__all__ = ["PrioritizedReplay", "Step", "Trajectory", "run_episode"]
