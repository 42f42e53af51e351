"""The `Policy` protocol every learner and worker relies on, and what it returns.

A policy acts on environment observations (`{"screenshot", "instruction"}` plus the env info
with `ui_xml`, `screen_size` and the episode's `action_history`) and returns AitW `Action`s with
their text and behaviour log-probs. The learner re-evaluates replayed actions with gradient.
`trainable_state()` is exactly what a learner broadcasts to workers (LoRA weights for VLMs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import Tensor

from android_gym.actions import Action

Observation = Mapping[str, Any]
Info = Mapping[str, Any]


@dataclass(frozen=True)
class PolicyAction:
    """One decision: the action (None when the text does not parse), its text, log pi(a|s),
    and, for a policy that samples tokens, the ids it sampled (what `evaluate` re-scores)."""

    action: Action | None
    text: str
    log_prob: float
    tokens: tuple[int, ...] | None = None


@dataclass
class Evaluation:
    """Log-probs, entropies and state features of a batch of (state, action) pairs.

    All float tensors with gradient: `log_probs` [N], `entropies` [N] (the entropy of the whole
    action distribution at each state), `features` [N, D] (what critics read).
    """

    log_probs: Tensor
    entropies: Tensor
    features: Tensor

    @classmethod
    def cat(cls, parts: Sequence[Evaluation]) -> Evaluation:
        """The evaluations of consecutive chunks of a batch, as one."""
        return cls(
            *(
                torch.cat([getattr(p, f) for p in parts])
                for f in ("log_probs", "entropies", "features")
            )
        )


@runtime_checkable
class Policy(Protocol):
    """What workers and learners need from a policy."""

    features_dim: int

    @property
    def history(self) -> int:
        """How many of the episode's previous actions the policy reads (workers and learner
        both hand it exactly these, so they see the same prompt)."""
        ...

    def act(
        self,
        obs: Observation | Sequence[Observation],
        info: Info | Sequence[Info],
        greedy: bool = False,
    ) -> PolicyAction | list[PolicyAction]:
        """Chooses actions (one, or a list for a list of observations), with behaviour log-probs."""
        ...

    def evaluate(
        self,
        obs: Sequence[Observation],
        info: Sequence[Info],
        actions: Sequence[Action | str],
        tokens: Sequence[Sequence[int] | None] | None = None,
    ) -> Evaluation:
        """Log-probs, entropies and features of `actions` taken at `obs`, with gradient.
        `tokens` are the ids `act` sampled for each action (None where there are none, as for
        demonstrations); a policy that samples tokens scores exactly those."""
        ...

    def trainable_parameters(self) -> list[torch.nn.Parameter]:
        """The parameters a learner optimises."""
        ...

    def trainable_state(self) -> dict[str, Tensor]:
        """Exactly what a learner broadcasts to workers (detached CPU tensors)."""
        ...

    def load_trainable_state(self, state: Mapping[str, Tensor]) -> None:
        """Loads what `trainable_state` returned (on another replica)."""
        ...


def as_batch(
    obs: Observation | Sequence[Observation], info: Info | Sequence[Info]
) -> tuple[list[Observation], list[Info], bool]:
    """Observations and infos as lists, and whether a single observation was given."""
    if isinstance(obs, Mapping):
        if not isinstance(info, Mapping):
            raise TypeError("a single observation needs a single info dict")
        return [obs], [info], True
    observations, infos = list(obs), list(info)  # type: ignore[arg-type]
    if len(observations) != len(infos):
        raise ValueError(f"{len(observations)} observations but {len(infos)} info dicts")
    return observations, infos, False


def screen_size(obs: Observation, info: Info) -> tuple[int, int]:
    """(width, height) in device pixels: info["screen_size"], else the screenshot's shape."""
    size = info.get("screen_size")
    if size is not None:
        return int(size[0]), int(size[1])
    height, width = np.asarray(obs["screenshot"]).shape[:2]
    return int(width), int(height)


def save_trainable_state(state: Mapping[str, Tensor], path: str | Path) -> None:
    """Writes a trainable state as safetensors."""
    save_file({k: v.detach().cpu().contiguous() for k, v in state.items()}, str(path))


def load_trainable_state(path: str | Path) -> dict[str, Tensor]:
    """Reads a trainable state written by `save_trainable_state`."""
    return load_file(str(path))
