"""The Ray backend's collecting workers follow the cluster: nodes join and leave.

A run has a pool of collecting workers, w0..wM-1 with M = `ray.max_workers` (default
`runtime.workers`); `runtime.workers` of them start. Every supervision pass `Fleet.fit`
compares them with the room the live nodes have for worker actors (`worker_slots`, after the
learner's request and the evaluator's actor):

- room for more (a node joined): spare workers start, up to M (`worker_started`);
- fewer slots than workers (a node left): workers that are not running on a live node (their
  actor died with the node, or a restarted one waits for resources no node has) are retired,
  `worker_retired` with the reason, so the run shrinks and says so instead of restarting them
  into nowhere. Healthy workers are never stopped. A retired worker is a spare again, and
  comes back (its next incarnation) when room returns.

The learner is told the collecting set after each change, and the metrics carry `workers`
(how many collect) beside the interval's throughput and policy lag.
"""

from __future__ import annotations

from typing import Any

from distrl_agent.config import RayConfig
from distrl_agent.runtime.ray_placement import (
    Placement,
    learner_request,
    worker_request,
    worker_slots,
)
from distrl_agent.runtime.supervisor import Watchdog
from distrl_agent.runtime.worker import WorkerSpec


class Fleet:
    """See the module docstring."""

    def __init__(
        self,
        rc: RayConfig,
        watchdog: Watchdog,
        placement: Placement,
        spares: list[WorkerSpec],
        evaluators: int,
    ) -> None:
        self.rc = rc
        self.watchdog = watchdog
        self.placement = placement
        self.spares = list(spares)
        self.evaluators = evaluators
        self.pool = len(self.collectors()) + len(self.spares)

    def collectors(self) -> list[str]:
        """The collecting workers the run has now."""
        with self.watchdog.lock:
            return [w for w, inc in self.watchdog.workers.items() if inc.spec.role == "collect"]

    def room(self, nodes: dict[str, dict[str, Any]]) -> float:
        """How many collecting workers the live nodes have room for."""
        learner = self.placement.learner
        taken = {learner["node_id"]: learner_request(self.rc)} if learner else {}
        return worker_slots(nodes, worker_request(self.rc), taken) - self.evaluators

    def fit(self, nodes: dict[str, dict[str, Any]], running: dict[str, bool]) -> bool:
        """Grows or shrinks the collecting set to the room (see the module docstring);
        `running` says which workers' actors still run. True when the set changed."""
        room = self.room(nodes)
        want = int(min(self.pool, max(0.0, room)))
        current = self.collectors()
        changed = False
        for worker_id in [w for w in current if not self._on_live_node(w, nodes, running)]:
            if len(current) <= want:
                break
            spec = self.watchdog.retire(
                worker_id,
                f"not running on a live node, and the live nodes have room for {want} "
                f"collecting workers (pool {self.pool})",
            )
            self.spares.insert(0, spec)
            current.remove(worker_id)
            changed = True
        while len(current) < want and self.spares:
            spec = self.spares.pop(0)
            self.watchdog.start(spec)
            current.append(spec.worker_id)
            changed = True
        return changed

    def _on_live_node(
        self, worker_id: str, nodes: dict[str, dict[str, Any]], running: dict[str, bool]
    ) -> bool:
        incarnation = self.watchdog.workers.get(worker_id)
        if incarnation is None or incarnation.handle is None or not running.get(worker_id):
            return False
        for placed in self.placement.workers.get(worker_id, []):
            if placed["incarnation"] == incarnation.spec.incarnation:
                return nodes.get(placed["node_id"], {}).get("alive", False)
        return False  # not placed yet: waiting for resources
