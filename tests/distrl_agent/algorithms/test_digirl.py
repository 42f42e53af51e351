"""DigiRL as its code trains: hard critic labels, the replay-wide top-10% curriculum after the
instruction critic's update, the advantage of its code, on any device."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from distrl_agent.algorithms.batch import TrajectoryBatch
from distrl_agent.algorithms.digirl import (
    DigiRL,
    DigiRLConfig,
    curriculum_cutoff,
    digirl_advantages,
)
from distrl_agent.algorithms.digirl_batch import doubly_robust_advantages
from distrl_agent.critics import StepCritic, TrajectoryCritic
from distrl_agent.policies.pointer import PointerConfig, PointerPolicy
from distrl_agent.replay import PrioritizedReplay


def _digirl(**config) -> tuple[PointerPolicy, DigiRL]:
    policy = PointerPolicy(PointerConfig(dim=32, layers=1, buckets=1 << 12))
    return policy, DigiRL(
        policy,
        StepCritic(policy.features_dim, 32),
        TrajectoryCritic(16, 32, 1 << 12),
        DigiRLConfig(actor_lr=3e-3, critic_lr=1e-2, **config),
    )


def test_advantage_is_the_one_of_digirls_code():
    rewards = torch.tensor([[0.0, 0.0, 1.0], [0.0, 0.0, 0.0]])
    values = torch.tensor([[0.2, 0.5, 0.9], [0.4, 0.3, 0.0]])
    returns = torch.tensor([[0.25, 0.5, 1.0], [0.0, 0.0, 0.0]])
    mask = torch.tensor([[1.0, 1.0, 1.0], [1.0, 1.0, 0.0]])
    final = torch.tensor([0.0, 0.7])  # the second one was truncated: V of its final screen
    adv = digirl_advantages(rewards, values, final, returns, mask, torch.tensor([3, 2]), 0.05)
    expected = torch.tensor(
        [
            [0.5 - 0.2 - 0.05 + 0.25, 0.9 - 0.5 - 0.05 + 0.5, 0.0 - 0.9 - 0.05 + 1 + 1],
            [0.3 - 0.4 - 0.05, 0.7 - 0.3 - 0.05, 0.0],
        ]
    )
    torch.testing.assert_close(adv, expected)


def test_advantages_never_mix_devices():
    """The meta device stands in for CUDA: an op mixing it with a CPU tensor raises, as a
    CUDA tensor meeting a CPU tensor does (the old advantage built its positions on the CPU)."""
    meta = torch.device("meta")
    rewards = torch.zeros(2, 3, device=meta)
    mask = torch.ones(2, 3, device=meta)
    out = digirl_advantages(
        rewards, rewards, torch.zeros(2, device=meta), rewards, mask, torch.tensor([3, 3]), 0.05
    )
    assert out.device == meta
    assert doubly_robust_advantages(rewards, rewards, mask, 0.5).device == meta


def test_curriculum_cutoff_keeps_the_top_tenth_with_ties():
    surprise = np.array([-0.2] * 18 + [0.8, 0.9])
    assert curriculum_cutoff(surprise, 0.1).tolist() == [18, 19]
    assert curriculum_cutoff(np.array([0.0] * 10), 0.1).tolist() == list(range(10))


def test_step_critic_learns_hard_labels(trajectory_factory):
    _, digirl = _digirl()
    batch = [trajectory_factory(success=True, length=5), trajectory_factory(success=False)]
    view = TrajectoryBatch.build(batch, digirl.policy)
    with torch.no_grad():
        logits = digirl.step_critic.logits(view.critic_features())
    hard = torch.tensor([1.0] * 5 + [0.0] * len(batch[1]))
    soft = torch.from_numpy(np.concatenate([t.discounted_returns(0.5) for t in batch]))
    result = digirl.update(batch)
    expected = float(F.binary_cross_entropy_with_logits(logits, hard))
    assert result.losses["critic"] == pytest.approx(expected, rel=1e-5)
    assert result.losses["critic"] != pytest.approx(
        float(F.binary_cross_entropy_with_logits(logits, soft)), rel=1e-3
    )


def test_curriculum_is_the_top_tenth_of_the_whole_replay(trajectory_factory):
    _, digirl = _digirl()
    replay: PrioritizedReplay = PrioritizedReplay(10_000, alpha=0.0, seed=0)
    trajectories = [trajectory_factory(success=i in (3, 11)) for i in range(20)]
    for t in trajectories:
        replay.add(t)
    digirl.prepare(replay)
    assert [id(t) for t in digirl.pool] == [id(trajectories[3]), id(trajectories[11])]
    # the actor learns from the pool, whatever the sampled batch holds
    result = digirl.train_step(replay, 4, np.random.default_rng(0))
    assert result.diagnostics["curriculum_size"] == 2


def test_instruction_critic_is_trained_before_filtering(trajectory_factory):
    _, digirl = _digirl(trajectory_critic_epochs=40)
    replay: PrioritizedReplay = PrioritizedReplay(10_000, alpha=0.0, seed=0)
    easy = [trajectory_factory(success=True, instruction="easy task") for _ in range(6)]
    hard = [trajectory_factory(success=False, instruction="hard task") for _ in range(6)]
    for t in [*easy, *hard]:
        replay.add(t)
    with torch.no_grad():
        before = digirl.trajectory_critic(["easy task", "hard task"]).numpy()
    digirl.prepare(replay)
    with torch.no_grad():
        after = digirl.trajectory_critic(["easy task", "hard task"]).numpy()
    assert after[0] > before[0] and after[1] < before[1]
    # the pool was filtered with the critic as it is after its update
    assert [id(t) for t in digirl.pool] == [id(t) for t in digirl.curriculum([*easy, *hard])]
    # nothing new in the replay: no second fit
    digirl.prepare(replay)
    with torch.no_grad():
        np.testing.assert_array_equal(
            digirl.trajectory_critic(["easy task", "hard task"]).numpy(), after
        )


def test_no_step_above_the_margin_leaves_the_actor_unchanged(trajectory_factory):
    policy, digirl = _digirl(advantage_margin=10.0)
    before = {k: v.clone() for k, v in policy.trainable_state().items()}
    result = digirl.update([trajectory_factory(success=False)])
    assert result.diagnostics["actor_steps"] == 0 and result.diagnostics["actor_grad_norm"] == 0
    after = policy.trainable_state()
    assert all(torch.equal(before[k], after[k]) for k in before)


def test_successful_steps_are_imitated(trajectory_factory):
    policy, digirl = _digirl()
    success = trajectory_factory(success=True)
    first = digirl.update([success])
    assert first.diagnostics["actor_steps"] > 0
    view = TrajectoryBatch.build([success], policy)
    before = float(view.log_probs.detach().sum())
    for _ in range(20):
        digirl.update([success])
    view = TrajectoryBatch.build([success], policy)
    assert float(view.log_probs.detach().sum()) > before
