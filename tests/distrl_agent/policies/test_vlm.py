"""VLMPolicy, fully offline: tiny random-weight checkpoints (Idefics3/SmolVLM and LLaVA
architectures) with a tokenizer trained on the fly are saved to disk and loaded through the
same `from_pretrained` users call."""

from __future__ import annotations

import os

import pytest
import torch
from synthetic_phone import RESULTS_SCREEN, SEARCH_SCREEN, observation

from android_gym.actions import Action
from distrl_agent.algorithms.filtered_bc import BehaviourCloning
from distrl_agent.policies.base import Policy
from distrl_agent.policies.random_vlm import build_random_vlm
from distrl_agent.policies.vlm import VLMConfig, VLMPolicy
from distrl_agent.trajectory import HISTORY_KEY

pytestmark = pytest.mark.filterwarnings(
    "ignore:`is_gradient_checkpointing` is deprecated:FutureWarning"
)


@pytest.fixture(scope="module", params=["idefics3", "llava"])
def checkpoint(request, tmp_path_factory):
    """A tiny checkpoint of each architecture (SmolVLM's and LLaVA's), saved to disk."""
    assert os.environ.get("HF_HUB_OFFLINE") == "1"  # nothing here may download
    directory = tmp_path_factory.mktemp("vlm") / request.param
    return build_random_vlm(directory, "tiny", architecture=request.param, seed=0)


def _policy(checkpoint, **config) -> VLMPolicy:
    return VLMPolicy.from_pretrained(
        checkpoint, config=VLMConfig(**{"max_new_tokens": 24, **config})
    )


def _batch(rng, n=3):
    pairs = [observation(rng, SEARCH_SCREEN if i % 2 == 0 else RESULTS_SCREEN) for i in range(n)]
    obs, info = (list(x) for x in zip(*pairs, strict=True))
    info[1][HISTORY_KEY] = [Action.tap(0.15, 0.5).to_autoui()]
    return obs, info


def test_act_scores_what_it_generates(checkpoint, rng):
    policy = _policy(checkpoint)
    assert isinstance(policy, Policy)
    assert policy.answer_lead == " "  # "Assistant:" is followed by a space in answers
    obs, info = _batch(rng)
    decisions = policy.act(obs, info)
    assert len(decisions) == 3 and all(isinstance(d.text, str) for d in decisions)
    evaluation = policy.evaluate(
        obs, info, [d.text for d in decisions], [d.tokens for d in decisions]
    )
    generation = policy.generate(obs, info)
    assert len(generation.texts) == 3
    assert 3 <= generation.generated <= 3 * policy.config.max_new_tokens
    torch.testing.assert_close(
        evaluation.log_probs.detach(),
        torch.tensor([d.log_prob for d in decisions]),
        atol=1e-4,
        rtol=1e-5,
    )


def test_log_probs_entropies_and_features(checkpoint, rng):
    policy = _policy(checkpoint)
    obs, info = _batch(rng)
    texts = [
        Action.tap(0.15, 0.5).to_autoui(),
        Action.type_text("news in Chile").to_autoui(),
        "garbage",
    ]
    evaluation = policy.evaluate(obs, info, texts)
    assert evaluation.log_probs.requires_grad and torch.all(evaluation.log_probs < 0)
    vocab = len(policy.tokenizer)
    assert torch.all(evaluation.entropies > 0) and torch.all(
        evaluation.entropies <= torch.log(torch.tensor(vocab)) + 1e-4
    )
    assert evaluation.features.shape == (3, policy.features_dim)
    # batching and padding change nothing: each row alone gives the same numbers
    for i in range(3):
        alone = policy.evaluate(obs[i : i + 1], info[i : i + 1], texts[i : i + 1])
        torch.testing.assert_close(
            alone.log_probs, evaluation.log_probs[i : i + 1], atol=1e-4, rtol=1e-4
        )
        torch.testing.assert_close(
            alone.entropies, evaluation.entropies[i : i + 1], atol=1e-4, rtol=1e-4
        )
    # the log-prob is the sum of the answer's token log-probs, end-of-turn included
    tokens = policy.tokenizer(texts[0], add_special_tokens=False)["input_ids"] + [
        policy.stop_ids[0]
    ]
    assert evaluation.log_probs[0].item() < 0 and len(tokens) > 1


def test_constrained_decoding_always_yields_valid_actions(checkpoint, rng):
    policy = _policy(checkpoint, constrained=True, max_new_tokens=40, max_text=16)
    obs, info = _batch(rng, 4)
    for _ in range(2):
        for decision in policy.act(obs, info):
            assert decision.action is not None and Action.parse(decision.text) == decision.action
    unconstrained = _policy(checkpoint).act(obs, info)
    assert any(d.action is None for d in unconstrained)  # random weights babble otherwise


def test_lora_step_changes_only_lora_weights(checkpoint, rng, trajectory_factory):
    policy = _policy(checkpoint)
    state = policy.trainable_state()
    assert state and all("lora_" in k for k in state)
    before = {k: v.clone() for k, v in policy.model.state_dict().items()}
    demo = trajectory_factory(length=2)
    obs, info = demo.policy_inputs()
    texts = [s.action_text for s in demo.steps]
    first = policy.evaluate(obs, info, texts).log_probs.sum().item()
    bc = BehaviourCloning(policy, lr=1e-2)
    for _ in range(3):
        bc.update([demo])
    after = policy.model.state_dict()
    changed = {k for k in before if not torch.equal(before[k], after[k])}
    assert changed and all("lora_" in k for k in changed)
    assert any("lora_B" in k for k in changed)
    assert policy.evaluate(obs, info, texts).log_probs.sum().item() > first


def test_adapter_save_load_and_broadcast(checkpoint, rng, tmp_path, trajectory_factory):
    policy = _policy(checkpoint)
    demo = trajectory_factory(length=2)
    BehaviourCloning(policy, lr=1e-2).update([demo])
    obs, info = demo.policy_inputs()
    texts = [s.action_text for s in demo.steps]
    expected = policy.evaluate(obs, info, texts).log_probs.detach()
    policy.save_adapter(tmp_path / "adapter")
    assert (tmp_path / "adapter" / "adapter_model.safetensors").exists()
    reloaded = VLMPolicy.from_pretrained(checkpoint, adapter=tmp_path / "adapter")
    torch.testing.assert_close(
        reloaded.evaluate(obs, info, texts).log_probs.detach(), expected, atol=1e-5, rtol=1e-5
    )
    replica = _policy(checkpoint)
    assert not torch.allclose(replica.evaluate(obs, info, texts).log_probs.detach(), expected)
    replica.load_trainable_state(policy.trainable_state())
    torch.testing.assert_close(
        replica.evaluate(obs, info, texts).log_probs.detach(), expected, atol=1e-5, rtol=1e-5
    )
    assert reloaded.trainable_parameters() and all(
        p.requires_grad for p in reloaded.trainable_parameters()
    )


def test_sampling_is_seeded(checkpoint, rng):
    obs, info = _batch(rng, 2)
    first = [d.text for d in _policy(checkpoint, seed=7).act(obs, info)]
    second = [d.text for d in _policy(checkpoint, seed=7).act(obs, info)]
    assert first == second
    state = torch.random.get_rng_state()
    _policy(checkpoint, seed=8).act(obs, info)  # neither loading nor sampling
    assert torch.equal(state, torch.random.get_rng_state())  # the global generator is untouched
