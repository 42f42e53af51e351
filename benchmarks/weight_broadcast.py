"""Weight broadcast latency: a 100 MB LoRA-sized state from the learner to N worker processes.

The learner publishes a version to the shared-memory `WeightStore` (what the local backend
uses); each reader process polls it every `--poll-ms` (workers poll between steps), loads the
new version and copies it into its own preallocated tensors (what `load_trainable_state`
does). Latency = time the reader has the weights in place - time the publish started, over
readers and versions. Also measures the real PointerPolicy state through
`load_trainable_state`. Prints one JSON line.

    python benchmarks/weight_broadcast.py --mb 100 --readers 4 --versions 5
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import torch
from agent_common import machine, today

from distrl_agent.runtime.weights import WeightStore, default_weights_dir


def lora_like(mb: float, seed: int) -> dict[str, torch.Tensor]:
    """fp32 tensors of 1024 x 1024 (4 MiB each) totalling about `mb` MiB."""
    generator = torch.Generator().manual_seed(seed)
    return {
        f"lora.{i}.weight": torch.randn(1024, 1024, generator=generator)
        for i in range(max(1, round(mb / 4)))
    }


def reader(directory: str, kind: str, poll_ms: float, versions: int) -> None:
    """A worker-like poller: prints `version loaded_at published_at` per new version."""
    store = WeightStore(directory)
    if kind == "pointer":
        from distrl_agent.policies.pointer import PointerConfig, PointerPolicy

        policy = PointerPolicy(PointerConfig())
        load = policy.load_trainable_state
    else:
        mine: dict[str, torch.Tensor] = {}

        def load(state: dict[str, torch.Tensor]) -> None:
            for key, value in state.items():
                mine.setdefault(key, torch.empty_like(value)).copy_(value)

    known, seen = 0, 0
    print("ready", flush=True)
    while seen < versions:
        found = store.poll(known)
        if found is None:
            time.sleep(poll_ms / 1000)
            continue
        known, published_at, state = found
        load(state)
        print(f"{known} {time.time()} {published_at}", flush=True)
        seen += 1


def measure(kind: str, state: dict[str, torch.Tensor], args: argparse.Namespace) -> dict:
    directory = default_weights_dir(f"bench-{kind}")
    store = WeightStore(directory)
    store.publish(0, state)
    readers = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--reader",
                str(directory),
                "--kind",
                kind,
                "--poll-ms",
                str(args.poll_ms),
                "--versions",
                str(args.versions),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(args.readers)
    ]
    for process in readers:
        assert process.stdout.readline().strip() == "ready"
    publish_s = []
    for version in range(1, args.versions + 1):
        time.sleep(args.interval)
        started = time.perf_counter()
        store.publish(version, state)
        publish_s.append(time.perf_counter() - started)
    latencies = []
    for process in readers:
        out, _ = process.communicate(timeout=120)
        for line in out.strip().splitlines():
            _, loaded_at, published_at = line.split()
            latencies.append(float(loaded_at) - float(published_at))
    for path in Path(directory).iterdir():
        path.unlink()
    Path(directory).rmdir()
    size = sum(v.numel() * v.element_size() for v in state.values())
    return {
        "megabytes": round(size / 2**20, 1),
        "readers": args.readers,
        "versions": args.versions,
        "publish_s_median": round(statistics.median(publish_s), 4),
        "latency_s_median": round(statistics.median(latencies), 4),
        "latency_s_p90": round(sorted(latencies)[int(0.9 * (len(latencies) - 1))], 4),
        "latency_s_max": round(max(latencies), 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=100.0)
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--versions", type=int, default=5)
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between versions")
    parser.add_argument("--poll-ms", type=float, default=10.0)
    parser.add_argument("--reader", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--kind", default="lora", help=argparse.SUPPRESS)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    if args.reader:
        reader(args.reader, args.kind, args.poll_ms, args.versions)
        return
    from distrl_agent.policies.pointer import PointerConfig, PointerPolicy

    lora = measure("lora", lora_like(args.mb, 0), args)
    pointer = measure("pointer", PointerPolicy(PointerConfig()).trainable_state(), args)
    print(
        json.dumps(
            {
                "benchmark": "weight_broadcast",
                "date": today(),
                "machine": machine(),
                "load_average_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
                "store": "shared-memory WeightStore (/dev/shm safetensors files)",
                "poll_ms": args.poll_ms,
                "lora_like": lora,
                "pointer_policy": pointer,
                "paper_s_for_100mb_lora": 1.6,
            }
        )
    )


if __name__ == "__main__":
    main()
