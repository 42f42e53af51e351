"""Policies: the `Policy` protocol, `PointerPolicy` (small, CPU) and `VLMPolicy` (transformers +
peft; imported on first use, so pointer-only code does not pay for importing transformers)."""

from typing import Any

from distrl_agent.policies.base import Evaluation, Policy, PolicyAction
from distrl_agent.policies.pointer import PointerConfig, PointerPolicy

__all__ = [
    "Evaluation",
    "PointerConfig",
    "PointerPolicy",
    "Policy",
    "PolicyAction",
    "VLMConfig",
    "VLMPolicy",
]


def __getattr__(name: str) -> Any:
    if name in ("VLMConfig", "VLMPolicy"):
        from distrl_agent.policies import vlm

        return getattr(vlm, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
