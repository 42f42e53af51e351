"""Atomic, verified checkpoints: everything the learner holds comes back; a failed save harms
nothing; a damaged checkpoint is named and passed over, never loaded or pruned in its place."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil

import numpy as np
import pytest
import torch
from runtime_helpers import make_learner, trained_learner

import distrl_agent.runtime.checkpoint as checkpoint_module
from distrl_agent.runtime import CheckpointError
from distrl_agent.runtime.checkpoint import CheckpointStore
from distrl_agent.runtime.components import updater_modules


def save(store, learner):
    state, tensors, replay = learner.checkpoint()
    state["service"] = {"checkpoints": 1, "metrics_lines": 0}
    return store.save(state, tensors, replay)


def test_a_checkpoint_restores_weights_critics_optimisers_replay_and_counters(
    tmp_path, trajectories
):
    learner = trained_learner(trajectories)
    store = CheckpointStore(tmp_path / "ck")
    save(store, learner)
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
    save(store, learner)
    first = sorted((tmp_path / "replay").glob("seg-*"))
    learner.ingest(copy.copy(trajectories[5]))
    save(store, learner)
    segments = sorted((tmp_path / "replay").glob("seg-*"))
    assert len(first) == 1 and len(segments) == 2 and segments[0] == first[0]
    assert [p.name for p in tmp_path.glob("ckpt-*")] == ["ckpt-000002"]
    assert len(store.load().replay) == 5


def test_a_save_that_fails_midway_leaves_the_previous_checkpoint_intact(
    tmp_path, trajectories, monkeypatch
):
    learner = trained_learner(trajectories)
    store = CheckpointStore(tmp_path)
    good = save(store, learner)
    learner.ingest(trajectories[5])
    real = checkpoint_module.safetensors.torch.save
    calls = []

    def failing(tensors):
        calls.append(tensors)
        if len(calls) == 2:
            raise OSError("disk full")
        return real(tensors)

    monkeypatch.setattr(checkpoint_module.safetensors.torch, "save", failing)
    with pytest.raises(OSError, match="disk full"):
        save(store, learner)
    monkeypatch.setattr(checkpoint_module.safetensors.torch, "save", real)
    assert store.latest() == good
    assert not (tmp_path / "ckpt-000002").exists()
    assert len(CheckpointStore(tmp_path).load().replay) == 4
    save(store, learner)  # the next save succeeds and clears the leftovers
    assert store.latest().name == "ckpt-000002" and not list(tmp_path.glob(".*tmp"))


@pytest.fixture(scope="module")
def pair(tmp_path_factory, trajectories):
    """A store holding ckpt-000001 (4 trajectories) and ckpt-000002 (5), written once."""
    root = tmp_path_factory.mktemp("pair")
    learner = trained_learner(trajectories)
    store = CheckpointStore(root)
    save(store, learner)
    learner.ingest(copy.copy(trajectories[5]))
    save(store, learner)
    return root


def two_checkpoints(tmp_path, pair):
    """A copy of `pair` under `tmp_path`: (ckpt-000001, ckpt-000002)."""
    shutil.copytree(pair, tmp_path, dirs_exist_ok=True)
    return tmp_path / "ckpt-000001", tmp_path / "ckpt-000002"


def snapshot(root):
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_a_manifest_written_last_records_every_files_size_and_checksum(tmp_path, pair):
    first, second = two_checkpoints(tmp_path, pair)
    store = CheckpointStore(tmp_path)
    manifest = json.loads((second / "manifest.json").read_text())
    on_disk = {p.name for p in second.iterdir()} - {"manifest.json"}
    assert set(manifest["files"]) == on_disk >= {"policy.safetensors", "state.json", "replay.json"}
    for name, entry in manifest["files"].items():
        data = (second / name).read_bytes()
        assert entry == {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    segments = {p.name for p in (tmp_path / "replay").glob("seg-*")}
    assert set(manifest["segments"]) == segments and len(segments) == 2
    store.verify(first)
    store.verify(second)


def truncate(path):
    path.write_bytes(path.read_bytes()[:100])


def flip_a_byte(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


DAMAGE = {
    "truncated policy": ("policy.safetensors", truncate, "truncated"),
    "empty policy": ("policy.safetensors", lambda p: p.write_bytes(b""), "0 bytes"),
    "policy gone": ("policy.safetensors", lambda p: p.unlink(), "missing"),
    "flipped critic byte": ("critics.safetensors", flip_a_byte, "checksum"),
    "optimiser gone": ("optimizer0.safetensors", lambda p: p.unlink(), "missing"),
    "torn state": ("state.json", truncate, "truncated"),
    "garbage replay index": ("replay.json", lambda p: p.write_text("{]"), "bytes"),
    "torn manifest": ("manifest.json", truncate, "manifest"),
    "truncated segment": ("../replay/seg-000001.z", truncate, "seg-000001.z"),
    "directory gone": (".", shutil.rmtree, "missing"),
}


@pytest.mark.parametrize("case", DAMAGE)
def test_a_damaged_checkpoint_is_named_and_passed_over_for_the_intact_one(tmp_path, pair, case):
    first, second = two_checkpoints(tmp_path, pair)
    store = CheckpointStore(tmp_path)
    name, damage, why = DAMAGE[case]
    damage(second / name)
    with pytest.raises(CheckpointError, match=why):
        store.verify(second)
    if second.exists():
        with pytest.raises(CheckpointError):  # a typed error, whatever reading it trips on
            store.load(second)
    fresh = CheckpointStore(tmp_path)
    found, skipped = fresh.resumable()
    assert found == first and fresh.latest() == first
    assert [n for n, _ in skipped] == ["ckpt-000002"] and why in skipped[0][1]
    assert len(fresh.load(found).replay) == 4


def test_a_checkpoint_without_a_manifest_is_verified_by_reading_it(tmp_path, pair):
    first, second = two_checkpoints(tmp_path, pair)
    (first / "manifest.json").unlink()  # as written before checkpoints had manifests
    (second / "manifest.json").unlink()
    truncate(second / "policy.safetensors")
    found, skipped = CheckpointStore(tmp_path).resumable()
    assert found == first and "cannot be read" in skipped[0][1]


def test_with_no_intact_checkpoint_resume_refuses_and_deletes_nothing(tmp_path, pair):
    first, second = two_checkpoints(tmp_path, pair)
    truncate(first / "policy.safetensors")
    truncate(second / "state.json")
    before = snapshot(tmp_path)
    with pytest.raises(CheckpointError, match=r"no intact checkpoint.*ckpt-000002.*ckpt-000001"):
        CheckpointStore(tmp_path).resumable()
    assert CheckpointStore(tmp_path).latest() is None
    assert snapshot(tmp_path) == before


def test_latest_json_naming_a_missing_checkpoint_is_said_and_the_older_one_used(tmp_path, pair):
    first, second = two_checkpoints(tmp_path, pair)
    shutil.rmtree(second)
    found, skipped = CheckpointStore(tmp_path).resumable()
    assert found == first and skipped == [
        ("ckpt-000002", "missing: latest.json names it, but it is not there")
    ]
    shutil.rmtree(first)  # latest.json names a checkpoint, none is left: refuse, not restart
    with pytest.raises(CheckpointError, match="no intact checkpoint"):
        CheckpointStore(tmp_path).resumable()
    assert CheckpointStore(tmp_path / "never").resumable() == (None, [])  # nothing to verify


def test_pruning_after_a_fallback_never_removes_the_only_intact_checkpoint(tmp_path, pair):
    _, second = two_checkpoints(tmp_path, pair)
    truncate(second / "policy.safetensors")
    resumed = CheckpointStore(tmp_path, keep=1)
    found, _ = resumed.resumable()
    learner, _ = make_learner("runtime.min_replay=2")
    loaded = resumed.load(found)
    resumed.adopt(learner.restore(loaded), loaded)
    third = save(resumed, learner)  # numbered after every existing one: nothing overwritten
    assert third.name == "ckpt-000003"
    assert [p.name for p in resumed.checkpoints()] == ["ckpt-000003"]
    assert CheckpointStore(tmp_path).resumable() == (third, [])
    assert len(CheckpointStore(tmp_path).load().replay) == 4


def test_a_store_that_only_reads_creates_nothing(tmp_path):
    store = CheckpointStore(tmp_path / "run" / "checkpoints")
    assert store.latest() is None and store.checkpoints() == []
    assert not (tmp_path / "run").exists()
