"""The learner's schedules (async replay ratio, sync barrier rounds), publication and lag."""

from __future__ import annotations

import numpy as np
import pytest
from runtime_helpers import from_worker, make_learner, trained_learner

from distrl_agent.runtime.lag import NegativeLagError


def test_async_trains_once_the_replay_is_warm_and_within_the_replay_ratio(trajectories):
    learner, published = make_learner("runtime.min_replay=4", "runtime.updates_per_trajectory=0.5")
    for t in trajectories[:3]:
        learner.ingest(t)
    assert not learner.step() and learner.updates == 0
    learner.ingest(trajectories[3])
    assert learner.step() and learner.step()  # 2 updates = 0.5 x 4 trajectories
    assert not learner.step()
    assert learner.updates == 2 and learner.version == 2
    assert [v for v, _ in published] == [0, 1, 2]
    learner.ingest(trajectories[4])  # acted by version 0, arriving at version 2
    assert learner.lag_arrival.summary()["max"] == 2
    assert learner.lag_update.summary()["steps"] > 0


def test_a_step_from_a_newer_version_than_the_learners_is_an_error(trajectories):
    learner, _ = make_learner("runtime.min_replay=1")
    with pytest.raises(NegativeLagError):
        learner.ingest(from_worker(trajectories[0], "w0", version=3))  # the learner is at 0
    assert len(learner.replay) == 0 and learner.trajectories == 0


def test_publish_every_groups_updates_into_versions(trajectories):
    learner, _ = make_learner(
        "runtime.min_replay=1", "runtime.updates_per_trajectory=0", "runtime.publish_every=3"
    )
    learner.ingest(trajectories[0])
    for _ in range(6):
        assert learner.step()
    assert learner.updates == 6 and learner.version == 2


def test_sampled_priorities_are_refreshed_by_the_update(trajectories):
    learner, _ = make_learner("runtime.min_replay=6", "runtime.batch_size=6")
    for t in trajectories:
        learner.ingest(t)
    ids = learner.replay.ids()
    before = learner.replay.priorities(ids).copy()
    learner.step()
    after = learner.replay.priorities(ids)
    assert not np.allclose(before, after)


def test_sync_round_waits_for_every_workers_batch_then_trains_and_publishes(trajectories):
    learner, published = make_learner(
        "runtime.mode=sync",
        "runtime.sync_episodes_per_worker=2",
        "runtime.updates_per_trajectory=0.5",
        "runtime.min_replay=1",
        workers=("w0", "w1"),
    )
    assert [v for v, _ in published] == [0]
    learner.ingest(from_worker(trajectories[0], "w0"))
    learner.ingest(from_worker(trajectories[1], "w0"))
    learner.ingest(from_worker(trajectories[2], "w1"))
    assert not learner.round_complete() and not learner.step()
    learner.ingest(from_worker(trajectories[3], "w1"))
    assert learner.round_complete()
    assert learner.step()
    assert learner.updates == 2 and learner.version == 1  # ceil(0.5 x 4) updates, one version
    assert not learner.round_complete()
    # stragglers of version 0 do not count towards the version-1 round
    learner.ingest(from_worker(trajectories[4], "w0", version=0))
    learner.ingest(from_worker(trajectories[5], "w0", version=0))
    learner.ingest(from_worker(trajectories[4], "w1", version=1))
    learner.ingest(from_worker(trajectories[5], "w1", version=1))
    assert not learner.round_complete()
    learner.ingest(from_worker(trajectories[0], "w0", version=1))
    learner.ingest(from_worker(trajectories[1], "w0", version=1))
    assert learner.step() and learner.version == 2


def test_interval_metrics_report_losses_counts_and_lag(trajectories):
    learner = trained_learner(trajectories)
    metrics = learner.interval_metrics()
    assert metrics["interval_trajectories"] == 4 and metrics["updates"] == 2
    for key in ("train/actor", "train/critic", "train/rho_mean", "lag_update/p90"):
        assert key in metrics
    assert learner.interval_metrics()["interval_trajectories"] == 0


def test_demonstrations_without_log_probs_are_refused_by_aride(trajectories):
    learner, _ = make_learner("runtime.min_replay=1")
    demo = from_worker(trajectories[0], "w0")
    for s in demo.steps:
        s.behaviour_log_prob = None
    learner.ingest(demo)
    with pytest.raises(ValueError, match="behaviour log-probs"):
        learner.step()


def test_device_fault_episodes_are_counted_and_never_learned(trajectories):
    learner, _ = make_learner()
    faulty = trajectories[0]
    faulty.metadata["device_fault"] = "step failed: ConnectionError: device offline"
    assert learner.ingest(faulty) is False
    assert len(learner.replay) == 0 and learner.trajectories == 0
    assert learner.totals()["device_faults"] == 1
    assert learner.ingest(trajectories[1]) is True and len(learner.replay) == 1
