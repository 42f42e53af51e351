"""A distrl run as an `android-gym evaluate` agent, and distrl's own evaluation writing a
results directory through android_gym's writer: both see the same episodes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from android_gym.__main__ import main as android_gym_main
from android_gym.evaluation import read_results
from android_gym.recording import read_episode
from distrl_agent.agent import load_policy
from distrl_agent.config import load_config
from distrl_agent.runtime.evaluation import evaluate
from distrl_agent.runtime.trainer import warm_start

SMOKE = Path(__file__).parents[2] / "configs" / "smoke.yaml"


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    """A run directory as `distrl train` leaves it after its warm start (no demonstrations)."""
    config = load_config(SMOKE, ["pretrain.demos=0", "eval.tasks=3"])
    run = tmp_path / "run"
    run.mkdir()
    (run / "config.yaml").write_text(yaml.safe_dump(config.to_dict(), sort_keys=False))
    warm_start(config, run, progress=False)
    return run


def test_a_run_directory_is_an_agent_and_matches_distrls_own_evaluation(
    run_dir: Path, tmp_path: Path
) -> None:
    policy, config = load_policy(run_dir)
    own = tmp_path / "own"
    result = evaluate(policy, config, tasks=3, out=own, record=True, label="before")
    written = read_results(own)
    assert written["agent"]["label"] == "before" and written["agent"]["algorithm"] == "aride"
    assert written["metrics"]["success_rate"] == result.success_rate
    assert written["protocol"]["seeds"] == [config.eval.seed]
    lines = [json.loads(x) for x in (own / "episodes.jsonl").read_text().splitlines()]
    assert [r["is_successful"] for r in sorted(lines, key=lambda r: r["task_index"])] == (
        result.successes
    )
    episode = read_episode(own / lines[0]["episode_dir"])
    assert len(episode) == lines[0]["episode_length"]

    out = tmp_path / "via-android-gym"
    seeds = ["--seeds", str(config.eval.seed)]  # the phones distrl's evaluation saw
    argv = ["evaluate", "--agent", str(run_dir), "--tasks", "3", *seeds, "--out", str(out)]
    assert android_gym_main([*argv, "--quiet", "--no-record"]) == 0
    theirs = read_results(out)
    assert theirs["agent"]["kind"] == "distrl" and theirs["agent"]["algorithm"] == "aride"
    assert theirs["benchmark"]["task_list_sha256"] == written["benchmark"]["task_list_sha256"]
    other = [json.loads(x) for x in (out / "episodes.jsonl").read_text().splitlines()]
    key = lambda r: (r["task_index"], r["is_successful"], r["episode_length"])  # noqa: E731
    assert sorted(map(key, other)) == sorted(map(key, lines))
