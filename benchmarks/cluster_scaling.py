"""Collection scaling on a multi-node Ray cluster on this machine: 1..128 latency-bound emulators.

A `LocalCluster` (a head, a `gpu` node for the learner, `--nodes` emulator nodes advertising
`emulator` slots) runs `distrl collect`'s session on the Ray backend: N simulated phones with
the emulator latency model, `--envs-per-worker` of them per worker actor (a worker asks for
that many `emulator` slots), asynchronous (DistRL) and lockstep (DigiRL's batched loop), while
the learner trains A-RIDE on what arrives. Per N and mode: trajectories per minute, efficiency
= thr(N) / (N x thr(1)) (thr(1) of the same mode, this run), async / lockstep, the learner's
replay ratio (updates x batch / trajectories: how often a trajectory is trained on) and the
policy lag on arrival.

The machine has few cores, so beyond some N the CPUs, not the devices, set the pace. Past
`--scale-from` emulators the latency model's time scale grows with N (time_scale x N /
scale_from): every device is that much slower, the CPU work per second stays that of
`--scale-from` emulators, and throughputs are reported per unit of device time
(`thr_normalised` = measured x time_scale / base time_scale), which is what N emulators at
the base time scale would deliver on a machine with CPUs to spare. Prints one JSON line.

    python benchmarks/cluster_scaling.py --emulators 1 8 32 --time-scale 0.05
    python benchmarks/cluster_scaling.py --emulators 1 64 128 --scale-from 16
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time

from agent_common import machine, today
from collect_scaling import expected_episode_s

from distrl_agent.cli import QUICKSTART, run_collect
from distrl_agent.config import load_config
from distrl_agent.runtime.ray_cluster import LocalCluster, NodeSpec


def time_scale(n: int, base: float, scale_from: int | None) -> float:
    """The latency model's time scale for N emulators (see the module docstring)."""
    if scale_from is None or n <= scale_from:
        return base
    return base * n / scale_from


def session(args: argparse.Namespace, address: str, n: int, mode: str) -> dict:
    per = min(n, args.envs_per_worker)
    if n % per:
        raise SystemExit(f"{n} emulators are not a whole number of workers of {per}")
    scale = time_scale(n, args.time_scale, args.scale_from)
    duration = max(args.duration, args.episodes * expected_episode_s(scale) / n)
    config = load_config(
        args.config,
        [
            "runtime.backend=ray",
            f"ray.address={address}",
            "ray.learner_resources={gpu: 1}",
            f"ray.worker_resources={{emulator: {per}}}",
            "ray.worker_cpus=0",
            f"runtime.mode={mode}",
            f"runtime.workers={n // per}",
            f"runtime.envs_per_worker={per}",
            f"runtime.sync_episodes_per_worker={per}",
            f"runtime.duration_s={duration:.0f}",
            f"runtime.checkpoint_every_s={10 * duration:.0f}",
            "latency.preset=emulator",
            f"latency.time_scale={scale}",
            "pretrain.demos=0",
            "pretrain.anchor=0",  # the quickstart's anchor needs a warm start
            "eval.every_s=0",
            f"seed={args.seed}",
            *args.set,
        ],
    )
    record = run_collect(config)
    steady = record["steady"] or {}
    thr = record["trajectories_per_minute"]
    batch = config.runtime.batch_size
    return {
        "emulators": n,
        "mode": mode,
        "workers": n // per,
        "envs_per_worker": per,
        "time_scale": scale,
        "duration_s": round(record["duration_s"], 1),
        "trajectories": record["trajectories"],
        "trajectories_per_minute": round(thr, 2),
        "thr_normalised": round(thr * scale / args.time_scale, 2),
        "steady_trajectories_per_minute": round(steady.get("trajectories_per_minute", 0.0), 2),
        "device_busy": round(steady.get("device_busy", 0.0), 3),
        "updates": record["updates"],
        "replay_ratio": round(record["updates"] * batch / max(1, record["trajectories"]), 3),
        "lag_arrival": {k: record["lag_arrival"].get(k) for k in ("median", "p90", "max")},
        "startup_s": round(record["startup_s"] or 0.0, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--emulators", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--modes", nargs="+", default=["async", "lockstep"])
    parser.add_argument("--time-scale", type=float, default=0.05)
    parser.add_argument("--scale-from", type=int, default=None)
    parser.add_argument("--envs-per-worker", type=int, default=8)
    parser.add_argument("--nodes", type=int, default=4, help="emulator nodes")
    parser.add_argument("--duration", type=float, default=45.0, help="seconds per session")
    parser.add_argument("--episodes", type=int, default=20, help="per session, at least")
    parser.add_argument("--config", default=str(QUICKSTART))
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--set", action="append", default=[], help="config override key=value")
    args = parser.parse_args()
    if args.emulators[0] != 1:
        raise SystemExit("--emulators must start with 1: efficiency is relative to thr(1)")
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    slots = math.ceil(max(args.emulators) / args.nodes)
    rows = []
    with LocalCluster(NodeSpec(cpus=1)) as cluster:
        cluster.add(NodeSpec(cpus=1, resources={"gpu": 1}))
        for _ in range(args.nodes):
            cluster.add(NodeSpec(cpus=2, resources={"emulator": slots}))
        for n in args.emulators:
            for mode in args.modes:
                rows.append(session(args, cluster.address, n, mode))
                print(json.dumps(rows[-1]), file=sys.stderr, flush=True)  # progress
    for mode in args.modes:
        base = next(r for r in rows if r["mode"] == mode and r["emulators"] == 1)
        for row in (r for r in rows if r["mode"] == mode):
            row["efficiency"] = round(
                row["thr_normalised"] / (row["emulators"] * base["thr_normalised"]), 3
            )
    by = {(r["emulators"], r["mode"]): r for r in rows}
    async_vs_lockstep = {
        n: round(by[n, "async"]["thr_normalised"] / by[n, "lockstep"]["thr_normalised"], 3)
        for n in args.emulators
        if (n, "async") in by and (n, "lockstep") in by and by[n, "lockstep"]["thr_normalised"]
    }
    print(
        json.dumps(
            {
                "benchmark": "cluster_scaling",
                "date": today(),
                "machine": machine(),
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "cluster": {"emulator_nodes": args.nodes, "emulator_slots_per_node": slots},
                "latency": {"preset": "emulator", "time_scale": args.time_scale},
                "scale_from": args.scale_from,
                "overrides": args.set,
                "results": rows,
                "async_vs_lockstep": async_vs_lockstep,
                "elapsed_s": round(time.perf_counter() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
