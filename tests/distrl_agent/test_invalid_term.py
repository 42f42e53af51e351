"""The A-RIDE invalid-action term is active for the shipped pointer policy: the simulated phone
flags its wasted actions, the rollout carries the flags into `Step.invalid`, and the term then has
a gradient."""

from __future__ import annotations

import gymnasium as gym
import torch

from android_gym.devices.sim import SimDevice
from distrl_agent.algorithms.aride import actor_loss
from distrl_agent.algorithms.batch import TrajectoryBatch
from distrl_agent.policies.pointer import PointerConfig, PointerPolicy
from distrl_agent.rollout import run_episode


class ReasonLog(gym.Wrapper):
    """Keeps `info["invalid_reason"]` of every step since the last reset."""

    def reset(self, **kwargs):
        self.reasons: list[str] = []
        return self.env.reset(**kwargs)

    def step(self, action):
        result = self.env.step(action)
        self.reasons.append(result[4]["invalid_reason"])
        return result


def _invalid_term_gradient(policy: PointerPolicy, batch: TrajectoryBatch, invalid) -> float:
    """The gradient norm of the actor loss with only its invalid term switched on."""
    assert batch.behaviour_log_probs is not None
    policy.zero_grad()
    loss = actor_loss(
        batch.log_probs,
        batch.behaviour_log_probs,
        torch.zeros_like(batch.log_probs),
        batch.entropies,
        invalid,
        beta=0.0,
        lambda_invalid=1.0,
        mask=batch.mask,
    )
    loss.backward()
    grads = [p.grad.norm() for p in policy.parameters() if p.grad is not None]
    return float(torch.stack(grads).norm()) if grads else 0.0


def test_env_flags_reach_the_invalid_term_of_the_pointer_policy():
    env = ReasonLog(gym.make("AndroidGeneral-v0", split="test", device=SimDevice(scale=0.1)))
    policy = PointerPolicy(PointerConfig(dim=32, layers=1, buckets=1 << 12), seed=1)
    trajectories, reasons = [], []
    for i in range(4):
        trajectory = run_episode(env, policy, seed=i, options={"task_index": i})
        assert [s.invalid for s in trajectory.steps] == [bool(r) for r in env.reasons]
        trajectories.append(trajectory)
        reasons += env.reasons
    env.close()
    flagged = {r for r in reasons if r}
    assert len(flagged) >= 2, f"an untrained policy wastes actions in several ways: {reasons}"
    assert "parse_error" not in flagged, "the pointer policy only emits well-formed actions"

    batch = TrajectoryBatch.build(trajectories, policy)
    assert batch.invalid.sum().item() == sum(map(bool, reasons)) > 0
    assert _invalid_term_gradient(policy, batch, batch.invalid) > 0.0
    batch = TrajectoryBatch.build(trajectories, policy)
    no_flags = torch.zeros_like(batch.invalid)
    assert _invalid_term_gradient(policy, batch, no_flags) == 0.0, "the gradient is the term's"
