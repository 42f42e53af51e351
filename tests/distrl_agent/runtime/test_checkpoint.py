"""Atomic checkpoints: everything the learner holds comes back; a failed save harms nothing."""

from __future__ import annotations

import copy

import numpy as np
import pytest
import torch
from runtime_helpers import make_learner, trained_learner

import distrl_agent.runtime.checkpoint as checkpoint_module
from distrl_agent.runtime.checkpoint import CheckpointStore
from distrl_agent.runtime.components import updater_modules


def save(store, learner, name):
    state, tensors, replay = learner.checkpoint()
    state["service"] = {"checkpoints": 1, "metrics_lines": 0}
    return store.save(name, state, tensors, replay)


def test_a_checkpoint_restores_weights_critics_optimisers_replay_and_counters(
    tmp_path, trajectories
):
    learner = trained_learner(trajectories)
    store = CheckpointStore(tmp_path / "ck")
    save(store, learner, "ckpt-000001")
    fresh, _ = make_learner("runtime.min_replay=2")
    loaded = CheckpointStore(tmp_path / "ck").load()
    ids = fresh.restore(loaded)
    for key, value in learner.policy.trainable_state().items():
        assert torch.equal(value, fresh.policy.trainable_state()[key])
    for name, module in updater_modules(learner.updater).items():
        other = updater_modules(fresh.updater)[name].state_dict()
        assert all(torch.equal(v, other[k]) for k, v in module.state_dict().items())
    for a, b in zip(learner.updater.optimizers, fresh.updater.optimizers, strict=True):
        sa, sb = a.state_dict()["state"], b.state_dict()["state"]
        assert sa.keys() == sb.keys()
        assert all(torch.equal(sa[i]["exp_avg_sq"], sb[i]["exp_avg_sq"]) for i in sa)
    assert (fresh.version, fresh.updates, fresh.trajectories) == (
        learner.version,
        learner.updates,
        learner.trajectories,
    )
    np.testing.assert_allclose(
        fresh.replay.priorities(ids), learner.replay.priorities(learner.replay.ids())
    )
    assert [t.task_id for t, _ in loaded.replay] == [t.task_id for t in trajectories[:4]]
    np.testing.assert_array_equal(
        loaded.replay[0][0].steps[0].screenshot, trajectories[0].steps[0].screenshot
    )
    assert fresh.rng.random() == learner.rng.random()
    assert fresh.lag_update.summary() == learner.lag_update.summary()


def test_replay_items_are_written_once_and_unreferenced_segments_pruned(tmp_path, trajectories):
    learner = trained_learner(trajectories)
    store = CheckpointStore(tmp_path, keep=1)
    save(store, learner, "ckpt-000001")
    first = sorted((tmp_path / "replay").glob("seg-*"))
    learner.ingest(copy.copy(trajectories[5]))
    save(store, learner, "ckpt-000002")
    segments = sorted((tmp_path / "replay").glob("seg-*"))
    assert len(first) == 1 and len(segments) == 2 and segments[0] == first[0]
    assert [p.name for p in tmp_path.glob("ckpt-*")] == ["ckpt-000002"]
    assert len(store.load().replay) == 5


def test_a_save_that_fails_midway_leaves_the_previous_checkpoint_intact(
    tmp_path, trajectories, monkeypatch
):
    learner = trained_learner(trajectories)
    store = CheckpointStore(tmp_path)
    good = save(store, learner, "ckpt-000001")
    learner.ingest(trajectories[5])
    real = checkpoint_module.safetensors.torch.save_file
    calls = []

    def failing(tensors, path):
        calls.append(path)
        if len(calls) == 2:
            raise OSError("disk full")
        real(tensors, path)

    monkeypatch.setattr(checkpoint_module.safetensors.torch, "save_file", failing)
    with pytest.raises(OSError, match="disk full"):
        save(store, learner, "ckpt-000002")
    monkeypatch.setattr(checkpoint_module.safetensors.torch, "save_file", real)
    assert store.latest() == good
    assert not (tmp_path / "ckpt-000002").exists()
    assert len(CheckpointStore(tmp_path).load().replay) == 4
    save(store, learner, "ckpt-000002")  # the next save succeeds and clears the leftovers
    assert store.latest().name == "ckpt-000002" and not list(tmp_path.glob(".*tmp"))
