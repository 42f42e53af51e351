"""A-RIDE: Retrace against a direct sum and its identities, the losses' gradients, priorities,
and the update step on the pointer policy."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from synthetic_phone import set_on_policy

from distrl_agent.algorithms.aride import (
    ARIDE,
    ARIDEConfig,
    actor_loss,
    critic_loss,
    retrace_targets,
    trajectory_priority,
)
from distrl_agent.algorithms.batch import TrajectoryBatch
from distrl_agent.critics import StepCritic, TrajectoryCritic
from distrl_agent.policies.pointer import PointerConfig, PointerPolicy
from distrl_agent.replay import PrioritizedReplay


def direct_retrace(r, v, boot, disc, log_rho, lambda_, rho_bar, c_bar):
    """vs_t - V_t = sum_k (prod_{i=t}^{k-1} disc_i c_i) delta_k, written as explicit loops."""
    T = len(r)
    rho = np.exp(log_rho)
    values = [*v, boot]
    delta = [min(rho_bar, rho[k]) * (r[k] + disc[k] * values[k + 1] - values[k]) for k in range(T)]
    c = [lambda_ * min(c_bar, rho[i]) for i in range(T)]
    vs = []
    for t in range(T):
        total, trace = 0.0, 1.0
        for k in range(t, T):
            total += trace * delta[k]
            trace *= disc[k] * c[k]
        vs.append(v[t] + total)
    next_vs = [*vs[1:], boot]
    adv = [min(rho_bar, rho[t]) * (r[t] + disc[t] * next_vs[t] - v[t]) for t in range(T)]
    return np.array(vs), np.array(adv)


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    T=st.integers(1, 8),
    lambda_=st.floats(0, 1),
    rho_bar=st.floats(0.5, 2.0),
    c_bar=st.floats(0.5, 2.0),
)
def test_retrace_matches_direct_sum(data, T, lambda_, rho_bar, c_bar):
    floats = st.floats(-2, 2)
    r = data.draw(st.lists(floats, min_size=T, max_size=T))
    v = data.draw(st.lists(floats, min_size=T, max_size=T))
    log_rho = data.draw(st.lists(st.floats(-3, 3), min_size=T, max_size=T))
    disc = data.draw(st.lists(st.sampled_from([0.0, 0.5, 0.9, 0.99]), min_size=T, max_size=T))
    boot = data.draw(floats)
    vs, adv = retrace_targets(
        torch.tensor(r, dtype=torch.float64),
        torch.tensor(v, dtype=torch.float64),
        torch.tensor(boot, dtype=torch.float64),
        torch.tensor(disc, dtype=torch.float64),
        torch.tensor(log_rho, dtype=torch.float64),
        lambda_=lambda_,
        rho_bar=rho_bar,
        c_bar=c_bar,
    )
    expected_vs, expected_adv = direct_retrace(r, v, boot, disc, log_rho, lambda_, rho_bar, c_bar)
    np.testing.assert_allclose(vs.numpy(), expected_vs, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(adv.numpy(), expected_adv, rtol=1e-9, atol=1e-9)


def _random_inputs(shape, seed=0):
    g = torch.Generator().manual_seed(seed)
    rewards = torch.rand(shape, generator=g, dtype=torch.float64)
    values = torch.rand(shape, generator=g, dtype=torch.float64)
    boot = torch.rand(shape[:-1], generator=g, dtype=torch.float64)
    dones = torch.rand(shape, generator=g) < 0.2
    discounts = 0.9 * (1.0 - dones.double())
    return rewards, values, boot, discounts


def test_on_policy_lambda_one_gives_bootstrapped_discounted_return():
    rewards, values, boot, discounts = _random_inputs((3, 2, 7))
    vs, adv = retrace_targets(
        rewards, values, boot, discounts, torch.zeros_like(rewards), lambda_=1.0
    )
    expected = torch.zeros_like(rewards)
    running = boot.clone()
    for t in range(6, -1, -1):
        running = rewards[..., t] + discounts[..., t] * running
        expected[..., t] = running
    torch.testing.assert_close(vs, expected)
    torch.testing.assert_close(adv, expected - values)


def test_lambda_zero_gives_one_step_target():
    rewards, values, boot, discounts = _random_inputs((4, 6), seed=1)
    next_values = torch.cat([values[:, 1:], boot[:, None]], 1)
    vs, _ = retrace_targets(
        rewards, values, boot, discounts, torch.zeros_like(rewards), lambda_=0.0
    )
    torch.testing.assert_close(vs, rewards + discounts * next_values)
    log_rhos = torch.randn(4, 6, generator=torch.Generator().manual_seed(2), dtype=torch.float64)
    vs, _ = retrace_targets(rewards, values, boot, discounts, log_rhos, lambda_=0.0, rho_bar=1.0)
    clipped = torch.exp(log_rhos).clamp(max=1.0)
    torch.testing.assert_close(vs, values + clipped * (rewards + discounts * next_values - values))


def test_retrace_returns_no_gradient():
    rewards, values, boot, discounts = _random_inputs((2, 5), seed=3)
    values.requires_grad_(True)
    log_rhos = torch.zeros(2, 5, requires_grad=True, dtype=torch.float64)
    vs, adv = retrace_targets(rewards, values, boot, discounts, log_rhos)
    assert not vs.requires_grad and not adv.requires_grad


class Categorical(torch.nn.Module):
    """A one-state policy with exact categorical entropy."""

    def __init__(self, k: int = 5) -> None:
        super().__init__()
        self.logits = torch.nn.Parameter(torch.linspace(-1, 1, k))

    def log_prob(self, action: int) -> torch.Tensor:
        return F.log_softmax(self.logits, -1)[action]

    def entropy(self) -> torch.Tensor:
        log_p = F.log_softmax(self.logits, -1)
        return -(log_p.exp() * log_p).sum()


def _step(
    policy: Categorical, advantage: float, invalid: bool, beta: float, lambda_invalid: float
) -> None:
    log_prob = policy.log_prob(2)[None]
    loss = actor_loss(
        log_prob,
        log_prob.detach(),
        torch.tensor([advantage]),
        policy.entropy()[None],
        torch.tensor([float(invalid)]),
        beta=beta,
        lambda_invalid=lambda_invalid,
    )
    policy.zero_grad()
    loss.backward()
    with torch.no_grad():
        policy.logits -= 0.5 * policy.logits.grad


@pytest.mark.parametrize("advantage", [1.0, -1.0])
def test_policy_gradient_term_follows_the_advantage_sign(advantage):
    policy = Categorical()
    before = policy.log_prob(2).item()
    _step(policy, advantage, invalid=False, beta=0.0, lambda_invalid=0.0)
    assert np.sign(policy.log_prob(2).item() - before) == np.sign(advantage)


def test_invalid_action_term_has_gradient_that_lowers_the_flagged_action():
    policy = Categorical()
    before = policy.log_prob(2).item()
    _step(policy, 0.0, invalid=True, beta=0.0, lambda_invalid=1.0)
    assert policy.logits.grad.abs().sum() > 0
    assert policy.log_prob(2).item() < before - 1e-3
    unflagged = Categorical()
    _step(unflagged, 0.0, invalid=False, beta=0.0, lambda_invalid=1.0)
    assert unflagged.logits.grad.abs().sum() == 0


def test_entropy_bonus_raises_the_real_entropy():
    policy = Categorical()
    before = policy.entropy().item()
    _step(policy, 0.0, invalid=False, beta=1.0, lambda_invalid=0.0)
    assert policy.entropy().item() > before


@pytest.mark.parametrize("advantage", [1.0, -1.0])
def test_ratio_clip_stops_replays_from_pushing_an_answer_past_the_trust_region(advantage):
    """Replaying one step many times: plain A-RIDE drives pi(a) towards 1 or 0; with PPO's
    trust region the policy gradient stops once the ratio leaves [1 - eps, 1 + eps]."""

    def replay(ratio_clip: float) -> float:
        policy = Categorical()
        behaviour = policy.log_prob(2).detach()[None]
        optimiser = torch.optim.SGD(policy.parameters(), lr=0.05)
        for _ in range(400):
            loss = actor_loss(
                policy.log_prob(2)[None],
                behaviour,
                torch.tensor([advantage]),
                policy.entropy()[None],
                torch.tensor([0.0]),
                beta=0.0,
                lambda_invalid=0.0,
                ratio_clip=ratio_clip,
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        return float((policy.log_prob(2) - behaviour).detach().exp())

    plain, clipped = replay(0.0), replay(0.2)
    if advantage > 0:
        assert plain > 2.0 and 1.2 <= clipped < 1.25
    else:
        assert plain < 0.2 and 0.75 < clipped <= 0.8


def test_ratio_clip_leaves_the_gradient_inside_the_trust_region_unchanged():
    log_probs = torch.tensor([-1.0, -1.0, -1.0, -1.0], requires_grad=True)
    behaviour = torch.tensor([-1.1, -0.5, -1.5, -1.0])  # rho 1.11, 0.61, 1.65, 1.0
    adv = torch.tensor([1.0, -1.0, -1.0, 1.0])
    zeros = torch.zeros(4)

    def gradient(ratio_clip: float) -> torch.Tensor:
        log_probs.grad = None
        actor_loss(
            log_probs,
            behaviour,
            adv,
            zeros,
            zeros,
            beta=0.0,
            lambda_invalid=0.0,
            ratio_clip=ratio_clip,
        ).backward()
        return log_probs.grad.clone()

    plain, clipped = gradient(0.0), gradient(0.2)
    torch.testing.assert_close(clipped, plain * torch.tensor([1.0, 0.0, 1.0, 1.0]))


def test_actor_loss_ignores_padding_and_uses_weights():
    log_probs = torch.tensor([[-1.0, -2.0, -3.0]])
    adv = torch.tensor([[1.0, 2.0, 99.0]])
    ent = torch.tensor([[0.5, 0.5, 99.0]])
    invalid = torch.tensor([[0.0, 1.0, 1.0]])
    mask = torch.tensor([[1.0, 1.0, 0.0]])
    behaviour = torch.tensor([[-1.0, -2.5, -3.0]])
    loss = actor_loss(
        log_probs, behaviour, adv, ent, invalid, beta=0.1, lambda_invalid=0.5, mask=mask
    )
    expected = -(1 * -1 + 2 * -2) / 2 - 0.1 * 0.5 + 0.5 * np.log1p(np.exp(0.5)) / 2
    assert loss.item() == pytest.approx(expected, rel=1e-5)
    weighted = actor_loss(
        log_probs,
        behaviour,
        adv,
        ent,
        invalid,
        beta=0.0,
        lambda_invalid=0.0,
        mask=mask,
        weights=torch.tensor([[3.0, 1.0, 1.0]]),
    )
    assert weighted.item() == pytest.approx(-(3 * 1 * -1 + 1 * 2 * -2) / 4)


def test_critic_loss_gradient_is_the_value_error():
    values = torch.tensor([0.2, 0.9, 0.5], requires_grad=True)
    targets = torch.tensor([1.0, 0.0, 0.5], requires_grad=True)
    critic_loss(values, targets).backward()
    torch.testing.assert_close(values.grad, (values - targets).detach() / 3)
    assert targets.grad is None


def test_trajectory_priority_is_the_weighted_masked_mean():
    td = torch.tensor([[0.5, -1.5, 9.0], [2.0, 0.0, 0.0]])
    rhos = torch.tensor([[1.0, 0.5, 9.0], [0.2, 0.0, 0.0]])
    ent = torch.tensor([[0.1, 0.3, 9.0], [1.0, 0.0, 0.0]])
    mask = torch.tensor([[1.0, 1.0, 0.0], [1.0, 0.0, 0.0]])
    p = trajectory_priority(td, rhos, ent, w1=0.6, w2=0.2, w3=0.2, mask=mask)
    torch.testing.assert_close(
        p, torch.tensor([0.6 * 1.0 + 0.2 * 0.75 + 0.2 * 0.2, 0.6 * 2.0 + 0.2 * 0.2 + 0.2 * 1.0])
    )


def _learner(**config) -> tuple[PointerPolicy, ARIDE]:
    policy = PointerPolicy(PointerConfig(dim=32, layers=1, buckets=1 << 12), seed=0)
    aride = ARIDE(
        policy,
        StepCritic(policy.features_dim, 32),
        TrajectoryCritic(16, 32, 1 << 12),
        ARIDEConfig(actor_lr=3e-3, critic_lr=3e-3, **config),
    )
    return policy, aride


def test_update_returns_losses_diagnostics_and_priorities(trajectory_factory):
    policy, aride = _learner()
    batch = [trajectory_factory(length=n, success=n % 2 == 0) for n in (2, 4, 5)]
    set_on_policy(policy, batch)
    result = aride.update(batch, np.array([1.0, 0.5, 0.25]))
    assert set(result.losses) == {"actor", "critic", "trajectory_critic"}
    d = result.diagnostics
    assert d["rho_mean"] == pytest.approx(1.0, abs=1e-4) and d["rho_clipped_fraction"] == 0.0
    assert d["transitions"] == 11 and d["entropy_mean"] > 0 and d["td_error_abs_mean"] > 0
    assert result.priorities.shape == (3,) and np.all(np.isfinite(result.priorities))
    assert d["priority_min"] <= d["priority_mean"] <= d["priority_max"]


def test_update_without_behaviour_log_probs_is_refused(trajectory_factory):
    _, aride = _learner()
    with pytest.raises(ValueError, match="behaviour log-probs"):
        aride.update([trajectory_factory(log_probs=False)])


def test_stale_behaviour_log_probs_show_up_as_clipped_ratios(trajectory_factory):
    policy, aride = _learner()
    batch = [trajectory_factory()]
    set_on_policy(policy, batch)
    for step in batch[0].steps:
        step.behaviour_log_prob -= 1.0  # the behaviour policy liked these actions less
    d = aride.update(batch).diagnostics
    assert d["rho_mean"] == pytest.approx(np.e, rel=1e-3) and d["rho_clipped_fraction"] == 1.0


def test_train_step_refreshes_only_sampled_priorities(trajectory_factory):
    policy, aride = _learner()
    replay = PrioritizedReplay(capacity=100, seed=0)
    trajectories = [trajectory_factory(length=n) for n in (2, 3, 4, 5, 2, 3)]
    set_on_policy(policy, trajectories)
    ids = [replay.add(t, 10.0 + i) for i, t in enumerate(trajectories)]
    before = replay.priorities(ids)
    _, sampled, _ = replay.sample(2, np.random.default_rng(5))  # what train_step will draw
    result = aride.train_step(replay, 2, np.random.default_rng(5))
    after = replay.priorities(ids)
    changed = {i for i, b, a in zip(ids, before, after, strict=True) if b != a}
    assert changed == set(sampled.tolist())
    expected = dict(zip(sampled.tolist(), result.priorities.tolist(), strict=True))
    assert all(after[ids.index(i)] == pytest.approx(p) for i, p in expected.items())


def test_successful_on_policy_data_raises_the_taken_actions_probability(trajectory_factory):
    policy, aride = _learner(beta_entropy=0.0)
    batch = [trajectory_factory() for _ in range(4)]
    obs, info = batch[0].policy_inputs()
    texts = [s.action_text for s in batch[0].steps]
    before = policy.evaluate(obs, info, texts).log_probs.sum().item()
    for _ in range(15):
        set_on_policy(policy, batch)
        aride.update(batch)
    assert policy.evaluate(obs, info, texts).log_probs.sum().item() > before + 1.0


def test_invalid_term_pushes_flagged_actions_down_harder(trajectory_factory):
    drops = {}
    for lambda_invalid in (0.0, 5.0):
        policy, aride = _learner(beta_entropy=0.0, lambda_invalid=lambda_invalid)
        batch = [trajectory_factory(success=False, invalid_at=(0,)) for _ in range(2)]
        obs, info = batch[0].policy_inputs()
        text = [batch[0].steps[0].action_text]
        before = policy.evaluate(obs[:1], info[:1], text).log_probs.item()
        for _ in range(5):
            set_on_policy(policy, batch)
            aride.update(batch)
        drops[lambda_invalid] = before - policy.evaluate(obs[:1], info[:1], text).log_probs.item()
    assert drops[5.0] > drops[0.0] + 0.3


def test_truncated_trajectory_bootstraps_from_its_final_observation(trajectory_factory):
    """A horizon cut is not a termination: the critic's target at the last step is
    r + gamma * V(final observation), as Retrace with that bootstrap value gives it."""
    policy, aride = _learner(lambda_=0.9)
    cut = trajectory_factory(length=4, success=False, truncated=True)
    padded = trajectory_factory(length=6, success=True)  # a longer one: padding around the cut
    set_on_policy(policy, [cut, padded])
    batch = TrajectoryBatch.build([cut], policy)
    with torch.no_grad():
        values = aride.step_critic(batch.critic_features())[None, :]
        final_value = aride.step_critic(batch.final_features)
    assert final_value.shape == (1,) and bool(batch.truncated[0])
    gamma = aride.config.gamma
    vs, _ = retrace_targets(
        batch.rewards,
        values,
        final_value,
        torch.full_like(values, gamma),
        torch.zeros_like(values),
        lambda_=0.9,
    )
    expected = 0.5 * float(((values - vs) ** 2).mean())
    _, twin = _learner(lambda_=0.9)
    assert aride.update([cut]).losses["critic"] == pytest.approx(expected, rel=1e-5)
    # the same steps as a termination: no bootstrap, another target
    cut.steps[-1].truncated = False
    cut.final_observation = None
    assert twin.update([cut]).losses["critic"] != pytest.approx(expected, rel=1e-3)


def test_truncated_trajectory_in_a_padded_batch_gets_its_own_bootstrap(trajectory_factory):
    policy, _ = _learner()
    cut = trajectory_factory(length=3, success=False, truncated=True)
    long = trajectory_factory(length=6, success=False)
    batch = TrajectoryBatch.build([long, cut], policy)
    assert batch.truncated.tolist() == [False, True]
    values = batch.final_values(lambda f: torch.full((f.shape[0],), 0.5))
    assert values.tolist() == [0.0, 0.5]
    placed = batch.last_step(values)
    assert placed[1].tolist() == [0.0, 0.0, 0.5, 0.0, 0.0, 0.0] and placed[0].sum() == 0
    assert batch.dones[1, 2] == 1 and batch.dones[0, 5] == 1


def test_trajectory_filter_keeps_the_actor_on_the_surprising_trajectories(trajectory_factory):
    policy, aride = _learner(trajectory_filter=0.5)
    batch = [trajectory_factory(success=s, length=3) for s in (False, True, False, True)]
    set_on_policy(policy, batch)
    result = aride.update(batch)
    # one instruction: V_traj is the same for all, so the two successes are the most surprising
    assert result.diagnostics["actor_trajectories"] == 2
    _, everyone = _learner(trajectory_filter=1.0)
    assert everyone.update(batch).diagnostics["actor_trajectories"] == 4
