"""The demonstration anchor (DAPG): behaviour cloning kept on during RL updates."""

from __future__ import annotations

import pytest
import torch
from synthetic_phone import set_on_policy

from distrl_agent.algorithms.anchor import DemonstrationAnchor, anchor_gate
from distrl_agent.algorithms.aride import ARIDE, ARIDEConfig
from distrl_agent.algorithms.filtered_bc import BehaviourCloning
from distrl_agent.critics import StepCritic, TrajectoryCritic, value_loss
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


def _actor_gradient(policy: PointerPolicy) -> list[torch.Tensor]:
    return [
        torch.zeros_like(p) if p.grad is None else p.grad.clone()
        for p in policy.trainable_parameters()
    ]


def _critic_expecting(critic: TrajectoryCritic, labels: dict[str, float]) -> None:
    """Fits `critic` to the given success rate of each instruction."""
    optimizer = torch.optim.Adam(critic.parameters(), lr=1e-2)
    targets = torch.tensor(list(labels.values()))
    for _ in range(300):
        optimizer.zero_grad()
        value_loss(critic.logits(list(labels)), targets).backward()
        optimizer.step()


def test_the_gate_is_each_demonstrations_success_above_what_the_critic_expects(
    trajectory_factory,
):
    """Shortfall max(0, r - V_traj): a task the critic expects RL to fail keeps its successful
    demonstration; a task RL solves, and every failed demonstration, drop out."""
    _, aride = _aride()
    _critic_expecting(aride.trajectory_critic, {"open the clock": 0.0, "search for news": 1.0})
    demonstrations = [
        trajectory_factory(success=True, instruction="open the clock"),
        trajectory_factory(success=True, instruction="search for news"),
        trajectory_factory(success=False, instruction="open the clock"),
    ]
    gated = DemonstrationAnchor(demonstrations, 1.0, 4, gate=aride.trajectory_critic)
    shortfall = gated.shortfalls()
    assert shortfall[0] > 0.95 and shortfall[1] < 0.05 and shortfall[2] == 0.0


@pytest.mark.parametrize("expected_success", [0.0, 1.0])
def test_a_gated_anchor_clones_what_rl_falls_short_of_and_nothing_else(
    trajectory_factory, expected_success
):
    """With a critic expecting every task to fail, the gated term's gradient is weight x mean
    shortfall x that of cloning the successful demonstration alone (the failed one is never
    drawn); with a critic expecting success, there is no term at all."""
    success = trajectory_factory(success=True, length=3)
    failure = trajectory_factory(success=False, length=4)
    policy, aride = _aride()
    critic = aride.trajectory_critic
    torch.nn.init.zeros_(critic.net[-1].weight)
    torch.nn.init.constant_(critic.net[-1].bias, 30.0 if expected_success else -30.0)
    anchor = DemonstrationAnchor([success, failure], 2.0, 4, gate=critic)
    aride.optimizers[0].zero_grad(set_to_none=True)
    diagnostics = anchor.backward(aride)
    gated = _actor_gradient(policy)
    if expected_success:
        assert diagnostics == {"anchor_shortfall": 0.0}
        assert all(float(g.abs().max()) == 0.0 for g in gated)
        return
    assert diagnostics["anchor_shortfall"] == pytest.approx(0.5)
    aride.optimizers[0].zero_grad(set_to_none=True)
    DemonstrationAnchor([success], 2.0 * 0.5, 1).backward(aride)
    for got, want in zip(gated, _actor_gradient(policy), strict=True):
        torch.testing.assert_close(got, want, rtol=1e-4, atol=1e-7)


def test_a_gate_needs_a_trajectory_critic():
    policy = PointerPolicy(PointerConfig(dim=32, layers=1, buckets=1 << 12), seed=0)
    with pytest.raises(ValueError, match="needs an algorithm with a trajectory critic"):
        anchor_gate(BehaviourCloning(policy))
    assert anchor_gate(_aride()[1]) is not None
