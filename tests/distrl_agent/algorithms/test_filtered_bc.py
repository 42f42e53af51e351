"""Behaviour cloning baselines: plain BC imitates demonstrations, filtered BC only successes."""

from __future__ import annotations

import pytest
import torch

from distrl_agent.algorithms.filtered_bc import BehaviourCloning, FilteredBC
from distrl_agent.policies.pointer import PointerConfig, PointerPolicy


def _policy() -> PointerPolicy:
    return PointerPolicy(PointerConfig(dim=32, layers=1, buckets=1 << 12))


def test_behaviour_cloning_reproduces_the_demonstration(trajectory_factory):
    policy = _policy()
    bc = BehaviourCloning(policy, lr=3e-3)
    demo = trajectory_factory(log_probs=False)
    for _ in range(40):
        result = bc.update([demo])
    assert result.losses["bc"] < 0.1
    obs, info = demo.policy_inputs()
    greedy = policy.act(obs, info, greedy=True)
    assert [g.action for g in greedy] == [s.action for s in demo.steps]


def test_filtered_bc_ignores_failures(trajectory_factory):
    policy = _policy()
    before = policy.trainable_state()
    result = FilteredBC(policy).update([trajectory_factory(success=False)])
    assert result.diagnostics["kept_trajectories"] == 0 and not result.losses
    after = policy.trainable_state()
    assert all(torch.equal(before[k], after[k]) for k in before)
    result = FilteredBC(policy).update(
        [trajectory_factory(success=False), trajectory_factory(success=True)]
    )
    assert result.diagnostics["kept_trajectories"] == 1 and result.diagnostics["transitions"] == 4


def test_invalid_steps_are_not_imitated(trajectory_factory):
    policy = _policy()
    demo = trajectory_factory(invalid_at=(0,))
    obs, info = demo.policy_inputs()
    with torch.no_grad():
        log_probs = policy.evaluate(obs, info, [s.action_text for s in demo.steps]).log_probs
    result = BehaviourCloning(policy).update([demo])
    assert result.losses["bc"] == pytest.approx(-log_probs[1:].mean().item(), rel=1e-5)
    assert result.losses["bc"] != pytest.approx(-log_probs.mean().item(), rel=1e-3)
