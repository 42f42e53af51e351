"""PointerPolicy: a small transformer that points at UI elements and instruction words.

It reads the instruction (hashed words), the candidate UI elements (hashed text, class and id,
bounds, flags, lexical overlap with the instruction), the kinds of the last few actions and,
optionally, a low-resolution screenshot; one transformer encoder mixes them. Heads give the
action kind, the element to tap, the swipe direction, and the text to type: the start/end of an
instruction span with an optional prefix and suffix phrase (`pointer_space.mine_phrases`).
The action distribution is the product of these factors, so log-probs and entropies are exact:
H = H(kind) + P(tap) H(element) + P(swipe) H(direction)
+ P(type) [H(start) + sum_i P(start=i) H(end | start=i) + H(prefix) + H(suffix)].
It trains in minutes on two CPU cores.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor, nn

from android_gym.actions import Action
from distrl_agent.features import HashedTextEncoder, word_ids
from distrl_agent.policies.base import Evaluation, Info, Observation, PolicyAction, as_batch
from distrl_agent.policies.pointer_space import (
    DIRECTIONS,
    NUM_FLAGS,
    NUM_GEOMETRY,
    Choice,
    Kind,
    PointerState,
)

NEG = -1e9


@dataclass
class PointerConfig:
    """Sizes of the pointer policy."""

    dim: int = 96
    layers: int = 2
    heads: int = 4
    buckets: int = 1 << 15
    max_words: int = 32
    max_elements: int = 48
    max_span: int = 12
    history: int = 4
    phrases: tuple[str, ...] = ()
    use_screenshot: bool = False
    screenshot_size: tuple[int, int] = (64, 32)


def _entropy(logits: Tensor) -> Tensor:
    """Entropy of categorical distributions over the last axis (masked logits are ~-inf)."""
    log_p = F.log_softmax(logits, dim=-1)
    return -(log_p.exp() * log_p).sum(-1)


class PointerPolicy(nn.Module):
    """A factored categorical policy over (kind, element | direction | span). See module doc."""

    def __init__(self, config: PointerConfig | None = None, *, seed: int = 0) -> None:
        super().__init__()
        self.config = cfg = config or PointerConfig()
        self.generator = torch.Generator().manual_seed(seed)
        with torch.random.fork_rng():  # seeded init without touching the global generator
            torch.manual_seed(seed)
            self._build(cfg)

    def _build(self, cfg: PointerConfig) -> None:
        d = cfg.dim
        self.features_dim = d
        self.text = HashedTextEncoder(d, cfg.buckets)
        self.word_position = nn.Embedding(cfg.max_words, d)
        self.element_numeric = nn.Sequential(
            nn.Linear(NUM_GEOMETRY + NUM_FLAGS, d), nn.GELU(), nn.Linear(d, d)
        )
        self.element_mix = nn.Linear(3 * d, d)
        self.history_kind = nn.Embedding(len(Kind) + 1, d)
        self.history_position = nn.Embedding(cfg.history, d)
        self.segment = nn.Embedding(3, d)
        self.state_token = nn.Parameter(torch.zeros(d))
        if cfg.use_screenshot:
            self.screen = nn.Sequential(
                nn.Conv2d(3, 16, 5, stride=2, padding=2),
                nn.GELU(),
                nn.Conv2d(16, 32, 5, stride=2, padding=2),
                nn.GELU(),
                nn.AdaptiveAvgPool2d(1),
                nn.Flatten(),
                nn.Linear(32, d),
            )
        layer = nn.TransformerEncoderLayer(
            d, cfg.heads, 2 * d, dropout=0.0, batch_first=True, norm_first=True
        )
        self.encoder = nn.TransformerEncoder(layer, cfg.layers, enable_nested_tensor=False)
        self.norm = nn.LayerNorm(d)
        self.kind_head = nn.Linear(d, len(Kind))
        self.direction_head = nn.Linear(d, len(DIRECTIONS))
        self.element_query = nn.Linear(d, d)
        self.start_query = nn.Linear(d, d)
        self.end_query = nn.Linear(d, d)
        self.end_from_start = nn.Linear(d, d)
        self.prefix_head = nn.Linear(d, len(cfg.phrases) + 1)
        self.suffix_head = nn.Linear(d, len(cfg.phrases) + 1)

    # -- encoding -----------------------------------------------------------------------------

    def states(self, obs: Sequence[Observation], info: Sequence[Info]) -> list[PointerState]:
        """Parses a batch of observations into pointer states."""
        cfg = self.config
        return [
            PointerState.from_env(
                o,
                i,
                max_words=cfg.max_words,
                max_elements=cfg.max_elements,
                history=cfg.history,
                phrases=tuple(cfg.phrases),
                max_span=cfg.max_span,
            )
            for o, i in zip(obs, info, strict=True)
        ]

    def forward(
        self, states: list[PointerState], obs: Sequence[Observation] | None = None
    ) -> dict[str, Tensor]:
        """Logits of every factor and the state features, padded over words and elements."""
        cfg = self.config
        d = cfg.dim
        batch = len(states)
        n_words = max(1, max(len(s.words) for s in states))
        n_elements = max(1, max(len(s.elements) for s in states))
        word_mask = torch.zeros(batch, n_words, dtype=torch.bool)
        element_mask = torch.zeros(batch, n_elements, dtype=torch.bool)
        words = torch.zeros(batch, n_words, d)
        elements = torch.zeros(batch, n_elements, d)
        history = torch.zeros(batch, d)
        all_words = [w for s in states for w, _, _ in s.words]
        word_vectors = self.text.embed_bags([word_ids(w, cfg.buckets) for w in all_words])
        labels = [e.label for s in states for e in s.elements]
        classes = [
            e.class_name.rsplit(".", 1)[-1] + " " + e.short_id.replace("_", " ")
            for s in states
            for e in s.elements
        ]
        label_vectors, class_vectors = self.text(labels), self.text(classes)
        numeric = torch.from_numpy(
            np.concatenate([np.concatenate([s.geometry, s.flags], 1) for s in states]).reshape(
                -1, NUM_GEOMETRY + NUM_FLAGS
            )
        )
        element_vectors = self.element_mix(
            torch.cat([label_vectors, class_vectors, self.element_numeric(numeric)], 1)
        )
        w_at = e_at = 0
        for b, s in enumerate(states):
            nw, ne = len(s.words), len(s.elements)
            words[b, :nw] = word_vectors[w_at : w_at + nw] + self.word_position.weight[:nw]
            elements[b, :ne] = element_vectors[e_at : e_at + ne]
            word_mask[b, :nw] = True
            element_mask[b, :ne] = True
            w_at, e_at = w_at + nw, e_at + ne
            if s.history_kinds:
                kinds = torch.tensor(s.history_kinds[-cfg.history :])
                positions = torch.arange(len(kinds) - 1, -1, -1)
                history[b] = (self.history_kind(kinds) + self.history_position(positions)).sum(0)
        state = self.state_token.expand(batch, d) + history
        if cfg.use_screenshot:
            state = state + self.screen(self._screens(obs))
        tokens = torch.cat(
            [
                (state + self.segment.weight[0])[:, None],
                words + self.segment.weight[1],
                elements + self.segment.weight[2],
            ],
            1,
        )
        pad = ~torch.cat([torch.ones(batch, 1, dtype=torch.bool), word_mask, element_mask], 1)
        hidden = self.norm(self.encoder(tokens, src_key_padding_mask=pad))
        h_state, h_words, h_elements = (
            hidden[:, 0],
            hidden[:, 1 : 1 + n_words],
            hidden[:, 1 + n_words :],
        )
        scale = d**-0.5
        kind = self.kind_head(h_state)
        kind = kind.masked_fill(
            ~element_mask.any(1)[:, None] & (torch.arange(len(Kind)) == Kind.TAP), NEG
        )
        kind = kind.masked_fill(
            ~word_mask.any(1)[:, None] & (torch.arange(len(Kind)) == Kind.TYPE), NEG
        )
        element = (
            torch.einsum("bd,bed->be", self.element_query(h_state), h_elements) * scale
        ).masked_fill(~element_mask, NEG)
        start = (
            torch.einsum("bd,bwd->bw", self.start_query(h_state), h_words) * scale
        ).masked_fill(~word_mask, NEG)
        end_queries = self.end_query(h_state)[:, None] + self.end_from_start(h_words)
        end = torch.einsum("bsd,bwd->bsw", end_queries, h_words) * scale
        index = torch.arange(n_words)
        allowed = (index[None, :] >= index[:, None]) & (
            index[None, :] - index[:, None] < cfg.max_span
        )
        end = end.masked_fill(~(allowed[None] & word_mask[:, None, :]), NEG)
        return {
            "kind": kind,
            "element": element,
            "direction": self.direction_head(h_state),
            "start": start,
            "end": end,
            "prefix": self.prefix_head(h_state),
            "suffix": self.suffix_head(h_state),
            "features": h_state,
        }

    def _screens(self, obs: Sequence[Observation] | None) -> Tensor:
        if obs is None:
            raise ValueError("use_screenshot=True needs the observations' screenshots")
        width, height = self.config.screenshot_size
        images = []
        for o in obs:
            image = torch.from_numpy(np.asarray(o["screenshot"], dtype=np.float32) / 255.0).permute(
                2, 0, 1
            )
            images.append(F.interpolate(image[None], size=(height, width), mode="area")[0])
        return torch.stack(images)

    # -- distribution -------------------------------------------------------------------------

    @staticmethod
    def log_prob(out: Mapping[str, Tensor], choices: Sequence[Choice]) -> Tensor:
        """log pi(choice | state) for each row, float[B]."""
        rows = torch.arange(len(choices))
        kinds = torch.tensor([int(c.kind) for c in choices])
        subs = torch.tensor([c.sub for c in choices])
        ends = torch.tensor([c.end for c in choices])
        total = F.log_softmax(out["kind"], -1)[rows, kinds]
        element = F.log_softmax(out["element"], -1)[
            rows, subs.clamp(max=out["element"].shape[1] - 1)
        ]
        direction = F.log_softmax(out["direction"], -1)[rows, subs.clamp(max=len(DIRECTIONS) - 1)]
        n_words = out["start"].shape[1]
        start = F.log_softmax(out["start"], -1)[rows, subs.clamp(max=n_words - 1)]
        end = F.log_softmax(out["end"][rows, subs.clamp(max=n_words - 1)], -1)[
            rows, ends.clamp(max=n_words - 1)
        ]
        prefixes = torch.tensor([c.prefix for c in choices])
        suffixes = torch.tensor([c.suffix for c in choices])
        phrases = (
            F.log_softmax(out["prefix"], -1)[rows, prefixes]
            + F.log_softmax(out["suffix"], -1)[rows, suffixes]
        )
        sub = torch.where(kinds == Kind.TAP, element, torch.zeros_like(total))
        sub = torch.where(kinds == Kind.SWIPE, direction, sub)
        sub = torch.where(kinds == Kind.TYPE, start + end + phrases, sub)
        return total + sub

    @staticmethod
    def entropy(out: Mapping[str, Tensor]) -> Tensor:
        """Exact entropy of the whole factored action distribution, float[B]."""
        p_kind = F.softmax(out["kind"], -1)
        p_start = F.softmax(out["start"], -1)
        span = _entropy(out["start"]) + (p_start * _entropy(out["end"])).sum(-1)
        text = span + _entropy(out["prefix"]) + _entropy(out["suffix"])
        return (
            _entropy(out["kind"])
            + p_kind[:, Kind.TAP] * _entropy(out["element"])
            + p_kind[:, Kind.SWIPE] * _entropy(out["direction"])
            + p_kind[:, Kind.TYPE] * text
        )

    def _sample(self, logits: Tensor, greedy: bool) -> int:
        if greedy:
            return int(logits.argmax())
        return int(torch.multinomial(F.softmax(logits, -1), 1, generator=self.generator))

    # -- Policy protocol ----------------------------------------------------------------------

    @torch.no_grad()
    def act(
        self,
        obs: Observation | Sequence[Observation],
        info: Info | Sequence[Info],
        greedy: bool = False,
    ) -> PolicyAction | list[PolicyAction]:
        """Samples (or, greedy, takes the most likely factor of) an action for each observation."""
        observations, infos, single = as_batch(obs, info)
        states = self.states(observations, infos)
        out = self.forward(states, observations)
        choices = []
        for b in range(len(states)):
            kind = Kind(self._sample(out["kind"][b], greedy))
            sub = end = prefix = suffix = 0
            if kind is Kind.TAP:
                sub = self._sample(out["element"][b], greedy)
            elif kind is Kind.SWIPE:
                sub = self._sample(out["direction"][b], greedy)
            elif kind is Kind.TYPE:
                sub = self._sample(out["start"][b], greedy)
                end = self._sample(out["end"][b, sub], greedy)
                prefix = self._sample(out["prefix"][b], greedy)
                suffix = self._sample(out["suffix"][b], greedy)
            choices.append(Choice(kind, sub, end, prefix, suffix))
        log_probs = self.log_prob(out, choices).tolist()
        results = []
        for state, choice, log_prob in zip(states, choices, log_probs, strict=True):
            action = state.decode(choice)
            results.append(PolicyAction(action, action.to_autoui(), float(log_prob)))
        return results[0] if single else results

    @property
    def history(self) -> int:
        """How many previous action kinds the policy reads."""
        return self.config.history

    def evaluate(
        self,
        obs: Sequence[Observation],
        info: Sequence[Info],
        actions: Sequence[Action | str],
        tokens: Sequence[Sequence[int] | None] | None = None,
    ) -> Evaluation:
        """Log-probs (of each action's nearest choice, see `PointerState.encode`), entropies and
        features, with gradient. Action strings are parsed with `Action.parse`; `tokens` does
        not apply (this policy samples factored choices, not tokens)."""
        states = self.states(obs, info)
        out = self.forward(states, obs)
        choices = [
            s.encode(a if isinstance(a, Action) else Action.parse(a))
            for s, a in zip(states, actions, strict=True)
        ]
        return Evaluation(self.log_prob(out, choices), self.entropy(out), out["features"])

    def trainable_parameters(self) -> list[nn.Parameter]:
        """Every parameter: the whole pointer model is trained."""
        return list(self.parameters())

    def trainable_state(self) -> dict[str, Tensor]:
        """The full state dict (detached CPU copies)."""
        return {k: v.detach().cpu().clone() for k, v in self.state_dict().items()}

    def load_trainable_state(self, state: Mapping[str, Tensor]) -> None:
        """Loads a state from `trainable_state` (strictly: every key must match)."""
        self.load_state_dict(dict(state), strict=True)
