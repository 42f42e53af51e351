"""PointerPolicy: exact factored distribution, action encoding, protocol, learning."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from synthetic_phone import RESULTS_SCREEN, SEARCH_SCREEN, observation

from android_gym.actions import Action, ActionType
from distrl_agent.policies.base import (
    Policy,
    PolicyAction,
    load_trainable_state,
    save_trainable_state,
)
from distrl_agent.policies.pointer import PointerConfig, PointerPolicy
from distrl_agent.policies.pointer_space import (
    DIRECTIONS,
    Choice,
    Kind,
    PointerState,
    mine_phrases,
    split_typed_text,
)
from distrl_agent.trajectory import HISTORY_KEY

SMALL = PointerConfig(
    dim=32, layers=1, buckets=1 << 12, max_span=4, phrases=("price", "weather in")
)


def _state(rng, xml=SEARCH_SCREEN, **info_extra) -> tuple[dict, dict, PointerState]:
    obs, info = observation(rng, xml)
    info.update(info_extra)
    state = PointerState.from_env(
        obs, info, max_words=32, max_elements=48, history=4, phrases=SMALL.phrases, max_span=4
    )
    return obs, info, state


def _all_choices(state: PointerState, max_span: int) -> list[Choice]:
    choices = [Choice(Kind.TAP, i) for i in range(len(state.elements))]
    choices += [Choice(Kind.SWIPE, d) for d in range(len(DIRECTIONS))]
    n = len(state.words)
    phrases = range(len(state.phrases) + 1)
    choices += [
        Choice(Kind.TYPE, i, j, p, q)
        for i in range(n)
        for j in range(i, min(n, i + max_span))
        for p in phrases
        for q in phrases
    ]
    choices += [
        Choice(k) for k in (Kind.BACK, Kind.HOME, Kind.ENTER, Kind.COMPLETE, Kind.IMPOSSIBLE)
    ]
    return choices


def test_probabilities_sum_to_one_and_entropy_is_exact(rng):
    policy = PointerPolicy(SMALL, seed=1)
    _, _, state = _state(rng)
    with torch.no_grad():
        out = policy.forward([state])
        choices = _all_choices(state, SMALL.max_span)
        expanded = {k: v.expand(len(choices), *v.shape[1:]) for k, v in out.items()}
        log_probs = policy.log_prob(expanded, choices).double()
        entropy = policy.entropy(out).double()
    assert torch.exp(log_probs).sum().item() == pytest.approx(1.0, abs=1e-5)
    assert entropy.item() == pytest.approx(-(log_probs.exp() * log_probs).sum().item(), rel=1e-4)


def test_state_reads_instruction_elements_and_history(rng):
    _, _, state = _state(rng, **{HISTORY_KEY: [Action.tap(0.1, 0.1).to_autoui(), "garbage"]})
    assert [w for w, _, _ in state.words] == ["What's", "the", "news", "in", "Chile", "?"]
    labels = [e.label for e in state.elements]
    assert labels == ["Search or type web address", "News", "Weather", "More options", ""]
    assert state.history_kinds == [int(Kind.TAP), len(Kind)]
    news = labels.index("News")
    assert state.flags[news, -2] == 1.0  # every word of "News" is in the instruction


@pytest.mark.parametrize(
    "action",
    [
        Action.tap(0.15, 0.5),
        Action.scroll("down"),
        Action.scroll("up"),
        Action.scroll("left"),
        Action.scroll("right"),
        Action.type_text("news in Chile"),
        Action.type_text("What's the news"),
        Action.type_text("weather in Chile"),
        Action.type_text("weather in Chile price"),
        Action.key("PRESS_BACK"),
        Action.key("PRESS_ENTER"),
        Action.key("STATUS_TASK_COMPLETE"),
    ],
)
def test_encode_then_decode_gives_back_the_action(rng, action):
    _, _, state = _state(rng)
    decoded = state.decode(state.encode(action))
    if action.type is ActionType.DUAL_POINT and action.is_tap:
        assert decoded.is_tap and state.element_at(decoded.touch) == state.element_at(action.touch)
    else:
        assert decoded == action


def test_encode_projects_off_grid_actions(rng):
    _, _, state = _state(rng)
    assert state.encode(Action.tap(0.99, 0.01)).kind is Kind.TAP  # nowhere: nearest centre
    inner = state.encode(Action.tap(0.23, 0.25))  # inside "News", itself inside the frame
    assert state.elements[inner.sub].label == "News"
    unknown = state.decode(state.encode(Action.type_text("cheap flights Chile")))
    assert unknown == Action.type_text("Chile")  # unknown phrases are dropped, the span kept


def test_split_typed_text_and_phrase_mining():
    words = ["What's", "the", "forecast", "for", "New", "York", "?"]
    assert split_typed_text(words, "weather in New York") == ("weather in", (4, 5), "")
    assert split_typed_text(words, "new york weather") == ("", (4, 5), "weather")
    assert split_typed_text(words, "Paris") == ("", None, "")
    examples = [
        ("What's the forecast for Paris?", "weather in Paris"),
        ("What's the forecast for Rome?", "weather in Rome"),
        ("How much is the Kindle?", "Kindle price"),
        ("Open Chrome", "zzz"),
    ]
    assert mine_phrases(examples) == ("price", "weather in")
    assert mine_phrases(examples, limit=1) == ("weather in",)


def test_act_and_evaluate_follow_the_protocol(rng):
    policy = PointerPolicy(SMALL, seed=2)
    assert isinstance(policy, Policy)
    obs, info = observation(rng)
    single = policy.act(obs, info)
    assert isinstance(single, PolicyAction) and Action.parse(single.text) == single.action
    batch_obs, batch_info = zip(
        *[observation(rng, xml) for xml in (SEARCH_SCREEN, RESULTS_SCREEN, SEARCH_SCREEN)],
        strict=True,
    )
    decisions = policy.act(list(batch_obs), list(batch_info))
    evaluation = policy.evaluate(list(batch_obs), list(batch_info), [d.text for d in decisions])
    np.testing.assert_allclose(
        evaluation.log_probs.detach().numpy(), [d.log_prob for d in decisions], atol=1e-5
    )
    assert (
        evaluation.features.shape == (3, policy.features_dim) and evaluation.log_probs.requires_grad
    )
    assert torch.all(evaluation.entropies > 0)


def test_sampling_is_seeded_and_greedy_is_deterministic(rng):
    obs, info = observation(rng)
    runs = [[PointerPolicy(SMALL, seed=3).act(obs, info).text for _ in range(5)] for _ in range(2)]
    assert runs[0] == runs[1]
    policy = PointerPolicy(SMALL, seed=3)
    assert len({policy.act(obs, info, greedy=True).text for _ in range(4)}) == 1


def test_trainable_state_moves_a_replica(rng):
    source, replica = PointerPolicy(SMALL, seed=4), PointerPolicy(SMALL, seed=5)
    obs, info = observation(rng)
    text = Action.tap(0.15, 0.5).to_autoui()
    assert source.evaluate([obs], [info], [text]).log_probs.item() != pytest.approx(
        replica.evaluate([obs], [info], [text]).log_probs.item()
    )
    replica.load_trainable_state(source.trainable_state())
    assert source.evaluate([obs], [info], [text]).log_probs.item() == pytest.approx(
        replica.evaluate([obs], [info], [text]).log_probs.item(), abs=1e-6
    )


def test_trainable_state_round_trips_through_safetensors(tmp_path):
    policy = PointerPolicy(SMALL, seed=4)
    save_trainable_state(policy.trainable_state(), tmp_path / "state.safetensors")
    loaded = load_trainable_state(tmp_path / "state.safetensors")
    assert loaded.keys() == policy.trainable_state().keys()
    assert all(torch.equal(loaded[k], v) for k, v in policy.trainable_state().items())


def test_screenshot_branch_reads_the_frame(rng):
    policy = PointerPolicy(
        PointerConfig(dim=32, layers=1, buckets=1 << 12, use_screenshot=True), seed=6
    )
    obs, info = observation(rng)
    dark = {**obs, "screenshot": np.zeros_like(obs["screenshot"])}
    text = [Action.key("PRESS_BACK").to_autoui()]
    a = policy.evaluate([obs], [info], text).log_probs.item()
    b = policy.evaluate([dark], [info], text).log_probs.item()
    assert a != pytest.approx(b)


def test_no_elements_and_no_words_rule_out_tap_and_type(rng):
    policy = PointerPolicy(SMALL, seed=7)
    obs, info = observation(rng, '<hierarchy rotation="0"></hierarchy>', instruction="")
    for _ in range(20):
        decision = policy.act(obs, info)
        assert decision.action.type is not ActionType.TYPE and not decision.action.is_tap
