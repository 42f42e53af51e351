"""Shared set-up of the agent tests: offline Hugging Face, and the synthetic phone helpers
(`synthetic_phone`, importable from every test directory below this one)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).parent))

import numpy as np
import pytest
from synthetic_phone import make_trajectory, observation

from distrl_agent.trajectory import Trajectory


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(0)


@pytest.fixture
def trajectory_factory(rng: np.random.Generator) -> Callable[..., Trajectory]:
    return lambda **kw: make_trajectory(rng, **kw)


@pytest.fixture
def observation_factory(rng: np.random.Generator) -> Callable[..., tuple[dict, dict]]:
    return lambda *a, **kw: observation(rng, *a, **kw)
