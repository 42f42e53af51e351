"""Micro-batched updates: the learner evaluates a batch at most `micro_batch` steps per forward
pass with gradient and accumulates gradients, which equal the full batch's."""

from __future__ import annotations

import pytest
import torch

from distrl_agent.algorithms.aride import ARIDE, ARIDEConfig
from distrl_agent.algorithms.digirl import DigiRL, DigiRLConfig
from distrl_agent.algorithms.digirl_batch import BatchDigiRL, BatchDigiRLConfig
from distrl_agent.algorithms.filtered_bc import BehaviourCloning
from distrl_agent.critics import StepCritic, TrajectoryCritic
from distrl_agent.policies.pointer import PointerConfig, PointerPolicy
from distrl_agent.policies.random_vlm import build_random_vlm
from distrl_agent.policies.vlm import VLMConfig, VLMPolicy

pytestmark = pytest.mark.filterwarnings(
    "ignore:`is_gradient_checkpointing` is deprecated:FutureWarning"
)
NO_CLIP = 1e9  # clipping would rescale both runs alike, but compare raw gradients


class CountingPointer(PointerPolicy):
    """The pointer policy, noting how many steps each forward pass with gradient evaluates."""

    def evaluate(self, obs, info, actions, tokens=None):
        if torch.is_grad_enabled():
            self.grad_passes = [*getattr(self, "grad_passes", []), len(obs)]
        return super().evaluate(obs, info, actions, tokens)


def _updater(name: str, policy, micro_batch: int | None):
    critics = (StepCritic(policy.features_dim, seed=0), TrajectoryCritic(seed=0))
    if name == "bc":
        return BehaviourCloning(policy, lr=1e-3, max_grad_norm=NO_CLIP, micro_batch=micro_batch)
    algorithm, config = {
        "aride": (ARIDE, ARIDEConfig(max_grad_norm=NO_CLIP)),
        "digirl": (DigiRL, DigiRLConfig(max_grad_norm=NO_CLIP)),
        "digirl_batch": (BatchDigiRL, BatchDigiRLConfig(max_grad_norm=NO_CLIP)),
    }[name]
    return algorithm(policy, *critics, config, micro_batch=micro_batch)


def _batch(trajectory_factory):
    return [
        trajectory_factory(length=4, success=True),
        trajectory_factory(length=3, success=False, truncated=True, invalid_at=(1,)),
        trajectory_factory(length=2, success=False),
    ]


def _gradients(updater) -> list[torch.Tensor]:
    groups = [updater.actor_parameters, updater.critic_parameters]
    return [p.grad.clone() for group in groups for p in group if p.grad is not None]


def _compare(full, micro, trajectories):
    first, second = full.update(trajectories), micro.update(trajectories)
    assert first.losses == pytest.approx(second.losses, rel=1e-5, abs=1e-6)
    expected, got = _gradients(full), _gradients(micro)
    assert len(expected) == len(got)
    assert any(p.grad is not None and p.grad.abs().sum() > 0 for p in micro.actor_parameters)
    for a, b in zip(expected, got, strict=True):
        torch.testing.assert_close(b, a, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("name", ["aride", "digirl", "digirl_batch", "bc"])
def test_micro_batched_gradients_equal_the_full_batch(name, trajectory_factory):
    config = PointerConfig(dim=32, layers=1, buckets=1 << 12)
    full = _updater(name, PointerPolicy(config, seed=0), None)
    policy = CountingPointer(config, seed=0)
    micro = _updater(name, policy, 2)
    _compare(full, micro, _batch(trajectory_factory))
    assert policy.grad_passes and max(policy.grad_passes) <= 2  # no more steps with a graph


def test_micro_batched_vlm_update_equals_the_full_batch(tmp_path, trajectory_factory):
    path = build_random_vlm(tmp_path / "vlm", "tiny", seed=0)
    config = VLMConfig(max_new_tokens=16)
    full, micro = (
        _updater("aride", VLMPolicy.from_pretrained(path, config=config), size)
        for size in (None, 3)
    )
    _compare(full, micro, _batch(trajectory_factory))
