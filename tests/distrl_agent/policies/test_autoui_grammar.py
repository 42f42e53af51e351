"""Constrained decoding: the AutoUI automaton and the logits processor built on it."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from android_gym.actions import Action
from distrl_agent.policies.autoui_grammar import (
    AutoUIConstraint,
    AutoUIGrammar,
    GrammarMasks,
    token_texts,
)
from distrl_agent.policies.random_vlm import train_tokenizer

GRAMMAR = AutoUIGrammar(max_text=32)
coordinate = st.integers(0, 10_000).map(lambda n: n / 10_000)
actions = st.one_of(
    st.builds(
        lambda a, b, c, d: Action.swipe((a, b), (c, d)),
        coordinate,
        coordinate,
        coordinate,
        coordinate,
    ),
    st.builds(Action.type_text, st.text(st.characters(blacklist_characters='"\n\r'), max_size=32)),
    st.sampled_from(
        [
            "PRESS_BACK",
            "PRESS_HOME",
            "PRESS_ENTER",
            "STATUS_TASK_COMPLETE",
            "STATUS_TASK_IMPOSSIBLE",
        ]
    ).map(Action.key),
)


@given(actions)
def test_every_autoui_answer_is_in_the_language(action):
    assert GRAMMAR.is_done(GRAMMAR.feed(GRAMMAR.start, action.to_autoui()))
    led = AutoUIGrammar(max_text=32, lead=" ")
    assert led.is_done(led.feed(led.start, " " + action.to_autoui()))
    assert led.feed(led.start, action.to_autoui()) is None


@given(actions, st.data())
def test_completion_of_any_prefix_parses(action, data):
    text = action.to_autoui()
    cut = data.draw(st.integers(0, len(text)))
    state = GRAMMAR.feed(GRAMMAR.start, text[:cut])
    assert state is not None
    completed = text[:cut] + GRAMMAR.completion(state)
    assert GRAMMAR.is_done(GRAMMAR.feed(GRAMMAR.start, completed))
    Action.parse(completed)  # raises if invalid


@pytest.mark.parametrize(
    "bad",
    [
        'Action Decision: "action_type": "JUMP"',
        'Action Decision: "action_type": "DUAL_POINT", "touch_point": "[1.5',
        'Action Decision: "action_type": "DUAL_POINT", "touch_point": "[-1.0000',
        'Action Decision: "action_type": "PRESS_BACK", "touch_point": "[0.5',
        Action.key("PRESS_BACK").to_autoui() + " and more",
        "Sure! Here is the action",
    ],
)
def test_text_outside_the_language_is_rejected(bad):
    assert GRAMMAR.feed(GRAMMAR.start, bad) is None


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**31 - 1))
def test_decoding_under_the_constraint_always_yields_a_valid_action(seed):
    tokenizer = _tokenizer()
    texts = token_texts(tokenizer)
    stop = [tokenizer.eos_token_id]
    constraint = AutoUIConstraint(GrammarMasks(GRAMMAR, texts, stop), batch_size=2)
    rng = np.random.default_rng(seed)
    ids = torch.zeros(2, 3, dtype=torch.long)
    for _ in range(120):  # random logits stand in for a model: the constraint alone decides
        scores = constraint(
            ids, torch.from_numpy(rng.normal(size=(2, len(texts))).astype(np.float32) * 3)
        )
        probs = torch.softmax(scores, -1)
        chosen = torch.multinomial(
            probs, 1, generator=torch.Generator().manual_seed(int(rng.integers(1e9)))
        )
        ids = torch.cat([ids, chosen], 1)
        if all(int(t) in stop for t in chosen[:, 0]):
            break
    for text in constraint.finished_texts():
        Action.parse(text)
        assert GRAMMAR.is_done(GRAMMAR.feed(GRAMMAR.start, text))


_CACHE: dict = {}


def _tokenizer():
    if "tok" not in _CACHE:
        _CACHE["tok"] = train_tokenizer(400)
    return _CACHE["tok"]


def test_token_texts_concatenate_to_the_decoded_text():
    tokenizer = _tokenizer()
    texts = token_texts(tokenizer)
    sample = Action.type_text("news in Chile").to_autoui()
    ids = tokenizer(sample, add_special_tokens=False)["input_ids"]
    assert "".join(texts[i] for i in ids) == sample
    assert texts[tokenizer.eos_token_id] == ""
