"""Where the Ray backend's actors run, and how many workers the live nodes have room for.

- `where` (called inside an actor) names its node: id and IP.
- `live_nodes` reads the cluster's nodes from Ray's control store: id, IP, whether alive,
  and the resources each advertises (CPU, GPU and custom ones such as `emulator`).
- `worker_slots` counts the worker actors the live nodes can hold, after the learner's own
  request on its node: the elastic worker set (`ray_backend.Fleet`) grows into it and
  retires lost workers beyond it.
- `Placement` keeps, for the run summary and events.jsonl (`worker_placed`), the node of the
  learner and of every worker incarnation.
"""

from __future__ import annotations

import math
from typing import Any

from distrl_agent.config import RayConfig
from distrl_agent.runtime.metrics import EventLog

SYSTEM_RESOURCES = ("memory", "object_store_memory")


def where() -> dict[str, str]:
    """The node this actor (or driver) runs on."""
    import ray

    return {
        "node_id": ray.get_runtime_context().get_node_id(),
        "ip": ray.util.get_node_ip_address(),
    }


def live_nodes() -> dict[str, dict[str, Any]]:
    """Every node the cluster has known: node id -> ip, alive, resources (totals, without
    Ray's bookkeeping entries)."""
    import ray

    return {
        node["NodeID"]: {
            "ip": node["NodeManagerAddress"],
            "alive": bool(node["Alive"]),
            "resources": {
                key: value
                for key, value in node["Resources"].items()
                if not key.startswith("node:") and key not in SYSTEM_RESOURCES
            },
        }
        for node in ray.nodes()
    }


def learner_request(rc: RayConfig) -> dict[str, float]:
    """What the learner actor asks for (one CPU, its GPUs and resources)."""
    return _nonzero({"CPU": 1.0, "GPU": rc.learner_gpus, **rc.learner_resources})


def worker_request(rc: RayConfig) -> dict[str, float]:
    """What each worker actor asks for."""
    return _nonzero({"CPU": rc.worker_cpus, "GPU": rc.worker_gpus, **rc.worker_resources})


def _nonzero(request: dict[str, float]) -> dict[str, float]:
    return {key: float(value) for key, value in request.items() if value > 0}


def worker_slots(
    nodes: dict[str, dict[str, Any]], request: dict[str, float], taken: dict[str, dict]
) -> float:
    """How many actors asking `request` the live `nodes` hold in all, once `taken` (node id ->
    resources already promised there to others: the learner) is set aside; inf when the
    request is empty."""
    if not request:
        return math.inf
    slots = 0
    for node_id, node in nodes.items():
        if not node["alive"]:
            continue
        have = dict(node["resources"])
        for key, value in taken.get(node_id, {}).items():
            have[key] = have.get(key, 0.0) - value
        slots += min(
            math.floor(have.get(key, 0.0) / value + 1e-9) for key, value in request.items()
        )
    return max(0, slots)


class Placement:
    """The node of the learner and of each worker incarnation (see the module docstring)."""

    def __init__(self, events: EventLog) -> None:
        self.events = events
        self.learner: dict[str, str] | None = None
        self.workers: dict[str, list[dict[str, Any]]] = {}
        self._asked: dict[tuple[str, int], Any] = {}

    def ask(self, worker_id: str, incarnation: int, ref: Any) -> None:
        """Notes a pending `where()` call of a worker incarnation's actor."""
        self._asked[(worker_id, incarnation)] = ref

    def collect(self) -> None:
        """Records the answers that have arrived (without waiting): `worker_placed` events."""
        import ray

        if not self._asked:
            return
        refs = list(self._asked.values())
        ready, _ = ray.wait(refs, num_returns=len(refs), timeout=0)
        done = set(ready)
        for key, ref in list(self._asked.items()):
            if ref not in done:
                continue
            del self._asked[key]
            try:
                found = ray.get(ref)
            except ray.exceptions.RayError:  # the actor died before it could answer
                continue
            worker_id, incarnation = key
            self.workers.setdefault(worker_id, []).append({"incarnation": incarnation, **found})
            self.events.write(
                "worker_placed", worker_id=worker_id, incarnation=incarnation, **found
            )

    def summary(self, nodes: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """The run summary's `placement`: the learner's node, each worker's nodes (one per
        incarnation) and the nodes involved, with their resources and whether still alive."""
        used = {p["node_id"] for runs in self.workers.values() for p in runs}
        if self.learner is not None:
            used.add(self.learner["node_id"])
        return {
            "learner": self.learner,
            "workers": self.workers,
            "nodes": {node_id: nodes[node_id] for node_id in sorted(used) if node_id in nodes},
        }
