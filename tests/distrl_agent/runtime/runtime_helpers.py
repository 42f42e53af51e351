"""Helpers of the runtime tests (imported by name: this directory is on sys.path)."""

from __future__ import annotations

import copy
import json
import signal
import threading
import time
from pathlib import Path

from distrl_agent.config import RunConfig, load_config
from distrl_agent.policies.base import save_trainable_state
from distrl_agent.runtime.components import build_policy, build_updater, policy_spec
from distrl_agent.runtime.learner import Learner
from distrl_agent.runtime.service import INITIAL_WEIGHTS, POLICY_SPEC
from distrl_agent.runtime.transport import decode, trajectory_from_message

ROOT = Path(__file__).resolve().parents[3]
SMOKE = ROOT / "configs" / "smoke.yaml"


def interruptible() -> None:
    """A `preexec_fn`: SIGINT stops the child as Ctrl-C does in a terminal, even when whoever
    started the tests ignores SIGINT (a job started with `&` from a script, or `nohup`): the
    child would inherit that, and `distrl` rightly keeps a signal ignored that was ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def smoke_config(*overrides: str) -> RunConfig:
    """configs/smoke.yaml with overrides."""
    return load_config(SMOKE, list(overrides))


def prepare_run_dir(config: RunConfig, run_dir: Path) -> dict:
    """A run directory with a fresh policy's spec and weights (what a warm start writes)."""
    run_dir.mkdir(parents=True, exist_ok=True)
    spec = policy_spec(config)
    policy = build_policy(spec)
    (run_dir / POLICY_SPEC).write_text(json.dumps(spec))
    save_trainable_state(policy.trainable_state(), run_dir / INITIAL_WEIGHTS)
    return spec


def make_learner(*overrides: str, workers=("w0",)):
    """A learner on the smoke config whose publications are kept in a list."""
    config = smoke_config(*overrides)
    policy = build_policy(policy_spec(config))
    published: list[tuple[int, dict]] = []

    def publish(version, state):
        published.append((version, state))
        return 0.0

    learner = Learner(
        config, policy, build_updater(config, policy), publish, lambda: 1.0, list(workers)
    )
    learner.publish(bump=False)
    return learner, published


def trained_learner(trajectories):
    """A learner (min_replay 2) that has ingested 4 trajectories and trained all it may."""
    learner, _ = make_learner("runtime.min_replay=2")
    for t in trajectories[:4]:
        learner.ingest(t)
    while learner.step():
        pass
    return learner


def from_worker(trajectory, worker_id, version=0):
    """A copy of `trajectory` as if `worker_id` had collected it with `version`."""
    t = copy.copy(trajectory)
    t.steps = [copy.copy(s) for s in trajectory.steps]
    for s in t.steps:
        s.policy_version = version
    t.worker_id = worker_id
    return t


class MemoryLink:
    """A worker link that keeps what is sent (the worker's real protocol, in memory)."""

    def __init__(self) -> None:
        self.messages = []
        self.stop = threading.Event()

    def send(self, data: bytes) -> None:
        self.messages.append(decode(data))

    def stopped(self) -> bool:
        return self.stop.is_set()

    def trajectories(self):
        return [trajectory_from_message(m) for m in self.messages if m.kind == "trajectory"]


def wait_for(predicate, timeout=60.0, poll=0.05):
    """Waits until `predicate()` holds (AssertionError after `timeout` seconds)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if predicate():
            return
        time.sleep(poll)
    raise AssertionError("timed out")
