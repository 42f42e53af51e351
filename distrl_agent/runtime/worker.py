"""Workers: decentralised collection (and periodic evaluation) on their own devices.

A worker builds the run's environments and a policy replica from its `WorkerSpec`, then:

- role "collect": plays episodes on each of its environments (one thread per environment,
  `runtime.envs_per_worker`), records every step's behaviour log-prob and policy version, and
  sends each finished trajectory to the learner, its screenshots PNG-encoded (a fraction of the
  bytes on the wire and in Ray's object store; the learner keeps them so). In async mode it
  takes newer weights before any step as soon as they are published, so collection never pauses
  for training; in sync mode it plays `sync_episodes_per_worker` episodes with one version, then
  waits at the barrier until the learner publishes the next version. Lockstep mode is sync mode
  whose environments also move together, as in DigiRL's `batch_interact_environment`: they reset
  together, every action waits until every environment has its observation (the slowest device
  sets the pace) and is decided in one batched forward pass with the others, and a batch of
  episodes ends when its longest episode does.
- role "eval": every `eval.every_s` seconds, takes the latest version and plays the first
  `eval.periodic_tasks` tasks of the evaluation split greedily, and sends the success rate.

Before every action a worker reports a heartbeat (at most once a second) with its progress;
the supervisor restarts a worker whose heartbeats stop. Everything it sends is a transport
message (JSON + safetensors); it reads weights from a `WeightSource`.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Protocol

import gymnasium as gym
import numpy as np
import torch

from android_gym.heap import freeze_startup_heap
from distrl_agent.config import config_from_dict
from distrl_agent.rollout import run_episode
from distrl_agent.runtime.components import build_policy, make_env
from distrl_agent.runtime.evaluation import evaluate
from distrl_agent.runtime.replica import ActingView, Replica, WeightSource
from distrl_agent.runtime.transport import encode, encode_trajectory
from distrl_agent.trajectory import with_history

log = logging.getLogger(__name__)

HEARTBEAT_S = 1.0


class Stop(Exception):
    """The learner asked this worker to stop (or the link to it broke)."""


class Link(Protocol):
    """How a worker talks to the learner."""

    def send(self, data: bytes) -> None: ...

    def stopped(self) -> bool: ...


@dataclass
class WorkerSpec:
    """Everything a worker process needs, as JSON: who it is, the run config, the policy."""

    worker_id: str
    role: str
    seed: int
    incarnation: int
    config: dict[str, Any]
    policy: dict[str, Any]
    devices: list[str] = field(default_factory=list)
    """The phones of this worker's environments, one per slot (empty: simulated phones)."""

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    def next_incarnation(self) -> WorkerSpec:
        """The spec of this worker's restart: the same worker, new seeds."""
        return replace(self, seed=self.seed + 7_919, incarnation=self.incarnation + 1)

    @classmethod
    def from_json(cls, text: str) -> WorkerSpec:
        return cls(**json.loads(text))


class Worker:
    """One worker (see the module docstring)."""

    def __init__(self, spec: WorkerSpec, link: Link, source: WeightSource) -> None:
        self.spec = spec
        self.link = link
        self.config = config_from_dict(spec.config)
        torch.set_num_threads(self.config.runtime.worker_threads)
        self.replica = Replica(build_policy(spec.policy, self.config.policy.worker_device), source)
        self.cond = threading.Condition()
        self.send_lock = threading.Lock()
        self.steps = 0
        self.last_beat = 0.0
        self.progress: dict[int, float] = {}
        self.quota: Counter[int] = Counter()
        self.in_flight = 0
        self.lockstep = (
            Lockstep(self.config.runtime.envs_per_worker, self.check, self._decide_all)
            if self.config.runtime.mode == "lockstep"
            else None
        )

    # -- shared machinery ---------------------------------------------------------------------

    def send(self, data: bytes) -> None:
        with self.send_lock:
            self.link.send(data)

    def check(self, slot: int = 0) -> None:
        """Called before every action: stop if asked, record progress, maybe beat."""
        if self.link.stopped():
            raise Stop
        now = time.time()
        self.progress[slot] = now
        if now - self.last_beat >= HEARTBEAT_S:
            self.last_beat = now
            meta = {
                "worker_id": self.spec.worker_id,
                "version": self.replica.version,
                "steps": self.steps,
                "progress_age_s": max(now - t for t in self.progress.values()),
                "broadcast_s": self.replica.take_broadcast_latencies(),
            }
            self.send(encode("heartbeat", meta))

    def run(self, *, own_process: bool = False) -> None:
        """Builds its environments and warms its policy up, says hello (it is ready), waits
        for the first weights, then works until told to stop. A worker that `own_process`
        (a backend's worker process or actor) freezes its start-up heap before its hello, so
        full garbage collections do not scan it (android_gym/heap.py)."""
        envs = self._make_envs() if self.spec.role == "collect" else []
        self._warm_up()
        if own_process:
            freeze_startup_heap()
        self.send(
            encode(
                "hello",
                {
                    "worker_id": self.spec.worker_id,
                    "pid": os.getpid(),
                    "incarnation": self.spec.incarnation,
                    "role": self.spec.role,
                },
            )
        )
        try:
            self.replica.wait_for_version(-1, self.check)
            if self.spec.role == "eval":
                self._evaluate_periodically()
            else:
                self._collect(envs)
        except Stop:
            log.info("worker %s stops", self.spec.worker_id)

    # -- collection ---------------------------------------------------------------------------

    def _slot_seed(self, slot: int) -> int:
        return self.spec.seed * 1_000 + slot

    def _make_envs(self) -> list[gym.Env]:
        """One environment per slot, built before the worker says it is ready."""
        devices = self.spec.devices
        return [
            make_env(
                self.config,
                self.config.env.train_split,
                seed=self._slot_seed(slot),
                device_name=devices[slot] if devices else None,
            )
            for slot in range(self.config.runtime.envs_per_worker)
        ]

    def _warm_up(self) -> None:
        """Acts once on a first observation (of an environment without device latency), so
        that the policy's one-off costs are paid before the worker says it is ready: torch
        imports sympy on a first attention with a padding mask (0.7 s a process, 20 s of CPU
        for 32 workers starting together), a GPU its first kernels."""
        env = make_env(self.config, self.config.env.train_split, seed=self.spec.seed, latency=False)
        obs, info = env.reset(seed=self.spec.seed)
        self.replica.policy.act(obs, with_history(info, []), greedy=True)
        env.close()

    def _collect(self, envs: list[gym.Env]) -> None:
        if len(envs) == 1:
            self._collect_on(0, envs[0])
            return

        def target(slot: int) -> None:
            try:
                self._collect_on(slot, envs[slot])
            except Stop:
                pass
            except BaseException:  # a crashed slot takes the worker down: the watchdog restarts it
                log.exception("environment slot %d of %s crashed", slot, self.spec.worker_id)
                os._exit(1)

        threads = [
            threading.Thread(target=target, args=(i,), daemon=True) for i in range(len(envs))
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def _collect_on(self, slot: int, env: gym.Env) -> None:
        tasks = len(env.unwrapped.tasks)
        rng = np.random.default_rng(self._slot_seed(slot))
        mode, lockstep = self.config.runtime.mode, self.lockstep
        view = ActingView(
            self.replica,
            lambda: self._before_act(slot, mode),
            (lambda obs, info, greedy: lockstep.act(slot, obs, info, greedy))
            if lockstep is not None
            else None,
        )
        episode = 0
        while True:
            if mode == "async":
                self.check(slot)
            else:
                self._reserve(slot)
            view.versions.clear()
            try:
                if lockstep is not None:
                    lockstep.wait(slot)  # reset together
                trajectory = run_episode(
                    env,
                    view,
                    seed=int(rng.integers(2**31 - 1)),
                    options={"task_index": int(rng.integers(tasks))},
                    worker_id=self.spec.worker_id,
                )
                if lockstep is not None:
                    lockstep.finished(slot)
            finally:
                if mode != "async":
                    with self.cond:
                        self.in_flight -= 1
                        self.cond.notify_all()
            view.stamp(trajectory)
            trajectory.metadata.update(
                {"incarnation": self.spec.incarnation, "slot": slot, "episode": episode}
            )
            self.send(encode_trajectory(trajectory.compress_frames()))  # PNGs on the wire
            episode += 1

    def _before_act(self, slot: int, mode: str) -> None:
        self.check(slot)
        self.steps += 1
        if mode == "async":
            self.replica.refresh()

    def _decide_all(self, requests: list[tuple[Any, Any, bool]]) -> list[tuple[Any, int]]:
        """Lockstep: every waiting environment's decision in one batched forward pass, as
        DigiRL's loop acts for all its emulators at once."""
        decisions, version = self.replica.act(
            [obs for obs, _, _ in requests], [info for _, info, _ in requests], requests[0][2]
        )
        return [(decision, version) for decision in decisions]  # type: ignore[union-attr]

    def _reserve(self, slot: int) -> None:
        """Sync mode: claims one of this version's episodes, or waits at the barrier until all
        of them are done and the learner has published the next version."""
        need = self.config.runtime.sync_episodes_per_worker
        with self.cond:
            while True:
                self.check(slot)
                version = self.replica.version
                if self.quota[version] < need:
                    self.quota[version] += 1
                    self.in_flight += 1
                    return
                if self.in_flight == 0 and self.replica.refresh():
                    self.quota.clear()  # only the newest version's episodes are claimed
                    continue
                self.cond.wait(0.01)

    # -- evaluation ---------------------------------------------------------------------------

    def _evaluate_periodically(self) -> None:
        ev = self.config.eval
        while True:
            started = time.time()
            self.replica.refresh()
            version = self.replica.version
            result = evaluate(
                self.replica.policy,
                self.config,
                tasks=ev.periodic_tasks,
                latency=True,
                threads=ev.envs,
                before_act=self.check,
                label=f"periodic-v{version}",
            )
            record = {
                "worker_id": self.spec.worker_id,
                "version": version,
                **result.to_dict(records=True),
            }
            self.send(encode("evaluation", record))
            while time.time() < started + ev.every_s:
                self.check()
                time.sleep(0.05)


class Lockstep:
    """A barrier for a worker's environment slots, reusable step after step (lockstep mode).

    `wait` blocks until every slot has called it (calling `check(slot)` meanwhile, which
    raises `Stop` when the worker must stop). `act` is a meeting that also decides: the last
    slot to arrive hands every slot's request (observation, info, greedy) to `decide_all` at
    once, and each slot leaves with its own decision. A slot whose episode ended calls
    `finished`, which keeps meeting the others until every slot's episode has ended."""

    def __init__(
        self,
        parties: int,
        check: Callable[[int], None],
        decide_all: Callable[[list[Any]], list[Any]] | None = None,
    ) -> None:
        self.parties, self.check, self.decide_all = parties, check, decide_all
        self.cond = threading.Condition()
        self.arrived = 0
        self.generation = 0
        self.unfinished = parties
        self.over = False
        self.requests: dict[int, Any] = {}
        self.decisions: dict[int, Any] = {}

    def wait(self, slot: int) -> bool:
        """Meets the other slots; True when every slot's episode had ended at this meeting."""
        return self._meet(slot, None)

    def act(self, slot: int, obs: Any, info: Any, greedy: bool) -> Any:
        """Meets the other slots and returns this slot's decision, made in one batch with
        theirs."""
        if self.decide_all is None:
            raise RuntimeError("this Lockstep has no decide_all to act with")
        self._meet(slot, (obs, info, greedy))
        with self.cond:
            return self.decisions.pop(slot)

    def _meet(self, slot: int, request: Any) -> bool:
        with self.cond:
            generation = self.generation
            if request is not None:
                self.requests[slot] = request
            self.arrived += 1
            if self.arrived == self.parties:
                if self.requests:
                    slots = sorted(self.requests)
                    decided = self.decide_all([self.requests[s] for s in slots])  # type: ignore[misc]
                    self.decisions.update(zip(slots, decided, strict=True))
                    self.requests.clear()
                self.over = self.unfinished == 0
                if self.over:
                    self.unfinished = self.parties
                self.arrived, self.generation = 0, generation + 1
                self.cond.notify_all()
            while self.generation == generation:
                self.check(slot)
                self.cond.wait(0.01)
            return self.over

    def finished(self, slot: int) -> None:
        """This slot's episode ended: waits, stepping with the others, until all have."""
        with self.cond:
            self.unfinished -= 1
        while not self.wait(slot):
            pass
