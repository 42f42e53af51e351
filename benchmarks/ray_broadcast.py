"""Weight broadcast through Ray: a 100 MB LoRA-sized state from a learner actor to N workers.

On a `LocalCluster` (a `gpu` node for the publisher, `--nodes` worker nodes), a publisher
actor publishes versions the way the Ray backend's learner does (`ray_weights.put_weights`:
one `ray.put` per version) and N reader actors, spread over the worker nodes, poll it the
way workers do (`ray_weights.fetch_weights` every `--poll-ms`) and copy each new version into
their own preallocated tensors (what loading into a policy does). Latency = the reader has
the weights in place - the publish started, over readers and versions. The next version is
published once every reader has the previous one. Prints one JSON line.

    python benchmarks/ray_broadcast.py --readers 8 32 --mb 100 --versions 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

import torch
from agent_common import machine, today
from weight_broadcast import lora_like

from distrl_agent.runtime.ray_cluster import LocalCluster, NodeSpec
from distrl_agent.runtime.ray_weights import fetch_weights, put_weights


class Publisher:
    """The learner's side: versions of a LoRA-like state, and who has loaded which."""

    def __init__(self, mb: float) -> None:
        self.state = lora_like(mb, 0)
        self.latest: tuple | None = None
        self.loaded: dict[int, int] = {}

    def publish(self, version: int) -> None:
        for tensor in self.state.values():
            tensor.add_(1.0)  # a new version
        self.latest = put_weights(version, self.state)

    def weights(self, known: int) -> tuple | None:
        latest = self.latest
        return latest if latest is not None and latest[0] > known else None

    def ack(self, version: int) -> None:
        self.loaded[version] = self.loaded.get(version, 0) + 1

    def acks(self, version: int) -> int:
        return self.loaded.get(version, 0)


class Reader:
    """A worker's side: polls, loads each new version into its own tensors."""

    def __init__(self) -> None:
        self.mine: dict[str, torch.Tensor] = {}

    def run(self, publisher, versions: int, poll_ms: float) -> list[float]:
        known, latencies = 0, []
        while len(latencies) < versions:
            found = fetch_weights(publisher, known)
            if found is None:
                time.sleep(poll_ms / 1000)
                continue
            known, published_at, state = found
            for key, value in state.items():
                self.mine.setdefault(key, torch.empty_like(value)).copy_(value)
            latencies.append(time.time() - published_at)
            publisher.ack.remote(known)
        return latencies


def measure(n: int, args: argparse.Namespace) -> dict:
    import ray

    publisher = ray.remote(num_cpus=0, resources={"gpu": 1}, max_concurrency=64)(Publisher)
    reader = ray.remote(num_cpus=0, scheduling_strategy="SPREAD")(Reader)
    pub = publisher.remote(args.mb)
    readers = [reader.remote() for _ in range(n)]
    runs = [r.run.remote(pub, args.versions, args.poll_ms) for r in readers]
    for version in range(1, args.versions + 1):
        ray.get(pub.publish.remote(version))
        deadline = time.monotonic() + args.timeout_s
        while (acks := ray.get(pub.acks.remote(version))) < n:
            if time.monotonic() > deadline:
                raise SystemExit(
                    f"{n} readers: {acks} had version {version} after {args.timeout_s:.0f} s"
                )
            time.sleep(0.05)
    latencies = sorted(x for run in ray.get(runs) for x in run)
    for actor in [*readers, pub]:
        ray.kill(actor)
    return {
        "readers": n,
        "loads": len(latencies),
        "median_s": round(statistics.median(latencies), 3),
        "p90_s": round(latencies[int(0.9 * (len(latencies) - 1))], 3),
        "max_s": round(latencies[-1], 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readers", type=int, nargs="+", default=[8])
    parser.add_argument("--mb", type=float, default=100.0)
    parser.add_argument("--versions", type=int, default=3)
    parser.add_argument("--poll-ms", type=float, default=50.0)
    parser.add_argument("--nodes", type=int, default=4, help="worker nodes")
    parser.add_argument("--store-mb", type=int, default=1024, help="object store per node")
    parser.add_argument("--timeout-s", type=float, default=300.0, help="per version")
    args = parser.parse_args()
    import ray

    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    store = args.store_mb * 1024 * 1024
    rows = []
    with LocalCluster(NodeSpec(cpus=1, object_store_bytes=store)) as cluster:
        cluster.add(NodeSpec(cpus=1, resources={"gpu": 1}, object_store_bytes=store))
        for _ in range(args.nodes):
            cluster.add(NodeSpec(cpus=1, object_store_bytes=store))
        ray.init(address=cluster.address, include_dashboard=False, log_to_driver=False)
        for n in args.readers:
            rows.append(measure(n, args))
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)  # progress
    print(
        json.dumps(
            {
                "benchmark": "ray_broadcast",
                "date": today(),
                "machine": machine(),
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "mb": args.mb,
                "versions": args.versions,
                "poll_ms": args.poll_ms,
                "nodes": args.nodes,
                "results": rows,
                "elapsed_s": round(time.perf_counter() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
