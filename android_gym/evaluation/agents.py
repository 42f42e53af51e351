"""Turning the `--agent` argument of `android-gym evaluate` into agents.

An agent is anything with `act(obs, info)` returning an `android_gym.Action` or an action
string (AutoUI, JSON or CogAgent: the environment parses it, and flags what does not parse as
an invalid action). An optional `reset()` is called at the start of every episode. Accepted:

- `oracle`, `random`: the agents of `android_gym.agents`;
- a `distrl` run directory or checkpoint: through `distrl_agent.agent.load` (needs the agent
  extra installed; imported only then);
- `module:factory`: any importable callable returning an agent, called once per environment;
- `openai:http://HOST:PORT/v1[#model]`: an OpenAI-compatible chat endpoint (`OpenAIChatAgent`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from android_gym.agents import OracleAgent, RandomAgent

OPENAI_PREFIX = "openai:"


class AgentSpecError(ValueError):
    """An `--agent` value that names no agent; the message says what is accepted."""


@dataclass
class AgentSource:
    """What an `--agent` value resolved to: its description (results.json's `agent`), whether
    it acts greedily, and `make(index)`, which builds the agent of environment `index`."""

    description: dict[str, Any]
    make: Callable[[int], Any]
    greedy: bool = True


ACCEPTED = (
    "oracle, random, a distrl run directory or checkpoint, module:factory, or "
    "openai:http://HOST:PORT/v1[#model]"
)


def resolve_agent(spec: str, *, seed: int = 0, device: str = "cpu") -> AgentSource:
    """The `AgentSource` of an `--agent` value (see the module docstring)."""
    if spec == "oracle":
        return AgentSource({"kind": "oracle", "name": "oracle"}, lambda i: OracleAgent())
    if spec == "random":
        return AgentSource(
            {"kind": "random", "name": "random", "seed": seed},
            lambda i: RandomAgent(seed=seed * 1000 + i),
            greedy=False,
        )
    if spec.startswith(OPENAI_PREFIX):
        return _openai(spec[len(OPENAI_PREFIX) :])
    if Path(spec).exists():
        return _distrl(Path(spec), device)
    if ":" in spec:
        return _factory(spec)
    raise AgentSpecError(f"--agent {spec!r}: no such file or agent; accepted: {ACCEPTED}")


def _openai(target: str) -> AgentSource:
    from android_gym.evaluation.openai_agent import OpenAIChatAgent

    url, _, model = target.partition("#")
    if not url.startswith(("http://", "https://")):
        raise AgentSpecError(
            f"--agent openai:{target}: expected openai:http://HOST:PORT/v1[#model]"
        )
    first = OpenAIChatAgent(url, model or None)  # asks the endpoint now: a bad URL fails early
    description = {"kind": "openai", "name": first.model, "endpoint": url, "model": first.model}
    return AgentSource(
        description, lambda i: first if i == 0 else OpenAIChatAgent(url, first.model)
    )


def _distrl(path: Path, device: str) -> AgentSource:
    try:
        adapter = importlib.import_module("distrl_agent.agent")
    except ModuleNotFoundError as exc:
        raise AgentSpecError(
            f"--agent {path}: a distrl run needs distrl_agent and its extra "
            f"(pip install 'android-gym[agent]'); import failed: {exc}"
        ) from None
    loaded = adapter.load(path, device=device)
    return AgentSource(loaded.description, loaded.make, greedy=True)


def _factory(spec: str) -> AgentSource:
    module_name, _, attribute = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise AgentSpecError(f"--agent {spec}: cannot import {module_name!r}: {exc}") from None
    factory = getattr(module, attribute, None)
    if not callable(factory):
        raise AgentSpecError(f"--agent {spec}: {module_name} has no callable {attribute!r}")
    probe = factory()
    if not callable(getattr(probe, "act", None)):
        raise AgentSpecError(
            f"--agent {spec}: {attribute}() returned {type(probe).__name__}, which has no "
            "act(obs, info) method"
        )
    return AgentSource(
        {"kind": "factory", "name": spec},
        lambda i: probe if i == 0 else factory(),
        greedy=bool(getattr(probe, "greedy", True)),
    )
