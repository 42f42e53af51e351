"""The centralised learner: prioritized replay in, gradient updates, numbered weights out.

`Learner.ingest` adds each trajectory a worker sends to the prioritized replay (new items get
the maximum priority) and records its policy lag on arrival. `Learner.step` does one unit of
training under the run's schedule:

- async (DistRL): whenever the replay holds `min_replay` trajectories and the replay ratio
  allows (at most `updates_per_trajectory` updates per trajectory collected, 0: no cap), sample
  a batch by priority, update, refresh the sampled priorities, and publish every
  `publish_every` updates, while the workers go on collecting;
- sync (DigiRL-style): wait until every collecting worker has sent
  `sync_episodes_per_worker` trajectories acted by the current version (the workers wait at
  that barrier), then take `ceil(updates_per_trajectory * batch)` updates and publish the next
  version, which releases the workers. Lockstep (DigiRL's collection loop) trains the same
  way; only the workers differ (see `runtime/worker.py`). Each round's collection and
  training are timed apart (`totals()["rounds"]`).

All use the same replay, updates and publication, so the two schedules compare on equal
terms: the same number of updates per collected trajectory.
"""

from __future__ import annotations

import math
import threading
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np
from torch import Tensor

from distrl_agent.algorithms.common import Updater, UpdateResult
from distrl_agent.config import RunConfig
from distrl_agent.policies.base import Policy
from distrl_agent.replay import PrioritizedReplay
from distrl_agent.runtime.checkpoint import LoadedCheckpoint, load_optimizer, optimizer_payload
from distrl_agent.runtime.components import updater_modules
from distrl_agent.runtime.lag import LagStats
from distrl_agent.trajectory import Trajectory

Publisher = Callable[[int, dict[str, Tensor]], float]
"""Writes (version, trainable state) where the workers find it; returns the publish time."""


class Learner:
    """See the module docstring. Thread-safe: workers' trajectories arrive on other threads."""

    def __init__(
        self,
        config: RunConfig,
        policy: Policy,
        updater: Updater,
        publish: Publisher,
        clock: Callable[[], float],
        collect_workers: list[str],
    ) -> None:
        self.config = config
        self.policy = policy
        self.updater = updater
        self.publish_fn = publish
        self.clock = clock
        self.collect_workers = collect_workers  # the caller's list: workers come and go
        self.replay: PrioritizedReplay[Trajectory] = PrioritizedReplay(
            config.replay.capacity, config.replay.alpha, config.replay.beta, seed=config.seed
        )
        self.rng = np.random.default_rng(config.seed)
        self.lock = threading.Lock()
        self.version = 0
        self.updates = 0
        self.trajectories = 0
        self.transitions = 0
        self.successes = 0
        self.device_faults = 0
        self.device_s = 0.0
        self.publish_times: dict[int, float] = {}
        self.evaluations: list[dict[str, Any]] = []
        self.lag_arrival = LagStats()
        self.lag_update = LagStats()
        self.round_counts: Counter[tuple[int, str]] = Counter()
        self.rounds: list[tuple[float, float]] = []
        self._round_started = clock()
        self._interval: dict[str, Any] = _empty_interval()

    # -- data in ------------------------------------------------------------------------------

    def ingest(self, trajectory: Trajectory) -> bool:
        """Adds a collected trajectory to the replay (priority: the maximum so far); returns
        whether it did. An episode cut by a device fault says nothing about the policy: it is
        counted (`device_faults`) and kept out of the replay, never learned as a failure. The
        replay keeps screenshots PNG-encoded (decoded per training batch), so its memory stays
        a fraction of the frames' (docs/distributed.md)."""
        if trajectory.device_fault:
            with self.lock:
                self.device_faults += 1
            return False
        trajectory.compress_frames()
        with self.lock:
            version = self.version
            lags = [version - s.policy_version for s in trajectory.steps]
            self.lag_arrival.add(lags)
            self.replay.add(trajectory)
            self.trajectories += 1
            self.transitions += len(trajectory)
            self.successes += int(trajectory.success)
            self.device_s += float(trajectory.timings.get("device_s", 0.0))
            interval = self._interval
            interval["trajectories"] += 1
            interval["transitions"] += len(trajectory)
            interval["successes"] += int(trajectory.success)
            interval["episode_s"].append(float(trajectory.timings.get("episode_s", 0.0)))
            if all(s.policy_version == version for s in trajectory.steps):
                self.round_counts[(version, trajectory.worker_id)] += 1
        return True

    def ingest_evaluation(self, record: dict[str, Any]) -> dict[str, Any]:
        """Records a periodic evaluation; adds the time its weights were published."""
        record = dict(record)
        with self.lock:
            record["version_time_s"] = self.publish_times.get(int(record["version"]))
            record["received_s"] = self.clock()
            self.evaluations.append(record)
        return record

    # -- training -----------------------------------------------------------------------------

    def step(self) -> bool:
        """One unit of training if the schedule allows it now; False when there is none."""
        if self.config.runtime.mode != "async":
            return self._sync_round()
        if not self._may_update():
            return False
        self._update()
        if self.updates % self.config.runtime.publish_every == 0:
            self.publish()
        return True

    def _may_update(self) -> bool:
        rt = self.config.runtime
        if len(self.replay) < rt.min_replay:
            return False
        ratio = rt.updates_per_trajectory
        return ratio <= 0 or self.updates < ratio * self.trajectories

    def round_complete(self) -> bool:
        """Sync mode: every collecting worker has sent its batch for the current version."""
        need = self.config.runtime.sync_episodes_per_worker
        with self.lock:
            return all(self.round_counts[(self.version, w)] >= need for w in self.collect_workers)

    def _sync_round(self) -> bool:
        if not self.round_complete():
            return False
        complete = self.clock()
        collect_s = complete - self._round_started
        rt = self.config.runtime
        batch = len(self.collect_workers) * rt.sync_episodes_per_worker
        for _ in range(max(1, math.ceil(rt.updates_per_trajectory * batch))):
            self._update()
        self.publish()
        with self.lock:
            self.rounds.append((collect_s, self.clock() - complete))
        return True

    def _update(self) -> UpdateResult:
        self.updater.prepare(self.replay)
        items, ids, weights = self.replay.sample(self.config.runtime.batch_size, self.rng)
        self.lag_update.add([self.version - s.policy_version for t in items for s in t.steps])
        result = self.updater.update(items, weights)
        if result.priorities is not None:
            self.replay.update_priorities(ids, result.priorities)
        with self.lock:
            self.updates += 1
            interval = self._interval
            interval["updates"] += 1
            for key, value in {**result.losses, **result.diagnostics}.items():
                interval["sums"][key] += value
                interval["counts"][key] += 1
        return result

    def publish(self, bump: bool = True) -> int:
        """Publishes the current trainable weights as the next version (or, with `bump` False,
        as the current one: the first version, or again after a resume); returns it."""
        state = self.policy.trainable_state()
        with self.lock:
            version = self.version + 1 if bump else self.version
            self.publish_fn(version, state)
            self.version = version
            self.publish_times.setdefault(version, self.clock())
            for key in [k for k in self.round_counts if k[0] < version]:
                del self.round_counts[key]
            self._round_started = self.clock()
        return version

    # -- reporting ----------------------------------------------------------------------------

    def interval_metrics(self) -> dict[str, Any]:
        """Means of losses and diagnostics, counts and policy lag since the previous call."""
        with self.lock:
            interval, self._interval = self._interval, _empty_interval()
            out: dict[str, Any] = {
                "version": self.version,
                "updates": self.updates,
                "trajectories": self.trajectories,
                "transitions": self.transitions,
                "replay_items": len(self.replay),
                "interval_trajectories": interval["trajectories"],
                "interval_transitions": interval["transitions"],
                "interval_updates": interval["updates"],
                "collect_success": interval["successes"] / max(1, interval["trajectories"]),
            }
            if interval["episode_s"]:
                out["episode_s_mean"] = float(np.mean(interval["episode_s"]))
            for key, total in interval["sums"].items():
                out[f"train/{key}"] = total / interval["counts"][key]
            for name, stats in (("lag_arrival", self.lag_arrival), ("lag_update", self.lag_update)):
                for key, value in stats.interval().items():
                    out[f"{name}/{key}"] = value
        return out

    def totals(self) -> dict[str, Any]:
        """Run totals: counters and the whole run's policy-lag summaries."""
        with self.lock:
            return {
                "version": self.version,
                "updates": self.updates,
                "trajectories": self.trajectories,
                "transitions": self.transitions,
                "collect_success": self.successes / max(1, self.trajectories),
                "device_faults": self.device_faults,
                "lag_arrival": self.lag_arrival.summary(),
                "lag_update": self.lag_update.summary(),
                "rounds": _rounds_summary(self.rounds),
            }

    # -- checkpoints --------------------------------------------------------------------------

    def checkpoint(self) -> tuple[dict, dict[str, dict[str, Tensor]], list]:
        """(JSON state, tensor groups, replay (id, item, priority) oldest first) to save."""
        with self.lock:
            replay = self.replay.contents()
            tensors: dict[str, dict[str, Tensor]] = {"policy": self.policy.trainable_state()}
            modules = {
                f"{name}.{k}": v
                for name, module in updater_modules(self.updater).items()
                for k, v in module.state_dict().items()
            }
            if modules:
                tensors["critics"] = modules
            structures = []
            for index, optimizer in enumerate(self.updater.optimizers):
                optimizer_tensors, structure = optimizer_payload(optimizer)
                tensors[f"optimizer{index}"] = optimizer_tensors
                structures.append(structure)
            state = {
                "counters": {
                    "version": self.version,
                    "updates": self.updates,
                    "trajectories": self.trajectories,
                    "transitions": self.transitions,
                    "successes": self.successes,
                    "device_faults": self.device_faults,
                },
                "rng": self.rng.bit_generator.state,
                "optimizers": structures,
                "publish_times": {str(k): v for k, v in self.publish_times.items()},
                "evaluations": self.evaluations,
                "lag": {
                    "arrival": {str(k): v for k, v in self.lag_arrival.total.items()},
                    "update": {str(k): v for k, v in self.lag_update.total.items()},
                },
                "elapsed_s": self.clock(),
            }
        return state, tensors, replay

    def restore(self, loaded: LoadedCheckpoint) -> list[int]:
        """Loads a checkpoint into this learner; returns the new replay ids of its items."""
        state, tensors = loaded.state, loaded.tensors
        self.policy.load_trainable_state(tensors["policy"])
        for name, module in updater_modules(self.updater).items():
            prefix = f"{name}."
            module.load_state_dict(
                {k[len(prefix) :]: v for k, v in tensors["critics"].items() if k.startswith(prefix)}
            )
        for index, optimizer in enumerate(self.updater.optimizers):
            load_optimizer(optimizer, tensors[f"optimizer{index}"], state["optimizers"][index])
        counters = state["counters"]
        self.version = int(counters["version"])
        self.updates = int(counters["updates"])
        self.trajectories = int(counters["trajectories"])
        self.transitions = int(counters["transitions"])
        self.successes = int(counters["successes"])
        self.device_faults = int(counters.get("device_faults", 0))
        self.rng.bit_generator.state = state["rng"]
        self.publish_times = {int(k): float(v) for k, v in state["publish_times"].items()}
        self.evaluations = list(state["evaluations"])
        for stats, key in ((self.lag_arrival, "arrival"), (self.lag_update, "update")):
            stats.total = Counter({int(k): int(v) for k, v in state["lag"][key].items()})
        ids = []
        for trajectory, priority in loaded.replay:
            ids.append(self.replay.add(trajectory, priority))
        return ids


def _rounds_summary(rounds: list[tuple[float, float]]) -> dict[str, float] | None:
    """Sync rounds, each `collect_s` (its version's publication to its batch's last arrival)
    then `train_s` (its updates and the next publication, while every worker waits): the
    count, the medians, and the share of the rounds' time spent training (None: no round).
    Rounds are not checkpointed: after a resume they count from there."""
    if not rounds:
        return None
    collect, train = (np.array(column) for column in zip(*rounds, strict=True))
    return {
        "count": len(rounds),
        "collect_s_median": float(np.median(collect)),
        "train_s_median": float(np.median(train)),
        "train_share": float(train.sum() / (collect.sum() + train.sum())),
    }


def _empty_interval() -> dict[str, Any]:
    return {
        "trajectories": 0,
        "transitions": 0,
        "successes": 0,
        "updates": 0,
        "episode_s": [],
        "sums": defaultdict(float),
        "counts": defaultdict(int),
    }
