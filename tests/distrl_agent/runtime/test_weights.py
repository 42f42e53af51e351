"""Weight broadcast: numbered versions, atomic pointer, pruning, and its latency."""

from __future__ import annotations

import time

import pytest
import torch

from distrl_agent.runtime import replica as replica_module
from distrl_agent.runtime.replica import Replica
from distrl_agent.runtime.weights import BackgroundPublisher, WeightStore, default_weights_dir


def test_versions_are_published_polled_and_pruned(tmp_path):
    store = WeightStore(tmp_path, keep=2)
    assert store.poll(-1) is None and store.latest() is None
    for version in range(4):
        store.publish(version, {"w": torch.full((3,), float(version))})
    version, published_at, state = store.poll(-1)
    assert version == 3 and torch.equal(state["w"], torch.full((3,), 3.0))
    assert published_at <= time.time()
    assert store.poll(3) is None
    assert sorted(p.name for p in tmp_path.glob("v*.safetensors")) == [
        "v000000002.safetensors",
        "v000000003.safetensors",
    ]
    assert not list(tmp_path.glob("*.tmp"))


def test_a_reader_of_another_store_instance_sees_new_versions(tmp_path):
    writer, reader = WeightStore(tmp_path), WeightStore(tmp_path)
    writer.publish(0, {"w": torch.zeros(2)})
    assert reader.poll(-1)[0] == 0
    writer.publish(1, {"w": torch.ones(2)})
    assert torch.equal(reader.poll(0)[2]["w"], torch.ones(2))


def test_a_100_mb_state_round_trips_through_shared_memory():
    # its latency is benchmarks/weight_broadcast.py's figure, not a timed test's
    directory = default_weights_dir("test")
    try:
        store = WeightStore(directory)
        state = {f"lora.{i}": torch.randn(1024, 1024) for i in range(25)}  # 100 MiB of fp32
        store.publish(1, state)
        version, _, loaded = WeightStore(directory).poll(0)
        assert version == 1 and all(torch.equal(loaded[k], v) for k, v in state.items())
    finally:
        import shutil

        shutil.rmtree(directory, ignore_errors=True)


@pytest.mark.parametrize("keep", [0, 1])
def test_at_least_two_versions_are_kept(tmp_path, keep):
    store = WeightStore(tmp_path, keep=keep)
    for version in range(3):
        store.publish(version, {"w": torch.zeros(1)})
    assert len(list(tmp_path.glob("v*.safetensors"))) == 2


def test_background_publisher_writes_the_newest_version_without_blocking(tmp_path):
    store = WeightStore(tmp_path)
    publisher = BackgroundPublisher(store)
    times = [publisher(v, {"w": torch.full((256, 256), float(v))}) for v in range(20)]
    publisher.close()
    version, published_at, state = store.poll(-1)
    assert version == 19 and published_at == times[-1]
    assert torch.equal(state["w"], torch.full((256, 256), 19.0))


def test_a_replica_asks_its_source_at_most_every_poll_interval(tmp_path, monkeypatch):
    clock = [0.0]  # a clock of the test's own: a loaded machine cannot stretch the interval
    monkeypatch.setattr(replica_module.time, "monotonic", lambda: clock[0])
    store = WeightStore(tmp_path)
    polls = []

    class Counting:
        def poll(self, known):
            polls.append(known)
            return store.poll(known)

    policy = torch.nn.Linear(2, 1)
    policy.load_trainable_state = policy.load_state_dict
    store.publish(0, policy.state_dict())
    replica = Replica(policy, Counting())
    assert replica.refresh() and replica.version == 0
    store.publish(1, policy.state_dict())
    assert not any(replica.refresh() for _ in range(100))  # within the interval: not asked
    assert len(polls) == 1
    clock[0] += Replica.POLL_S
    assert replica.refresh() and replica.version == 1 and len(polls) == 2
