"""Workers: trajectories with per-step versions, weights taken without pausing, the barrier,
lockstep."""

from __future__ import annotations

import threading
import time

import pytest
from runtime_helpers import MemoryLink, smoke_config, wait_for

from distrl_agent.config import ConfigError
from distrl_agent.policies.pointer import PointerPolicy
from distrl_agent.runtime import components
from distrl_agent.runtime import worker as worker_module
from distrl_agent.runtime.components import build_policy, policy_spec
from distrl_agent.runtime.weights import WeightStore
from distrl_agent.runtime.worker import Lockstep, Stop, Worker, WorkerSpec
from distrl_agent.trajectory import PngFrame


def start_worker(tmp_path, *overrides, role="collect", link=None):
    config = smoke_config(*overrides)
    spec = policy_spec(config)
    policy = build_policy(spec)
    store = WeightStore(tmp_path / "weights")
    store.publish(0, policy.trainable_state())
    link = link or MemoryLink()
    worker = Worker(WorkerSpec("w0", role, 1, 0, config.to_dict(), spec), link, store)
    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    return worker, link, store, policy, thread


def plays_a_batch_per_version(link, store, policy, thread, batch: int) -> list:
    """Checks that a sync worker sends `batch` trajectories of version 0, then nothing until
    version 1 is published, then `batch` of version 1; returns the first batch."""
    wait_for(lambda: len(link.trajectories()) >= batch)
    time.sleep(1.5)  # a whole episode's time: nothing more comes before the next version
    first = link.trajectories()
    assert len(first) == batch
    store.publish(1, policy.trainable_state())
    wait_for(lambda: len(link.trajectories()) >= 2 * batch)
    link.stop.set()
    thread.join(10)
    versions = [{s.policy_version for s in t.steps} for t in link.trajectories()]
    assert versions[: 2 * batch] == [{0}] * batch + [{1}] * batch
    return first


def test_async_worker_takes_new_weights_between_steps_and_records_versions(tmp_path):
    worker, link, store, policy, thread = start_worker(tmp_path)
    wait_for(lambda: len(link.trajectories()) >= 2)
    assert link.messages[0].kind == "hello"
    first = link.trajectories()
    assert all(s.policy_version == 0 for t in first for s in t.steps)
    assert all(s.behaviour_log_prob is not None for t in first for s in t.steps)
    assert all(isinstance(s.screenshot, PngFrame) for t in first for s in t.steps)  # compressed
    steps_before = worker.steps
    store.publish(1, policy.trainable_state())
    wait_for(lambda: any(s.policy_version == 1 for t in link.trajectories() for s in t.steps))
    store.publish(2, policy.trainable_state())
    wait_for(lambda: any(s.policy_version == 2 for t in link.trajectories() for s in t.steps))
    link.stop.set()
    thread.join(10)
    assert not thread.is_alive()
    versions = [s.policy_version for t in link.trajectories() for s in t.steps]
    assert versions == sorted(versions)  # never back to an older version
    assert worker.steps > steps_before
    beats = [m for m in link.messages if m.kind == "heartbeat"]
    assert beats and beats[-1].meta["worker_id"] == "w0"
    assert any(m.meta["broadcast_s"] for m in beats) or worker.replica.broadcast_latencies


def test_a_worker_builds_its_environments_and_acts_once_before_it_says_hello(tmp_path, monkeypatch):
    # hello means ready: the run clock starts when every worker has said it
    link = MemoryLink()
    built, acted = [], []

    def make_env(*args, latency=True, **kwargs):
        built.append((latency, len(link.messages)))
        return components.make_env(*args, latency=latency, **kwargs)

    def act(policy, *args, **kwargs):
        acted.append(len(link.messages))
        return real_act(policy, *args, **kwargs)

    real_act = PointerPolicy.act
    monkeypatch.setattr(worker_module, "make_env", make_env)
    monkeypatch.setattr(PointerPolicy, "act", act)
    _, link, _, _, thread = start_worker(tmp_path, "runtime.envs_per_worker=2", link=link)
    wait_for(lambda: len(link.trajectories()) >= 1)
    link.stop.set()
    thread.join(10)
    # two environments with device latency for the slots, one without for the warm-up
    assert built == [(True, 0), (True, 0), (False, 0)]
    assert acted[0] == 0 and link.messages[0].kind == "hello"


def test_sync_worker_plays_its_batch_then_waits_at_the_barrier(tmp_path):
    _, link, store, policy, thread = start_worker(
        tmp_path, "runtime.mode=sync", "runtime.sync_episodes_per_worker=2"
    )
    wait_for(lambda: len(link.trajectories()) >= 2)
    time.sleep(1.5)  # a whole episode's time: nothing more comes before the next version
    assert len(link.trajectories()) == 2
    assert any(m.kind == "heartbeat" for m in link.messages)  # it is alive while it waits
    store.publish(1, policy.trainable_state())
    wait_for(lambda: len(link.trajectories()) >= 4)
    link.stop.set()
    thread.join(10)
    versions = [{s.policy_version for s in t.steps} for t in link.trajectories()]
    assert versions[:4] == [{0}, {0}, {1}, {1}]


@pytest.mark.slow
def test_eval_worker_reports_greedy_success_of_the_latest_version(tmp_path):
    _, link, store, policy, thread = start_worker(
        tmp_path, "eval.periodic_tasks=3", "eval.every_s=0.5", "eval.envs=2", role="eval"
    )
    wait_for(lambda: sum(m.kind == "evaluation" for m in link.messages) >= 1)
    store.publish(1, policy.trainable_state())
    wait_for(
        lambda: any(m.meta.get("version") == 1 for m in link.messages if m.kind == "evaluation")
    )
    link.stop.set()
    thread.join(10)
    record = next(m.meta for m in link.messages if m.kind == "evaluation")
    assert record["tasks"] == 3 and 0.0 <= record["success_rate"] <= 1.0
    assert len(record["successes"]) == 3
    # the episode lines the learner writes into RUN_DIR/evaluations/periodic-vN
    assert [r["is_successful"] for r in record["records"]] == record["successes"]
    assert record["identity"]["agent"]["label"] == f"periodic-v{record['version']}"


def test_a_worker_with_two_environments_shares_its_replica_and_its_sync_quota(tmp_path):
    _, link, store, policy, thread = start_worker(
        tmp_path, "runtime.envs_per_worker=2", "runtime.sync_episodes_per_worker=3"
    )
    wait_for(lambda: {t.metadata["slot"] for t in link.trajectories()} == {0, 1})
    link.stop.set()
    thread.join(10)
    _, link, store, policy, thread = start_worker(
        tmp_path / "sync",
        "runtime.envs_per_worker=2",
        "runtime.mode=sync",
        "runtime.sync_episodes_per_worker=3",
    )
    # one quota for the worker, not one per environment
    assert len(plays_a_batch_per_version(link, store, policy, thread, 3)) == 3


def run_slots(play, slots: int) -> None:
    """Runs `play(slot)` for each slot in its own thread, as a worker does, until all end."""
    threads = [threading.Thread(target=play, args=(i,)) for i in range(slots)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert not any(thread.is_alive() for thread in threads)


def test_lockstep_slots_step_together_and_end_their_batch_together() -> None:
    lockstep = Lockstep(3, check=lambda slot: None)
    log: list[tuple[int, object, int]] = []
    lengths = [2, 5, 3]

    def play(slot: int) -> None:
        for batch in range(2):
            lockstep.wait(slot)  # the batch's episodes start together
            for step in range(lengths[slot] + batch):
                lockstep.wait(slot)  # every action waits for every slot's observation
                log.append((batch, step, slot))
                time.sleep(0.002 * ((slot + step) % 3))
            lockstep.finished(slot)
            log.append((batch, "end", slot))

    run_slots(play, 3)
    order = [(batch, 99 if step == "end" else step) for batch, step, _ in log]
    assert order == sorted(order)  # no slot runs ahead of a step, an end or a batch
    assert sum(step == "end" for _, step, _ in log) == 6
    assert [slot for batch, step, slot in log if batch == 0 and step == 4] == [1]


def test_lockstep_slots_act_in_one_batch_each_step_and_get_their_own_decisions() -> None:
    batches: list[list] = []

    def decide_all(requests):
        batches.append([obs for obs, _, _ in requests])
        return [("decided", obs) for obs, _, _ in requests]

    lockstep = Lockstep(3, check=lambda slot: None, decide_all=decide_all)
    lengths, got = [1, 3, 2], {}

    def play(slot: int) -> None:
        got[slot] = [lockstep.act(slot, (slot, step), {}, False) for step in range(lengths[slot])]
        lockstep.finished(slot)

    run_slots(play, 3)
    # one forward pass a step, for the slots whose episodes are still running
    assert batches == [[(0, 0), (1, 0), (2, 0)], [(1, 1), (2, 1)], [(1, 2)]]
    assert got == {s: [("decided", (s, i)) for i in range(lengths[s])] for s in range(3)}


def test_a_lockstep_slot_waiting_for_the_others_stops_when_the_worker_stops() -> None:
    stop = threading.Event()

    def check(slot: int) -> None:
        if stop.is_set():
            raise Stop

    lockstep = Lockstep(2, check)
    threading.Timer(0.2, stop.set).start()
    with pytest.raises(Stop):
        lockstep.wait(0)  # the other slot never comes


def test_a_lockstep_worker_plays_one_batch_per_slot_then_waits_for_the_next_version(tmp_path):
    _, link, store, policy, thread = start_worker(
        tmp_path,
        "runtime.envs_per_worker=3",
        "runtime.mode=lockstep",
        "runtime.sync_episodes_per_worker=3",
    )
    first = plays_a_batch_per_version(link, store, policy, thread, 3)
    assert {t.metadata["slot"] for t in first} == {0, 1, 2}


def test_lockstep_batches_must_fill_every_slot() -> None:
    with pytest.raises(ConfigError, match="multiple"):
        smoke_config("runtime.mode=lockstep", "runtime.envs_per_worker=3")
