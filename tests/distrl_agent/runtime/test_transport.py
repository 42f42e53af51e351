"""The wire format: trajectories and weights round-trip, nothing but our format is accepted."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import torch

from distrl_agent.runtime.transport import (
    TransportError,
    decode,
    encode,
    encode_trajectory,
    trajectory_from_message,
)
from distrl_agent.trajectory import PngFrame


def test_trajectories_round_trip_exactly(trajectories):
    for original in trajectories:
        original.steps[0].policy_version = 7
        original.steps[0].action_tokens = [3, 1, 4, 1, 5]
        copy = trajectory_from_message(decode(encode_trajectory(original)))
        assert copy.instruction == original.instruction and copy.task_id == original.task_id
        assert copy.success == original.success and copy.worker_id == original.worker_id
        assert copy.timings == pytest.approx(original.timings)
        assert len(copy) == len(original)
        for a, b in zip(original.steps, copy.steps, strict=True):
            np.testing.assert_array_equal(a.screenshot, b.screenshot)
            assert (a.ui_xml, a.action_text, a.reward, a.done) == (
                b.ui_xml,
                b.action_text,
                b.reward,
                b.done,
            )
            assert a.behaviour_log_prob == b.behaviour_log_prob
            assert a.action_tokens == b.action_tokens
            assert (a.policy_version, a.invalid, a.info) == (b.policy_version, b.invalid, b.info)
            assert (a.action is None) == (b.action is None)
            if a.action is not None:
                assert a.action.to_dict() == b.action.to_dict()


def test_truncation_and_final_observation_cross_the_wire(trajectory_factory):
    cut = trajectory_factory(length=3, success=False, truncated=True)
    copy = trajectory_from_message(decode(encode_trajectory(cut)))
    assert copy.truncated and [s.truncated for s in copy.steps] == [False, False, True]
    assert copy.final_observation is not None and cut.final_observation is not None
    assert copy.final_observation.ui_xml == cut.final_observation.ui_xml
    np.testing.assert_array_equal(copy.final_observation.image(), cut.final_observation.image())
    ended = trajectory_from_message(decode(encode_trajectory(trajectory_factory())))
    assert ended.final_observation is None and not ended.truncated


def test_weights_round_trip_bit_for_bit():
    state = {"a": torch.randn(3, 4), "b": torch.arange(5, dtype=torch.int64)}
    message = decode(encode("weights", {"version": 3}, state))
    assert message.kind == "weights" and message.meta == {"version": 3}
    for key, value in state.items():
        assert torch.equal(message.arrays[key], value)


def test_pickles_and_garbage_are_refused():
    with pytest.raises(TransportError):
        decode(pickle.dumps({"kind": "trajectory"}))
    with pytest.raises(TransportError):
        decode(b"DRL1" + (10_000).to_bytes(4, "little") + b"{}")
    with pytest.raises(TransportError):
        decode(b"DRL1" + (2).to_bytes(4, "little") + b"\xff\xfe")
    assert decode(encode("stop")).kind == "stop"


def test_png_frames_cross_the_wire_encoded_and_broken_ones_are_refused(trajectory_factory):
    original = trajectory_factory(length=3, success=False, truncated=True)
    arrays = [s.screenshot.copy() for s in original.steps]
    message = decode(encode_trajectory(original.compress_frames()))
    assert sorted(message.arrays) == ["png.0", "png.1", "png.2", "png.final"]
    copy = trajectory_from_message(message)
    for step, frame in zip(copy.steps, arrays, strict=True):
        assert isinstance(step.screenshot, PngFrame)
        np.testing.assert_array_equal(step.image(), frame)
    broken = dict(message.arrays)
    broken["png.1"] = broken["png.1"].copy()
    broken["png.1"][40] ^= 0xFF  # a flipped byte: a chunk checksum no longer matches
    both = {**message.arrays, "frame.1": arrays[1]}
    for arrays_sent in (broken, both):
        bad = decode(encode("trajectory", message.meta, arrays_sent))
        with pytest.raises(TransportError, match="malformed trajectory"):
            trajectory_from_message(bad)
