"""The watchdog: its verdicts, its pass over a backend's workers (real processes), and its
backoff and limit for workers that fail to start."""

from __future__ import annotations

import itertools
import signal
import subprocess
import sys
import time

import pytest

from distrl_agent.cli import stop_signals
from distrl_agent.config import RuntimeConfig
from distrl_agent.runtime import WorkerStartFailure
from distrl_agent.runtime.metrics import EventLog, read_jsonl
from distrl_agent.runtime.supervisor import (
    Incarnation,
    Watchdog,
    WorkerHooks,
    backoff_s,
    diagnose,
    drive,
)
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


class Processes:
    """Real processes as workers: each runs `code[worker_id]` and logs to a file."""

    def __init__(self, tmp_path, code):
        self.tmp_path, self.code, self.launched = tmp_path, code, []

    def launch(self, spec):
        log = open(self.tmp_path / f"{spec.worker_id}.log", "w")  # noqa: SIM115
        command = [sys.executable, "-c", self.code[spec.worker_id]]
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.launched.append((spec.worker_id, spec.incarnation, time.time()))
        return process, {"pid": process.pid}

    def kill(self, process):
        if process.poll() is None:
            process.kill()
        process.wait()

    def last_error(self, worker_id, process):
        lines = (self.tmp_path / f"{worker_id}.log").read_text().split("\n")
        return [line for line in lines if line.strip()][-1]

    def hooks(self):
        return WorkerHooks(self.launch, lambda p: p.poll(), self.kill, self.last_error)


def watchdog(tmp_path, code, **runtime):
    processes = Processes(tmp_path, code)
    rt = RuntimeConfig(**{"watchdog_timeout_s": 10.0, "startup_timeout_s": 60.0, **runtime})
    dog = Watchdog(rt, EventLog(tmp_path), processes.hooks())
    for worker_id in code:
        dog.start(WorkerSpec(worker_id, "collect", 0, 0, {}, {}))
    return dog, processes


SLEEP = "import time; time.sleep(60)"


def test_the_watchdog_pass_restarts_only_the_workers_it_names(tmp_path):
    dog, processes = watchdog(tmp_path, {"w0": SLEEP, "w1": "raise SystemExit(3)", "w2": SLEEP})
    try:
        dog.workers["w1"].handle.wait()
        now = time.time()
        hello = {w: {"incarnation": 0} for w in ("w0", "w1", "w2")}
        # w2 is heard from, but one of its environments is stuck
        assert dog.check((hello, dict.fromkeys(hello, now), {"w2": 20.0})) is None
        failed = [e for e in read_jsonl(tmp_path / "events.jsonl") if e["event"] == "worker_failed"]
        assert [(e["worker_id"], e["reason"].split()[0]) for e in failed] == [
            ("w1", "crashed"),
            ("w2", "hung:"),
        ]
        assert all(e["restart_in_s"] == 0 for e in failed)  # both had started: at once
        assert [(w, i) for w, i, _ in processes.launched[3:]] == [("w1", 1), ("w2", 1)]
    finally:
        for process in dog.handles():
            processes.kill(process)


def test_a_worker_failing_to_start_is_retried_with_backoff_then_the_run_stops_with_its_error(
    tmp_path,
):
    fail = "import sys; print('loading'); sys.exit('AssertionError: Torch not compiled with CUDA')"
    dog, processes = watchdog(tmp_path, {"w0": fail}, max_start_failures=3)
    deadline = time.time() + 30
    failure = None
    while failure is None and time.time() < deadline:
        failure = dog.check(({}, {}, {}))
        time.sleep(0.02)
    assert isinstance(failure, WorkerStartFailure)
    assert "w0 failed to start 3 times in a row" in str(failure)
    assert "Torch not compiled with CUDA" in str(failure)  # the worker's own error
    starts = [t for _, _, t in processes.launched]
    assert len(starts) == 3
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert 1.0 <= gaps[0] < gaps[1] and gaps[1] >= 2.0  # 1 s, then 2 s
    failed = [e for e in read_jsonl(tmp_path / "events.jsonl") if e["event"] == "worker_failed"]
    assert [e["restart_in_s"] for e in failed] == [1.0, 2.0, None]
    assert all("Torch not compiled" in e["error"] for e in failed)


def test_backoff_doubles_up_to_a_cap_and_a_started_worker_restarts_at_once():
    assert [backoff_s(n) for n in range(8)] == [0, 1, 2, 4, 8, 16, 30, 30]


def test_a_driver_that_was_stopped_gives_its_workers_time_before_judging_their_silence(tmp_path):
    dog, processes = watchdog(tmp_path, {"w0": SLEEP}, watchdog_timeout_s=0.4)
    try:
        heard = time.time()
        health = ({"w0": {"incarnation": 0}}, {"w0": heard}, {})
        assert dog.check(health) is None
        time.sleep(0.6)  # the driver was stopped (SIGSTOP): nothing was heard meanwhile
        resumed = time.time()
        while dog.workers["w0"].spec.incarnation == 0 and time.time() < resumed + 5:
            assert dog.check(health) is None  # every 50 ms, as the driver does every 0.5 s
            time.sleep(0.05)
        # silent still after its grace, the worker is hung: restarted, not before
        assert 0.4 <= time.time() - resumed < 1.0 and dog.workers["w0"].spec.incarnation == 1
    finally:
        for process in dog.handles():
            processes.kill(process)


class SignalsWhenFreed:
    """Sends this process SIGINT from its destructor: the handler's `Interrupted` is raised
    inside `__del__`, where Python prints "Exception ignored" and drops it."""

    def __del__(self) -> None:
        signal.raise_signal(signal.SIGINT)


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_ctrl_c_a_destructor_swallowed_still_stops_the_session():
    ticks = itertools.count()
    deadline = time.monotonic() + 5

    def tick() -> bool:
        if next(ticks) == 3:
            SignalsWhenFreed()  # made and freed at once
        return False

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # even under `nohup`
    try:
        with stop_signals():
            stopped = drive(
                done=lambda: time.monotonic() > deadline,
                tick=tick,
                supervise=lambda: None,
                status=dict,
                duration_s=5,
                progress=False,
            )
    finally:
        signal.signal(signal.SIGINT, previous)
    assert stopped == "SIGINT" and time.monotonic() < deadline
