"""The watchdog: its verdicts and its pass over a backend's workers."""

from __future__ import annotations

import time

from distrl_agent.config import RuntimeConfig
from distrl_agent.runtime.supervisor import Incarnation, diagnose, restart_failed
from distrl_agent.runtime.worker import WorkerSpec

RT = RuntimeConfig(watchdog_timeout_s=10.0, startup_timeout_s=60.0)


def verdict(*, now=100.0, exit_code=None, hello=None, last_heard=None, progress_age=None):
    incarnation = Incarnation(WorkerSpec("w0", "collect", 0, 2, {}, {}), started=50.0, handle=None)
    return diagnose(
        incarnation,
        now=now,
        exit_code=exit_code,
        hello=hello,
        last_heard=last_heard,
        progress_age=progress_age,
        runtime=RT,
    )


def test_healthy_workers_are_left_alone():
    assert verdict() is None  # still starting
    assert verdict(hello={"incarnation": 2}, last_heard=95.0, progress_age=3.0) is None


def test_crashes_silence_stalls_and_failed_starts_are_named():
    assert verdict(exit_code=-9).startswith("crashed")
    assert "silent" in verdict(hello={"incarnation": 2}, last_heard=80.0)
    assert "no progress" in verdict(hello={"incarnation": 2}, last_heard=99.0, progress_age=12.0)
    assert "no hello" in verdict(now=111.0)


def test_a_previous_incarnations_hello_does_not_count():
    assert verdict(hello={"incarnation": 1}, last_heard=10.0) is None
    assert "no hello" in verdict(now=200.0, hello={"incarnation": 1}, last_heard=10.0)


def test_the_watchdog_pass_restarts_only_the_workers_it_names():
    now = time.time()
    workers = {
        wid: Incarnation(WorkerSpec(wid, "collect", 0, 0, {}, {}), started=now, handle=code)
        for wid, code in (("w0", None), ("w1", -9), ("w2", None))
    }
    health = ({"w0": {"incarnation": 0}, "w2": {"incarnation": 0}}, {"w0": now, "w2": now}, {})
    health[2]["w2"] = 2 * RT.watchdog_timeout_s  # w2 is heard from, but one env is stuck
    restarted = []
    restart_failed(
        workers,
        health,
        exit_code=lambda incarnation: incarnation.handle,
        restart=lambda wid, incarnation, reason: restarted.append((wid, reason.split()[0])),
        runtime=RT,
    )
    assert restarted == [("w1", "crashed"), ("w2", "hung:")]
