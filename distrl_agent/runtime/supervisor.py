"""The watchdog: which workers crashed or hung and must be restarted, and when to give up.

A worker is restarted when its process (or actor) has exited, when it has not said hello
within `runtime.startup_timeout_s` of being started, or when, after its hello, nothing has
been heard from it for `runtime.watchdog_timeout_s` or one of its environments has made no
progress for that long (heartbeats carry the age of the stalest environment's last action).
The backends' `Watchdog` asks `diagnose` about each worker every half second and restarts the
ones it names, with the same worker id and the next incarnation number; training goes on
meanwhile. A worker that fails before its hello (a failed start: a bad device, a missing GPU)
is restarted after a backoff that doubles with each failed start in a row (1 s, 2 s, 4 s, ...,
at most 30 s), and after `runtime.max_start_failures` failed starts in a row the watchdog
gives up: the run stops with that worker's own error (`WorkerStartFailure`). When the driver
itself did not run for longer than the watchdog's timeout (stopped, suspended), silence is not
held against the workers until they have had that long to be heard again. `drive` is the
driver's loop that calls it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm

from distrl_agent.config import RuntimeConfig
from distrl_agent.runtime import Interrupted, WorkerStartFailure, raise_if_signalled
from distrl_agent.runtime.metrics import EventLog
from distrl_agent.runtime.worker import WorkerSpec

log = logging.getLogger(__name__)
BACKOFF_S = 1.0
BACKOFF_MAX_S = 30.0
Health = tuple[dict[str, dict], dict[str, float], dict[str, float]]
"""What the learner knows of its workers: hellos, when each was last heard, progress ages."""


@dataclass
class Incarnation:
    """One start of a worker: its spec, when it started (or, while it waits out a backoff,
    when it will) and the backend's handle on it (None until then)."""

    spec: WorkerSpec
    started: float
    handle: Any


def greeted(incarnation: Incarnation, hello: dict[str, Any] | None) -> bool:
    """Whether this incarnation (not an earlier one) has said hello."""
    return hello is not None and int(hello.get("incarnation", -1)) == incarnation.spec.incarnation


def diagnose(
    incarnation: Incarnation,
    *,
    now: float,
    exit_code: int | None,
    hello: dict[str, Any] | None,
    last_heard: float | None,
    progress_age: float | None,
    runtime: RuntimeConfig,
) -> str | None:
    """Why this incarnation must be restarted, or None while it is healthy."""
    if exit_code is not None:
        return f"crashed (exit code {exit_code})"
    if not greeted(incarnation, hello):
        if now - incarnation.started > runtime.startup_timeout_s:
            return f"hung: no hello within {runtime.startup_timeout_s:.0f} s of starting"
        return None
    if last_heard is not None and now - last_heard > runtime.watchdog_timeout_s:
        return f"hung: silent for {now - last_heard:.0f} s"
    if progress_age is not None and progress_age > runtime.watchdog_timeout_s:
        return f"hung: an environment made no progress for {progress_age:.0f} s"
    return None


def backoff_s(failed_starts: int) -> float:
    """How long to wait before restarting a worker after `failed_starts` failed starts in a
    row (0 after a crash of a worker that had started)."""
    if failed_starts <= 0:
        return 0.0
    return min(BACKOFF_MAX_S, BACKOFF_S * 2 ** (failed_starts - 1))


@dataclass
class WorkerHooks:
    """What a backend does to its workers: `launch` one (its handle and the fields of its
    `worker_started` event), its `exit_code` (None while it runs), `kill` it, and the
    `last_error` it reported (its own error message, for a failed start)."""

    launch: Callable[[WorkerSpec], tuple[Any, dict[str, Any]]]
    exit_code: Callable[[Any], int | None]
    kill: Callable[[Any], None]
    last_error: Callable[[str, Any], str | None]


class Watchdog:
    """A backend's workers, the same for every backend (see the module docstring). `check`
    is one pass; the receive path reads `spec_of` from other threads."""

    def __init__(self, runtime: RuntimeConfig, events: EventLog, hooks: WorkerHooks) -> None:
        self.runtime = runtime
        self.events = events
        self.hooks = hooks
        self.workers: dict[str, Incarnation] = {}
        self.failed_starts: Counter[str] = Counter()
        self.lock = threading.Lock()
        self._last_check: float | None = None
        self._grace_until = 0.0

    def start(self, spec: WorkerSpec) -> None:
        """Starts (the next incarnation of) a worker now."""
        handle, fields = self.hooks.launch(spec)
        with self.lock:
            self.workers[spec.worker_id] = Incarnation(spec, time.time(), handle)
        self.events.write(
            "worker_started",
            worker_id=spec.worker_id,
            role=spec.role,
            incarnation=spec.incarnation,
            **fields,
        )

    def retire(self, worker_id: str, reason: str) -> WorkerSpec:
        """Stops a worker for good (the run shrinks: `worker_retired`); returns the spec of
        its next incarnation, should it come back."""
        with self.lock:
            incarnation = self.workers.pop(worker_id)
        if incarnation.handle is not None:
            self.hooks.kill(incarnation.handle)
        self.events.write(
            "worker_retired",
            worker_id=worker_id,
            incarnation=incarnation.spec.incarnation,
            reason=reason,
        )
        return incarnation.spec.next_incarnation()

    def spec_of(self, worker_id: str) -> WorkerSpec | None:
        """The current incarnation's spec of a worker (None: no such worker)."""
        with self.lock:
            incarnation = self.workers.get(worker_id)
        return incarnation.spec if incarnation is not None else None

    def handles(self) -> list[Any]:
        """The handles of the workers running now."""
        with self.lock:
            return [w.handle for w in self.workers.values() if w.handle is not None]

    def check(self, health: Health) -> WorkerStartFailure | None:
        """One pass: starts the workers whose backoff is over, restarts the ones `diagnose`
        names; returns the error to end the run with when a worker failed to start
        `runtime.max_start_failures` times in a row (None otherwise)."""
        hello, last_heard, progress_age = health
        now = time.time()
        judge_silence = self._judges_silence(now)
        with self.lock:
            current = list(self.workers.items())
        for worker_id, incarnation in current:
            if incarnation.handle is None:
                if now >= incarnation.started:
                    self.start(incarnation.spec)
                continue
            started = greeted(incarnation, hello.get(worker_id))
            if started:
                self.failed_starts[worker_id] = 0
            exit_code = self.hooks.exit_code(incarnation.handle)
            if exit_code is None and not judge_silence:
                continue
            reason = diagnose(
                incarnation,
                now=now,
                exit_code=exit_code,
                hello=hello.get(worker_id),
                last_heard=last_heard.get(worker_id),
                progress_age=progress_age.get(worker_id),
                runtime=self.runtime,
            )
            if reason is not None:
                failure = self._restart(worker_id, incarnation, reason, started, now)
                if failure is not None:
                    return failure
        return None

    def _judges_silence(self, now: float) -> bool:
        """False for `runtime.watchdog_timeout_s` after the driver itself did not run for
        longer than that (stopped with SIGSTOP, a suspended machine): the workers' silence
        then is the driver's, and they get time to be heard again; crashes still count."""
        stalled = self._last_check is not None and now - self._last_check > (
            self.runtime.watchdog_timeout_s
        )
        self._last_check = now
        if stalled:
            log.warning("the driver did not run for a while: workers get time to be heard")
            self._grace_until = now + self.runtime.watchdog_timeout_s
        return now >= self._grace_until

    def _restart(
        self, worker_id: str, incarnation: Incarnation, reason: str, started: bool, now: float
    ) -> WorkerStartFailure | None:
        self.hooks.kill(incarnation.handle)
        error = None if started else self.hooks.last_error(worker_id, incarnation.handle)
        if not started:
            self.failed_starts[worker_id] += 1
        failed = self.failed_starts[worker_id]
        gives_up = failed >= self.runtime.max_start_failures
        delay = backoff_s(failed)
        self.events.write(
            "worker_failed",
            worker_id=worker_id,
            incarnation=incarnation.spec.incarnation,
            reason=reason,
            error=error,
            failed_starts=failed,
            restart_in_s=None if gives_up else delay,
        )
        if gives_up:
            return WorkerStartFailure(
                f"worker {worker_id} failed to start {failed} times in a row ({reason}); "
                f"its error: {error or 'none reported'}"
            )
        following = incarnation.spec.next_incarnation()
        if delay > 0:
            with self.lock:
                self.workers[worker_id] = Incarnation(following, now + delay, None)
        else:
            self.start(following)
        return None


def drive(
    *,
    done: Callable[[], bool],
    tick: Callable[[], bool],
    supervise: Callable[[], None],
    status: Callable[[], dict[str, Any]],
    duration_s: float,
    progress: bool,
    supervise_every_s: float = 0.5,
) -> str | None:
    """The driver's loop, the same for every backend: step the learner (`tick`, False when it
    had nothing to do), run the watchdog every half second and show progress until `done`.
    Returns the signal that ended it early ("SIGINT" for Ctrl-C, "SIGTERM"), or None; the
    caller still stops and checkpoints."""
    bar = tqdm(total=round(duration_s), unit="s", desc="RL", disable=not progress, leave=False)
    last_supervise = last_status = 0.0
    try:
        while not done():
            raise_if_signalled()  # one a destructor swallowed
            if not tick():
                time.sleep(0.002)
            now = time.monotonic()
            if now - last_supervise >= supervise_every_s:
                last_supervise = now
                supervise()
            if progress and now - last_status >= 1.0:
                last_status = now
                info = status()
                bar.n = min(round(duration_s), round(info.pop("t", 0.0)))
                bar.set_postfix(info, refresh=True)
    except KeyboardInterrupt as exc:
        return exc.signal if isinstance(exc, Interrupted) else "SIGINT"
    finally:
        bar.close()
    return None
