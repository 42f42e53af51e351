"""Results directories of real sim episodes, for the viewer's tests and benchmark.

Laid out as the evaluation results contract says (docs/evaluation.md): `results.json`,
`episodes.jsonl` and `episodes/<name>/` recorded by `RecordEpisodes`. The OracleAgent and the
RandomAgent play real tasks of the General test split."""

from __future__ import annotations

import json
import time
from pathlib import Path

import gymnasium as gym

import android_gym  # noqa: F401  (registers the environments)
from android_gym.agents import OracleAgent, RandomAgent
from android_gym.wrappers.record import RecordEpisodes


def write_results(
    out: Path, agent_name: str, task_indices: list[int], *, seed: int = 0, max_steps: int = 6
) -> Path:
    """Plays one episode per task index with `agent_name` ("oracle" or "random") and writes a
    results directory at `out`; returns `out`."""
    env = RecordEpisodes(
        gym.make("AndroidGeneral-v0", split="test", max_steps=max_steps),
        out / "episodes",
        metadata={"agent": agent_name},
    )
    lines = []
    try:
        for index in task_indices:
            agent = OracleAgent() if agent_name == "oracle" else RandomAgent(seed=seed + index)
            started = time.perf_counter()
            obs, info = env.reset(seed=seed, options={"task_index": index})
            steps, success, done = 0, False, False
            while not done:
                obs, _, terminated, truncated, info = env.step(agent.act(obs, info))
                steps += 1
                success = success or bool(info.get("success"))
                done = terminated or truncated
            lines.append(
                {
                    "goal": info["instruction"],
                    "task_template": info["family"],
                    "seed": seed,
                    "is_successful": success,
                    "episode_length": steps,
                    "run_time": time.perf_counter() - started,
                    "exception_info": None,
                    "task_id": info["task_id"],
                    "task_index": index,
                    "family": info["family"],
                    "trial": 0,
                    "episode_dir": env.episodes[-1].relative_to(out).as_posix(),
                }
            )
    finally:
        env.close()
    (out / "episodes.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    results = {"format": "android_gym.results", "version": 1, "agent": {"name": agent_name}}
    (out / "results.json").write_text(json.dumps(results))
    return out
