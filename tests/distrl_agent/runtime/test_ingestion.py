"""Ingestion that never dies: a bad message of every kind is refused before anything of it is
recorded, and, sent through the local backend's real receive path (a real worker process, a
second authenticated socket playing a misbehaving worker), counted and dropped while later
trajectories still arrive; trajectories sent before a stop are ingested; a receive thread
that dies anyway fails the run; the Ray learner takes messages the same way."""

from __future__ import annotations

import copy
import dataclasses
import struct
import threading
import time
from collections import Counter
from multiprocessing.connection import Client

import numpy as np
import pytest
from runtime_helpers import prepare_run_dir, smoke_config, wait_for

from distrl_agent.runtime import LearnerFailure
from distrl_agent.runtime.checkpoint import CheckpointStore
from distrl_agent.runtime.intake import REASONS
from distrl_agent.runtime.local import LocalBackend
from distrl_agent.runtime.metrics import EventLog, read_jsonl
from distrl_agent.runtime.service import LearnerService
from distrl_agent.runtime.trainer import run_session, worker_specs
from distrl_agent.runtime.transport import MAGIC, decode, encode, encode_trajectory
from distrl_agent.runtime.weights import BackgroundPublisher, WeightStore

OVERRIDES = ("eval.every_s=0", "runtime.workers=1", "runtime.min_replay=100000")


def start_learner(root):
    """A learner service and the local backend with one real worker process (w0), collecting."""
    config = smoke_config(*OVERRIDES)
    run_dir = root / "run"
    spec = prepare_run_dir(config, run_dir)
    publisher = BackgroundPublisher(WeightStore(root / "weights"))
    service = LearnerService(config, run_dir, publisher, ["w0"])
    backend = LocalBackend(config, run_dir, root / "weights", EventLog(run_dir))
    backend.start(worker_specs(config, spec, 0), service)
    return service, backend, publisher


def real_episodes(service) -> set[int]:
    """The episodes of the real worker process in the replay (the probe's carry no number)."""
    return {
        t.metadata["episode"]
        for _, t, _ in service.learner.replay.contents()
        if "episode" in t.metadata
    }


def probes(service) -> set[int]:
    return {
        t.metadata["probe"]
        for _, t, _ in service.learner.replay.contents()
        if "probe" in t.metadata
    }


class Probe:
    """A second connection of worker w0 over the backend's real socket and authkey, sending
    what the test tells it to (the worker's wire protocol, or anything else)."""

    def __init__(self, backend: LocalBackend) -> None:
        self.conn = Client(backend.address, family="AF_UNIX", authkey=backend.authkey)
        self.send(
            encode("hello", {"worker_id": "w0", "pid": 0, "incarnation": 0, "role": "collect"})
        )

    def send(self, data: bytes) -> None:
        self.conn.send_bytes(data)

    def told_to_stop(self) -> bool:
        return self.conn.poll() and decode(self.conn.recv_bytes()).kind == "stop"


def marked(trajectory, probe: int, small: bool = False):
    """A copy of a real trajectory as w0's, marked `probe`; `small`: 1-pixel frames and no
    UI hierarchy, a message of a few kilobytes."""
    t = copy.copy(trajectory)
    t.steps = [copy.copy(s) for s in trajectory.steps]
    for s in t.steps:
        s.policy_version = 0
        if small:
            s.screenshot, s.ui_xml, s.info = np.zeros((1, 1, 3), dtype=np.uint8), "", {}
    if small and t.final_observation is not None:
        t.final_observation = dataclasses.replace(
            t.final_observation, screenshot=np.zeros((1, 1, 3), dtype=np.uint8), ui_xml=""
        )
    t.worker_id, t.metadata = "w0", {"probe": probe}
    return t


def too_long(trajectory) -> bytes:
    """A trajectory of 5001 small steps: more than the smoke replay's 5000 transitions."""
    t = marked(trajectory, -1, small=True)
    t.steps = [dataclasses.replace(t.steps[0]) for _ in range(5001)]
    return encode_trajectory(t)


def with_meta(trajectory, change) -> bytes:
    """The trajectory's message with its JSON metadata (and arrays) edited by `change`."""
    message = decode(encode_trajectory(trajectory))
    change(message.meta, message.arrays)
    return encode("trajectory", message.meta, message.arrays)


def raw(header: bytes, body: bytes = b"") -> bytes:
    return MAGIC + struct.pack("<I", len(header)) + header + body


BAD = {
    "garbage": ("decode_error", lambda t: b"not a distrl message"),
    "truncated": ("decode_error", lambda t: encode_trajectory(t)[:100]),
    "body": ("decode_error", lambda t: raw(b'{"kind":"trajectory","arrays":true}', b"\x00" * 9)),
    "header": ("bad_header", lambda t: raw(b"[1, 2]")),
    "kind": ("bad_header", lambda t: encode("bogus", {"x": 1})),
    "field": ("bad_header", lambda t: with_meta(t, lambda m, a: m["steps"][0].pop("reward"))),
    "frames": ("bad_header", lambda t: with_meta(t, lambda m, a: a.pop("frame.0"))),
    "sender": ("bad_header", lambda t: with_meta(t, lambda m, a: m.update(worker_id="w7"))),
    "heartbeat": ("bad_header", lambda t: encode("heartbeat", {"progress_age_s": "soon"})),
    "too_long": ("too_long", too_long),
    "future": ("foreign_version", lambda t: with_meta(t, _version(10**6))),
    "negative": ("foreign_version", lambda t: with_meta(t, _version(-1))),
}


def _version(version: int):
    def change(meta, arrays):
        meta["steps"][-1]["policy_version"] = version

    return change


def test_every_bad_kind_is_refused_before_anything_of_it_is_recorded(run_dir, trajectories):
    config = smoke_config(*OVERRIDES)
    service = LearnerService(config, run_dir, lambda version, state: 0.0, ["w0"])
    learner = service.learner
    for index, (case, (kind, make)) in enumerate(BAD.items()):
        good = marked(trajectories[index % len(trajectories)], index)
        before = service.rejections.totals()
        with service.intake("w0"):
            service.handle("w0", decode(make(good)))
        assert service.rejections.totals() == {**before, kind: before[kind] + 1}, case
        assert learner.trajectories == index and sum(learner.lag_arrival.total.values()) == sum(
            len(t) for _, t, _ in learner.replay.contents()
        ), f"{case}: partly recorded"
        with service.intake("w0"):
            service.handle("w0", decode(encode_trajectory(good)))
        assert probes(service) == set(range(index + 1)), case
    expected = Counter(kind for kind, _ in BAD.values())
    assert service.summary()["rejected_messages"] == {k: expected[k] for k in REASONS}
    service.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    service, backend, publisher = start_learner(tmp_path_factory.mktemp("ingestion"))
    try:
        wait_for(lambda: real_episodes(service), timeout=120)  # the real worker collects
        probe = Probe(backend)
        yield service, backend, probe
        probe.conn.close()
    finally:
        backend.stop()
        publisher.close()
        service.close()


@pytest.mark.slow
@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_message_is_counted_and_later_trajectories_are_still_ingested(
    live, trajectories, case
):
    service, backend, probe = live
    kind, make = BAD[case]
    before, episodes = service.rejections.totals(), real_episodes(service)
    good = marked(trajectories[0], probe=list(BAD).index(case))
    probe.send(make(good))
    probe.send(encode_trajectory(good))
    wait_for(lambda: good.metadata["probe"] in probes(service), timeout=30)
    after = service.rejections.totals()
    assert after == {**before, kind: before[kind] + 1}
    # the real worker's later episodes arrive too: nothing stopped the receive thread
    wait_for(lambda: max(real_episodes(service)) > max(episodes), timeout=30)
    assert backend.receiver.is_alive() and service.failure is None
    assert service.summary()["rejected_messages"] == after


@pytest.mark.slow
def test_trajectories_sent_before_stop_are_ingested_before_the_summary(tmp_path, trajectories):
    service, backend, publisher = start_learner(tmp_path)
    try:
        wait_for(lambda: real_episodes(service), timeout=120)
        probe = Probe(backend)
        probe.send(b"garbage")
        wait_for(lambda: service.rejections.totals()["decode_error"] == 1)
        # the learner is busy (its lock held) while the worker sends three trajectories and
        # the driver stops the run: they wait on the socket, unread, when stop begins
        with service.lock:
            for number in range(3):
                probe.send(encode_trajectory(marked(trajectories[number], number, small=True)))
            stopping = threading.Thread(target=backend.stop)
            started = time.monotonic()
            stopping.start()
            wait_for(probe.told_to_stop, timeout=10)
            probe.conn.close()  # the worker has stopped: its connection ends after them
        stopping.join(30)
        assert not stopping.is_alive() and time.monotonic() - started < 10
        assert probes(service) == {0, 1, 2}
        (process,) = [w.handle for w in backend.workers.values()]
        assert process.returncode == 0  # the real worker stopped when asked, not killed
        summary, _, checkpoint = service.finalize()
    finally:
        publisher.close()
    saved = CheckpointStore(checkpoint.parent).load()
    assert {t.metadata.get("probe") for t, _ in saved.replay} >= {0, 1, 2}
    assert summary["rejected_messages"] == {**dict.fromkeys(REASONS, 0), "decode_error": 1}
    train = [r for r in read_jsonl(service.run_dir / "metrics.jsonl") if r["kind"] == "train"]
    assert train[-1]["rejected/decode_error"] == 1


@pytest.mark.slow
def test_a_receive_thread_that_dies_fails_the_run_after_a_checkpoint(tmp_path, monkeypatch):
    # a fault outside any one message's intake (none is known: this one is injected into the
    # backend this run starts, and no other)
    start = LocalBackend.start

    def start_broken(backend, specs, learner):
        def broken(learner):
            raise RuntimeError("injected fault")

        backend._receive_ready = broken
        start(backend, specs, learner)

    monkeypatch.setattr(LocalBackend, "start", start_broken)
    config = smoke_config(*OVERRIDES, "runtime.duration_s=120")
    run_dir = tmp_path / "run"
    prepare_run_dir(config, run_dir)
    events = EventLog(run_dir)
    started = time.monotonic()
    with pytest.raises(LearnerFailure, match=r"receive thread died.*injected fault"):
        run_session(config, run_dir, events, progress=False)
    events.close()
    assert time.monotonic() - started < 60  # not the run's 120 s of restarting workers
    records = read_jsonl(run_dir / "events.jsonl")
    failed = [e for e in records if e["event"] == "learner_failed"]
    assert len(failed) == 1 and "injected fault" in failed[0]["reason"]
    assert not [e for e in records if e["event"] == "worker_failed"]
    assert (run_dir / "checkpoints" / "latest.json").exists()


@pytest.mark.netns
@pytest.mark.slow
def test_the_ray_learner_counts_bad_messages_and_goes_on(tmp_path, trajectories):
    ray = pytest.importorskip("ray")
    from distrl_agent.runtime.ray_backend import LearnerActor, _init_ray

    config = smoke_config(*OVERRIDES)
    prepare_run_dir(config, tmp_path / "run")
    _init_ray(config, 1)
    try:
        actor = ray.remote(LearnerActor).remote(
            config.to_dict(), str(tmp_path / "run"), ["w0"], None
        )
        for index, (_, make) in enumerate(BAD.values()):
            good = marked(trajectories[index % len(trajectories)], index)
            ray.get(actor.ingest.remote("w0", make(good)))  # refused, and the call succeeds
            ray.get(actor.ingest.remote("w0", encode_trajectory(good)))
        summary, _, _ = ray.get(actor.finalize.remote())
    finally:
        ray.shutdown()
    assert summary["trajectories"] == len(BAD)
    expected = Counter(kind for kind, _ in BAD.values())
    assert summary["rejected_messages"] == {k: expected[k] for k in REASONS}
