"""A token-sampling policy's answers: the ids it sampled, and their log-probs and entropies.

The behaviour log-prob of a VLM answer is the log-probability of exactly the token ids that
`generate` sampled (stop token included), under exactly the distribution that sampled them:
the model's softmax, renormalised over the tokens the AutoUI grammar allows when decoding is
constrained. `sampled_answers` cuts those ids out of `generate`'s output and sums its own
transition scores over them; `answer_log_probs` computes the same quantities teacher-forced (the
learner's side), with `grammar_allowed` giving the grammar's masks position by position.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import Tensor

from distrl_agent.policies.autoui_grammar import GrammarMasks


@dataclass
class Generation:
    """Sampled answers: texts (completed by the grammar when constrained decoding stopped
    early), the sampled ids up to and including the stop token, and their log-probs under the
    sampling distribution."""

    texts: list[str]
    tokens: list[list[int]]
    log_probs: list[float]

    @property
    def generated(self) -> int:
        """New tokens generated in all (stop tokens included)."""
        return sum(len(ids) for ids in self.tokens)


def sampled_answers(
    new_tokens: Tensor, transition_scores: Tensor, stop_ids: Sequence[int]
) -> tuple[list[list[int]], list[float]]:
    """Each row's sampled ids up to and including its first stop token (all of them when the
    row hit the length limit), and the sum of `generate`'s transition scores (log-probs of the
    processed scores, [B, T]) over exactly those ids."""
    stops = torch.isin(new_tokens, torch.tensor(list(stop_ids), device=new_tokens.device))
    width = new_tokens.shape[1]
    lengths = torch.where(
        stops.any(1),
        stops.float().argmax(1) + 1,
        torch.full_like(stops[:, 0], width, dtype=torch.long),
    )
    kept = torch.arange(width, device=new_tokens.device)[None] < lengths[:, None]
    totals = torch.where(kept, transition_scores.float(), 0.0).sum(1)
    ids = [row[:n].tolist() for row, n in zip(new_tokens, lengths.tolist(), strict=True)]
    return ids, totals.tolist()


def grammar_allowed(
    masks: GrammarMasks, targets: Sequence[Sequence[int]], longest: int, vocab: int
) -> Tensor:
    """bool[B, longest, vocab]: the tokens the grammar allowed before each answer token, answers
    right-aligned as `answer_log_probs` takes them. A text the sampler cannot have produced
    (a demonstration that leaves the language, e.g. typed text over `max_text`) is scored
    without the mask from the token that leaves it on, so its log-prob stays finite."""
    table = [torch.ones(vocab, dtype=torch.bool)]
    index_of: dict[int, int] = {}
    rows = torch.zeros(len(targets), longest, dtype=torch.long)
    for b, target in enumerate(targets):
        offset = longest - len(target)
        state = masks.grammar.start
        for k, token in enumerate(target):
            mask = masks.allowed(state, vocab)
            if not bool(mask[token]):
                break
            if id(mask) not in index_of:
                index_of[id(mask)] = len(table)
                table.append(mask)
            rows[b, offset + k] = index_of[id(mask)]
            state = masks.advance(state, token)
    return torch.stack(table)[rows]


def answer_log_probs(
    logits: Tensor, targets: Tensor, lengths: Tensor, allowed: Tensor | None = None
) -> tuple[Tensor, Tensor]:
    """Teacher-forced log-probs and entropies of right-aligned answers.

    `logits` [B, L, V] predict `targets` [B, L]; row b's answer is its last `lengths[b]`
    positions. With `allowed` (bool [B, L, V]) the distribution at each position is the softmax
    renormalised over the allowed tokens. Returns the sum of the answer's token log-probs [B]
    and the mean over its tokens of the distribution's entropy [B], both with gradient.
    """
    if allowed is not None:
        logits = logits.masked_fill(~allowed.to(logits.device), float("-inf"))
    log_p = F.log_softmax(logits.float(), -1)
    token_log_probs = log_p.gather(-1, targets[..., None]).squeeze(-1)
    finite = torch.isfinite(log_p)
    safe = log_p.masked_fill(~finite, 0.0)  # masked tokens add 0 (and no NaN gradient)
    token_entropy = -(safe.exp() * safe * finite).sum(-1)
    longest = targets.shape[1]
    in_answer = torch.arange(longest, device=targets.device)[None] >= longest - lengths[:, None]
    log_probs = torch.where(in_answer, token_log_probs, 0.0).sum(-1)
    entropies = torch.where(in_answer, token_entropy, 0.0).sum(-1) / lengths
    return log_probs, entropies
