"""The warm start: behaviour cloning on noisy OracleAgent demonstrations (AutoUI-SFT analogue).

DigiRL and DistRL start RL from AutoUI, a VLM fine-tuned on human demonstrations that solves
about 40% of AitW General. Here the demonstrator is `OracleAgent` and the imperfection is
explicit: each demonstration step is, with probability `noise`, a `RandomAgent` action instead
(the oracle recovers from it, so episodes still mostly succeed), and the policy clones every
valid step, mistakes included, from a limited number of episodes.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from android_gym.actions import Action, ActionType
from android_gym.agents import OracleAgent, RandomAgent
from distrl_agent.algorithms.filtered_bc import BehaviourCloning
from distrl_agent.config import RunConfig
from distrl_agent.policies.base import Policy
from distrl_agent.policies.pointer_space import mine_phrases
from distrl_agent.rollout import run_episode
from distrl_agent.runtime.components import make_env
from distrl_agent.trajectory import Trajectory


class NoisyOracle:
    """OracleAgent whose every action is replaced by a random one with probability `noise`."""

    def __init__(self, noise: float, seed: int = 0) -> None:
        self.noise = float(noise)
        self.oracle = OracleAgent()
        self.random = RandomAgent(seed=seed)
        self.rng = np.random.default_rng(seed)

    def act(self, obs: dict[str, Any], info: dict[str, Any]) -> Action:
        action = self.oracle.act(obs, info)  # the oracle sees every step, noisy or not
        return self.random.act(obs, info) if self.rng.random() < self.noise else action


def collect_demonstrations(config: RunConfig, progress: Any = None) -> list[Trajectory]:
    """`config.pretrain.demos` noisy-oracle episodes on the train split (train tasks cycled)."""
    env = make_env(config, config.env.train_split, latency=False)
    tasks = len(env.unwrapped.tasks)
    rng = np.random.default_rng(config.seed)
    order = rng.permutation(tasks)
    agent = NoisyOracle(config.pretrain.noise, seed=config.seed)
    demos = []
    for i in range(config.pretrain.demos):
        demos.append(
            run_episode(
                env,
                agent,
                seed=config.seed * 100_003 + i,
                options={"task_index": int(order[i % tasks])},
            )
        )
        if progress is not None:
            progress.update(1)
    env.close()
    return demos


def typed_phrases(demos: list[Trajectory]) -> tuple[str, ...]:
    """The pointer policy's phrase vocabulary, mined from the demonstrations' typed texts."""
    typed = [
        (d.instruction, s.action.text)
        for d in demos
        for s in d.steps
        if s.action is not None and s.action.type is ActionType.TYPE
    ]
    return mine_phrases(typed)


def behaviour_clone(policy: Policy, demos: list[Trajectory], config: RunConfig) -> list[float]:
    """Clones `demos` into `policy` (minibatches of trajectories); returns the epoch losses."""
    cfg = config.pretrain
    bc = BehaviourCloning(policy, lr=cfg.lr, micro_batch=config.runtime.micro_batch)
    rng = np.random.default_rng(config.seed)
    losses = []
    for _ in range(cfg.epochs):
        order = rng.permutation(len(demos))
        epoch = []
        for start in range(0, len(order), cfg.batch_size):
            result = bc.update([demos[i] for i in order[start : start + cfg.batch_size]])
            epoch.append(result.losses.get("bc", 0.0))
        losses.append(float(np.mean(epoch)) if epoch else 0.0)
    return losses
