"""The demonstration anchor (DAPG): behaviour cloning kept on during RL updates."""

from __future__ import annotations

import pytest
import torch
from synthetic_phone import set_on_policy

from distrl_agent.algorithms.anchor import DemonstrationAnchor
from distrl_agent.algorithms.aride import ARIDE, ARIDEConfig
from distrl_agent.critics import StepCritic, TrajectoryCritic
from distrl_agent.policies.pointer import PointerConfig, PointerPolicy


def _aride() -> tuple[PointerPolicy, ARIDE]:
    policy = PointerPolicy(PointerConfig(dim=32, layers=1, buckets=1 << 12), seed=0)
    config = ARIDEConfig(actor_lr=3e-3, critic_lr=3e-3, trajectory_filter=1.0)
    critics = StepCritic(policy.features_dim, 32), TrajectoryCritic(16, 32, 1 << 12)
    return policy, ARIDE(policy, *critics, config)


def _log_likelihood(policy: PointerPolicy, trajectory) -> float:
    obs, info = trajectory.policy_inputs()
    with torch.no_grad():
        actions = [s.action_text for s in trajectory.steps]
        return float(policy.evaluate(obs, info, actions).log_probs.sum())


def test_updates_with_the_anchor_keep_the_demonstrations_likely(trajectory_factory):
    """The same A-RIDE updates on failed episodes, with and without the anchor: with it, the
    demonstration's actions end up likelier, and each update reports the demonstrations' NLL."""
    demonstration = trajectory_factory(success=True, length=3)
    batch = [trajectory_factory(success=False, length=4) for _ in range(4)]
    results = {}
    for anchored in (False, True):
        policy, aride = _aride()
        set_on_policy(policy, batch)
        if anchored:
            aride.anchor = DemonstrationAnchor([demonstration], weight=1.0, batch_size=4)
        diagnostics = [aride.update(batch).diagnostics for _ in range(5)]
        results[anchored] = _log_likelihood(policy, demonstration), diagnostics
    assert results[True][0] > results[False][0] + 0.5
    nll = [d["anchor_nll"] for d in results[True][1]]
    assert all(x > 0 for x in nll) and nll[-1] < nll[0]
    assert "anchor_nll" not in results[False][1][0]


def test_an_anchor_without_demonstrations_is_refused():
    with pytest.raises(ValueError, match="at least one demonstration"):
        DemonstrationAnchor([], weight=1.0, batch_size=4)
