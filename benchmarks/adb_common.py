"""What the adb benchmarks share: they refuse to run outside a loopback-only network namespace
(the adb server they start reaches beyond loopback otherwise), and they time calls alike."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np

from android_gym.netns import HOW, in_loopback_namespace


def require_namespace(script: str) -> None:
    """Exits with a message unless this process is in a loopback-only network namespace."""
    if not in_loopback_namespace():
        sys.exit(
            f"{script} starts an adb server, which reaches beyond loopback: run it in a "
            f"loopback-only network namespace, e.g.\n  {HOW.replace('CMD', 'python ' + script)}"
        )


def machine() -> str:
    """The machine, and its 1-minute load average (other work on it slows every figure)."""
    return f"{platform.machine()} {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"


def time_ms(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return 1e3 * (time.perf_counter() - start)


def summary(samples: list[float]) -> dict[str, float]:
    """Median and 90th percentile of millisecond samples."""
    return {
        "median_ms": round(statistics.median(samples), 2),
        "p90_ms": round(float(np.percentile(samples, 90)), 2),
    }


@contextmanager
def served_phone_process() -> Iterator[str]:
    """A simulated phone served as an adb device by a process of its own (`python -m
    android_gym serve-adb`), as a phone is a machine of its own; yields its serial and stops
    the process (by its id) at the end."""
    command = [sys.executable, "-m", "android_gym", "serve-adb", "--port", "0", "--count", "1"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # "serving ... as HOST:PORT: adb connect HOST:PORT"
        if "adb connect" not in line:
            raise RuntimeError(f"serve-adb did not start: {line!r}")
        yield line.split()[-1]
    finally:
        process.terminate()
        process.wait(timeout=10)
