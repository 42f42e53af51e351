"""Elastic workers on a multi-node Ray cluster on this machine: a node leaves, another joins.

A `LocalCluster` (a head, a `gpu` node for the learner, `--nodes` emulator nodes with
`--per-node` emulator slots each) runs an asynchronous A-RIDE session (`distrl collect`'s,
one emulator per worker, the emulator latency model) with `ray.max_workers` = every slot.
At `--leave-at` seconds of run time one emulator node is killed (its workers are retired:
no other node has room), at `--join-at` a new one joins (they come back there). Throughput
(trajectories per minute), updates and policy lag on arrival are read per phase from the
run's metrics.jsonl, with the worker count, and the events (retired, started) with their
run times. Prints one JSON line.

    python benchmarks/cluster_elastic.py --nodes 3 --per-node 2 --leave-at 40 --join-at 80
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
from pathlib import Path

from agent_common import machine, today

from distrl_agent.cli import QUICKSTART, run_collect
from distrl_agent.config import load_config
from distrl_agent.runtime.metrics import read_jsonl
from distrl_agent.runtime.ray_cluster import LocalCluster, NodeSpec


def train_rows(run_dir: Path) -> list[dict]:
    return [r for r in read_jsonl(run_dir / "metrics.jsonl") if r.get("kind") == "train"]


def run_time(run_dir: Path) -> float:
    rows = train_rows(run_dir)
    return rows[-1]["t"] if rows else 0.0


def phase(rows: list[dict], start: float, end: float) -> dict:
    """Throughput, updates and lag over the metrics records in [start, end)."""
    inside = [r for r in rows if start <= r["t"] < end]
    if len(inside) < 2:
        return {}
    first, last = inside[0], inside[-1]
    minutes = (last["t"] - first["t"]) / 60
    trajectories = last["trajectories"] - first["trajectories"]
    lags = [r["lag_arrival/median"] for r in inside[1:] if "lag_arrival/median" in r]
    return {
        "from_s": round(first["t"], 1),
        "to_s": round(last["t"], 1),
        "workers": sorted({r["workers"] for r in inside}),
        "trajectories": trajectories,
        "trajectories_per_minute": round(trajectories / minutes, 2) if minutes else None,
        "updates": last["updates"] - first["updates"],
        "lag_arrival_median": round(sum(lags) / len(lags), 2) if lags else None,
        "lag_arrival_max": max((r.get("lag_arrival/max", 0) for r in inside[1:]), default=None),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--per-node", type=int, default=2)
    parser.add_argument("--leave-at", type=float, default=40.0)
    parser.add_argument("--join-at", type=float, default=80.0)
    parser.add_argument("--duration", type=float, default=120.0)
    parser.add_argument("--time-scale", type=float, default=0.05)
    parser.add_argument("--config", default=str(QUICKSTART))
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    slots = args.nodes * args.per_node
    emulator = NodeSpec(cpus=2, resources={"emulator": args.per_node})
    with LocalCluster(NodeSpec(cpus=1)) as cluster, tempfile.TemporaryDirectory() as tmp:
        cluster.add(NodeSpec(cpus=1, resources={"gpu": 1}))
        nodes = [cluster.add(emulator) for _ in range(args.nodes)]
        config = load_config(
            args.config,
            [
                "runtime.backend=ray",
                f"ray.address={cluster.address}",
                "ray.learner_resources={gpu: 1}",
                "ray.worker_resources={emulator: 1}",
                "ray.worker_cpus=0",
                f"runtime.workers={slots}",
                f"ray.max_workers={slots}",
                f"runtime.duration_s={args.duration}",
                f"runtime.checkpoint_every_s={10 * args.duration}",
                "runtime.metrics_every_s=2",
                "latency.preset=emulator",
                f"latency.time_scale={args.time_scale}",
                "pretrain.demos=0",
                "pretrain.anchor=0",  # the quickstart's anchor needs a warm start
                "eval.every_s=0",
            ],
        )
        run_dir = Path(tmp) / "run"
        result: dict = {}
        session = threading.Thread(target=lambda: result.update(run_collect(config, run_dir)))
        session.start()
        marks = {}
        for name, at in (("leave", args.leave_at), ("join", args.join_at)):
            while session.is_alive() and run_time(run_dir) < at:
                time.sleep(0.5)
            marks[name] = run_time(run_dir)
            if name == "leave":
                cluster.remove(nodes[-1])
            else:
                cluster.add(emulator)
        session.join()
        rows = train_rows(run_dir)
        events = [
            {"event": e["event"], "worker_id": e["worker_id"], "incarnation": e["incarnation"]}
            for e in read_jsonl(run_dir / "events.jsonl")
            if e["event"] in ("worker_retired", "worker_failed", "worker_placed")
        ]
    print(
        json.dumps(
            {
                "benchmark": "cluster_elastic",
                "date": today(),
                "machine": machine(),
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "emulator_nodes": args.nodes,
                "per_node": args.per_node,
                "time_scale": args.time_scale,
                "left_at_s": round(marks["leave"], 1),
                "joined_at_s": round(marks["join"], 1),
                "phases": {
                    "all_nodes": phase(rows, 0.0, marks["leave"]),
                    "one_node_gone": phase(rows, marks["leave"], marks["join"]),
                    "node_joined": phase(rows, marks["join"], float("inf")),
                },
                "events": events[-12:],
                "run": {k: result.get(k) for k in ("trajectories", "updates", "lag_arrival")},
                "elapsed_s": round(time.perf_counter() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
