"""The Ray backend with a local Ray, started only inside a loopback-only network namespace
(`make test` runs pytest in one; elsewhere these tests are skipped)."""

from __future__ import annotations

import json

import pytest
from runtime_helpers import SMOKE

from distrl_agent.cli import main
from distrl_agent.runtime.checkpoint import CheckpointStore
from distrl_agent.runtime.metrics import read_jsonl

pytestmark = [pytest.mark.netns, pytest.mark.slow]


def test_a_run_without_ray_address_starts_its_own_ray_whatever_the_environment_names(
    monkeypatch,
):
    """RAY_ADDRESS (or a `ray start` on the machine, which Ray finds through /tmp/ray) made
    `ray.init(num_cpus=...)` join that cluster and fail: "When connecting to an existing
    cluster, num_cpus and num_gpus must not be provided" (two Ray tests of one CI run did)."""
    ray = pytest.importorskip("ray")
    from runtime_helpers import smoke_config

    from distrl_agent.runtime.ray_backend import _init_ray

    monkeypatch.setenv("RAY_ADDRESS", "127.0.0.1:1")  # no cluster answers there
    _init_ray(smoke_config("runtime.backend=ray"), 1)
    try:
        assert ray.is_initialized() and ray.cluster_resources()["CPU"] >= 1
    finally:
        ray.shutdown()


def test_ray_actors_run_the_same_learner_and_workers(tmp_path, capsys):
    run_dir = tmp_path / "ray"
    args = ["train", "--config", str(SMOKE), "--run-dir", str(run_dir), "--quiet"]
    # an update budget, not a few seconds: Ray actors start slowly on a loaded machine
    budget = ["runtime.duration_s=300", "runtime.max_updates=3"]
    assert main([*args, "--backend", "ray", *budget]) == 0
    summary = json.loads((run_dir / "summary.json").read_text())
    assert summary["backend"] == "ray"
    rl = summary["rl"]
    assert rl["trajectories"] > 0 and rl["updates"] > 0 and rl["version"] == rl["updates"]
    assert rl["lag_arrival"]["steps"] == rl["transitions"]
    started = [e for e in read_jsonl(run_dir / "events.jsonl") if e["event"] == "worker_started"]
    assert {e["worker_id"] for e in started} == {"w0", "w1", "eval"}
    assert all(e["backend"] == "ray" for e in started)
    assert CheckpointStore(run_dir / "checkpoints").latest() is not None
    assert "after" in capsys.readouterr().out
