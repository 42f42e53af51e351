"""How many workers the live nodes hold, and how the Ray backend's worker set follows nodes
that join and leave (the real `Watchdog` and `Fleet`; the actors are plain handles here, the
cluster's nodes plain records: the multi-node runs are in test_ray_cluster.py)."""

from __future__ import annotations

import math

import pytest
from runtime_helpers import smoke_config

from distrl_agent.config import ConfigError
from distrl_agent.runtime.metrics import EventLog, read_jsonl
from distrl_agent.runtime.ray_fleet import Fleet
from distrl_agent.runtime.ray_placement import (
    Placement,
    learner_request,
    worker_request,
    worker_slots,
)
from distrl_agent.runtime.supervisor import Watchdog, WorkerHooks
from distrl_agent.runtime.trainer import worker_specs
from distrl_agent.runtime.worker import WorkerSpec


def node(alive: bool = True, **resources: float) -> dict:
    return {"ip": "127.0.0.1", "alive": alive, "resources": resources}


def test_worker_slots_count_whole_actors_on_live_nodes_after_the_learner():
    request = {"CPU": 0.5, "emulator": 1.0}
    nodes = {
        "head": node(CPU=4.0),  # no emulator: no worker fits
        "gpu": node(CPU=2.0, gpu=1.0, emulator=1.0),
        "a": node(CPU=1.0, emulator=3.0),  # CPU-bound: 2
        "b": node(CPU=8.0, emulator=2.0),
        "gone": node(alive=False, CPU=8.0, emulator=8.0),
    }
    assert worker_slots(nodes, request, {}) == 0 + 1 + 2 + 2
    learner = {"CPU": 1.0, "gpu": 1.0, "emulator": 1.0}
    assert worker_slots(nodes, request, {"gpu": learner}) == 0 + 0 + 2 + 2
    assert worker_slots(nodes, {}, {}) == math.inf


def test_requests_follow_the_ray_config():
    rc = smoke_config(
        "ray.worker_cpus=0.25", "ray.worker_resources={emulator: 1}", "ray.learner_gpus=1"
    ).ray
    assert worker_request(rc) == {"CPU": 0.25, "emulator": 1.0}
    assert learner_request(rc) == {"CPU": 1.0, "GPU": 1.0}


class Actors:
    """The backend's side of the watchdog: handles are (worker id, incarnation) pairs."""

    def __init__(self) -> None:
        self.killed: list[tuple] = []

    def hooks(self) -> WorkerHooks:
        return WorkerHooks(
            launch=lambda spec: ((spec.worker_id, spec.incarnation), {"backend": "test"}),
            exit_code=lambda handle: None,
            kill=self.killed.append,
            last_error=lambda worker_id, handle: None,
        )


def test_the_worker_set_shrinks_with_a_lost_node_and_grows_into_a_new_one(tmp_path):
    config = smoke_config("ray.worker_resources={emulator: 1}", "ray.worker_cpus=0")
    events = EventLog(tmp_path)
    actors = Actors()
    watchdog = Watchdog(config.runtime, events, actors.hooks())
    specs = [WorkerSpec(f"w{i}", "collect", i, 0, {}, {}) for i in range(4)]
    for spec in specs[:3]:
        watchdog.start(spec)
    placement = Placement(events)
    placement.learner = {"node_id": "gpu", "ip": "127.0.0.1"}
    fleet = Fleet(config.ray, watchdog, placement, specs[3:], evaluators=0)
    for worker_id, node_id in (("w0", "a"), ("w1", "b"), ("w2", "b")):
        placement.workers[worker_id] = [{"incarnation": 0, "node_id": node_id, "ip": "x"}]
    nodes = {"gpu": node(CPU=1.0, gpu=1.0), "a": node(emulator=1.0), "b": node(emulator=2.0)}
    running = dict.fromkeys(("w0", "w1", "w2"), True)
    assert not fleet.fit(nodes, running)  # room for 3 of the pool of 4: nothing to do

    nodes["a"]["alive"] = False  # node a leaves with w0
    running["w0"] = False
    assert fleet.fit(nodes, running)
    assert fleet.collectors() == ["w1", "w2"] and actors.killed == [("w0", 0)]
    retired = [e for e in read_jsonl(tmp_path / "events.jsonl") if e["event"] == "worker_retired"]
    assert [(e["worker_id"], e["incarnation"]) for e in retired] == [("w0", 0)]
    assert "room for 2 collecting workers" in retired[0]["reason"]

    nodes["c"] = node(emulator=2.0)  # a bigger node joins: w0 comes back, then the spare w3
    assert fleet.fit(nodes, running)
    assert fleet.collectors() == ["w1", "w2", "w0", "w3"]
    assert watchdog.spec_of("w0").incarnation == 1 and watchdog.spec_of("w3").incarnation == 0
    assert not fleet.fit(nodes, running)  # the pool is spent
    events.close()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (["runtime.backend=ray", "ray.max_workers=1"], "must be >= runtime.workers"),
        (["ray.max_workers=4"], "needs runtime.backend=ray and runtime.mode=async"),
        (["runtime.backend=ray", "runtime.mode=sync", "ray.max_workers=4"], "runtime.mode=async"),
        (["ray.worker_resources={emulator: -1}"], "ray.worker_resources.emulator must be >= 0"),
    ],
)
def test_the_ray_section_refuses_what_cannot_be_placed(overrides, message):
    with pytest.raises(ConfigError, match=message):
        smoke_config(*overrides)


def test_the_pool_of_workers_is_max_workers():
    config = smoke_config("runtime.backend=ray", "ray.max_workers=5")
    assert config.ray.worker_pool(config.runtime.workers) == 5
    specs = worker_specs(config, {}, session=0)
    assert [s.worker_id for s in specs if s.role == "collect"] == [f"w{i}" for i in range(5)]


@pytest.mark.parametrize(
    ("address", "message"),
    [("127.0.0.1:1", "no Ray cluster answers there"), ("headnode", "must be host:port")],
)
def test_a_ray_address_where_nothing_answers_is_refused_at_once(address, message):
    from distrl_agent.runtime.ray_backend import _check_answers

    with pytest.raises(ConfigError, match=message):
        _check_answers(address)
