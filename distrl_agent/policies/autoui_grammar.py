"""Constrained decoding for VLM policies: every answer is a valid AutoUI action.

The answer language is exactly what `Action.to_autoui` writes:

    Action Decision: "action_type": "<TYPE>", "touch_point": "[N, N]", "lift_point": "[N, N]",
    "typed_text": "<TEXT>"

with N a coordinate "0.dddd" or "1.0000" for DUAL_POINT and "-1.0000" otherwise, and TEXT free
text without quotes or newlines for TYPE and empty otherwise. `AutoUIGrammar` is a character
automaton over it; `AutoUIConstraint` is a transformers logits processor that, at each step,
masks every token whose text would leave the language (masks are cached per automaton state, and
states are few because digits and text are tracked by shape and length, not content). When
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


class AutoUIConstraint(LogitsProcessor):
    """Masks, at every generation step, the tokens that would leave the AutoUI language.

    `token_texts[i]` is the text token i adds (see `token_texts`); tokens with no text (special
    tokens) are only allowed as `stop_ids` once an answer is complete, and then nothing else is.
    """

    def __init__(
        self,
        grammar: AutoUIGrammar,
        token_texts: Sequence[str],
        stop_ids: Sequence[int],
        batch_size: int,
    ) -> None:
        self.grammar = grammar
        self.token_texts = list(token_texts)
        self.stop_ids = list(stop_ids)
        self.states: list[State | None] = [grammar.start] * batch_size
        self.texts = [""] * batch_size
        self._prompt_length: int | None = None
        self._masks: dict[State, torch.Tensor] = {}
        self._by_first_char: dict[str, list[int]] = {}
        for token, piece in enumerate(self.token_texts):
            if piece:
                self._by_first_char.setdefault(piece[0], []).append(token)

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        if self._prompt_length is None:
            self._prompt_length = input_ids.shape[1]
        elif input_ids.shape[1] > self._prompt_length:
            for row, token in enumerate(input_ids[:, -1].tolist()):
                if not self.grammar.is_done(self.states[row]):
                    piece = self.token_texts[token] if token < len(self.token_texts) else ""
                    self.states[row] = self.grammar.feed(self.states[row], piece)
                    self.texts[row] += piece
        for row, state in enumerate(self.states):
            allowed = self._mask(state, scores.shape[1]).to(scores.device)
            scores[row] = scores[row].masked_fill(~allowed, float("-inf"))
        return scores

    def _mask(self, state: State | None, vocab: int) -> torch.Tensor:
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
