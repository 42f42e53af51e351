"""The watchdog: which workers crashed or hung and must be restarted.

A worker is restarted when its process (or actor) has exited, when it has not said hello
within `runtime.startup_timeout_s` of being started, or when, after its hello, nothing has
been heard from it for `runtime.watchdog_timeout_s` or one of its environments has made no
progress for that long (heartbeats carry the age of the stalest environment's last action).
The backends ask `diagnose` about each worker every half second and restart the ones it names,
with the same worker id and the next incarnation number; training goes on meanwhile.
`restart_failed` is that pass over a backend's workers, and `drive` the driver's loop that
calls it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm

from distrl_agent.config import RuntimeConfig
from distrl_agent.runtime.worker import WorkerSpec


@dataclass
class Incarnation:
    """One start of a worker: its spec, when it started and the backend's handle on it."""

    spec: WorkerSpec
    started: float
    handle: Any


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
    greeted = (
        hello is not None and int(hello.get("incarnation", -1)) == incarnation.spec.incarnation
    )
    if not greeted:
        if now - incarnation.started > runtime.startup_timeout_s:
            return f"hung: no hello within {runtime.startup_timeout_s:.0f} s of starting"
        return None
    if last_heard is not None and now - last_heard > runtime.watchdog_timeout_s:
        return f"hung: silent for {now - last_heard:.0f} s"
    if progress_age is not None and progress_age > runtime.watchdog_timeout_s:
        return f"hung: an environment made no progress for {progress_age:.0f} s"
    return None


def restart_failed(
    workers: Mapping[str, Incarnation],
    health: tuple[dict[str, dict], dict[str, float], dict[str, float]],
    *,
    exit_code: Callable[[Incarnation], int | None],
    restart: Callable[[str, Incarnation, str], None],
    runtime: RuntimeConfig,
) -> None:
    """The watchdog's pass over `workers`, the same for every backend: `diagnose`s each
    incarnation from the learner's `health` (hellos, last heard, progress ages) and the
    backend's `exit_code`, and calls `restart(worker_id, incarnation, reason)` on the ones it
    names."""
    hello, last_heard, progress_age = health
    now = time.time()
    for worker_id, incarnation in list(workers.items()):
        reason = diagnose(
            incarnation,
            now=now,
            exit_code=exit_code(incarnation),
            hello=hello.get(worker_id),
            last_heard=last_heard.get(worker_id),
            progress_age=progress_age.get(worker_id),
            runtime=runtime,
        )
        if reason is not None:
            restart(worker_id, incarnation, reason)


def drive(
    *,
    done: Callable[[], bool],
    tick: Callable[[], bool],
    supervise: Callable[[], None],
    status: Callable[[], dict[str, Any]],
    duration_s: float,
    progress: bool,
    supervise_every_s: float = 0.5,
) -> bool:
    """The driver's loop, the same for every backend: step the learner (`tick`, False when it
    had nothing to do), run the watchdog every half second and show progress until `done`.
    Returns True when Ctrl-C ended it early (the caller still stops and checkpoints)."""
    bar = tqdm(total=round(duration_s), unit="s", desc="RL", disable=not progress, leave=False)
    last_supervise = last_status = 0.0
    try:
        while not done():
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
    except KeyboardInterrupt:
        return True
    finally:
        bar.close()
    return False
