"""Exact behaviour log-probs of the VLM policy: what `act` records is the log-probability of
exactly the ids it sampled under exactly the distribution that sampled them, and the learner's
`evaluate` computes the same number for every architecture family the docs name. References
are computed here from the raw Hugging Face model, one row at a time, without the policy's
scoring code."""

from __future__ import annotations

import importlib.util

import pytest
import torch
import torch.nn.functional as F
from synthetic_phone import RESULTS_SCREEN, SEARCH_SCREEN, observation
from transformers import GenerationConfig, PaliGemmaConfig

from android_gym.actions import Action
from distrl_agent.policies.autoui_grammar import token_texts
from distrl_agent.policies.random_vlm import build_random_vlm
from distrl_agent.policies.vlm import VLMConfig, VLMPolicy
from distrl_agent.trajectory import HISTORY_KEY

pytestmark = pytest.mark.filterwarnings(
    "ignore:`is_gradient_checkpointing` is deprecated:FutureWarning"
)
NEEDS_TORCHVISION = pytest.mark.skipif(
    importlib.util.find_spec("torchvision") is None,
    reason="transformers builds Qwen-VL processors (they carry a video processor) only with "
    "torchvision, which has no build for this machine's torch",
)
ARCHITECTURES = [
    "idefics3",
    "llava",
    *(pytest.param(f, marks=NEEDS_TORCHVISION) for f in ("qwen2_vl", "qwen2_5_vl", "qwen3_vl")),
]


@pytest.fixture(scope="module")
def fussy_checkpoint(tmp_path_factory):
    """An Idefics3 checkpoint whose generation config asks for sampling extras, as real
    checkpoints' do: the policy must sample without them."""
    path = build_random_vlm(tmp_path_factory.mktemp("vlm") / "fussy", "tiny", seed=0)
    extras = GenerationConfig.from_pretrained(path)
    extras.update(
        do_sample=True, temperature=0.5, top_k=7, top_p=0.8, repetition_penalty=1.5, min_p=0.05
    )
    extras.save_pretrained(path)
    return path


def _batch(rng, n=3):
    pairs = [observation(rng, SEARCH_SCREEN if i % 2 == 0 else RESULTS_SCREEN) for i in range(n)]
    obs, info = (list(x) for x in zip(*pairs, strict=True))
    info[1][HISTORY_KEY] = [Action.tap(0.15, 0.5).to_autoui()]
    return obs, info


def _reference(policy: VLMPolicy, obs, info, ids: list[int]) -> tuple[float, float]:
    """log pi(ids) and the mean per-token entropy from one unpadded forward of the raw model:
    the softmax of the logits over the policy's temperature, or under constrained decoding that
    softmax renormalised over the tokens whose text keeps the answer in the AutoUI language
    (only stop tokens once it is complete)."""
    text, image = policy._prompt(obs, info)
    encoded = policy.processor(text=[text], images=[[image]], return_tensors="pt")
    prompt = encoded.pop("input_ids")
    encoded.pop("attention_mask")
    extra = {
        k: torch.cat([v, v.new_zeros(1, len(ids))], 1)
        for k, v in encoded.items()
        if k == "mm_token_type_ids"
    }
    rest = {k: v for k, v in encoded.items() if k not in extra}
    full = torch.cat([prompt, torch.tensor([ids])], 1)
    with torch.no_grad():
        logits = policy.model(input_ids=full, **extra, **rest).logits[0, prompt.shape[1] - 1 : -1]
    texts = token_texts(policy.tokenizer) if policy.config.constrained else []
    grammar, state = policy.grammar, policy.grammar.start
    total, entropy = 0.0, 0.0
    for position, token in enumerate(ids):
        row = logits[position].double() / policy.config.temperature
        if policy.config.constrained:
            allowed = torch.zeros_like(row, dtype=torch.bool)
            if grammar.is_done(state):
                allowed[policy.stop_ids] = True
            else:
                for candidate, piece in enumerate(texts[: len(row)]):
                    allowed[candidate] = bool(piece) and grammar.feed(state, piece) is not None
            row = row.masked_fill(~allowed, float("-inf"))
            if not grammar.is_done(state):
                state = grammar.feed(state, texts[token])
        log_p = F.log_softmax(row, -1)
        total += float(log_p[token])
        p = log_p.exp()
        entropy += float(-(p[p > 0] * log_p[p > 0]).sum())
    return total, entropy / len(ids)


@pytest.mark.parametrize("temperature", [1.0, 0.4])
@pytest.mark.parametrize("constrained", [False, True], ids=["free", "constrained"])
def test_behaviour_log_prob_is_that_of_the_sampled_ids(
    fussy_checkpoint, rng, constrained, temperature
):
    config = VLMConfig(
        max_new_tokens=40, max_text=8, constrained=constrained, temperature=temperature
    )
    policy = VLMPolicy.from_pretrained(fussy_checkpoint, config=config)
    obs, info = _batch(rng)
    decisions = policy.act(obs, info)
    for o, i, decision in zip(obs, info, decisions, strict=True):
        ids = list(decision.tokens)
        assert ids[-1] in policy.stop_ids or len(ids) == policy.config.max_new_tokens
        assert all(t not in policy.stop_ids for t in ids[:-1])
        if not constrained:  # the text is what the ids say (constrained: completed by grammar)
            decoded = policy.tokenizer.decode(ids, skip_special_tokens=True).strip()
            assert decision.text == decoded
        log_prob, entropy = _reference(policy, o, i, ids)
        assert decision.log_prob == pytest.approx(log_prob, abs=1e-4)
        evaluation = policy.evaluate([o], [i], [decision.text], [ids])
        assert evaluation.log_probs.item() == pytest.approx(log_prob, abs=1e-4)
        assert evaluation.entropies.item() == pytest.approx(entropy, abs=1e-4)


def _sampled_then_scored(acting: VLMPolicy, other: VLMPolicy, rng):
    """`acting` samples answers on a batch; both policies score them (no gradient). Returns the
    decisions, the two evaluations and the batch."""
    obs, info = _batch(rng)
    decisions = acting.act(obs, info)
    texts, ids = [d.text for d in decisions], [d.tokens for d in decisions]
    with torch.no_grad():
        scores = [policy.evaluate(obs, info, texts, ids) for policy in (acting, other)]
    return decisions, *scores, (obs, info)


def test_a_lower_temperature_scores_the_sharper_distribution_that_sampled(fussy_checkpoint, rng):
    """Answers sampled at temperature 0.4 are scored at 0.4, not at 1: the same ids are
    likelier and the distribution narrower than under the untempered softmax."""
    cold = VLMPolicy.from_pretrained(
        fussy_checkpoint, config=VLMConfig(max_new_tokens=40, max_text=8, temperature=0.4)
    )
    plain = VLMPolicy.from_pretrained(fussy_checkpoint, config=VLMConfig(max_new_tokens=40))
    decisions, tempered, untempered, _ = _sampled_then_scored(cold, plain, rng)
    behaviour = torch.tensor([d.log_prob for d in decisions])
    torch.testing.assert_close(tempered.log_probs, behaviour, atol=1e-4, rtol=0)
    assert torch.all(tempered.log_probs > untempered.log_probs)
    assert torch.all(tempered.entropies < untempered.entropies)


@pytest.mark.parametrize("temperature", [0, -1.0, float("nan"), float("inf")])
def test_a_temperature_that_is_not_positive_is_refused(temperature):
    with pytest.raises(ValueError, match="temperature must be a positive number"):
        VLMConfig(temperature=temperature)


def test_constrained_scoring_renormalises_over_the_grammar(fussy_checkpoint, rng):
    """The constrained policy's distribution is the allowed tokens' share, renormalised: each
    answer is likelier, and the next-token choice narrower, than under the free softmax."""
    config = VLMConfig(max_new_tokens=40, max_text=8)
    free = VLMPolicy.from_pretrained(fussy_checkpoint, config=config)
    constrained = VLMPolicy.from_pretrained(
        fussy_checkpoint, config=VLMConfig(max_new_tokens=40, max_text=8, constrained=True)
    )
    _, masked, plain, (obs, info) = _sampled_then_scored(constrained, free, rng)
    assert torch.all(masked.log_probs > plain.log_probs)
    assert torch.all(masked.entropies < plain.entropies)
    demo = Action.type_text("a text far longer than max_text allows").to_autoui()
    demo_score = constrained.evaluate(obs[:1], info[:1], [demo])  # scored, not -inf
    assert torch.isfinite(demo_score.log_probs).all()


@pytest.mark.parametrize("architecture", ARCHITECTURES)
def test_act_then_evaluate_gives_a_log_ratio_of_zero(architecture, rng, tmp_path):
    """The learner's score of a step equals the behaviour log-prob, for every architecture
    family, including multimodal rotary positions (Qwen-VL) whose image-aware positions the
    model computes itself. Weights of std 0.2 make positions matter: scoring Qwen2-VL with
    1-D positions, as before, is off by about 0.5 here (by 1e-4 at the default 0.02)."""
    path = build_random_vlm(
        tmp_path / architecture, "tiny", architecture=architecture, seed=1, init_std=0.2
    )
    policy = VLMPolicy.from_pretrained(path, config=VLMConfig(max_new_tokens=24))
    obs, info = _batch(rng)
    decisions = policy.act(obs, info)
    evaluation = policy.evaluate(
        obs, info, [d.text for d in decisions], [d.tokens for d in decisions]
    )
    behaviour = torch.tensor([d.log_prob for d in decisions])
    torch.testing.assert_close(evaluation.log_probs.detach(), behaviour, atol=1e-4, rtol=0)


def test_paligemma_is_refused_with_the_reason(tmp_path):
    PaliGemmaConfig().save_pretrained(tmp_path)
    with pytest.raises(ValueError, match="prefix-LM"):
        VLMPolicy.from_pretrained(tmp_path)
