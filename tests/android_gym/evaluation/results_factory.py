"""Results directories written by the real `ResultsWriter` from episode lines made up by the
tests (no environment runs): for leaderboard tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from android_gym.evaluation import ResultsWriter


def write_results(
    out: Path,
    agent: dict[str, Any],
    successes: list[bool],
    *,
    suite: str = "general",
    split: str = "test",
    sha: str = "a" * 64,
    max_steps: int = 10,
    seed: int = 0,
) -> Path:
    identity = {
        "agent": agent,
        "benchmark": {
            "suite": suite, "split": split, "tasks": len(successes), "task_list_sha256": sha,
            "max_steps": max_steps, "judge": "android_gym.families",
        },
        "protocol": {"trials": 1, "seeds": [seed], "greedy": True, "device": "sim"},
    }  # fmt: skip
    writer = ResultsWriter.open(out, identity)
    for i, ok in enumerate(successes):
        writer.add(
            {
                "goal": f"task {i}", "task_template": f"{suite}/{split}/{i:04d}", "seed": seed,
                "is_successful": ok, "episode_length": 3, "run_time": 0.5,
                "exception_info": None, "task_id": f"{suite}/{split}/{i:04d}", "task_index": i,
                "family": "news", "trial": 0, "invalid_actions": 0, "episode_dir": None,
            }
        )  # fmt: skip
    writer.finish(session_s=1.0, complete=True)
    return out
