"""The watchdog: which workers crashed or hung and must be restarted.

A worker is restarted when its process (or actor) has exited, when it has not said hello
within `runtime.startup_timeout_s` of being started, or when, after its hello, nothing has
been heard from it for `runtime.watchdog_timeout_s` or one of its environments has made no
progress for that long (heartbeats carry the age of the stalest environment's last action).
The backends ask `diagnose` about each worker every half second and restart the ones it names,
with the same worker id and the next incarnation number; training goes on meanwhile.
`drive` is the driver's loop that calls them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
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
