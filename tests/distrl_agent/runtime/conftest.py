"""Fixtures of the runtime tests: the smoke config, a tiny pointer policy's run directory, and
real trajectories played by it on the simulated phone. Helpers live in runtime_helpers."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from runtime_helpers import prepare_run_dir, smoke_config

from distrl_agent.config import RunConfig
from distrl_agent.rollout import run_episode
from distrl_agent.runtime.components import build_policy, make_env, policy_spec
from distrl_agent.trajectory import Trajectory


@pytest.fixture
def config() -> RunConfig:
    return smoke_config()


@pytest.fixture
def run_dir(tmp_path: Path, config: RunConfig) -> Path:
    prepare_run_dir(config, tmp_path / "run")
    return tmp_path / "run"


@pytest.fixture(scope="module")
def trajectories() -> list[Trajectory]:
    """Six real episodes of a fresh tiny pointer policy (with behaviour log-probs)."""
    config = smoke_config()
    policy = build_policy(policy_spec(config))
    env = make_env(config, "train")
    out = [
        run_episode(env, policy, seed=i, options={"task_index": i}, worker_id="w0")
        for i in range(6)
    ]
    env.close()
    return out
