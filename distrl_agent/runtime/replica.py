"""A worker's policy replica: one version of the weights, shared by the worker's environments.

`Replica` holds the policy and the version its weights came from, and swaps in a newer version
from a weight source (`poll(known) -> (version, published_at, state) | None`) when asked;
acting and swapping take the same lock, so an action is always taken by one whole version.
`ActingView` is what `run_episode` drives: a `Policy` that calls a hook before every action
(heartbeats, taking newer weights, stopping) and records which version took each action.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from torch import Tensor

from distrl_agent.policies.base import Policy, PolicyAction
from distrl_agent.trajectory import Trajectory


class WeightSource(Protocol):
    """Where a replica finds newer weights (the shared-memory store, or Ray's object store)."""

    def poll(self, known: int) -> tuple[int, float, dict[str, Tensor]] | None: ...


class Replica:
    """The policy at one version (see the module docstring)."""

    POLL_S = 0.05
    """The source is asked at most this often: a local poll is a small file read, a Ray one
    an actor call, and a step of the simulated phone at full speed takes milliseconds."""

    def __init__(
        self, policy: Policy, source: WeightSource | None = None, version: int = 0
    ) -> None:
        self.policy = policy
        self.source = source
        self.version = version if source is None else -1
        self.lock = threading.Lock()
        self.broadcast_latencies: list[float] = []
        self._polled = -float("inf")

    def refresh(self) -> bool:
        """Loads the newest published version if it is newer than ours; never blocks on one.
        Asks the source at most every `POLL_S` seconds."""
        now = time.monotonic()
        if self.source is None or now - self._polled < self.POLL_S:
            return False
        self._polled = now
        found = self.source.poll(self.version)
        if found is None:
            return False
        version, published_at, state = found
        with self.lock:
            if version <= self.version:
                return False
            self.policy.load_trainable_state(state)
            first, self.version = self.version < 0, version
            if not first:  # the first load waits for the worker to start, not for a broadcast
                self.broadcast_latencies.append(time.time() - published_at)
        return True

    def take_broadcast_latencies(self) -> list[float]:
        """The broadcast latencies (publication -> loaded here) recorded since the last call."""
        with self.lock:
            taken, self.broadcast_latencies = self.broadcast_latencies, []
        return taken

    def wait_for_version(
        self, newer_than: int, idle: Callable[[], None], poll_s: float = 0.01
    ) -> None:
        """Blocks until a version newer than `newer_than` is loaded, calling `idle` meanwhile."""
        while self.version <= newer_than:
            if not self.refresh():
                idle()
                time.sleep(poll_s)

    def act(self, obs: Any, info: Any, greedy: bool) -> tuple[PolicyAction, int]:
        """The policy's decision and the version that made it."""
        with self.lock:
            return self.policy.act(obs, info, greedy=greedy), self.version  # type: ignore[return-value]


Decide = Callable[[Any, Any, bool], tuple[PolicyAction, int]]


class ActingView:
    """A `Policy` over a replica for one environment: a hook before each action, and the
    version of each action (`stamp` writes them into the episode's steps). `decide` makes
    the decision and says which version made it (by default `replica.act`; a lockstep worker
    batches its environments' decisions instead)."""

    def __init__(
        self,
        replica: Replica,
        before_act: Callable[[], None] | None = None,
        decide: Decide | None = None,
    ) -> None:
        self.replica = replica
        self.before_act = before_act
        self.decide: Decide = decide or replica.act
        self.features_dim = replica.policy.features_dim
        self.versions: list[int] = []

    def act(self, obs: Any, info: Any, greedy: bool = False) -> PolicyAction:
        if self.before_act is not None:
            self.before_act()
        decision, version = self.decide(obs, info, greedy)
        self.versions.append(version)
        return decision

    def stamp(self, trajectory: Trajectory) -> Trajectory:
        """Sets each step's `policy_version` to the version that acted, then forgets them."""
        versions, self.versions = self.versions[-len(trajectory.steps) :], []
        for step, version in zip(trajectory.steps, versions, strict=True):
            step.policy_version = version
        return trajectory

    @property
    def history(self) -> int:
        return self.replica.policy.history

    def evaluate(
        self,
        obs: Sequence[Any],
        info: Sequence[Any],
        actions: Sequence[Any],
        tokens: Sequence[Sequence[int] | None] | None = None,
    ):
        return self.replica.policy.evaluate(obs, info, actions, tokens)

    def trainable_parameters(self) -> list:
        return self.replica.policy.trainable_parameters()

    def trainable_state(self) -> dict[str, Tensor]:
        return self.replica.policy.trainable_state()

    def load_trainable_state(self, state: Mapping[str, Tensor]) -> None:
        self.replica.policy.load_trainable_state(state)
