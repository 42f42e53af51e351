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


def today() -> str:
    """The UTC date, YYYY-MM-DD."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%d")
