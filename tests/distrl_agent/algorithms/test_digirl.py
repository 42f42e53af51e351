"""DigiRL baseline: doubly-robust advantages, the trajectory-critic curriculum, the update."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from distrl_agent.algorithms.digirl import DigiRL, DigiRLConfig, doubly_robust_advantages
from distrl_agent.critics import StepCritic, TrajectoryCritic
from distrl_agent.policies.pointer import PointerConfig, PointerPolicy


def test_doubly_robust_advantages_match_the_formula():
    rewards = torch.tensor([[0.0, 0.0, 1.0], [0.0, 0.0, 0.0]])
    values = torch.tensor([[0.2, 0.5, 0.9], [0.4, 0.0, 0.0]])
    mask = torch.tensor([[1.0, 1.0, 1.0], [1.0, 0.0, 0.0]])
    lam = 0.5
    adv = doubly_robust_advantages(rewards, values, mask, lam)
    expected_first = [
        lam**2 * 1 + (1 - lam**2) * (0 + 0.5 - 0.2),
        lam**1 * 1 + (1 - lam) * (0 + 0.9 - 0.5),
        1.0,  # the last step: lambda**0 = 1, the final reward itself
    ]
    torch.testing.assert_close(adv[0], torch.tensor(expected_first))
    torch.testing.assert_close(adv[1], torch.tensor([0.0, 0.0, 0.0]))


def _digirl(**config) -> tuple[PointerPolicy, DigiRL]:
    policy = PointerPolicy(PointerConfig(dim=32, layers=1, buckets=1 << 12))
    return policy, DigiRL(
        policy,
        StepCritic(policy.features_dim, 32),
        TrajectoryCritic(16, 32, 1 << 12),
        DigiRLConfig(actor_lr=3e-3, critic_lr=1e-2, **config),
    )


def test_curriculum_keeps_trajectories_that_beat_the_critic(trajectory_factory):
    _, digirl = _digirl(top_fraction=0.5)
    batch = [trajectory_factory(success=s) for s in (False, True, False, True)]
    with torch.no_grad():
        predicted = digirl.trajectory_critic([t.instruction for t in batch]).numpy()
    assert np.allclose(predicted, predicted[0])  # same instruction everywhere
    assert digirl.curriculum(batch).tolist() == [1, 3]


def test_update_trains_critics_and_only_selected_steps(trajectory_factory):
    _, digirl = _digirl(top_fraction=0.25)
    batch = [trajectory_factory(success=s) for s in (True, False, False, False)]
    losses = [digirl.update(batch) for _ in range(30)]
    assert losses[-1].losses["trajectory_critic"] < losses[0].losses["trajectory_critic"]
    assert losses[-1].losses["critic"] < losses[0].losses["critic"]
    assert losses[0].diagnostics["selected_trajectories"] == 1
    assert losses[0].diagnostics["actor_steps"] <= len(batch[0])
    with torch.no_grad():
        assert digirl.trajectory_critic([batch[0].instruction]).item() == pytest.approx(
            0.25, abs=0.1
        )


def test_no_step_above_threshold_leaves_the_actor_unchanged(trajectory_factory):
    policy, digirl = _digirl(advantage_threshold=10.0)
    before = {k: v.clone() for k, v in policy.trainable_state().items()}
    result = digirl.update([trajectory_factory()])
    assert result.diagnostics["actor_steps"] == 0 and result.diagnostics["actor_grad_norm"] == 0
    after = policy.trainable_state()
    assert all(torch.equal(before[k], after[k]) for k in before)
