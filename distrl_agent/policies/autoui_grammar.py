"""Constrained decoding for VLM policies: every answer is a valid AutoUI action.

The answer language is exactly what `Action.to_autoui` writes:

    Action Decision: "action_type": "<TYPE>", "touch_point": "[N, N]", "lift_point": "[N, N]",
    "typed_text": "<TEXT>"

with N a coordinate "0.dddd" or "1.0000" for DUAL_POINT and "-1.0000" otherwise, and TEXT free
text without quotes or newlines for TYPE and empty otherwise. `AutoUIGrammar` is a character
automaton over it; `GrammarMasks` says which tokens each state allows (cached per automaton
state; states are few because digits and text are tracked by shape and length, not content);
`AutoUIConstraint` is the transformers logits processor that applies those masks while sampling,
and the VLM policy's scorer applies the same masks when it re-scores a sampled answer. When
generation stops early, `AutoUIGrammar.completion` gives the shortest valid ending.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch
from transformers import LogitsProcessor

from android_gym.actions import ACTION_TYPES, ActionType

TYPE_NAMES = tuple(t.name for t in ACTION_TYPES)
PREFIX = 'Action Decision: "action_type": "'
NO_POINT = "-1.0000"

# A state is (type name or "", segment index, progress): progress is the text typed so far in
# literal / choice segments, the digit shape ("0.dd") in numbers and the length in free text.
State = tuple[str, int, object]
DONE = "done"


def _segments(type_name: str, max_text: int, lead: str) -> list[tuple[str, object]]:
    number = ("number", None) if type_name == ActionType.DUAL_POINT.name else ("literal", NO_POINT)
    text = ("text", max_text if type_name == ActionType.TYPE.name else 0)
    return [
        ("literal", lead + PREFIX),
        ("choice", TYPE_NAMES),
        ("literal", '", "touch_point": "['),
        number,
        ("literal", ", "),
        number,
        ("literal", ']", "lift_point": "['),
        number,
        ("literal", ", "),
        number,
        ("literal", ']", "typed_text": "'),
        text,
        ("literal", '"'),
    ]


def _number_ok(shape: str) -> bool:
    """Is `shape` (digits after "0." written as "d") a prefix of 0.dddd or 1.0000?"""
    if not shape:
        return True
    if shape[0] == "1":
        return "1.0000".startswith(shape)
    return shape[0] == "0" and "0.dddd".startswith(shape)


@dataclass(frozen=True)
class AutoUIGrammar:
    """Character automaton of the AutoUI answer language (see the module docstring)."""

    max_text: int = 64
    lead: str = ""
    """Text the model writes before every answer (e.g. the space after "Assistant:")."""

    @property
    def start(self) -> State:
        return ("", 0, "")

    def feed(self, state: State | None, text: str) -> State | None:
        """The state after reading `text`, or None when `text` leaves the language."""
        for char in text:
            if state is None:
                return None
            state = self._feed_char(state, char)
        return state

    def _feed_char(self, state: State, char: str) -> State | None:
        type_name, index, progress = state
        if index == DONE:
            return None
        segments = _segments(type_name or TYPE_NAMES[0], self.max_text, self.lead)
        kind, arg = segments[index]
        if kind == "literal":
            so_far = str(progress) + char
            if not str(arg).startswith(so_far):
                return None
            return (
                self._next(type_name, index, segments)
                if so_far == arg
                else (type_name, index, so_far)
            )
        if kind == "choice":
            so_far = str(progress) + char
            matches = [n for n in TYPE_NAMES if n.startswith(so_far)]
            if not matches:
                return None
            if so_far in TYPE_NAMES:
                return self._next(so_far, index, _segments(so_far, self.max_text, self.lead))
            return (type_name, index, so_far)
        if kind == "number":
            so_far = str(progress)
            if so_far.startswith("0."):
                if char not in "0123456789":
                    return None
                char = "d"
            shape = so_far + char
            if not _number_ok(shape):
                return None
            return (
                self._next(type_name, index, segments)
                if len(shape) == 6
                else (type_name, index, shape)
            )
        # free text: a quote ends it (and starts the closing literal), anything else but a newline
        # extends it up to the maximum length
        length = int(progress)
        if char == '"':
            return self._feed_char(self._next(type_name, index, segments), char)
        if char in "\n\r" or length >= int(arg):
            return None
        return (type_name, index, length + 1)

    @staticmethod
    def _next(type_name: str, index: int, segments: list) -> State:
        if index + 1 == len(segments):
            return (type_name, DONE, "")  # type: ignore[return-value]
        kind = segments[index + 1][0]
        return (type_name, index + 1, 0 if kind == "text" else "")

    def is_done(self, state: State | None) -> bool:
        """True once a whole answer has been read."""
        return state is not None and state[1] == DONE

    def completion(self, state: State) -> str:
        """The shortest text that completes an answer from `state` (zeros, empty text)."""
        type_name, index, progress = state
        if index == DONE:
            return ""
        out = []
        segments = _segments(type_name or TYPE_NAMES[0], self.max_text, self.lead)
        for position in range(int(index), len(segments)):
            kind, arg = segments[position]
            done = progress if position == index else ("" if kind != "text" else 0)
            if kind == "literal":
                out.append(str(arg)[len(str(done)) :])
            elif kind == "choice":
                name = next(n for n in TYPE_NAMES if n.startswith(str(done)))
                out.append(name[len(str(done)) :])
                type_name = name
                segments = _segments(name, self.max_text, self.lead)
            elif kind == "number":
                out.append(("1.0000" if str(done).startswith("1") else "0.0000")[len(str(done)) :])
        return "".join(out)


class GrammarMasks:
    """Which tokens each automaton state allows, cached per state, and how a token moves a state.

    `token_texts[i]` is the text token i adds (see `token_texts`); tokens with no text (special
    tokens) are only allowed as `stop_ids` once an answer is complete, and then nothing else is.
    The sampler (`AutoUIConstraint`) and the scorer (`VLMPolicy.evaluate`) share one instance,
    so the learner renormalises over exactly the tokens the sampler could draw.
    """

    def __init__(
        self, grammar: AutoUIGrammar, token_texts: Sequence[str], stop_ids: Sequence[int]
    ) -> None:
        self.grammar = grammar
        self.token_texts = list(token_texts)
        self.stop_ids = list(stop_ids)
        self._masks: dict[State, torch.Tensor] = {}
        self._by_first_char: dict[str, list[int]] = {}
        for token, piece in enumerate(self.token_texts):
            if piece:
                self._by_first_char.setdefault(piece[0], []).append(token)

    def advance(self, state: State | None, token: int) -> State | None:
        """The state after `token` (a finished answer stays finished; None: left the language)."""
        if self.grammar.is_done(state):
            return state
        piece = self.token_texts[token] if token < len(self.token_texts) else ""
        return self.grammar.feed(state, piece)

    def states(self, tokens: Sequence[int]) -> list[State | None]:
        """The state before each of `tokens`, starting an answer."""
        out: list[State | None] = [self.grammar.start]
        for token in tokens[:-1]:
            out.append(self.advance(out[-1], token))
        return out

    def allowed(self, state: State | None, vocab: int) -> torch.Tensor:
        """bool[vocab]: the tokens allowed after `state` (a state that left the language allows
        only the stop tokens, so generation ends)."""
        key = state if state is not None else ("", DONE, "")
        if key not in self._masks:
            mask = torch.zeros(vocab, dtype=torch.bool)
            if self.grammar.is_done(key):
                mask[self.stop_ids] = True
            else:
                for first, tokens in self._by_first_char.items():
                    if self.grammar.feed(key, first) is None:
                        continue
                    for token in tokens:
                        if (
                            token < vocab
                            and self.grammar.feed(key, self.token_texts[token]) is not None
                        ):
                            mask[token] = True
                if not mask.any():  # cannot happen with a byte-level vocabulary; never stall
                    mask[:] = True
            self._masks[key] = mask
        return self._masks[key]


class AutoUIConstraint(LogitsProcessor):
    """Masks, at every generation step, the tokens that would leave the AutoUI language
    (`GrammarMasks`), and keeps each row's answer text."""

    def __init__(self, masks: GrammarMasks, batch_size: int) -> None:
        self.masks = masks
        self.grammar = masks.grammar
        self.states: list[State | None] = [masks.grammar.start] * batch_size
        self.texts = [""] * batch_size
        self._prompt_length: int | None = None

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        if self._prompt_length is None:
            self._prompt_length = input_ids.shape[1]
        elif input_ids.shape[1] > self._prompt_length:
            texts = self.masks.token_texts
            for row, token in enumerate(input_ids[:, -1].tolist()):
                if not self.grammar.is_done(self.states[row]):
                    self.texts[row] += texts[token] if token < len(texts) else ""
                self.states[row] = self.masks.advance(self.states[row], token)
        for row, state in enumerate(self.states):
            allowed = self.masks.allowed(state, scores.shape[1]).to(scores.device)
            scores[row] = scores[row].masked_fill(~allowed, float("-inf"))
        return scores

    def finished_texts(self) -> list[str]:
        """The answers: what was generated, completed by the grammar where it stopped early."""
        return [
            (text + (self.grammar.completion(state) if state is not None else "")).strip()
            for text, state in zip(self.texts, self.states, strict=True)
        ]


def token_texts(tokenizer) -> list[str]:
    """The text each token id adds when appended to other text ('' for special tokens).

    Decoding a token alone drops a SentencePiece token's leading space, so each token is decoded
    after an anchor and the anchor's text is removed.
    """
    anchor = tokenizer.encode("0", add_special_tokens=False)
    anchor_text = tokenizer.decode(anchor)
    special = set(tokenizer.all_special_ids)
    texts = []
    for token in range(len(tokenizer)):
        if token in special:
            texts.append("")
            continue
        text = tokenizer.decode([*anchor, token])
        piece = text[len(anchor_text) :] if text.startswith(anchor_text) else ""
        texts.append("" if "\ufffd" in piece else piece)
    return texts
