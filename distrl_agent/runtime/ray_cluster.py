"""A Ray cluster of several nodes on one machine, the way Ray tests its own multi-node code.

`LocalCluster` starts a head and any number of worker nodes (separate raylets, each with its
own CPUs and custom resources: one advertising e.g. `{"gpu": 1}` stands in for the GPU node)
with `ray.cluster_utils.Cluster`, and adds or removes nodes while a run goes on (node loss,
elastic workers). `distrl train --backend ray --ray-address ADDRESS` joins it. The tests and
`benchmarks/cluster_scaling.py` use it; start it only inside a loopback-only network
namespace (docs/distributed.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

OBJECT_STORE_BYTES = 128 * 1024 * 1024


@dataclass
class NodeSpec:
    """One node: its CPUs, its custom resources and its object store (bytes)."""

    cpus: float = 1.0
    resources: dict[str, float] = field(default_factory=dict)
    object_store_bytes: int = OBJECT_STORE_BYTES

    def args(self) -> dict[str, Any]:
        return {
            "num_cpus": self.cpus,
            "resources": dict(self.resources),
            "object_store_memory": self.object_store_bytes,
            "include_dashboard": False,
        }


class LocalCluster:
    """A head node plus worker nodes on this machine; `address` is what drivers join."""

    def __init__(self, head: NodeSpec, nodes: list[NodeSpec] = ()) -> None:
        from ray.cluster_utils import Cluster

        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        self.cluster = Cluster(initialize_head=True, head_node_args=head.args())
        self.head = self.cluster.head_node
        self.nodes: list[Any] = []
        for node in nodes:
            self.add(node)

    @property
    def address(self) -> str:
        return self.cluster.address

    def add(self, node: NodeSpec) -> str:
        """Starts one more node (a raylet that joins the head); returns its node id."""
        started = self.cluster.add_node(**node.args())
        self.nodes.append(started)
        return started.node_id

    def remove(self, node_id: str) -> None:
        """Kills a node at once (its raylet and every actor on it): a machine lost."""
        node = next(n for n in self.nodes if n.node_id == node_id)
        self.cluster.remove_node(node, allow_graceful=False)
        self.nodes.remove(node)

    def shutdown(self) -> None:
        """Stops every node (after disconnecting this process's driver, if it joined)."""
        import ray

        if ray.is_initialized():
            ray.shutdown()
        self.cluster.shutdown()

    def __enter__(self) -> LocalCluster:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
