"""The learner's side of a run, the same under every backend: messages in, training, duties.

`LearnerService` builds the run's learner from the policy spec and its starting weights (or the
checkpoint `resume_from`, which the driver chose and verified), publishes version 0, and then:
`handle` takes every message workers send (trajectories into the replay, evaluations into the
metrics, heartbeats for the watchdog), each checked first and, inside `intake` (which both
backends' receive paths use), refused without stopping anything when it is bad
(runtime/intake.py: counted in `rejected_messages`), and `tick` does one learner step plus the
periodic duties (metrics every `runtime.metrics_every_s`, an atomic checkpoint every
`runtime.checkpoint_every_s`, which the driver records in events.jsonl from `take_written`).
The local backend calls `tick` in the driver's main thread; the Ray backend inside the learner
actor.

The run's clock starts when every collecting worker has said hello, so worker start-up (which
is not collection) is reported apart, and on resume it continues from the checkpoint's time.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import torch
from torch import Tensor

from distrl_agent.algorithms.anchor import DemonstrationAnchor, anchor_gate
from distrl_agent.config import RunConfig
from distrl_agent.policies.base import load_trainable_state
from distrl_agent.runtime import RunFailure
from distrl_agent.runtime.checkpoint import CheckpointStore
from distrl_agent.runtime.components import build_policy, build_updater
from distrl_agent.runtime.demonstrations import load_demonstrations
from distrl_agent.runtime.evaluation import write_results
from distrl_agent.runtime.intake import Rejections, admit
from distrl_agent.runtime.lag import summarise
from distrl_agent.runtime.learner import Learner, Publisher
from distrl_agent.runtime.metrics import MetricsLog
from distrl_agent.runtime.transport import Message

INITIAL_WEIGHTS = "initial.safetensors"
POLICY_SPEC = "policy.json"


class LearnerService:
    """See the module docstring."""

    def __init__(
        self,
        config: RunConfig,
        run_dir: str | Path,
        publish: Publisher,
        collect_workers: list[str],
        *,
        resume_from: str | None = None,
    ) -> None:
        self.config = config
        self.run_dir = Path(run_dir)
        torch.set_num_threads(config.runtime.learner_threads)
        spec = json.loads((self.run_dir / POLICY_SPEC).read_text(encoding="utf-8"))
        self.policy = build_policy(spec, config.policy.device)
        self.updater = build_updater(config, self.policy, config.policy.device)
        if config.pretrain.anchor > 0:
            self.updater.anchor = DemonstrationAnchor(
                load_demonstrations(self.run_dir),
                config.pretrain.anchor,
                config.pretrain.anchor_batch,
                seed=config.seed,
                gate=anchor_gate(self.updater) if config.pretrain.anchor_gated else None,
            )
        self.collect_workers = list(collect_workers)
        self._offset = 0.0
        self._start: float | None = None
        self._finished: float | None = None
        self.published = -1
        self.rejections = Rejections()
        self.failure: RunFailure | None = None
        self.written: list[dict[str, Any]] = []

        def publish_and_note(version: int, state: dict[str, Tensor]) -> float:
            self.published = max(self.published, version)  # before any worker can act with it
            return publish(version, state)

        self.learner = Learner(
            config, self.policy, self.updater, publish_and_note, self.clock, self.collect_workers
        )
        self.metrics = MetricsLog(self.run_dir)
        self.checkpoints = CheckpointStore(
            self.run_dir / "checkpoints", config.runtime.keep_checkpoints
        )
        self.checkpoint_count = 0
        self.resumed_from: str | None = None
        if resume_from is not None:
            self._restore(resume_from)
        else:
            self.policy.load_trainable_state(load_trainable_state(self.run_dir / INITIAL_WEIGHTS))
        self.learner.publish(bump=False)
        self.lock = threading.Lock()
        self.last_heard: dict[str, float] = {}
        self.progress_age: dict[str, float] = {}
        self.hello: dict[str, dict[str, Any]] = {}
        self.broadcast_ms: Counter[int] = Counter()
        self.ready_trajectories = self.learner.trajectories
        self.ready_transitions = self.learner.transitions
        self.startup_s: float | None = None
        self.delivered: set[str] = set()
        self.steady_from: tuple[float, int, int, float] | None = None
        self.last_arrival: tuple[float, int, int, float] | None = None
        self._created = time.perf_counter()
        self._next_metrics = self.clock() + config.runtime.metrics_every_s
        self._next_checkpoint = self.clock() + config.runtime.checkpoint_every_s

    def _restore(self, name: str) -> None:
        loaded = self.checkpoints.load(self.checkpoints.root / name)
        ids = self.learner.restore(loaded)
        self.checkpoints.adopt(ids, loaded)
        self._offset = float(loaded.state["elapsed_s"])
        self.checkpoint_count = int(loaded.state["service"]["checkpoints"])
        self.rejections = Rejections(loaded.state["service"].get("rejected"))
        self.metrics.rewind(int(loaded.state["service"]["metrics_lines"]), self.learner.updates)
        self.resumed_from = loaded.path.name

    # -- the clock ----------------------------------------------------------------------------

    def clock(self) -> float:
        """Seconds of the run so far (0 until every collecting worker is ready; frozen by
        `finish`)."""
        if self._start is None:
            return self._offset
        end = self._finished if self._finished is not None else time.perf_counter()
        return self._offset + end - self._start

    def finish(self) -> None:
        """Stops the clock: what follows (stopping workers, the last checkpoint) is not RL."""
        if self._finished is None:
            self._finished = time.perf_counter()

    def _mark_ready(self) -> None:
        if self._start is None and all(w in self.hello for w in self.collect_workers):
            self._start = time.perf_counter()
            self.startup_s = self._start - self._created
            self.ready_trajectories = self.learner.trajectories
            self.ready_transitions = self.learner.transitions
            self._next_metrics = self.clock() + self.config.runtime.metrics_every_s
            self._next_checkpoint = self.clock() + self.config.runtime.checkpoint_every_s

    def set_collect_workers(self, worker_ids: list[str]) -> None:
        """The collecting workers from now on (the Ray backend's elastic worker set)."""
        with self.lock:
            self.collect_workers[:] = worker_ids  # the learner's list too
            self._mark_ready()

    @property
    def ready(self) -> bool:
        return self._start is not None

    # -- messages -----------------------------------------------------------------------------

    def intake(self, sender: str) -> AbstractContextManager[None]:
        """Where a backend takes one message from `sender` (decoding and `handle`): whatever is
        raised inside is logged and counted by kind, and the receive loop goes on."""
        return self.rejections.guard(sender)

    def handle(self, worker_id: str, message: Message) -> None:
        """Takes one message from a worker (any thread); a message it refuses raises
        `TransportError` before anything of it is recorded (see runtime/intake.py)."""
        trajectory = admit(
            message,
            worker_id,
            newest=self.published,
            capacity=self.learner.replay.capacity,
        )
        with self.lock:
            self.last_heard[worker_id] = time.time()
            if message.kind == "hello":
                self.hello[worker_id] = message.meta
                self.progress_age.pop(worker_id, None)
                self._mark_ready()
            elif message.kind == "heartbeat":
                self.progress_age[worker_id] = float(message.meta.get("progress_age_s", 0.0))
                self.broadcast_ms.update(
                    round(1000 * float(x)) for x in message.meta.get("broadcast_s", [])
                )
        if trajectory is not None:
            self.learner.ingest(trajectory)
            self._note_arrival(trajectory.worker_id)
        elif message.kind == "evaluation":
            meta = dict(message.meta)
            identity, lines = meta.pop("identity", None), meta.pop("records", None)
            record = self.learner.ingest_evaluation(meta)
            self._write_eval(record)
            if identity and lines:
                label = identity["agent"]["label"]
                write_results(
                    self.run_dir / "evaluations" / label, identity, lines, meta["elapsed_s"]
                )

    def _note_arrival(self, worker_id: str) -> None:
        """Marks when every collecting worker has delivered a trajectory (from then on every
        device is busy, and the steady-state throughput counts from there) and the latest
        arrival (where it ends)."""
        with self.lock:
            if not self.ready:
                return
            learner = self.learner
            mark = (self.clock(), learner.trajectories, learner.transitions, learner.device_s)
            self.last_arrival = mark
            if self.steady_from is None:
                self.delivered.add(worker_id)
                if self.delivered.issuperset(self.collect_workers):
                    self.steady_from = mark

    def health(self) -> tuple[dict[str, dict], dict[str, float], dict[str, float]]:
        """What the watchdog needs: hellos, when each worker was last heard, progress ages."""
        with self.lock:
            return dict(self.hello), dict(self.last_heard), dict(self.progress_age)

    def _write_eval(self, record: dict[str, Any]) -> None:
        row = {
            "kind": "eval",
            "t": record["received_s"],
            "version": record["version"],
            "version_time_s": record["version_time_s"],
            "success_rate": record["success_rate"],
            "tasks": record["tasks"],
            "elapsed_s": record["elapsed_s"],
        }
        with self.lock:
            self.metrics.write(row, self.learner.updates)

    # -- the loop -----------------------------------------------------------------------------

    def tick(self) -> bool:
        """One learner step and any periodic duty that is due; False when nothing was done."""
        trained = self.learner.step() if self.ready else False
        now = self.clock()
        if self.ready and now >= self._next_metrics:
            self._next_metrics = now + self.config.runtime.metrics_every_s
            self.write_metrics()
        if self.ready and now >= self._next_checkpoint:
            self._next_checkpoint = now + self.config.runtime.checkpoint_every_s
            self.checkpoint()
        return trained

    def fail(self, error: RunFailure) -> None:
        """Records a fault that ends the run (a receive path that died, a worker that cannot
        start): `done` turns true, the session still stops and checkpoints, and the run then
        fails with `error` (`summary()["failure"]`, which `run_session` raises)."""
        self.failure = self.failure or error

    def done(self) -> bool:
        """The run's duration (or update budget) is spent, or a fault ended it."""
        rt = self.config.runtime
        if self.failure is not None:
            return True
        if rt.max_updates is not None and self.learner.updates >= rt.max_updates:
            return True
        return self.ready and self.clock() >= rt.duration_s

    def write_metrics(self) -> dict[str, Any]:
        record = {"kind": "train", "t": self.clock(), **self.learner.interval_metrics()}
        with self.lock:
            record["workers"] = len(self.collect_workers)
            record.update({f"broadcast_s/{k}": v for k, v in self._broadcast().items()})
            record.update({f"rejected/{k}": v for k, v in self.rejections.totals().items()})
            self.metrics.write(record, self.learner.updates)
        return record

    def checkpoint(self) -> Path:
        """Writes an atomic checkpoint of everything the learner holds, and notes it for the
        run's events (`take_written`). It also holds the session's figures so far (`summary`
        without `failure`): a run stopped after the checkpoint that spent its budget resumes
        with only its final evaluation, and reports this session's figures."""
        session = self.summary()
        session.pop("failure")
        state, tensors, replay = self.learner.checkpoint()
        self.checkpoint_count += 1
        state["service"] = {
            "checkpoints": self.checkpoint_count,
            "metrics_lines": self.metrics.lines.lines,
            "rejected": self.rejections.totals(),
            "session": session,
        }
        path = self.checkpoints.save(state, tensors, replay)
        record = {"path": str(path), "updates": state["counters"]["updates"], "t": self.clock()}
        with self.lock:
            self.written.append(record)
        return path

    def take_written(self) -> list[dict[str, Any]]:
        """The checkpoints written since the last call (path, updates, run time): the driver
        records them in events.jsonl."""
        with self.lock:
            taken, self.written = self.written, []
        return taken

    def brief(self) -> dict[str, Any]:
        """What the progress bar shows: run time, version, updates, trajectories, last eval."""
        learner = self.learner
        out: dict[str, Any] = {
            "t": self.clock(),
            "version": learner.version,
            "updates": learner.updates,
            "trajectories": learner.trajectories,
        }
        if learner.evaluations:
            out["eval"] = f"{learner.evaluations[-1]['success_rate']:.0%}"
        return out

    def summary(self) -> dict[str, Any]:
        """Run totals for the summary and the collection benchmark."""
        totals = self.learner.totals()
        elapsed = self.clock() - self._offset if self.ready else 0.0
        collected = self.learner.trajectories - self.ready_trajectories
        transitions = self.learner.transitions - self.ready_transitions
        with self.lock:
            broadcast = self._broadcast()
            steady = self._steady()
        return {
            **totals,
            "elapsed_s": self.clock(),
            "session_s": elapsed,
            "startup_s": self.startup_s,
            "session_trajectories": collected,
            "session_transitions": transitions,
            "trajectories_per_minute": 60.0 * collected / elapsed if elapsed > 0 else 0.0,
            "steps_per_second": transitions / elapsed if elapsed > 0 else 0.0,
            "broadcast_s": broadcast,
            "steady": steady,
            "evaluations": self.learner.evaluations,
            "resumed_from": self.resumed_from,
            "rejected_messages": self.rejections.totals(),
            "failure": self.failure,
        }

    def _steady(self) -> dict[str, float] | None:
        """Throughput from the moment every collecting worker had delivered a trajectory to
        the last arrival (None without such a window). Left out: the pipeline's fill, a first
        reset and episode on every device, and the episodes unfinished at the end, which for
        a schedule that delivers in rounds can be most of a round. `device_busy` is the share
        of the window the devices spent in resets and steps (their waits included): the
        device time of the trajectories that arrived in it over window x devices."""
        if self.steady_from is None or self.last_arrival is None:
            return None
        since, trajectories, transitions, device_s = self.steady_from
        until, last_trajectories, last_transitions, last_device_s = self.last_arrival
        window = until - since
        if window <= 0:
            return None
        collected = last_trajectories - trajectories
        devices = len(self.collect_workers) * self.config.runtime.envs_per_worker
        return {
            "from_s": since - self._offset,
            "to_s": until - self._offset,
            "trajectories": collected,
            "trajectories_per_minute": 60.0 * collected / window,
            "steps_per_second": (last_transitions - transitions) / window,
            "device_busy": (last_device_s - device_s) / (window * devices),
        }

    def _broadcast(self) -> dict[str, float]:
        """Weight broadcast latency so far (publication -> loaded by a worker), in seconds:
        median, p90, max and count ({} before any); kept as a histogram of milliseconds."""
        summary = summarise(self.broadcast_ms)
        if not summary:
            return {}
        return {
            **{key: summary[key] / 1000 for key in ("median", "p90", "max")},
            "count": summary["steps"],
        }

    def finalize(self) -> tuple[dict[str, Any], dict[str, Tensor], Path]:
        """Stops the clock, writes the last metrics and a checkpoint; returns the summary, the
        final trainable weights and the checkpoint's path, then closes the logs."""
        self.finish()
        self.write_metrics()
        checkpoint = self.checkpoint()
        summary, state = self.summary(), self.policy.trainable_state()
        self.close()
        return summary, state, checkpoint

    def close(self) -> None:
        self.metrics.close()
