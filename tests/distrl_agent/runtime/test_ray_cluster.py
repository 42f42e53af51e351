"""The Ray backend on a multi-node cluster started on this machine (`LocalCluster`: a head, a
node advertising `gpu` standing in for the GPU node, and emulator nodes), only inside a
loopback-only network namespace. `distrl train --ray-address` runs in a subprocess while the
test removes and adds nodes under it."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from runtime_helpers import ROOT, SMOKE

from distrl_agent.runtime.metrics import read_jsonl

pytestmark = [pytest.mark.netns, pytest.mark.slow]

GPU = {"gpu": 1.0}
EMULATOR = "emulator"


def train(run_dir: Path, address: str, *extra: str) -> subprocess.Popen:
    """`distrl train` on the cluster: learner on the `gpu` node, one `emulator` per worker."""
    args = [
        sys.executable, "-m", "distrl_agent.cli", "train", "--config", str(SMOKE),
        "--run-dir", str(run_dir), "--quiet", "--backend", "ray", "--ray-address", address,
        "ray.learner_resources={gpu: 1}", f"ray.worker_resources={{{EMULATOR}: 1}}",
        "ray.worker_cpus=0.5", "eval.every_s=0", "pretrain.demos=0", "eval.tasks=2",
        "runtime.metrics_every_s=1", *extra,
    ]  # fmt: skip
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def events(run_dir: Path, kind: str) -> list[dict]:
    return [e for e in read_jsonl(run_dir / "events.jsonl") if e["event"] == kind]


def wait_for(what, proc: subprocess.Popen, timeout: float = 90.0):
    """Polls `what()` until it is truthy (fails if the run ends or time runs out first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = what()
        if found:
            return found
        if proc.poll() is not None:
            pytest.fail(f"the run ended early: {proc.communicate()[1].decode()[-2000:]}")
        time.sleep(0.25)
    proc.kill()
    pytest.fail(f"timed out; stderr: {proc.communicate()[1].decode()[-2000:]}")


def worker_counts(run_dir: Path) -> list[int]:
    """The collecting workers of each metrics record, in order."""
    return [r["workers"] for r in read_jsonl(run_dir / "metrics.jsonl") if "workers" in r]


def trajectories_so_far(run_dir: Path) -> int:
    rows = [r for r in read_jsonl(run_dir / "metrics.jsonl") if r.get("kind") == "train"]
    return rows[-1]["trajectories"] if rows else 0


@pytest.fixture
def cluster():
    from distrl_agent.runtime.ray_cluster import LocalCluster, NodeSpec

    with LocalCluster(NodeSpec(cpus=1)) as started:
        yield started, NodeSpec


def test_placement_node_loss_and_a_joining_node(cluster, tmp_path):
    cluster, node = cluster
    gpu = cluster.add(node(cpus=1, resources=GPU))
    small = cluster.add(node(cpus=1, resources={EMULATOR: 1}))
    big = cluster.add(node(cpus=1, resources={EMULATOR: 2}))
    run_dir = tmp_path / "run"
    # 40 s of RL: the lost worker must start again on the joining node before the end (under
    # load, 25 s once ran out first)
    proc = train(run_dir, cluster.address, "runtime.workers=2", "ray.max_workers=3",
                 "runtime.duration_s=40")  # fmt: skip
    # room for 3 emulator workers: the set grows to ray.max_workers at once
    wait_for(lambda: len(events(run_dir, "worker_placed")) >= 3, proc)
    placed = {e["worker_id"]: e["node_id"] for e in events(run_dir, "worker_placed")}
    assert events(run_dir, "learner_placed")[0]["node_id"] == gpu
    assert sorted(placed.values()) == sorted([small, big, big])
    lost = next(w for w, n in placed.items() if n == small)
    before = wait_for(lambda: trajectories_so_far(run_dir) >= 3, proc)

    cluster.remove(small)  # a worker node dies: its worker has nowhere to go, the run shrinks
    retired = wait_for(lambda: events(run_dir, "worker_retired"), proc)
    assert [e["worker_id"] for e in retired] == [lost]
    # the metrics follow the worker set: a record with the shrunk set comes before the join
    wait_for(lambda: 2 in worker_counts(run_dir), proc)
    joined = cluster.add(node(cpus=1, resources={EMULATOR: 1}))  # a node joins: it comes back
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()[-2000:]

    # (the watchdog may restart it once before Ray declares the node dead; that one is retired)
    back = [e for e in events(run_dir, "worker_placed") if e["worker_id"] == lost]
    assert [e["node_id"] for e in back] == [small, joined]
    assert back[1]["incarnation"] > retired[0]["incarnation"] >= back[0]["incarnation"]
    summary = json.loads((run_dir / "summary.json").read_text())
    rl = summary["rl"]
    assert rl["trajectories"] > before and rl["updates"] > 0  # nothing ingested was lost
    assert rl["placement"]["learner"]["node_id"] == gpu
    assert rl["placement"]["nodes"][gpu]["resources"]["gpu"] == 1.0
    assert not rl["placement"]["nodes"][small]["alive"]
    assert worker_counts(run_dir)[-1] == 3  # and grow back with it


def test_losing_the_learner_node_stops_resumably(cluster, tmp_path):
    cluster, node = cluster
    gpu = cluster.add(node(cpus=1, resources=GPU))
    cluster.add(node(cpus=1, resources={EMULATOR: 2}))
    run_dir = tmp_path / "run"
    # no update budget: only the node loss may end this run (under load the learner once reached
    # a budget of 12 updates before the node was gone, and the run ended cleanly)
    budget = ["runtime.duration_s=300", "runtime.checkpoint_every_s=2"]
    proc = train(run_dir, cluster.address, *budget)
    saved = wait_for(lambda: [c for c in events(run_dir, "checkpoint") if c["updates"] > 0], proc)
    cluster.remove(gpu)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, err.decode()[-2000:]
    assert "learner's actor was lost" in err.decode() and "--resume" in err.decode()
    failed = events(run_dir, "learner_failed")[-1]
    assert Path(failed["checkpoint"]).name >= Path(saved[0]["path"]).name

    cluster.add(node(cpus=1, resources=GPU))  # a new GPU node; the run continues there
    at_loss = max(c["updates"] for c in events(run_dir, "checkpoint"))
    resume = train(run_dir, cluster.address, "--resume", f"runtime.max_updates={at_loss + 4}")
    _, err = resume.communicate(timeout=180)
    assert resume.returncode == 0, err.decode()[-2000:]
    assert events(run_dir, "resumed")[-1]["checkpoint"] == Path(failed["checkpoint"]).name
    rl = json.loads((run_dir / "summary.json").read_text())["rl"]
    assert rl["resumed_from"] == Path(failed["checkpoint"]).name and rl["updates"] >= at_loss + 4
