"""The Ray backend: the same learner service and workers as Ray actors, on one or many nodes.

- The learner is an actor holding a `LearnerService` (the code the local backend runs in its
  driver), placed with `ray.learner_gpus` GPUs and `ray.learner_resources`, so it lands on a
  GPU node. Its training loop runs in a thread of the actor while other threads take the
  workers' messages (`ingest`) and weight polls (`weights`).
- Each worker is an actor running the same `Worker` loop, placed with `ray.worker_cpus`,
  `ray.worker_gpus` and `ray.worker_resources` (e.g. `{"emulator": 1}` that only emulator
  hosts advertise). It sends the same transport messages (bytes: JSON + safetensors) as actor
  calls, one in flight at a time, and polls for weights: a version is `ray.put` once by the
  learner and fetched by each worker through the object store.
- The driver runs the same watchdog: a worker actor that died or went silent is killed and
  replaced by its next incarnation (after a backoff when it failed to start, and the run stops
  when it keeps failing to start).
- Every message is taken inside the learner's `intake`, so a bad one is counted and dropped
  (runtime/intake.py). At the end workers are asked to stop and waited for (at most
  `STOP_TIMEOUT_S`), each after the learner took its last message, before the final
  checkpoint; a learner loop that crashed fails the run.

- Placement is recorded: each actor reports its node (`worker_placed` events; the summary's
  `placement`: the learner's node, every worker incarnation's, and those nodes' resources).
- Nodes may join and leave: the collecting workers follow the room the live nodes have
  (`runtime/ray_fleet.py`); a worker lost with its node is restarted where there is room, or
  retired. A learner lost with its node ends the run with `LearnerFailure`, naming the last
  checkpoint, from which `distrl train --resume` continues on the cluster.

`ray.address` (`--ray-address`) joins an existing cluster; without it a local Ray is started
(on this machine: inside a loopback-only network namespace, see docs/distributed.md).
"""

from __future__ import annotations

import logging
import math
import os
import socket
import threading
import time
from pathlib import Path
from typing import Any

from torch import Tensor

from distrl_agent.config import ConfigError, RunConfig, config_from_dict
from distrl_agent.runtime import LearnerFailure
from distrl_agent.runtime.checkpoint import CheckpointStore
from distrl_agent.runtime.metrics import EventLog
from distrl_agent.runtime.ray_fleet import Fleet
from distrl_agent.runtime.ray_placement import Placement, live_nodes, where
from distrl_agent.runtime.ray_weights import fetch_weights, put_weights
from distrl_agent.runtime.service import LearnerService
from distrl_agent.runtime.supervisor import Watchdog, WorkerHooks, drive
from distrl_agent.runtime.transport import decode, encode
from distrl_agent.runtime.worker import Stop, Worker, WorkerSpec

log = logging.getLogger(__name__)
STOP_TIMEOUT_S = 10.0


class LearnerActor:
    """The learner service inside a (threaded) Ray actor."""

    def __init__(
        self, config: dict, run_dir: str, collect_ids: list[str], resume_from: str | None
    ) -> None:
        import ray

        self._ray = ray
        self.latest: tuple[int, float, list] | None = None
        self.service = LearnerService(
            config_from_dict(config), run_dir, self._publish, collect_ids, resume_from=resume_from
        )
        self.stopping = threading.Event()

    def _publish(self, version: int, state: dict[str, Tensor]) -> float:
        self.latest = put_weights(version, state)
        return self.latest[1]

    def resumed_from(self) -> str | None:
        return self.service.resumed_from

    def where(self) -> dict[str, str]:
        return where()

    def set_collect_workers(self, worker_ids: list[str]) -> None:
        self.service.set_collect_workers(worker_ids)

    def weights(self, known: int) -> tuple[int, float, list] | None:
        latest = self.latest
        return latest if latest is not None and latest[0] > known else None

    def ingest(self, worker_id: str, data: bytes) -> None:
        with self.service.intake(worker_id):
            self.service.handle(worker_id, decode(data))

    def loop(self) -> bool:
        """Trains until the run's duration is spent (or `stop`)."""
        while not self.service.done() and not self.stopping.is_set():
            if not self.service.tick():
                time.sleep(0.002)
        self.service.finish()
        return True

    def stop(self) -> None:
        self.stopping.set()

    def health(self) -> tuple[dict, dict, dict, dict, list]:
        """The watchdog's health, the progress line and the checkpoints written since."""
        return (*self.service.health(), self.service.brief(), self.service.take_written())

    def fail(self, error: Exception) -> None:
        self.service.fail(error)

    def finalize(self) -> tuple[dict[str, Any], bytes, str]:
        """Last metrics and checkpoint; the summary and the final weights (a message)."""
        summary, state, checkpoint = self.service.finalize()
        return summary, encode("weights", {}, state), str(checkpoint)


class WorkerActor:
    """A `Worker` inside a Ray actor, talking to the learner actor."""

    def __init__(self, spec: str, learner: Any) -> None:
        import ray

        self._ray = ray
        self.spec = WorkerSpec.from_json(spec)
        self.learner = learner
        self._stopped = threading.Event()
        self._pending = None

    def run(self) -> bool:
        """Works until stopped; returns once the learner has taken the last message sent."""
        try:
            Worker(self.spec, self, self).run(own_process=True)
        finally:
            if self._pending is not None:
                self._ray.wait([self._pending], timeout=STOP_TIMEOUT_S)
        return True

    def stop(self) -> None:
        self._stopped.set()

    def where(self) -> dict[str, str]:
        return where()

    # Link
    def send(self, data: bytes) -> None:
        try:
            if self._pending is not None:
                self._ray.get(self._pending)
            self._pending = self.learner.ingest.remote(self.spec.worker_id, data)
        except self._ray.exceptions.RayError as exc:
            self._stopped.set()
            raise Stop from exc

    def stopped(self) -> bool:
        return self._stopped.is_set()

    # WeightSource
    def poll(self, known: int) -> tuple[int, float, dict[str, Tensor]] | None:
        return fetch_weights(self.learner, known)


def run_ray_session(
    config: RunConfig,
    run_dir: Path,
    specs: list[WorkerSpec],
    events: EventLog,
    *,
    resume_from: str | None,
    progress: bool,
) -> tuple[dict[str, Any], dict[str, Tensor], str, str | None]:
    """One RL session with Ray actors: its summary, final weights, last checkpoint and the
    signal that ended it early (None: it ran its course)."""
    import ray

    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    started_ray = not ray.is_initialized()
    if started_ray:
        _init_ray(config, len(specs))
    rc = config.ray
    learner_cls = ray.remote(
        num_cpus=1,
        num_gpus=rc.learner_gpus,
        resources=rc.learner_resources or None,
        max_concurrency=64,
    )(LearnerActor)
    worker_cls = ray.remote(
        num_cpus=rc.worker_cpus,
        num_gpus=rc.worker_gpus,
        resources=rc.worker_resources or None,
        max_concurrency=3,  # run, stop and where
        max_restarts=0,
    )(WorkerActor)
    collectors = [s for s in specs if s.role == "collect"]
    initial = collectors[: config.runtime.workers] + [s for s in specs if s.role != "collect"]
    collect_ids = [s.worker_id for s in initial if s.role == "collect"]
    learner = learner_cls.remote(config.to_dict(), str(run_dir.resolve()), collect_ids, resume_from)
    placement = Placement(events)
    try:
        resumed = ray.get(learner.resumed_from.remote())
        placement.learner = ray.get(learner.where.remote())
        events.write("learner_placed", **placement.learner)
        if resumed:
            events.write("resumed", checkpoint=resumed)
        loop_ref = learner.loop.remote()

        def launch(spec: WorkerSpec) -> tuple[Any, dict[str, Any]]:
            actor = worker_cls.remote(spec.to_json(), learner)
            placement.ask(spec.worker_id, spec.incarnation, actor.where.remote())
            return (actor, actor.run.remote()), {"backend": "ray"}

        watchdog = Watchdog(
            config.runtime,
            events,
            WorkerHooks(
                launch,
                # a worker's run() returns only when it stopped or crashed
                exit_code=lambda handle: 1 if ray.wait([handle[1]], timeout=0)[0] else None,
                kill=lambda handle: ray.kill(handle[0], no_restart=True),
                last_error=lambda worker_id, handle: _actor_error(handle[1]),
            ),
        )
        for spec in initial:
            watchdog.start(spec)
        fleet = Fleet(
            rc,
            watchdog,
            placement,
            collectors[config.runtime.workers :],
            len(initial) - len(collect_ids),
        )
        return _supervised(config, events, learner, loop_ref, watchdog, placement, fleet, progress)
    except ray.exceptions.RayActorError as exc:  # the learner's actor died: its node is gone
        raise _learner_lost(run_dir, events, exc) from None
    finally:
        ray.kill(learner, no_restart=True)
        if started_ray and config.ray.address is None:
            ray.shutdown()


def _supervised(
    config: RunConfig,
    events: EventLog,
    learner: Any,
    loop_ref: Any,
    watchdog: Watchdog,
    placement: Placement,
    fleet: Fleet,
    progress: bool,
) -> tuple[dict[str, Any], dict[str, Tensor], str, str | None]:
    """The session once its actors are started: the driver loop, then stopping and the last
    checkpoint."""
    import ray

    brief: dict[str, Any] = {}

    def record(written: list[dict[str, Any]]) -> None:
        for checkpoint in written:
            events.write("checkpoint", **checkpoint)

    def supervise() -> None:
        hello, last_heard, progress_age, status, written = ray.get(learner.health.remote())
        brief.clear()
        brief.update(status)
        record(written)
        placement.collect()
        running = {
            worker_id: not ray.wait([inc.handle[1]], timeout=0)[0]
            for worker_id, inc in list(watchdog.workers.items())
            if inc.handle is not None
        }
        if fleet.fit(live_nodes(), running):
            ray.get(learner.set_collect_workers.remote(fleet.collectors()))
        failure = watchdog.check((hello, last_heard, progress_age))
        if failure is not None:
            ray.get(learner.fail.remote(failure))

    try:
        interrupted = drive(
            done=lambda: bool(ray.wait([loop_ref], timeout=0)[0]),
            tick=lambda: False,
            supervise=supervise,
            status=lambda: dict(brief),
            duration_s=config.runtime.duration_s,
            progress=progress,
        )
        ray.get(learner.stop.remote())
    finally:
        for actor, _ in watchdog.handles():
            actor.stop.remote()
        # their finished trajectories reach the learner before the final checkpoint
        runs = [run for _, run in watchdog.handles()]
        if runs:
            ray.wait(runs, num_returns=len(runs), timeout=STOP_TIMEOUT_S)
        for actor, _ in watchdog.handles():
            ray.kill(actor, no_restart=True)
    ray.get(loop_ref)  # re-raises a crash of the learner's loop: the run fails
    record(ray.get(learner.health.remote())[4])
    summary, state, checkpoint = ray.get(learner.finalize.remote())
    placement.collect()
    summary["placement"] = placement.summary(live_nodes())
    return summary, decode(state).arrays, checkpoint, interrupted


def _learner_lost(run_dir: Path, events: EventLog, exc: Exception) -> LearnerFailure:
    """The error a run ends with when its learner's actor died (its node was lost): the
    workers are already stopped; the last periodic checkpoint is what `--resume` continues."""
    latest = CheckpointStore(run_dir / "checkpoints").latest()
    cause = next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
    events.write("learner_failed", reason=f"learner actor lost: {cause}", checkpoint=str(latest))
    where_to = f"last checkpoint: {latest}" if latest else "no checkpoint yet"
    return LearnerFailure(f"the learner's actor was lost with its node ({cause[:300]}); {where_to}")


def _actor_error(run: Any) -> str | None:
    """The error a worker actor's `run` ended with (its last line), or None."""
    import ray

    ready, _ = ray.wait([run], timeout=0)
    if not ready:
        return None
    try:
        ray.get(run)
    except Exception as exc:  # the worker's own error, wrapped by Ray
        lines = [line for line in str(exc).splitlines() if line.strip()]
        return lines[-1][:500] if lines else type(exc).__name__
    return None


def _check_answers(address: str) -> None:
    """Refuses a `host:port` where nothing listens (Ray's own `init` retries it forever)."""
    host, _, port = address.rpartition(":")
    if address == "auto" or "://" in address:
        return
    if not host or not port.isdigit():
        raise ConfigError(f"ray.address must be host:port or 'auto', got {address!r}")
    try:
        socket.create_connection((host, int(port)), timeout=5.0).close()
    except OSError as exc:
        raise ConfigError(
            f"ray.address {address!r}: no Ray cluster answers there ({exc}); start one "
            "(`ray start --head`) or give its head's host:port"
        ) from None


def _init_ray(config: RunConfig, actors: int) -> None:
    """Joins `ray.address`, or starts a local Ray sized for this run's actors (a new one, even
    where RAY_ADDRESS or a `ray start` on this machine names another cluster)."""
    import ray

    kwargs: dict[str, Any] = {
        "include_dashboard": False,
        "logging_level": logging.WARNING,
        "log_to_driver": False,
    }
    if config.ray.address is not None:
        _check_answers(config.ray.address)
        ray.init(address=config.ray.address, **kwargs)
        return
    needed = 1 + math.ceil(actors * config.ray.worker_cpus)
    ray.init(
        address="local",  # never another cluster found through RAY_ADDRESS or /tmp/ray
        num_cpus=max(os.cpu_count() or 1, needed),
        object_store_memory=256 * 1024 * 1024,
        _node_ip_address="127.0.0.1",
        **kwargs,
    )
