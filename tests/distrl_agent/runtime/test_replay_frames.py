"""The learner's replay keeps screenshots PNG-encoded: lossless, a fraction of the memory, decoded
per training batch; checkpoints store and restore them encoded, so a resume decodes nothing."""

from __future__ import annotations

import copy
import zlib

import numpy as np
import pytest
from runtime_helpers import make_learner

from distrl_agent.rollout import run_episode
from distrl_agent.runtime.checkpoint import CheckpointStore
from distrl_agent.runtime.components import make_env
from distrl_agent.runtime.transport import decode
from distrl_agent.trajectory import PngFrame

FULL = ("env.obs_size=null", "env.render_scale=0.5", "runtime.min_replay=2")
"""The smoke run on the simulated phone's 540x1200 screens (no downscaling)."""


@pytest.fixture(scope="module")
def full_resolution():
    """Two episodes of the smoke policy on the simulated phone at 540x1200 (no downscaling)."""
    learner, _ = make_learner(*FULL)
    env = make_env(learner.config, "train")
    episodes = [
        run_episode(env, learner.policy, seed=i, options={"task_index": i}, worker_id="w0")
        for i in range(2)
    ]
    env.close()
    return episodes


def _frames(trajectory):
    return [s.screenshot for s in trajectory.steps]


def test_the_replay_holds_frames_png_encoded_and_trains_on_them(full_resolution):
    learner, _ = make_learner(*FULL)
    originals = [[f.copy() for f in _frames(t)] for t in full_resolution]
    assert originals[0][0].shape == (1200, 540, 3)
    for trajectory in full_resolution:
        learner.ingest(copy.deepcopy(trajectory))
    held = [item for _, item, _ in learner.replay.contents()]
    raw = sum(f.nbytes for frames in originals for f in frames)
    kept = sum(len(f.data) for t in held for f in _frames(t))
    assert all(isinstance(f, PngFrame) for t in held for f in _frames(t))
    assert kept < raw / 10  # measured: about 35x smaller on the simulated phone
    for trajectory, frames in zip(held, originals, strict=True):
        for step, frame in zip(trajectory.steps, frames, strict=True):
            np.testing.assert_array_equal(step.image(), frame)  # lossless
    assert learner.step() and learner.updates == 1  # batches decode what they need


def test_checkpoints_store_png_frames_and_a_resume_decodes_none(tmp_path, full_resolution):
    learner, _ = make_learner(*FULL)
    learner.ingest(copy.deepcopy(full_resolution[0]))
    store = CheckpointStore(tmp_path / "ck")
    state, tensors, replay = learner.checkpoint()
    raw_item = (99, copy.deepcopy(full_resolution[1]), 1.0)  # frames as arrays: older format
    store.save({**state, "service": {}}, tensors, [*replay, raw_item])
    (segment,) = (tmp_path / "ck" / "replay").glob("seg-*.z")
    blob = zlib.decompress(segment.read_bytes())
    first = decode(blob[8 : 8 + int.from_bytes(blob[:8], "little")])
    assert first.arrays and all(name.startswith("png.") for name in first.arrays)
    loaded = CheckpointStore(tmp_path / "ck").load()
    for (trajectory, _), original in zip(loaded.replay, full_resolution, strict=True):
        assert all(isinstance(f, PngFrame) for f in _frames(trajectory))
        for step, expected in zip(trajectory.steps, original.steps, strict=True):
            np.testing.assert_array_equal(step.image(), expected.screenshot)
