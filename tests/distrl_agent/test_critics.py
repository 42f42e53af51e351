"""Critics: values in [0, 1], a real gradient, and learning what they are asked to."""

from __future__ import annotations

import torch

from distrl_agent.critics import StepCritic, TrajectoryCritic, value_loss


def test_step_critic_values_are_probabilities_with_gradient():
    critic = StepCritic(8, 16)
    features = torch.randn(5, 8, generator=torch.Generator().manual_seed(0))
    values = critic(features)
    assert values.shape == (5,) and torch.all((values > 0) & (values < 1))
    value_loss(critic.logits(features), torch.ones(5)).backward()
    assert all(p.grad is not None and p.grad.abs().sum() > 0 for p in critic.parameters())


def test_trajectory_critic_learns_which_instructions_succeed():
    critic = TrajectoryCritic(16, 32, 1 << 12)
    optimizer = torch.optim.Adam(critic.parameters(), lr=1e-2)
    easy, hard = (
        "Open the settings app",
        "Go to ebay.com, search for 'razer thresher', select the first entry",
    )
    targets = torch.tensor([1.0, 0.0])
    for _ in range(60):
        optimizer.zero_grad()
        value_loss(critic.logits([easy, hard]), targets).backward()
        optimizer.step()
    with torch.no_grad():
        values = critic([easy, hard])
    assert values[0] > 0.8 and values[1] < 0.2


def test_value_loss_weights_and_soft_labels():
    logits = torch.tensor([0.0, 2.0])
    plain = value_loss(logits, torch.tensor([0.5, 1.0]))
    weighted = value_loss(logits, torch.tensor([0.5, 1.0]), torch.tensor([1.0, 0.0]))
    assert (
        weighted.item()
        == torch.nn.functional.binary_cross_entropy_with_logits(
            logits[:1], torch.tensor([0.5])
        ).item()
    )
    assert plain.item() != weighted.item()
