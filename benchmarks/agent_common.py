"""What the agent benchmarks share: how they describe the machine and date their figures."""

from __future__ import annotations

import os
import platform
from datetime import datetime, timezone

import torch


def machine() -> str:
    """CPU architecture and count, torch version and the threads it uses."""
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs, torch {torch.__version__}, "
        f"{torch.get_num_threads()} threads"
    )


def load_average() -> float | None:
    """The 1-minute load average (other jobs on the machine slow every figure), None if unknown."""
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def today() -> str:
    """The UTC date, YYYY-MM-DD."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%d")
